package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.v2.FillValueJson;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zarr v2 interop with the real zarr-python, both directions, for every data type x compressor x
 * memory order x chunk key separator this release supports, with partial edge chunks, unwritten
 * chunks (fill value) and NaN fill values. Values are compared element by element (NaN-aware,
 * bitwise for records), and metadata field by field, including the exact {@code .zarray} layout.
 */
class V2InteropIT {

  /** Every data type of the core issue, in both byte orders where that applies. */
  static final List<Object> DTYPES =
      List.of(
          "|b1",
          "|i1",
          "<i2",
          ">i2",
          "<i4",
          ">i4",
          "<i8",
          ">i8",
          "|u1",
          "<u2",
          ">u2",
          "<u4",
          ">u4",
          "<u8",
          ">u8",
          "<f2",
          ">f2",
          "<f4",
          ">f4",
          "<f8",
          ">f8",
          "<c8",
          ">c8",
          "<c16",
          ">c16",
          "|S7",
          "<U5",
          ">U5",
          "<M8[ns]",
          ">M8[D]",
          "<m8[s]",
          ">m8[ms]",
          "|V6",
          List.of(List.of("a", "<i4"), List.of("b", ">f8", List.of(2)), List.of("c", "|S3")));

  /** No compressor, Blosc (lz4, zstd) x (no, byte, bit shuffle), zlib, gzip, zstd, lz4. */
  static final List<Map<String, Object>> COMPRESSORS = new ArrayList<>();

  static {
    COMPRESSORS.add(null);
    for (String cname : List.of("lz4", "zstd")) {
      for (int shuffle = 0; shuffle <= 2; shuffle++) {
        COMPRESSORS.add(
            config("blosc", "cname", cname, "clevel", 5, "shuffle", shuffle, "blocksize", 0));
      }
    }
    COMPRESSORS.add(config("zlib", "level", 1));
    COMPRESSORS.add(config("gzip", "level", 5));
    COMPRESSORS.add(config("zstd", "level", 3));
    COMPRESSORS.add(config("lz4", "acceleration", 1));
  }

  @TempDir static Path dir;
  static Path script;

  @BeforeAll
  static void setUp() {
    ZarrPython.require();
    script = ZarrPython.script("/interop/zarr_interop.py", dir);
  }

  static Map<String, Object> config(String id, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** One case of the matrix. */
  record Case(
      String id,
      Object dtype,
      long[] shape,
      long[] chunks,
      Map<String, Object> compressor,
      String order,
      String separator,
      Object fillValueJson,
      long seed,
      boolean partial) {

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("dtype", dtype);
      m.put("shape", longs(shape));
      m.put("chunks", longs(chunks));
      m.put("compressor", compressor);
      m.put("filters", null);
      m.put("order", order);
      m.put("separator", separator);
      m.put("fill_value", fillValueJson);
      m.put("seed", seed);
      m.put("partial", partial);
      return m;
    }
  }

  static List<Object> longs(long[] a) {
    List<Object> l = new ArrayList<>();
    for (long x : a) {
      l.add(x);
    }
    return l;
  }

  static List<Case> cases(String prefix, long seedBase) {
    List<Case> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(seedBase);
    int n = 0;
    for (Object dt : DTYPES) {
      DataType dtype = DataType.fromJson(dt);
      for (Map<String, Object> comp : COMPRESSORS) {
        for (String order : List.of("C", "F")) {
          for (String sep : List.of(".", "/")) {
            int ndim = rnd.nextInt(1, 4);
            long[] shape = new long[ndim];
            long[] chunks = new long[ndim];
            for (int d = 0; d < ndim; d++) {
              chunks[d] = rnd.nextInt(1, 5);
              shape[d] =
                  chunks[d] * rnd.nextInt(1, 4) + rnd.nextInt(0, (int) chunks[d]); // edge chunks
            }
            shape[0] = Math.max(shape[0], chunks[0] + 1); // room for an unwritten first chunk row
            Object fill = fillFor(dtype, rnd);
            out.add(
                new Case(
                    prefix + (n++),
                    dt,
                    shape,
                    chunks,
                    comp,
                    order,
                    sep,
                    FillValueJson.encode(fill, dtype),
                    rnd.nextLong(1, Long.MAX_VALUE),
                    rnd.nextInt(3) > 0));
          }
        }
      }
    }
    return out;
  }

  static Object fillFor(DataType dtype, SplittableRandom rnd) {
    switch (dtype.kind()) {
      case FLOAT:
        return rnd.nextBoolean() ? Double.NaN : (rnd.nextBoolean() ? 0.0 : -2.5);
      case COMPLEX:
        return rnd.nextBoolean() ? new Complex(Double.NaN, 1) : new Complex(0.5, -1);
      case INT:
        return (long) rnd.nextInt(-100, 100);
      case UINT:
        return (long) rnd.nextInt(0, 100);
      case BOOL:
        return rnd.nextBoolean();
      case BYTES:
        return "fill".getBytes(StandardCharsets.US_ASCII);
      case UNICODE:
        return rnd.nextBoolean() ? "é-z" : "";
      case DATETIME:
      case TIMEDELTA:
        return rnd.nextBoolean() ? Long.MIN_VALUE : (long) rnd.nextInt(-1000, 1000);
      default:
        {
          byte[] b = new byte[dtype.itemSize()];
          rnd.nextBytes(b);
          return b;
        }
    }
  }

  static void writeCases(Path file, List<Case> cases) throws IOException {
    List<Object> json = new ArrayList<>();
    for (Case c : cases) {
      json.add(c.toJson());
    }
    Files.writeString(file, PythonJson.writePython(json), StandardCharsets.US_ASCII);
  }

  @Test
  void zarrPythonReadsEverythingWeWrite() throws IOException {
    List<Case> cases = cases("j", 20261124);
    Path out = Files.createDirectories(dir.resolve("java-wrote"));
    for (Case c : cases) {
      DataType dtype = DataType.fromJson(c.dtype());
      Object fill = FillValueJson.decode(c.fillValueJson(), dtype);
      BytesToBytesCodec compressor =
          c.compressor() == null
              ? null
              : (BytesToBytesCodec) CodecRegistry.fromConfig(c.compressor());
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .store(new DirectoryStore(out.resolve(c.id() + ".zarr")))
                  .shape(c.shape())
                  .chunks(c.chunks())
                  .dtype(dtype)
                  .compressor(compressor)
                  .fillValue(fill)
                  .order(c.order())
                  .dimensionSeparator(c.separator())
                  .build());
      int[] shape = toInts(c.shape());
      NdArray expected = NdArray.full(dtype, fill, shape);
      SplittableRandom rnd = new SplittableRandom(c.seed());
      int from = c.partial() ? (int) c.chunks()[0] : 0;
      int[] sub = shape.clone();
      sub[0] -= from;
      NdArray data = NdArray.zeros(dtype, sub);
      for (int i = 0; i < data.size(); i++) {
        data.setFlat(i, randomValue(rnd, dtype));
      }
      // the model: copy data into rows [from, end) of expected, element by element
      int rowSize = data.size() / Math.max(1, sub[0]);
      for (int i = 0; i < data.size(); i++) {
        expected.setFlat(from * rowSize + i, data.getFlat(i));
      }
      Object[] sel = new Object[shape.length];
      sel[0] = Slice.from(from);
      for (int d = 1; d < shape.length; d++) {
        sel[d] = Slice.all();
      }
      z.set(BasicSelection.of(sel), data);
      Npy.write(out.resolve(c.id() + ".npy"), expected);
    }
    Path casesFile = dir.resolve("java-cases.json");
    writeCases(casesFile, cases);
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(script.toString(), "verify", casesFile.toString(), out.toString()), 900);
    assertThat(r.output()).as("zarr-python verify output").doesNotContain("FAIL");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains(cases.size() + " verified, 0 failed");
  }

  @Test
  void weReadEverythingZarrPythonWrites() throws IOException {
    List<Case> cases = cases("p", 42);
    Path out = Files.createDirectories(dir.resolve("python-wrote"));
    Path casesFile = dir.resolve("python-cases.json");
    writeCases(casesFile, cases);
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(script.toString(), "write", casesFile.toString(), out.toString()), 900);
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      try {
        ZarrArray z =
            Zarr.openArray(new DirectoryStore(out.resolve(c.id() + ".zarr")), OpenMode.READ);
        DataType dtype = DataType.fromJson(c.dtype());
        NdArray expected = Npy.read(out.resolve(c.id() + ".npy"));
        check(failures, c, "dtype", z.dtype(), dtype);
        check(failures, c, "order", z.order().name(), c.order());
        check(failures, c, "separator", z.dimensionSeparator(), c.separator());
        check(failures, c, "chunks", longs(toLongs(z.chunks())), longs(c.chunks()));
        check(
            failures,
            c,
            "compressor",
            z.compressor() == null ? null : z.compressor().toConfig(),
            c.compressor() == null ? null : CodecRegistry.fromConfig(c.compressor()).toConfig());
        check(failures, c, "fill", FillValueJson.encode(z.fillValue(), dtype), c.fillValueJson());
        NdArray got = z.get();
        if (!got.equals(expected)) {
          failures.add(
              c.id() + " " + c.toJson() + ": values differ: got " + got + " expected " + expected);
        }
      } catch (RuntimeException e) {
        failures.add(c.id() + " " + c.toJson() + ": " + e);
      }
    }
    assertThat(failures).as("%d of %d cases failed", failures.size(), cases.size()).isEmpty();
  }

  /**
   * For arrays written here (uncompressed, so stored sizes are identical), zarr-python's info
   * report equals ours line for line except the two lines that name implementation classes.
   */
  @Test
  void infoMatchesZarrPythonFigures() throws IOException {
    Path root = Files.createDirectories(dir.resolve("info"));
    DirectoryStore store = new DirectoryStore(root);
    ZarrArray a =
        Zarr.zeros(
            ArrayOptions.builder()
                .store(store)
                .path("foo/bar")
                .shape(1000, 1000)
                .chunks(100, 100)
                .dtype("f4")
                .compressor(null)
                .build());
    a.set("0:550, 0:730", 4.2);
    a.attrs().put("units", "m");
    ZarrArray b =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .path("baz")
                .shape(7)
                .chunks(7)
                .dtype("<U3")
                .fillValue("")
                .compressor(null)
                .order("F")
                .readOnly(false)
                .build());
    b.set("abc");
    ZarrArray big =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .path("big")
                .shape(3000, 2000)
                .chunks(1000, 1000)
                .dtype("i8")
                .build());
    big.set("0:1000, 0:1000", 5);
    String code =
        "import zarr,sys\n"
            + "for p in sys.argv[2:]:\n"
            + "    print(repr(zarr.open_array(zarr.DirectoryStore(sys.argv[1]), mode='r+', path=p).info), end='')\n"
            + "    print('----')\n";
    ZarrPython.Result r =
        ZarrPython.run(List.of("-c", code, root.toString(), "foo/bar", "baz", "big"), 120);
    assertThat(r.exitCode()).as(r.output()).isZero();
    String[] theirs = r.output().split("----\n");
    ZarrArray[] ours = {a, b, big};
    for (int i = 0; i < ours.length; i++) {
      String mine = ours[i].info().toString();
      String expected =
          theirs[i]
              .replace("zarr.core.Array", "dev.zarr4j.ZarrArray")
              .replace("zarr.storage.DirectoryStore", "dev.zarr4j.store.DirectoryStore");
      if (ours[i] == big) {
        // compressed sizes differ between Blosc implementations: compare every other line
        mine = mine.replaceAll("(?m)^(No. bytes stored|Storage ratio) .*\n", "");
        expected = expected.replaceAll("(?m)^(No. bytes stored|Storage ratio) .*\n", "");
      }
      assertThat(mine).isEqualTo(expected);
    }
  }

  private static void check(
      List<String> failures, Case c, String what, Object got, Object expected) {
    boolean same =
        got == null
            ? expected == null
            : got.equals(expected) || String.valueOf(got).equals(String.valueOf(expected));
    if (!same) {
      failures.add(c.id() + " " + what + ": got " + got + " expected " + expected);
    }
  }

  static Object randomValue(SplittableRandom rnd, DataType dtype) {
    switch (dtype.kind()) {
      case BOOL:
        return rnd.nextBoolean();
      case INT:
        return rnd.nextLong() >> (64 - dtype.itemSize() * 8);
      case UINT:
        return rnd.nextLong() >>> (64 - dtype.itemSize() * 8);
      case FLOAT:
        {
          int k = rnd.nextInt(12);
          if (k == 0) {
            return Double.NaN;
          }
          if (k == 1) {
            return rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          }
          return rnd.nextGaussian() * 1000;
        }
      case COMPLEX:
        return new Complex(rnd.nextGaussian() * 100, rnd.nextGaussian() * 100);
      case BYTES:
        {
          byte[] b = new byte[rnd.nextInt(0, dtype.itemSize() + 1)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(1, 256);
          }
          return b;
        }
      case UNICODE:
        {
          int[] pool = {'a', 'z', 0xE9, 0x3B1, 0x4E2D, 0x1F600};
          StringBuilder sb = new StringBuilder();
          int n = rnd.nextInt(0, dtype.length() + 1);
          for (int i = 0; i < n; i++) {
            sb.appendCodePoint(pool[rnd.nextInt(pool.length)]);
          }
          return sb.toString();
        }
      case DATETIME:
      case TIMEDELTA:
        return rnd.nextInt(20) == 0
            ? Long.MIN_VALUE
            : rnd.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
      default:
        {
          byte[] b = new byte[dtype.itemSize()];
          rnd.nextBytes(b);
          return b;
        }
    }
  }

  static int[] toInts(long[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (int) a[i];
    }
    return out;
  }

  static long[] toLongs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
