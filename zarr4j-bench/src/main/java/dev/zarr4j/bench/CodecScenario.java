package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The codecs scenario: encode and decode throughput of each compressor alone, on one thread, on the
 * same float32 chunks (the main scenario's 1 MiB 512 x 512 chunks, taken along the diagonal of the
 * array), for zarr4j's default path (native libraries where they load: {@link CodecOptions#AUTO}),
 * its pure-Java path ({@link CodecOptions#PURE_JAVA}, passed to every call) and numcodecs,
 * single-threaded and, for Blosc, on c-blosc's own threads for reference. Each measurement runs
 * whole passes over the chunks until a minimum time has passed; each repetition measures every side
 * once, taking turns to go first. Afterwards each side decodes the other's encoded chunks once and
 * compares them with the data.
 */
final class CodecScenario {
  /** Targets, against numcodecs on one thread (best of the run), for the targeted codecs. */
  static final double DEFAULT_TARGET = 0.9;

  static final double PURE_JAVA_TARGET = 0.5;

  /** One codec to measure. */
  record Case(String name, BytesToBytesCodec codec, int maxChunks, boolean targeted) {
    boolean blosc() {
      return codec instanceof Blosc;
    }
  }

  /** Every codec of the scenario, in table order. */
  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("blosc-lz4-shuffle", Blosc.of("lz4", 5, 1, 0), Integer.MAX_VALUE, true));
    c.add(new Case("blosc-zstd-shuffle", Blosc.of("zstd", 5, 1, 0), Integer.MAX_VALUE, true));
    c.add(new Case("blosc-lz4-bitshuffle", Blosc.of("lz4", 5, 2, 0), Integer.MAX_VALUE, false));
    c.add(new Case("zstd-1", Zstd.of(1), Integer.MAX_VALUE, true));
    c.add(new Case("zstd-3", Zstd.of(3), Integer.MAX_VALUE, true));
    c.add(new Case("lz4", Lz4.of(1), Integer.MAX_VALUE, true));
    c.add(new Case("zlib-1", Zlib.of(1), 4, true));
    c.add(new Case("gzip-1", GZip.of(1), 4, false));
    c.add(new Case("bz2-1", Bz2.of(1), 2, false));
    c.add(new Case("lzma", Lzma.DEFAULT, 1, false));
    return c;
  }

  /** What an encode sees: float32 chunk bytes (Blosc's typesize 4). */
  private static final BytesSpec FLOAT32_BYTES = BytesSpec.unbounded(DataType.FLOAT32);

  /** The options a zarr4j side runs with: pure Java for "pure-java", else native where it loads. */
  static CodecOptions options(String side) {
    return side.equals("pure-java") ? CodecOptions.PURE_JAVA : CodecOptions.AUTO;
  }

  /** The sides measured, in table order. */
  static final List<String> SIDES = List.of("default", "pure-java", "numcodecs", "numcodecs-2t");

  private CodecScenario() {}

  /**
   * The chunk-aligned square blocks along the diagonal of {@code data}, as raw little-endian bytes.
   */
  static List<byte[]> diagonalChunks(NdArray data, int chunk, int count) {
    float[] d = (float[]) data.data();
    int n = data.shape(1);
    List<byte[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      ByteBuffer b = ByteBuffer.allocate(chunk * chunk * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < chunk; i++) {
        b.asFloatBuffer().position(i * chunk).put(d, (k * chunk + i) * n + k * chunk, chunk);
      }
      out.add(b.array());
    }
    return out;
  }

  static void run(PeerBench.Options o, Path tmp, NdArray data, PythonWorker py, Report report)
      throws Exception {
    System.err.println("codecs scenario...");
    int chunk = o.chunk;
    int count = Math.min(o.codecChunks, Math.min(data.shape(0), data.shape(1)) / chunk);
    List<byte[]> chunks = diagonalChunks(data, chunk, count);
    int chunkBytes = chunk * chunk * 4;
    if (py != null) {
      float[] all = new float[count * chunk * chunk];
      for (int k = 0; k < count; k++) {
        ByteBuffer.wrap(chunks.get(k))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(all, k * chunk * chunk, chunk * chunk);
      }
      Path npy = tmp.resolve("codec-chunks.npy");
      Npy.write(npy, NdArray.of(all, count, chunk, chunk));
      py.call("codecs_load", Map.of("npy", npy.toString()));
    }
    Report.CodecTable table = report.codecTable(count, chunk, o.codecSeconds);
    for (Case c : cases()) {
      if (o.codecList != null && !o.codecList.contains(c.name())) {
        continue;
      }
      measure(o, tmp, c, chunks.subList(0, Math.min(count, c.maxChunks())), chunkBytes, py, table);
    }
  }

  private static void measure(
      PeerBench.Options o,
      Path tmp,
      Case c,
      List<byte[]> chunks,
      int chunkBytes,
      PythonWorker py,
      Report.CodecTable table)
      throws Exception {
    System.err.println("  " + c.name() + "...");
    int n = chunks.size();
    BytesToBytesCodec codec = c.codec();
    Map<String, Stats> enc = new LinkedHashMap<>();
    Map<String, Stats> dec = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    List<String> sides = new ArrayList<>(List.of("default", "pure-java"));
    if (py != null) {
      sides.add("numcodecs");
      if (c.blosc()) {
        sides.add("numcodecs-2t");
      }
    }
    for (String s : sides) {
      enc.put(s, new Stats());
      dec.put(s, new Stats());
    }
    Map<String, Object> config = codec.toConfig();
    for (int rep = -o.warmup; rep < o.reps; rep++) {
      boolean javaFirst = (rep & 1) == 0;
      for (int half = 0; half < 2; half++) {
        boolean java = (half == 0) == javaFirst;
        for (String s : sides) {
          if (s.startsWith("numcodecs") == java) {
            continue;
          }
          double[] r;
          long size;
          if (java) {
            CodecOptions options = options(s);
            ByteBuffer[] e = encodeAll(codec, chunks, options);
            size = encodedBytes(e);
            r = javaTime(codec, chunks, e, chunkBytes, o.codecSeconds, options);
          } else {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("config", config);
            args.put("mode", s.equals("numcodecs") ? "nothreads" : "threads");
            args.put("count", n);
            args.put("seconds", o.codecSeconds);
            JsonNode j = py.call("codec_time", args);
            r = new double[] {j.get("encode").asDouble(), j.get("decode").asDouble()};
            size = j.get("encoded_bytes").asLong();
          }
          sizes.put(s, size);
          if (rep >= 0) {
            enc.get(s).add(r[0]);
            dec.get(s).add(r[1]);
          }
        }
      }
    }
    String check = crossCheck(tmp, c, chunks, py);
    double raw = (double) n * chunkBytes;
    Map<String, Double> ratios = new LinkedHashMap<>();
    sizes.forEach((s, b) -> ratios.put(s, raw / b));
    table.add(c.name(), c.targeted(), n, enc, dec, ratios, check);
  }

  private static ByteBuffer[] encodeAll(
      BytesToBytesCodec codec, List<byte[]> chunks, CodecOptions options) {
    ByteBuffer[] e = new ByteBuffer[chunks.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = encode(codec, ByteBuffer.wrap(chunks.get(i)), options);
    }
    return e;
  }

  /** Encodes one float32 chunk on the path {@code options} asks for. */
  static ByteBuffer encode(BytesToBytesCodec codec, ByteBuffer chunk, CodecOptions options) {
    return codec.encode(chunk, FLOAT32_BYTES, options);
  }

  private static long encodedBytes(ByteBuffer[] e) {
    long s = 0;
    for (ByteBuffer b : e) {
      s += b.remaining();
    }
    return s;
  }

  /**
   * Decodes one chunk straight into the caller's array ({@link BytesToBytesCodec#decodeInto}), as
   * numcodecs decodes into a given array, on the path {@code options} asks for.
   */
  static void decodeInto(
      BytesToBytesCodec codec, ByteBuffer encoded, byte[] dst, CodecOptions options) {
    codec.decodeInto(encoded, dst, 0, dst.length, options);
  }

  /**
   * Seconds per chunk of encode and decode, each over whole passes lasting at least {@code min}.
   */
  private static double[] javaTime(
      BytesToBytesCodec codec,
      List<byte[]> chunks,
      ByteBuffer[] encoded,
      int chunkBytes,
      double min,
      CodecOptions options) {
    int n = chunks.size();
    ByteBuffer[] in = new ByteBuffer[n];
    for (int i = 0; i < n; i++) {
      in[i] = ByteBuffer.wrap(chunks.get(i));
    }
    byte[] out = new byte[chunkBytes];
    System.gc();
    double e = timed(i -> encode(codec, in[i], options), n, min);
    double d = timed(i -> decodeInto(codec, encoded[i], out, options), n, min);
    return new double[] {e, d};
  }

  /** Runs {@code op(0..n-1)} in whole passes until {@code min} seconds have passed; s per call. */
  static double timed(IntConsumer op, int n, double min) {
    long limit = (long) (min * 1e9);
    long t0 = System.nanoTime();
    long calls = 0;
    long t;
    do {
      for (int i = 0; i < n; i++) {
        op.accept(i);
      }
      calls += n;
      t = System.nanoTime() - t0;
    } while (t < limit);
    return t / 1e9 / calls;
  }

  /**
   * Each side decodes the other's encoded chunks once (zarr4j with both paths, numcodecs what both
   * zarr4j paths wrote) and compares them with the data; returns a short verdict.
   */
  private static String crossCheck(Path tmp, Case c, List<byte[]> chunks, PythonWorker py)
      throws IOException {
    int n = chunks.size();
    BytesToBytesCodec codec = c.codec();
    Path dir = Files.createDirectories(tmp.resolve("codecs").resolve(c.name()));
    byte[] out = new byte[chunks.get(0).length];
    // each zarr4j path decodes what the other wrote
    for (boolean pure : new boolean[] {false, true}) {
      CodecOptions options = pure ? CodecOptions.PURE_JAVA : CodecOptions.AUTO;
      for (int i = 0; i < n; i++) {
        ByteBuffer e = encode(codec, ByteBuffer.wrap(chunks.get(i)), options);
        byte[] b = new byte[e.remaining()];
        e.duplicate().get(b);
        Files.write(dir.resolve((pure ? "java-pure-" : "java-default-") + i), b);
      }
    }
    List<String> prefixes = new ArrayList<>(List.of("java-default", "java-pure"));
    if (py != null) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("config", codec.toConfig());
      args.put("dir", dir.toString());
      args.put("count", n);
      py.call("codec_dump", args);
      prefixes.add("py");
      for (String p : List.of("java-default", "java-pure")) {
        args.put("prefix", p);
        JsonNode r = py.call("codec_check", args);
        if (!r.get("equal").asBoolean()) {
          throw new IllegalStateException(
              "numcodecs decodes zarr4j's "
                  + p
                  + " "
                  + c.name()
                  + " chunks "
                  + r.get("bad")
                  + " differently");
        }
      }
    }
    for (boolean pure : new boolean[] {false, true}) {
      CodecOptions options = pure ? CodecOptions.PURE_JAVA : CodecOptions.AUTO;
      BytesSpec limit = BytesSpec.atMost(out.length, DataType.UINT8);
      for (String p : prefixes) {
        for (int i = 0; i < n; i++) {
          ByteBuffer e = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(p + "-" + i)));
          Arrays.fill(out, (byte) 0x5A);
          decodeInto(codec, e, out, options);
          ByteBuffer viaDecode = codec.decode(e, limit, options);
          if (!Arrays.equals(out, chunks.get(i))
              || !viaDecode.equals(ByteBuffer.wrap(chunks.get(i)))) {
            throw new IllegalStateException(
                "zarr4j ("
                    + (pure ? "pure-java" : "default")
                    + ") decodes "
                    + p
                    + " "
                    + c.name()
                    + " chunk "
                    + i
                    + " differently");
          }
        }
      }
    }
    return py != null ? "ok both ways" : "ok (zarr4j only)";
  }
}
