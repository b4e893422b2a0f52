package dev.zarr4j.codec;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Throwaway single-thread throughput measurement of the compressors on 1 MiB float32 chunks (smooth
 * surface plus noise, like a 512x512 chunk of the array benchmark). Not a test: run with
 *
 * <pre>
 * mvn -q -pl zarr4j-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.zarr4j.codec.CodecTiming [-Dexec.args=OUT_FILE]
 * </pre>
 *
 * With an argument, the chunk is also written to that file so numcodecs can be timed on the same
 * bytes. Numbers are MB/s of decoded data (1 MB = 10^6 bytes). {@code -Dtiming.noise=0.05} sets the
 * noise amplitude (the surface spans about +-10) and {@code -Dtiming.seconds=2} the time per
 * measurement.
 */
public final class CodecTiming {
  private CodecTiming() {}

  /** A 512x512 float32 chunk: a smooth surface plus Gaussian noise. */
  static byte[] chunk() {
    double noise = Double.parseDouble(System.getProperty("timing.noise", "0.05"));
    SplittableRandom rnd = new SplittableRandom(42);
    ByteBuffer b = ByteBuffer.allocate(512 * 512 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        double v = Math.sin(x / 40.0) * Math.cos(y / 55.0) * 10 + (x + y) * 0.01;
        b.putFloat((float) (v + rnd.nextGaussian() * noise));
      }
    }
    return b.array();
  }

  private static double time(Runnable r, double seconds) {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    int n = 0;
    long now;
    do {
      r.run();
      n++;
      now = System.nanoTime();
    } while (now < deadline);
    return (now - start) / 1e9 / n;
  }

  /** Runs the measurement. */
  public static void main(String[] args) throws Exception {
    byte[] data = chunk();
    if (args.length > 0) {
      Files.write(Path.of(args[0]), data);
    }
    Map<String, BytesToBytesCodec> codecs = new LinkedHashMap<>();
    codecs.put("blosc-lz4-shuffle", Blosc.DEFAULT);
    codecs.put("blosc-zstd-shuffle", Blosc.of("zstd", 5, 1, 0));
    codecs.put("blosc-lz4-bitshuffle", Blosc.of("lz4", 5, 2, 0));
    codecs.put("blosc-blosclz-shuffle", Blosc.of("blosclz", 5, 1, 0));
    codecs.put("zstd(1)", Zstd.DEFAULT);
    codecs.put("lz4(1)", Lz4.DEFAULT);
    codecs.put("zlib(1)", Zlib.DEFAULT);
    codecs.put("gzip(1)", GZip.DEFAULT);
    double secs = Double.parseDouble(System.getProperty("timing.seconds", "2"));
    System.out.printf(
        "%-24s %-10s %8s %12s %12s%n", "codec", "path", "ratio", "encode MB/s", "decode MB/s");
    for (boolean pure : new boolean[] {false, true}) {
      CodecOptions options = CodecTestData.options(pure);
      BytesSpec items = CodecTestData.items(4);
      BytesSpec limit = CodecTestData.atMost(data.length);
      for (Map.Entry<String, BytesToBytesCodec> e : codecs.entrySet()) {
        BytesToBytesCodec c = e.getValue();
        ByteBuffer in = ByteBuffer.wrap(data);
        ByteBuffer enc = c.encode(in, items, options);
        // warm up
        time(() -> c.encode(in, items, options), secs / 2);
        time(() -> c.decode(enc, limit, options), secs / 2);
        double te = time(() -> c.encode(in, items, options), secs);
        double td = time(() -> c.decode(enc, limit, options), secs);
        System.out.printf(
            "%-24s %-10s %8.2f %12.0f %12.0f%n",
            e.getKey(),
            pure ? "pure-java" : "native",
            data.length / (double) enc.remaining(),
            data.length / te / 1e6,
            data.length / td / 1e6);
        if (c instanceof Blosc) {
          byte[] dst = new byte[data.length];
          time(() -> c.decodeInto(enc, dst, 0, dst.length, options), secs / 2);
          double ti = time(() -> c.decodeInto(enc, dst, 0, dst.length, options), secs);
          System.out.printf(
              "%-24s %-10s %8s %12s %12.0f  (decodeInto)%n",
              "", "", "", "", data.length / ti / 1e6);
        }
      }
    }
  }
}
