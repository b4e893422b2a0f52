package dev.zarr4j.codec.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.codec.checksum.Adler32;
import dev.zarr4j.codec.checksum.Crc32;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.Bz2LzmaTest;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.ndarray.DataType;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions against the real numcodecs 0.11 (via /usr/bin/python3) for every filter, checksum
 * and the BZ2 and LZMA compressors, over each dtype they accept and several parameter sets:
 * zarr4j's encoded bytes equal numcodecs' (filters and checksums, which are deterministic), each
 * side decodes the other's encoding to the same bytes, {@code toConfig()} equals {@code
 * get_config()} and {@code toString()} equals {@code repr()}. One Python run checks all cases.
 * (numcodecs 0.11 has no Fletcher32; see ChecksumTest.)
 */
class FilterInteropTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 1 << 26;

  @TempDir Path dir;

  @BeforeAll
  static void requireNumcodecs() throws Exception {
    boolean ok;
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import numcodecs, numpy")
              .redirectErrorStream(true)
              .start();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    Assumptions.assumeTrue(ok, PYTHON + " with numcodecs and numpy is not available");
  }

  private record Case(String name, BytesToBytesCodec codec, String dtype, byte[] raw) {}

  private final List<Case> cases = new ArrayList<>();
  private final SplittableRandom rnd = new SplittableRandom(20261201);

  /** A case; a filter that works on arrays runs on the flat buffer, as numcodecs runs it. */
  private void add(Codec codec, String dtype, byte[] raw) {
    BytesToBytesCodec stage =
        codec instanceof FlatArrayCodec f ? f.onBytes() : (BytesToBytesCodec) codec;
    cases.add(new Case("c" + cases.size(), stage, dtype, raw));
  }

  static final String[] INTS = {
    "|i1", "<i2", ">i2", "<i4", ">i4", "<i8", ">i8", "|u1", "<u2", ">u2", "<u4", ">u4", "<u8", ">u8"
  };
  static final String[] FLOATS = {"<f2", ">f2", "<f4", ">f4", "<f8", ">f8"};

  /** {@code n} elements of {@code dtype} drawn from {@code gen} (rounded to the type). */
  static byte[] values(String dtype, int n, DoubleSupplier gen) {
    DataType t = DataType.parse(dtype);
    NumType nt = NumType.of(t, "test");
    byte[] out = new byte[n * t.itemSize()];
    for (int i = 0; i < n; i++) {
      double v = gen.getAsDouble();
      long carrier = nt.isFloat() ? Num.ofDouble(Num.roundTo(v, nt)) : Num.wrap((long) v, nt);
      Num.write(out, i * t.itemSize(), nt, NumType.bigEndian(t), carrier);
    }
    return out;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private DoubleSupplier floats(double scale) {
    return () -> {
      int k = rnd.nextInt(50);
      if (k == 0) {
        return Double.NaN;
      }
      if (k == 1) {
        return rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      }
      return rnd.nextGaussian() * scale;
    };
  }

  private DoubleSupplier uniform(double lo, double hi) {
    return () -> lo + rnd.nextDouble() * (hi - lo);
  }

  private void buildCases() {
    int[] sizes = {1, 2, 7, 100, 1000, 4099};
    int s = 0;
    // Delta: every integer and float type, then changes of type
    for (String t : INTS) {
      int size = DataType.parse(t).itemSize();
      add(Delta.of(t), t, randomBytes(size * sizes[s++ % sizes.length]));
    }
    for (String t : FLOATS) {
      add(Delta.of(t), t, values(t, sizes[s++ % sizes.length], floats(1000)));
    }
    String[][] deltaPairs = {
      {"<i4", "|i1"}, {"|u1", "<i2"}, {"<f8", "<f4"}, {"<i8", "<u4"}, {"<f4", "<i4"},
      {"<i2", "<f2"}, {">u2", "<f8"}, {"<f2", ">f8"}, {"|i1", "|u1"}, {"<u8", "<f8"}
    };
    for (String[] p : deltaPairs) {
      String t = p[0];
      boolean intData = !t.contains("f");
      DoubleSupplier gen = intData ? () -> rnd.nextInt(-50, 50) + 60 : floats(100);
      // steps that fit the encoded type: a random walk
      double[] walk = {0};
      DoubleSupplier steps =
          () -> {
            walk[0] += intData ? rnd.nextInt(-5, 6) : rnd.nextGaussian();
            return Math.abs(walk[0]) + (intData ? 10 : 0);
          };
      add(Delta.of(p[0], p[1]), t, values(t, 500, rnd.nextBoolean() ? gen : steps));
    }
    // FixedScaleOffset: float data into small integers, integer data, float16 promotions
    Object[][] fso = {
      {1000L, 10L, "<f8", "|u1", 1000.0, 1025.0},
      {1000L, 100L, "<f8", "<u2", 1000.0, 1600.0},
      {0.5, 100L, ">f8", "<i4", -1e5, 1e5},
      {-3L, 7.5, "<f4", "<i2", -4000.0, 4000.0},
      {0L, 1L, "<f4", "|i1", -120.0, 120.0},
      {1000L, 10L, "<f2", "|u1", 1000.0, 1024.0},
      {100L, 4L, "<f2", ">i2", 0.0, 2000.0},
      {0.25, 0.5, "<f4", "<f4", -1e6, 1e6},
      {1000L, 1L, "<i2", "<i2", -30000.0, 30000.0},
      {200L, 3L, "|u1", "<u2", 0.0, 255.0},
      {-5L, 2L, "<i4", "<i8", -1e9, 1e9},
      {1.5, 10L, "<i8", "<f8", -1e12, 1e12},
      {7L, 100L, "<f8", "<i8", -1e9, 1e9},
    };
    for (Object[] f : fso) {
      FixedScaleOffset c =
          FixedScaleOffset.of((Number) f[0], (Number) f[1], (String) f[2], (String) f[3]);
      double lo = (Double) f[4];
      double hi = (Double) f[5];
      boolean intData = !((String) f[2]).contains("f");
      DoubleSupplier g = uniform(lo, hi);
      add(
          c,
          (String) f[2],
          values((String) f[2], 1000, intData ? () -> Math.floor(g.getAsDouble()) : g));
    }
    // Quantize
    String[][] quant = {
      {"<f8", "<f8"},
      {">f8", ">f8"},
      {"<f4", "<f4"},
      {">f4", "<f4"},
      {"<f2", "<f2"},
      {"<f8", "<f4"},
      {"<f4", "<f8"},
      {">f2", "<f4"}
    };
    for (int digits = 0; digits <= 6; digits++) {
      for (String[] q : quant) {
        add(
            Quantize.of(digits, q[0], q[1]),
            q[0],
            values(q[0], 300, floats(q[0].endsWith("2") ? 10 : 1000)));
      }
    }
    // BitRound, in the array's type (numcodecs 0.11 fails on big-endian floats: KeyError '>f4')
    for (String t : new String[] {"<f2", "<f4", "<f8"}) {
      int max = t.endsWith("2") ? 10 : t.endsWith("4") ? 23 : 52;
      for (int keep : new int[] {0, 1, 3, max / 2, max - 1, max}) {
        add(BitRound.of(keep), t, values(t, 700, floats(100)));
      }
    }
    // PackBits
    for (int n : new int[] {0, 1, 7, 8, 9, 1000, 1001}) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) (rnd.nextBoolean() ? 1 : 0);
      }
      add(PackBits.INSTANCE, "|b1", b);
    }
    // AsType between every pair of a set of types, with values each side can hold
    String[] types = {
      "|b1", "|i1", "|u1", "<i2", ">u2", "<i4", "<u4", ">i8", "<u8", "<f2", ">f4", "<f8"
    };
    for (String enc : types) {
      for (String dec : types) {
        DoubleSupplier g = rangeFor(enc, dec);
        add(AsType.of(enc, dec), dec, values(dec, 200, g));
      }
    }
    // Shuffle
    for (int es : new int[] {0, 1, 2, 3, 4, 8, 16}) {
      int n = Math.max(es, 1) * sizes[s++ % sizes.length];
      add(Shuffle.of(es), "|u1", randomBytes(n));
    }
    // checksums
    for (int n : new int[] {0, 1, 5, 1000, 65537}) {
      add(Crc32.INSTANCE, "|u1", randomBytes(n));
      add(Adler32.INSTANCE, "|u1", randomBytes(n));
    }
    // compressors
    for (int level : new int[] {1, 5, 9}) {
      add(Bz2.of(level), "|u1", values("<i4", 30_000, () -> rnd.nextInt(-100, 100)));
      add(Bz2.of(level), "|u1", randomBytes(level * 7));
    }
    for (Lzma l : Bz2LzmaTest.lzmaCodecs()) {
      add(l, "|u1", values("<i4", 20_000, () -> rnd.nextInt(0, 1000) * 3));
    }
  }

  /** Values of {@code dec} that also fit {@code enc} (numbers within both ranges). */
  private DoubleSupplier rangeFor(String enc, String dec) {
    double lo = -1e300;
    double hi = 1e300;
    boolean integral = false;
    for (String t : new String[] {enc, dec}) {
      DataType d = DataType.parse(t);
      switch (d.kind()) {
        case BOOL -> {
          lo = Math.max(lo, 0);
          hi = Math.min(hi, 1);
          integral = true;
        }
        case INT -> {
          double m = Math.pow(2, 8 * d.itemSize() - 1);
          lo = Math.max(lo, -m);
          hi = Math.min(hi, m - 1);
          integral = true;
        }
        case UINT -> {
          lo = Math.max(lo, 0);
          hi = Math.min(hi, Math.pow(2, 8 * d.itemSize()) - 1);
          integral = true;
        }
        default -> {
          double m = d.itemSize() == 2 ? 60000 : d.itemSize() == 4 ? 1e30 : 1e300;
          lo = Math.max(lo, -m);
          hi = Math.min(hi, m);
        }
      }
    }
    double l = Math.max(lo, -1e15);
    double h = Math.min(hi, 1e15);
    boolean ints = integral;
    return () -> {
      double v = l + rnd.nextDouble() * (h - l);
      if (rnd.nextInt(4) == 0) {
        v = Math.max(l, Math.min(h, rnd.nextGaussian() * 50));
      }
      return ints ? Math.floor(v) : v;
    };
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  @Test
  void numcodecsAndZarr4jAgreeByteForByte() throws Exception {
    buildCases();
    List<Map<String, Object>> manifest = new ArrayList<>();
    for (Case c : cases) {
      Files.write(dir.resolve(c.name + ".raw"), c.raw);
      byte[] enc = bytes(c.codec.encode(ByteBuffer.wrap(c.raw), DataType.parse(c.dtype)));
      Files.write(dir.resolve(c.name + ".java.enc"), enc);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name);
      m.put("config", c.codec.toConfig());
      m.put("dtype", c.dtype);
      manifest.add(m);
    }
    JSON.writeValue(dir.resolve("cases.json").toFile(), manifest);
    Path script =
        new File(getClass().getResource("/dev/zarr4j/codec/filters_interop.py").toURI()).toPath();
    Process p =
        new ProcessBuilder(PYTHON, script.toString(), dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("python.log").toFile())
            .start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("python finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("python.log"))).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> results = JSON.readValue(dir.resolve("results.json").toFile(), Map.class);
    assertThat((List<?>) results.get("failures")).as("numcodecs-side failures").isEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> per = (Map<String, Map<String, Object>>) results.get("cases");

    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      String what = c.name + " " + c.codec + " on " + c.dtype + " (" + c.raw.length + " bytes)";
      Map<String, Object> r = per.get(c.name);
      if (!c.codec.toString().equals(r.get("repr"))) {
        failures.add(what + ": repr " + r.get("repr"));
      }
      Object ours = JSON.readValue(JSON.writeValueAsBytes(c.codec.toConfig()), Map.class);
      if (!ours.equals(r.get("config"))) {
        failures.add(what + ": get_config " + r.get("config") + " != toConfig " + ours);
      }
      byte[] javaEnc = Files.readAllBytes(dir.resolve(c.name + ".java.enc"));
      byte[] pyEnc = Files.readAllBytes(dir.resolve(c.name + ".py.enc"));
      byte[] pyDec = Files.readAllBytes(dir.resolve(c.name + ".py.dec"));
      byte[] pyDecOfJava = Files.readAllBytes(dir.resolve(c.name + ".javadec"));
      boolean compressor = c.codec instanceof Bz2 || c.codec instanceof Lzma;
      if (!compressor && !Arrays.equals(javaEnc, pyEnc)) {
        failures.add(
            what
                + ": encoded bytes differ from numcodecs' (first at byte "
                + Arrays.mismatch(javaEnc, pyEnc)
                + ")");
      }
      try {
        byte[] ourDecOfPy = bytes(c.codec.decode(ByteBuffer.wrap(pyEnc), LIMIT));
        if (!Arrays.equals(ourDecOfPy, pyDec)) {
          failures.add(what + ": decoding numcodecs' encoding differs from numcodecs' decoding");
        }
        byte[] ourDec = bytes(c.codec.decode(ByteBuffer.wrap(javaEnc), LIMIT));
        if (!Arrays.equals(ourDec, pyDecOfJava)) {
          failures.add(what + ": numcodecs decodes our encoding differently from us");
        }
        if (compressor && !Arrays.equals(ourDec, c.raw)) {
          failures.add(what + ": compressor round trip differs");
        }
      } catch (RuntimeException e) {
        failures.add(what + ": " + e);
      }
    }
    assertThat(cases.size()).isGreaterThan(300);
    assertThat(failures).as("%d of %d cases", failures.size(), cases.size()).isEmpty();
  }
}
