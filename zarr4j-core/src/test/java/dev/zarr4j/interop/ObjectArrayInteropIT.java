package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object arrays (vlen-utf8, vlen-bytes, vlen-array, json2, msgpack2, categorize) against the real
 * zarr-python in both directions, with C and F order, compressors and unwritten chunks.
 */
class ObjectArrayInteropIT {
  @TempDir static Path dir;
  static Path script;

  @BeforeAll
  static void setUp() {
    ZarrPython.require();
    script = ZarrPython.script("/interop/object_interop.py", dir);
  }

  static Map<String, Object> cfg(String id, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static final List<Map<String, Object>> CODECS =
      List.of(
          cfg("vlen-utf8"),
          cfg("vlen-bytes"),
          cfg("vlen-array", "dtype", "<i4"),
          cfg("vlen-array", "dtype", ">f8"),
          cfg("json2"),
          cfg("msgpack2"),
          cfg(
              "categorize",
              "labels",
              List.of("a", "béta", "gamma"),
              "dtype",
              "|O",
              "astype",
              "|u1"));

  /** A random element in its JSON travel form, or null for "leave unwritten". */
  static Object randomValue(SplittableRandom rnd, Map<String, Object> codec) {
    switch ((String) codec.get("id")) {
      case "vlen-utf8":
        {
          StringBuilder sb = new StringBuilder();
          int[] pool = {'a', 'z', 0xE9, 0x3B1, 0x4E2D, 0x1F600};
          for (int i = rnd.nextInt(0, 8); i > 0; i--) {
            sb.appendCodePoint(pool[rnd.nextInt(pool.length)]);
          }
          return sb.toString();
        }
      case "vlen-bytes":
        {
          byte[] b = new byte[rnd.nextInt(0, 9)];
          rnd.nextBytes(b);
          return Map.of("b64", Base64.getEncoder().encodeToString(b));
        }
      case "vlen-array":
        {
          List<Object> a = new ArrayList<>();
          boolean f = ((String) codec.get("dtype")).contains("f");
          for (int i = rnd.nextInt(0, 6); i > 0; i--) {
            a.add(f ? (Object) (rnd.nextInt(-1000, 1000) / 8.0) : (Object) (long) rnd.nextInt());
          }
          return Map.of("array", a, "dtype", codec.get("dtype"));
        }
      case "categorize":
        return List.of("a", "béta", "gamma").get(rnd.nextInt(3));
      default:
        switch (rnd.nextInt(5)) {
          case 0:
            return (long) rnd.nextInt();
          case 1:
            return "t" + rnd.nextInt(100);
          case 2:
            return List.of(1L, "x", 2.5);
          case 3:
            return Map.of("k", List.of(true, false), "n", 3L);
          default:
            return rnd.nextDouble();
        }
    }
  }

  /** The Java element for a JSON travel value. */
  static Object toJava(Object v, DataType unused) {
    if (v instanceof Map<?, ?> m && m.containsKey("b64")) {
      return Base64.getDecoder().decode((String) m.get("b64"));
    }
    if (v instanceof Map<?, ?> m && m.containsKey("array")) {
      List<?> items = (List<?>) m.get("array");
      DataType t = DataType.parse((String) m.get("dtype"));
      NdArray a = NdArray.zeros(t, items.size());
      for (int i = 0; i < items.size(); i++) {
        a.setFlat(i, items.get(i));
      }
      return a;
    }
    return v;
  }

  static List<Map<String, Object>> cases(String prefix, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    int n = 0;
    for (Map<String, Object> codec : CODECS) {
      for (String order : List.of("C", "F")) {
        for (Object compressor :
            java.util.Arrays.asList(
                null,
                cfg("blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0),
                cfg("zstd", "level", 3))) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("id", prefix + n++);
          long rows = rnd.nextInt(3, 9);
          long cols = rnd.nextInt(1, 5);
          c.put("shape", List.of(rows, cols));
          c.put("chunks", List.of((long) rnd.nextInt(1, 4), (long) rnd.nextInt(1, 4)));
          c.put("object_codec", codec);
          c.put("compressor", compressor);
          c.put("order", order);
          c.put("fill_value", codec.get("id").equals("categorize") ? "" : null);
          List<Object> values = new ArrayList<>();
          for (long i = 0; i < rows * cols; i++) {
            values.add(randomValue(rnd, codec));
          }
          c.put("values", values);
          out.add(c);
        }
      }
    }
    return out;
  }

  @Test
  void zarrPythonReadsObjectArraysWeWrite() throws IOException {
    List<Map<String, Object>> cases = cases("j", 5);
    Path out = Files.createDirectories(dir.resolve("java"));
    for (Map<String, Object> c : cases) {
      @SuppressWarnings("unchecked")
      List<Long> shape = (List<Long>) c.get("shape");
      @SuppressWarnings("unchecked")
      List<Long> chunks = (List<Long>) c.get("chunks");
      @SuppressWarnings("unchecked")
      Map<String, Object> comp = (Map<String, Object>) c.get("compressor");
      @SuppressWarnings("unchecked")
      ObjectCodec oc =
          (ObjectCodec) CodecRegistry.fromConfig((Map<String, Object>) c.get("object_codec"));
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .store(new DirectoryStore(out.resolve(c.get("id") + ".zarr")))
                  .shape(shape.get(0), shape.get(1))
                  .chunks(chunks.get(0), chunks.get(1))
                  .dtype(DataType.OBJECT)
                  .objectCodec(oc)
                  .compressor(
                      comp == null ? null : (BytesToBytesCodec) CodecRegistry.fromConfig(comp))
                  .fillValue(c.get("fill_value"))
                  .order((String) c.get("order"))
                  .build());
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) c.get("values");
      NdArray v = NdArray.zeros(DataType.OBJECT, shape.get(0).intValue(), shape.get(1).intValue());
      for (int i = 0; i < values.size(); i++) {
        v.setFlat(i, toJava(values.get(i), null));
      }
      // write every row but the first chunk row, then the first chunk row's elements one by one
      int firstRows = chunks.get(0).intValue();
      for (int i = 0; i < v.size(); i++) {
        int row = i / shape.get(1).intValue();
        if (row < firstRows) {
          z.setValue(v.getFlat(i), row, i % shape.get(1).intValue());
        }
      }
      if (shape.get(0) > firstRows) {
        NdArray rest =
            NdArray.zeros(
                DataType.OBJECT, shape.get(0).intValue() - firstRows, shape.get(1).intValue());
        for (int i = 0; i < rest.size(); i++) {
          rest.setFlat(i, v.getFlat(firstRows * shape.get(1).intValue() + i));
        }
        z.set(firstRows + ":, :", rest);
      }
    }
    Path casesFile = dir.resolve("java.json");
    Files.writeString(casesFile, PythonJson.writePython(cases), StandardCharsets.US_ASCII);
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(script.toString(), "verify", casesFile.toString(), out.toString()), 600);
    assertThat(r.output()).doesNotContain("FAIL");
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void weReadObjectArraysZarrPythonWrites() throws IOException {
    List<Map<String, Object>> cases = cases("p", 6);
    Path out = Files.createDirectories(dir.resolve("python"));
    Path casesFile = dir.resolve("python.json");
    Files.writeString(casesFile, PythonJson.writePython(cases), StandardCharsets.US_ASCII);
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(script.toString(), "write", casesFile.toString(), out.toString()), 600);
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      try {
        ZarrArray z =
            Zarr.openArray(new DirectoryStore(out.resolve(c.get("id") + ".zarr")), OpenMode.READ);
        @SuppressWarnings("unchecked")
        List<Object> expected =
            (List<Object>) PythonJson.parse(Files.readAllBytes(out.resolve(c.get("id") + ".json")));
        NdArray got = z.get();
        for (int i = 0; i < expected.size(); i++) {
          Object e = toJava(expected.get(i), null);
          if (!java.util.Objects.deepEquals(got.getFlat(i), e)) {
            failures.add(
                c.get("id") + " element " + i + ": got " + got.getFlat(i) + " expected " + e);
            break;
          }
        }
        assertThat(z.objectCodec().toConfig())
            .isEqualTo(CodecRegistry.fromConfig(castMap(c.get("object_codec"))).toConfig());
      } catch (RuntimeException e) {
        failures.add(c.get("id") + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }
}
