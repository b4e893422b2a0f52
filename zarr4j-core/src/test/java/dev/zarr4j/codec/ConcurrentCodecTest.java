package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared codec instances used from many threads at once (their scratch state is per thread). */
class ConcurrentCodecTest {

  @Test
  @Timeout(120)
  void codecsAreSafeToShareAcrossThreads() throws Exception {
    List<BytesToBytesCodec> codecs =
        List.of(
            Blosc.DEFAULT,
            Blosc.of("zstd", 5, 2, 0),
            Blosc.of("blosclz", 9, 1, 0),
            Blosc.of("zlib", 1, 1, 0),
            Blosc.of("snappy", 3, 0, 0),
            Blosc.of("lz4hc", 4, -1, 0),
            Zstd.of(3),
            Lz4.of(2),
            Zlib.DEFAULT,
            GZip.DEFAULT);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int seed = t;
        futures.add(
            pool.submit(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(seed);
                  for (int i = 0; i < 40; i++) {
                    BytesToBytesCodec c = codecs.get(rnd.nextInt(codecs.size()));
                    int ts = 1 << rnd.nextInt(4);
                    CodecTestData.Kind kind =
                        CodecTestData.Kind.values()[
                            rnd.nextInt(CodecTestData.Kind.values().length)];
                    byte[] data = CodecTestData.generate(kind, rnd.nextInt(300_000), ts, rnd);
                    ByteBuffer enc = c.encode(ByteBuffer.wrap(data), ts);
                    byte[] back = CodecTestData.bytes(c.decode(enc, data.length));
                    assertThat(back).as("%s %s ts=%d", c, kind, ts).isEqualTo(data);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
