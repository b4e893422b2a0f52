package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import dev.zarr4j.python.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through the real zarr-python and NumPy: NumPy writes {@code .npy} files, {@code
 * zarr4j import} turns them into arrays and zarr-python checks data type, shape, chunks,
 * compressor, filters, order, separator, fill value and every element; zarr-python writes arrays
 * (partly, so unwritten chunks read as the fill value), {@code zarr4j export} writes selections of
 * them and NumPy checks each against zarr-python's own {@code z[selection]}.
 */
class NpyInteropIT {
  static final Map<String, Object> DEFAULT_BLOSC =
      map("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0);

  @TempDir static Path dir;
  static Path script;

  @BeforeAll
  static void setUp() {
    ZarrPython.require();
    script = ZarrPython.script("/interop/cli_interop.py", dir);
  }

  // ------------------------------------------------------------------------------ import

  /** One import case: the .npy NumPy writes, the zarr4j options, what zarr-python must find. */
  static Map<String, Object> imp(
      String id,
      Object npyDtype,
      long[] shape,
      boolean fortran,
      List<String> args,
      Map<String, Object> expect) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("npy_dtype", npyDtype);
    c.put("shape", longs(shape));
    c.put("fortran", fortran);
    c.put("seed", (long) id.hashCode() & 0xffff);
    c.put("args", args);
    int p = args.indexOf("--path");
    c.put("path", p < 0 ? "" : args.get(p + 1));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("dtype", npyDtype);
    e.put("compressor", DEFAULT_BLOSC);
    e.put("filters", List.of());
    e.put("order", "C");
    e.put("separator", ".");
    e.put("fill", 0);
    e.putAll(expect);
    e.values().removeIf(v -> v == SKIP);
    c.put("expect", e);
    return c;
  }

  static final Object SKIP = new Object();

  static List<Map<String, Object>> importCases() {
    List<Map<String, Object>> cases = new ArrayList<>();
    cases.add(
        imp(
            "i4_defaults",
            "<i4",
            s(37, 23),
            false,
            List.of(),
            map("chunks", "auto", "fill_json", 0)));
    cases.add(
        imp(
            "f8be_zstd_nan",
            ">f8",
            s(50),
            false,
            List.of(
                "--chunks",
                "16",
                "--compressor",
                "{\"id\": \"zstd\", \"level\": 3}",
                "--fill-value",
                "\"NaN\""),
            map(
                "chunks",
                longs(s(16)),
                "compressor",
                map("id", "zstd", "level", 3),
                "fill",
                "NaN",
                "fill_json",
                "NaN")));
    cases.add(
        imp(
            "f2_fortran_orderF",
            "<f2",
            s(10, 11),
            true,
            List.of("--order", "F", "--compressor", "null", "--chunks", "4,4"),
            map("chunks", longs(s(4, 4)), "order", "F", "compressor", null)));
    cases.add(
        imp(
            "bool_fortran_slash",
            "|b1",
            s(5, 6, 7),
            true,
            List.of("--chunks", "2,3,4", "--dimension-separator", "/", "--fill-value", "false"),
            map("chunks", longs(s(2, 3, 4)), "separator", "/", "fill", false)));
    cases.add(
        imp(
            "c16_zlib_filter",
            "<c16",
            s(9, 9),
            false,
            List.of(
                "--compressor",
                "null",
                "--filters",
                "[{\"id\": \"zlib\", \"level\": 1}]",
                "--chunks",
                "5,5"),
            map(
                "chunks",
                longs(s(5, 5)),
                "compressor",
                null,
                "filters",
                List.of(map("id", "zlib", "level", 1)))));
    cases.add(
        imp(
            "c8be_null_fill",
            ">c8",
            s(4, 5),
            false,
            List.of("--fill-value", "null", "--chunks", "3,3", "--filters", "null"),
            map("chunks", longs(s(3, 3)), "fill", null, "fill_json", null)));
    cases.add(
        imp(
            "S6_base64_fill",
            "|S6",
            s(12),
            false,
            List.of("--fill-value", "\"YWJj\"", "--chunks", "5"),
            map("chunks", longs(s(5)), "fill", "abc")));
    cases.add(
        imp(
            "U4_fill",
            "<U4",
            s(13),
            false,
            List.of("--fill-value", "\"xy\"", "--chunks", "4"),
            map("chunks", longs(s(4)), "fill", "xy")));
    cases.add(
        imp(
            "U3be_fortran",
            ">U3",
            s(3, 4),
            true,
            List.of("--chunks", "2,2"),
            map("chunks", longs(s(2, 2)), "fill", "")));
    cases.add(
        imp(
            "M8ns",
            "<M8[ns]",
            s(15),
            false,
            List.of("--chunks", "4"),
            map("chunks", longs(s(4)), "fill", SKIP)));
    cases.add(
        imp(
            "m8ms_be",
            ">m8[ms]",
            s(6, 7),
            false,
            List.of("--chunks", "3,3"),
            map("chunks", longs(s(3, 3)), "fill", SKIP)));
    Object record =
        List.of(List.of("a", "<i4"), List.of("b", ">f8", List.of(2L)), List.of("c", "|S3"));
    cases.add(
        imp(
            "structured",
            record,
            s(8),
            false,
            List.of(
                "--chunks", "3", "--fill-value", "null", "--dtype", PythonJson.writePython(record)),
            map("chunks", longs(s(3)), "fill", null)));
    cases.add(
        imp(
            "V5",
            "|V5",
            s(7),
            false,
            List.of("--chunks", "2"),
            map("chunks", longs(s(2)), "fill", SKIP)));
    cases.add(
        imp(
            "u8_scalar",
            "<u8",
            s(),
            false,
            List.of(),
            map("chunks", List.of(), "compressor", null)));
    cases.add(
        imp(
            "f4_empty",
            "<f4",
            s(0, 5),
            false,
            List.of("--chunks", "2,2"),
            map("chunks", longs(s(2, 2)))));
    cases.add(
        imp(
            "f8_to_f4",
            "<f8",
            s(20, 3),
            false,
            List.of("--dtype", "<f4", "--chunks", "7,3"),
            map("dtype", "<f4", "chunks", longs(s(7, 3)))));
    cases.add(
        imp(
            "i8_to_i2be",
            "<i8",
            s(30),
            false,
            List.of("--dtype", ">i2", "--chunks", "8"),
            map("dtype", ">i2", "chunks", longs(s(8)))));
    cases.add(
        imp(
            "bool_to_u1",
            "|b1",
            s(10),
            false,
            List.of("--dtype", "uint8", "--chunks", "4"),
            map("dtype", "|u1", "chunks", longs(s(4)))));
    cases.add(
        imp(
            "f4_to_c8",
            "<f4",
            s(11),
            false,
            List.of("--dtype", "<c8", "--chunks", "4"),
            map("dtype", "<c8", "chunks", longs(s(4)))));
    cases.add(
        imp(
            "M8D_to_be",
            "<M8[D]",
            s(9),
            false,
            List.of("--dtype", ">M8[D]", "--chunks", "4"),
            map("dtype", ">M8[D]", "chunks", longs(s(4)), "fill", SKIP)));
    cases.add(
        imp(
            "i2_to_f8",
            "<i2",
            s(4, 4),
            false,
            List.of("--dtype", "float64", "--chunks", "3,3"),
            map("dtype", "<f8", "chunks", longs(s(3, 3)))));
    cases.add(
        imp(
            "blosc_zstd_bitshuffle",
            "<i8",
            s(40, 40),
            false,
            List.of(
                "--compressor",
                "{\"id\":\"blosc\",\"cname\":\"zstd\",\"clevel\":3,\"shuffle\":2}",
                "--chunks",
                "16,16"),
            map(
                "chunks", longs(s(16, 16)),
                "compressor",
                    map(
                        "id",
                        "blosc",
                        "cname",
                        "zstd",
                        "clevel",
                        3,
                        "shuffle",
                        2,
                        "blocksize",
                        0))));
    cases.add(
        imp(
            "small_buffer_fortran_lz4",
            "<i2",
            s(103, 47),
            true,
            List.of(
                "--buffer-size",
                "1000",
                "--chunks",
                "10,9",
                "--compressor",
                "{\"id\": \"lz4\", \"acceleration\": 1}"),
            map("chunks", longs(s(10, 9)), "compressor", map("id", "lz4", "acceleration", 1))));
    cases.add(
        imp(
            "small_buffer_c_gzip",
            "|u1",
            s(7, 13, 11),
            false,
            List.of(
                "--buffer-size",
                "50",
                "--chunks",
                "3,5,4",
                "--compressor",
                "{\"id\": \"gzip\", \"level\": 5}"),
            map("chunks", longs(s(3, 5, 4)), "compressor", map("id", "gzip", "level", 5))));
    cases.add(
        imp(
            "nested_path",
            "<f4",
            s(6, 6),
            false,
            List.of("--path", "grp/sub/arr", "--chunks", "3,3"),
            map("chunks", longs(s(3, 3)))));
    return cases;
  }

  @Test
  void numpyFilesImportedByZarr4jReadBackInZarrPython() throws IOException {
    Path d = Files.createDirectories(dir.resolve("import"));
    List<Map<String, Object>> cases = importCases();
    Path json = d.resolve("cases.json");
    Files.writeString(json, PythonJson.writePython(cases));
    python("make_npy", json, d);
    for (Map<String, Object> c : cases) {
      List<String> args =
          new ArrayList<>(List.of("import", c.get("id") + ".npy", c.get("id") + ".zarr"));
      @SuppressWarnings("unchecked")
      List<String> extra = (List<String>) c.get("args");
      args.addAll(extra);
      Run.inProcess(d, args.toArray(String[]::new)).ok();
    }
    String out = python("check_zarr", json, d);
    assertThat(out.lines().filter(l -> l.startsWith("OK "))).hasSize(cases.size());
  }

  // ------------------------------------------------------------------------------ export

  /** One export case: the array zarr-python writes and the selections zarr4j exports. */
  static Map<String, Object> exp(
      String id, Object dtype, long[] shape, long[] chunks, Object... kv) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("dtype", dtype);
    c.put("shape", longs(shape));
    c.put("chunks", longs(chunks));
    c.put("seed", (long) id.hashCode() & 0xffff);
    c.put("selections", List.of(""));
    for (int i = 0; i < kv.length; i += 2) {
      c.put((String) kv[i], kv[i + 1]);
    }
    return c;
  }

  static List<Map<String, Object>> exportCases() {
    List<Map<String, Object>> cases = new ArrayList<>();
    cases.add(
        exp(
            "i4_blosc",
            "<i4",
            s(100, 90),
            s(30, 40),
            "selections",
            List.of("", "5:95:3, ::7", "-1, 10:", "..., 3", "::10, ::9"),
            "write",
            "10:80, 5:"));
    cases.add(
        exp(
            "f8be_zstd_F_slash_nan",
            ">f8",
            s(33, 17, 5),
            s(10, 10, 2),
            "compressor",
            map("id", "zstd", "level", 1),
            "order",
            "F",
            "separator",
            "/",
            "fill",
            "NaN",
            "write",
            ":20, 3:, 1:4",
            "selections",
            List.of("", "::2, 3, 1:4", "30:, :, -1")));
    cases.add(
        exp(
            "U7",
            "<U7",
            s(20),
            s(6),
            "fill",
            "zz",
            "write",
            "2:15",
            "selections",
            List.of("", "::3")));
    cases.add(
        exp(
            "S4",
            "|S4",
            s(11, 3),
            s(4, 2),
            "compressor",
            null,
            "selections",
            List.of("", "1:10:4, 1")));
    cases.add(exp("M8ms", "<M8[ms]", s(25), s(7), "selections", List.of("", "3:24:5")));
    cases.add(
        exp(
            "c8",
            "<c8",
            s(8, 8),
            s(3, 3),
            "compressor",
            map("id", "lz4", "acceleration", 1),
            "selections",
            List.of("", "::2, 1::2")));
    cases.add(exp("bool", "|b1", s(30, 2), s(7, 1), "selections", List.of("", "5")));
    cases.add(
        exp(
            "f2",
            "<f2",
            s(64),
            s(10),
            "compressor",
            map("id", "gzip", "level", 1),
            "selections",
            List.of("", "-10:")));
    cases.add(
        exp(
            "structured",
            List.of(List.of("x", "<u2"), List.of("y", ">f4", List.of(3L))),
            s(9),
            s(4),
            "fill",
            null,
            "selections",
            List.of("", "1::2")));
    cases.add(
        exp(
            "u2be",
            ">u2",
            s(6, 7, 8),
            s(2, 3, 4),
            "order",
            "F",
            "selections",
            List.of("", "1, ::2, 3:7")));
    cases.add(exp("V3", "|V3", s(10), s(3), "fill", null, "selections", List.of("")));
    cases.add(exp("scalar", "<i8", s(), s(), "selections", List.of("")));
    cases.add(exp("empty", "<f4", s(0, 4), s(2, 2), "selections", List.of("", ":, 1:3")));
    cases.add(
        exp(
            "m8s_be_blosc_zstd",
            ">m8[s]",
            s(50, 50),
            s(16, 16),
            "compressor",
            map("id", "blosc", "cname", "zstd", "clevel", 3, "shuffle", 2, "blocksize", 0),
            "selections",
            List.of("", "7:43:2, 1:49:6")));
    return cases;
  }

  @Test
  void zarrPythonArraysExportedByZarr4jLoadInNumPy() throws IOException {
    Path d = Files.createDirectories(dir.resolve("export"));
    List<Map<String, Object>> cases = exportCases();
    Path json = d.resolve("cases.json");
    Files.writeString(json, PythonJson.writePython(cases));
    python("make_zarr", json, d);
    int expected = 0;
    String[] buffers = {"64M", "100", "1"};
    for (Map<String, Object> c : cases) {
      @SuppressWarnings("unchecked")
      List<String> sels = (List<String>) c.get("selections");
      for (int n = 0; n < sels.size(); n++) {
        List<String> args =
            new ArrayList<>(
                List.of("export", c.get("id") + ".zarr", c.get("id") + "-" + n + ".npy"));
        if (!sels.get(n).isEmpty()) {
          args.addAll(List.of("--select", sels.get(n)));
        }
        // vary the block budget: one block, many small blocks, one element per block
        args.addAll(List.of("--buffer-size", buffers[(n + expected) % buffers.length]));
        Run.inProcess(d, args.toArray(String[]::new)).ok();
        expected++;
      }
    }
    String out = python("check_npy", json, d);
    assertThat(out.lines().filter(l -> l.startsWith("OK "))).hasSize(expected);
  }

  // ------------------------------------------------------------------------------ the jar

  /** The shaded jar finds every codec (ServiceLoader files merged) and round-trips with Python. */
  @Test
  void shadedJarRoundTripsThroughZarrPython() throws IOException {
    Path d = Files.createDirectories(dir.resolve("jar"));
    List<Map<String, Object>> cases = new ArrayList<>();
    for (String codec :
        List.of(
            "{\"id\": \"zstd\", \"level\": 2}",
            "{\"id\": \"blosc\", \"cname\": \"zstd\", \"clevel\": 3, \"shuffle\": 2}",
            "{\"id\": \"gzip\", \"level\": 1}")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cfg = (Map<String, Object>) PythonJson.parse(codec);
      Map<String, Object> expected = new LinkedHashMap<>(cfg);
      if ("blosc".equals(cfg.get("id"))) {
        expected.put("blocksize", 0);
      }
      cases.add(
          imp(
              "jar_" + cfg.get("id"),
              "<f4",
              s(50, 40),
              false,
              List.of("--chunks", "20,20", "--compressor", codec),
              map("chunks", longs(s(20, 20)), "compressor", expected)));
    }
    Path json = d.resolve("cases.json");
    Files.writeString(json, PythonJson.writePython(cases));
    python("make_npy", json, d);
    for (Map<String, Object> c : cases) {
      @SuppressWarnings("unchecked")
      List<String> extra = (List<String>) c.get("args");
      List<String> args =
          new ArrayList<>(List.of("import", c.get("id") + ".npy", c.get("id") + ".zarr"));
      args.addAll(extra);
      Run r = Run.jar(d, List.of(), 60, args.toArray(String[]::new)).ok();
      assertThat(r.err()).isEmpty();
      // and back out again through the jar
      Run.jar(d, List.of(), 60, "export", c.get("id") + ".zarr", c.get("id") + "-back.npy").ok();
      assertThat(Files.readAllBytes(d.resolve(c.get("id") + "-back.npy")))
          .isEqualTo(Files.readAllBytes(d.resolve(c.get("id") + ".npy")));
    }
    python("check_zarr", json, d);
  }

  // ------------------------------------------------------------------------------ helpers

  static String python(String mode, Path cases, Path d) {
    ZarrPython.Result r =
        ZarrPython.run(List.of(script.toString(), mode, cases.toString(), d.toString()), 300);
    assertThat(r.exitCode()).as("python " + mode + ":\n" + r.output()).isZero();
    assertThat(r.output()).as("python " + mode).doesNotContain("FAIL");
    return r.output();
  }

  static long[] s(long... shape) {
    return shape;
  }

  static List<Object> longs(long[] a) {
    List<Object> out = new ArrayList<>();
    for (long x : a) {
      out.add(x);
    }
    return out;
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
