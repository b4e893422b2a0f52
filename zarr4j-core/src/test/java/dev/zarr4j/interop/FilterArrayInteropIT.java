package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.v2.FillValueJson;
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
 * Arrays with filter chains and the BZ2 and LZMA compressors, both directions against zarr-python
 * 2.13: zarr-python writes (the docs' Delta + Blosc zstd, Quantize + Adler32, FixedScaleOffset +
 * zlib, LZMA with delta + lzma2, bz2 ...) and zarr4j reads the same values; zarr4j writes and
 * zarr-python reads the same values, filters and compressor. Lossy filters are compared with what
 * each side reads back, which must agree.
 */
class FilterArrayInteropIT {
  @TempDir static Path dir;
  static Path script;

  @BeforeAll
  static void setUp() {
    ZarrPython.require();
    script = ZarrPython.script("/interop/zarr_interop.py", dir);
  }

  static Map<String, Object> c(String id, Object... kv) {
    return V2InteropIT.config(id, kv);
  }

  /** dtype, filters, compressor, whether zarr-python can read it (numcodecs 0.11's LZMA bug). */
  record Chain(
      String dtype,
      List<Map<String, Object>> filters,
      Map<String, Object> compressor,
      boolean pythonReads) {}

  static List<Chain> chains() {
    Map<String, Object> blosc =
        c("blosc", "cname", "zstd", "clevel", 1, "shuffle", 1, "blocksize", 0);
    Map<String, Object> zlib = c("zlib", "level", 1);
    List<Map<String, Object>> lzmaFilters = List.of(c("delta", "dist", 4), c("lzma2", "preset", 1));
    // lzma filter specs are plain dicts with integer ids
    List<Map<String, Object>> specs = new ArrayList<>();
    for (Map<String, Object> f : lzmaFilters) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", f.get("id").equals("delta") ? 3 : 33);
      f.forEach(
          (k, v) -> {
            if (!k.equals("id")) {
              m.put(k, v);
            }
          });
      specs.add(m);
    }
    return List.of(
        new Chain("<i4", List.of(c("delta", "dtype", "<i4", "astype", "<i4")), blosc, true),
        new Chain(
            "<f8",
            List.of(c("quantize", "digits", 2, "dtype", "<f8", "astype", "<f8"), c("adler32")),
            zlib,
            true),
        new Chain(
            "<f8",
            List.of(
                c(
                    "fixedscaleoffset",
                    "scale",
                    10,
                    "offset",
                    1000,
                    "dtype",
                    "<f8",
                    "astype",
                    "|u1")),
            zlib,
            true),
        new Chain(
            "<i4",
            null,
            c("lzma", "format", 1, "check", -1, "preset", null, "filters", specs),
            false),
        new Chain(
            "<i4",
            null,
            c("lzma", "format", 3, "check", -1, "preset", null, "filters", specs),
            true),
        new Chain(
            "<f4", null, c("lzma", "format", 2, "check", -1, "preset", 6, "filters", null), true),
        new Chain("<i8", null, c("bz2", "level", 9), true),
        new Chain(
            "|b1",
            List.of(c("packbits")),
            c("blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0),
            true),
        new Chain("<f4", List.of(c("bitround", "keepbits", 10)), c("zstd", "level", 3), true),
        new Chain(
            "<f8",
            List.of(c("astype", "encode_dtype", "<f4", "decode_dtype", "<f8")),
            c("gzip", "level", 5),
            true),
        new Chain("<i2", List.of(c("shuffle", "elementsize", 2)), zlib, true),
        new Chain(">i4", List.of(c("delta", "dtype", ">i4", "astype", ">i2")), null, true),
        new Chain(
            "<u2",
            List.of(c("delta", "dtype", "<u2", "astype", "<u2"), c("crc32")),
            c("blosc", "cname", "lz4", "clevel", 5, "shuffle", 2, "blocksize", 0),
            true),
        new Chain(
            "<f8",
            List.of(
                c("delta", "dtype", "<f8", "astype", "<f8"),
                c("astype", "encode_dtype", "<f4", "decode_dtype", "<f8")),
            zlib,
            true),
        new Chain(
            "<f2",
            List.of(c("quantize", "digits", 1, "dtype", "<f2", "astype", "<f2"), c("crc32")),
            c("lzma", "format", 1, "check", 4, "preset", 1, "filters", null),
            true),
        new Chain(
            "<i8",
            List.of(
                c("fixedscaleoffset", "scale", 2, "offset", -7, "dtype", "<i8", "astype", "<i4")),
            c("bz2", "level", 1),
            true));
  }

  static List<Map<String, Object>> cases(String prefix, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    int n = 0;
    for (Chain ch : chains()) {
      if (!ch.pythonReads()) {
        continue; // see lzmaXzWithFiltersDocsExample
      }
      for (String order : List.of("C", "F")) {
        DataType dtype = DataType.parse(ch.dtype());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", prefix + n++);
        m.put("dtype", ch.dtype());
        long c0 = rnd.nextInt(2, 9);
        long c1 = rnd.nextInt(2, 9);
        m.put(
            "shape", List.of(c0 * 2 + rnd.nextInt(1, (int) c0), c1 * 3 + rnd.nextInt(0, (int) c1)));
        m.put("chunks", List.of(c0, c1));
        m.put("compressor", ch.compressor());
        m.put("filters", ch.filters());
        m.put("order", order);
        m.put("separator", ".");
        m.put("fill_value", FillValueJson.encode(V2InteropIT.fillFor(dtype, rnd), dtype));
        m.put("seed", rnd.nextLong(1, Long.MAX_VALUE));
        m.put("partial", rnd.nextBoolean());
        out.add(m);
      }
    }
    return out;
  }

  static void writeCases(Path file, List<Map<String, Object>> cases) throws IOException {
    Files.writeString(file, PythonJson.writePython(cases), StandardCharsets.US_ASCII);
  }

  @SuppressWarnings("unchecked")
  static List<Codec> filters(Map<String, Object> c) {
    List<Codec> out = new ArrayList<>();
    if (c.get("filters") != null) {
      for (Object f : (List<Object>) c.get("filters")) {
        out.add(CodecRegistry.fromConfig((Map<String, Object>) f));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static BytesToBytesCodec compressor(Map<String, Object> c) {
    Object comp = c.get("compressor");
    return comp == null
        ? null
        : (BytesToBytesCodec) CodecRegistry.fromConfig((Map<String, Object>) comp);
  }

  static long[] longs(Object list) {
    List<?> l = (List<?>) list;
    long[] a = new long[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).longValue();
    }
    return a;
  }

  @Test
  void weReadWhatZarrPythonWrites() throws IOException {
    List<Map<String, Object>> cases = cases("p", 7);
    Path out = Files.createDirectories(dir.resolve("python-wrote"));
    Path file = dir.resolve("python-cases.json");
    writeCases(file, cases);
    ZarrPython.Result r =
        ZarrPython.run(List.of(script.toString(), "write", file.toString(), out.toString()), 600);
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      try {
        ZarrArray z =
            Zarr.openArray(new DirectoryStore(out.resolve(c.get("id") + ".zarr")), OpenMode.READ);
        assertThat(z.filters()).isEqualTo(filters(c));
        assertThat(z.compressor()).isEqualTo(compressor(c));
        NdArray expected = Npy.read(out.resolve(c.get("id") + ".npy"));
        NdArray got = z.get();
        if (!got.equals(expected)) {
          failures.add(c + ": values differ");
        }
      } catch (RuntimeException | AssertionError e) {
        failures.add(c + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void zarrPythonReadsWhatWeWrite() throws IOException {
    List<Map<String, Object>> cases = cases("j", 11);
    Path out = Files.createDirectories(dir.resolve("java-wrote"));
    for (Map<String, Object> c : cases) {
      DataType dtype = DataType.parse((String) c.get("dtype"));
      Object fill = FillValueJson.decode(c.get("fill_value"), dtype);
      long[] shape = longs(c.get("shape"));
      long[] chunks = longs(c.get("chunks"));
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .store(new DirectoryStore(out.resolve(c.get("id") + ".zarr")))
                  .shape(shape)
                  .chunks(chunks)
                  .dtype(dtype)
                  .compressor(compressor(c))
                  .filters(filters(c))
                  .fillValue(fill)
                  .order((String) c.get("order"))
                  .dimensionSeparator(".")
                  .build());
      SplittableRandom rnd = new SplittableRandom((Long) c.get("seed"));
      int from = (Boolean) c.get("partial") ? (int) chunks[0] : 0;
      int[] sub = V2InteropIT.toInts(shape);
      sub[0] -= from;
      NdArray data = NdArray.zeros(dtype, sub);
      for (int i = 0; i < data.size(); i++) {
        data.setFlat(i, V2InteropIT.randomValue(rnd, dtype));
      }
      z.set(BasicSelection.of(Slice.from(from), Slice.all()), data);
      // lossy filters: what we read back is what zarr-python must read too
      Npy.write(out.resolve(c.get("id") + ".npy"), z.get());
    }
    Path file = dir.resolve("java-cases.json");
    writeCases(file, cases);
    ZarrPython.Result r =
        ZarrPython.run(List.of(script.toString(), "verify", file.toString(), out.toString()), 600);
    assertThat(r.output()).doesNotContain("FAIL");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains(cases.size() + " verified, 0 failed");
  }

  /**
   * The docs' LZMA example (xz format with delta + lzma2 filters): zarr-python writes it but, with
   * numcodecs 0.11, cannot read it back (Python's lzma refuses filters outside the raw format);
   * zarr4j reads it, and shows the compressor as the docs print it.
   */
  @Test
  void lzmaXzWithFiltersDocsExample() throws IOException {
    Path out = dir.resolve("lzma-docs.zarr");
    String code =
        "import sys, lzma, numpy as np, zarr\n"
            + "from numcodecs import LZMA\n"
            + "f = [dict(id=lzma.FILTER_DELTA, dist=4), dict(id=lzma.FILTER_LZMA2, preset=1)]\n"
            + "z = zarr.array(np.arange(60000, dtype='i4').reshape(200, 300), chunks=(50, 70),"
            + " compressor=LZMA(filters=f), store=zarr.DirectoryStore(sys.argv[1]))\n"
            + "print(repr(zarr.open_array(zarr.DirectoryStore(sys.argv[1]), mode='r').compressor))\n";
    ZarrPython.Result r = ZarrPython.run(List.of("-c", code, out.toString()), 120);
    assertThat(r.exitCode()).as(r.output()).isZero();
    ZarrArray z = Zarr.openArray(new DirectoryStore(out), OpenMode.READ);
    assertThat(z.compressor().toString()).isEqualTo(r.output().strip());
    assertThat(z.compressor().toString())
        .isEqualTo(
            "LZMA(format=1, check=-1, preset=None, filters=[{'dist': 4, 'id': 3}, {'id': 33, 'preset': 1}])");
    NdArray got = z.get();
    for (int i = 0; i < 60000; i += 7) {
      assertThat(((Number) got.getFlat(i)).longValue()).isEqualTo(i);
    }
    assertThat(((Number) got.getFlat(59999)).longValue()).isEqualTo(59999);
  }
}
