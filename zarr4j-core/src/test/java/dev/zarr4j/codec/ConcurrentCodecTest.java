package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shared codec instances used from many threads at once (their scratch state is per thread), and
 * with different {@link CodecOptions} at once (the path is chosen per call, nothing is shared).
 */
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

  /**
   * One instance of each codec, called at the same time from two threads, one with {@link
   * CodecOptions#AUTO} and one with {@link CodecOptions#PURE_JAVA}: every call takes the path its
   * own options ask for, whatever the other thread asks for meanwhile, and each decodes the other's
   * frames. The paths are told apart by what they write (each call's frame must be the one its path
   * wrote alone, byte for byte) and by how they fail on corrupt input (only the pure-Java decoders
   * fail with the compression library's {@link DecompressionException}).
   */
  @Test
  @Timeout(180)
  void oneInstanceRunsEachCallOnThePathItsOptionsAskFor() throws Exception {
    Zstd zstd = Zstd.of(3, true);
    Lz4 lz4 = Lz4.of(1);
    List<BytesToBytesCodec> codecs =
        List.of(
            zstd,
            Zstd.of(1),
            lz4,
            Blosc.of("zstd", 5, 1, 0),
            Blosc.of("lz4", 5, 1, 0),
            Blosc.of("lz4hc", 5, 2, 0));
    SplittableRandom rnd = new SplittableRandom(20261206);
    List<byte[]> chunks =
        List.of(
            CodecTestData.generate(CodecTestData.Kind.SMOOTH_FLOAT32, 200_000, 4, rnd),
            CodecTestData.generate(CodecTestData.Kind.PATTERN, 100_003, 4, rnd),
            CodecTestData.generate(CodecTestData.Kind.SMALL_INTS, 65_536, 4, rnd));
    CodecOptions[] paths = {CodecOptions.AUTO, CodecOptions.PURE_JAVA};

    // what each path writes, one call at a time: [path][codec][chunk]
    byte[][][][] written = new byte[2][codecs.size()][chunks.size()][];
    for (int p = 0; p < 2; p++) {
      for (int c = 0; c < codecs.size(); c++) {
        for (int k = 0; k < chunks.size(); k++) {
          written[p][c][k] =
              CodecTestData.bytes(
                  codecs
                      .get(c)
                      .encode(ByteBuffer.wrap(chunks.get(k)), CodecTestData.items(4), paths[p]));
        }
      }
    }
    // where the native libraries loaded, their frames differ from the pure-Java encoders' (zstd's
    // on every chunk, Blosc-LZ4's on the float chunk), so a call that took the other thread's
    // path would show
    if (CodecOptions.AUTO.usesNative(CodecBackend.Library.ZSTD)) {
      for (int k = 0; k < chunks.size(); k++) {
        assertThat(written[0][0][k]).as("zstd chunk %d", k).isNotEqualTo(written[1][0][k]);
      }
    }
    if (CodecOptions.AUTO.usesNative(CodecBackend.Library.LZ4)) {
      assertThat(written[0][4][0]).as("blosc-lz4 chunk 0").isNotEqualTo(written[1][4][0]);
    }

    // corrupt input that fails in the decoder (not in the pure-Java header checks before it)
    byte[] badZstd = written[0][0][0].clone();
    badZstd[badZstd.length - 1] ^= 1; // the content checksum
    byte[] badLz4 = new byte[6];
    ByteBuffer.wrap(badLz4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 8);
    badLz4[4] = 0x30; // three literals announced, one present
    badLz4[5] = 1;

    int rounds = 12;
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int mine = t;
        int theirs = 1 - t;
        CodecOptions options = paths[mine];
        futures.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  int calls = 0;
                  for (int r = 0; r < rounds; r++) {
                    for (int c = 0; c < codecs.size(); c++) {
                      BytesToBytesCodec codec = codecs.get(c);
                      for (int k = 0; k < chunks.size(); k++) {
                        byte[] data = chunks.get(k);
                        String what = codec + " chunk " + k + " " + options + " round " + r;
                        byte[] enc =
                            CodecTestData.bytes(
                                codec.encode(
                                    ByteBuffer.wrap(data), CodecTestData.items(4), options));
                        assertThat(enc)
                            .as("its own path's frame: " + what)
                            .isEqualTo(written[mine][c][k]);
                        ByteBuffer other = ByteBuffer.wrap(written[theirs][c][k]);
                        assertThat(
                                CodecTestData.bytes(
                                    codec.decode(
                                        other, CodecTestData.atMost(data.length), options)))
                            .as("the other path's frame: " + what)
                            .isEqualTo(data);
                        byte[] into = new byte[data.length + 2];
                        codec.decodeInto(other, into, 1, data.length, options);
                        assertThat(Arrays.copyOfRange(into, 1, 1 + data.length))
                            .as("the other path's frame, into an array: " + what)
                            .isEqualTo(data);
                        calls += 3;
                      }
                    }
                    assertFailsOnItsPath(
                        zstd, badZstd, 300_000, options, CodecBackend.Library.ZSTD);
                    assertFailsOnItsPath(lz4, badLz4, 8, options, CodecBackend.Library.LZ4);
                    calls += 2;
                  }
                  return calls;
                }));
      }
      for (Future<Integer> f : futures) {
        assertThat(f.get()).isEqualTo(rounds * (codecs.size() * chunks.size() * 3 + 2));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Decoding {@code bad} fails with a {@link CodecException} whose cause shows the decoder that
   * ran: the compression library's {@link DecompressionException} on the pure-Java path, the native
   * library's own exception where {@code options} use it.
   */
  private static void assertFailsOnItsPath(
      BytesToBytesCodec codec,
      byte[] bad,
      int size,
      CodecOptions options,
      CodecBackend.Library library) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> codec.decode(ByteBuffer.wrap(bad), CodecTestData.atMost(size), options));
    assertThat(t).as("%s %s", codec, options).isInstanceOf(CodecException.class);
    if (options.usesNative(library)) {
      assertThat(t.getCause())
          .as("%s %s: %s", codec, options, t)
          .isNotNull()
          .isNotInstanceOf(DecompressionException.class);
    } else {
      assertThat(t.getCause())
          .as("%s %s: %s", codec, options, t)
          .isInstanceOf(DecompressionException.class);
    }
  }
}
