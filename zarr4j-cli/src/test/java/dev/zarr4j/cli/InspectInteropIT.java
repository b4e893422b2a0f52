package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.interop.ZarrPython;
import dev.zarr4j.python.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info}, {@code tree}, {@code attrs}, {@code cat}, {@code verify} and {@code consolidate}
 * run as {@code java -jar} on hierarchies the real zarr-python wrote (a directory store and an N5
 * container), compared with what zarr-python prints for the same nodes; attributes {@code attrs}
 * sets are read back by zarr-python.
 */
class InspectInteropIT {
  /**
   * Info fields that name the implementation (its classes) or, for Read-only, the mode the node was
   * opened in (the command opens read-only, the script in zarr-python's default mode).
   */
  static final Set<String> OWN_FIELDS = Set.of("Type", "Read-only", "Store type");

  /**
   * zarr-python shows an N5 array's compressor as its internal N5ChunkWrapper filter and counts
   * only the metadata documents of an N5Store in "No. bytes stored" (and so the storage ratio);
   * zarr4j names the N5 compression and counts the blocks too.
   */
  static final Set<String> N5_DIFFERENT = Set.of("Compressor", "No. bytes stored", "Storage ratio");

  @TempDir static Path dir;
  static Path script;
  static Map<String, Object> expect;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void setUp() throws IOException {
    ZarrPython.require();
    script = ZarrPython.script("/interop/inspect_interop.py", dir);
    python("make");
    expect = (Map<String, Object>) PythonJson.parse(Files.readString(dir.resolve("expect.json")));
  }

  static String python(String mode) {
    ZarrPython.Result r = ZarrPython.run(List.of(script.toString(), mode, dir.toString()), 300);
    assertThat(r.exitCode()).as("python " + mode + ":\n" + r.output()).isZero();
    return r.output();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> expected(String store) {
    return (Map<String, Object>) expect.get(store);
  }

  static Run zarr4j(String... args) {
    return Run.jar(dir, List.of(), 120, args).ok();
  }

  @Test
  void treeDrawsWhatZarrPythonDraws() {
    for (String store : List.of("h.zarr", "h.n5")) {
      Map<String, Object> e = expected(store);
      assertThat(zarr4j("tree", store).out()).as(store).isEqualTo(e.get("tree") + "\n");
      assertThat(zarr4j("tree", store, "--level", "1").out())
          .as(store)
          .isEqualTo(e.get("tree_level_1") + "\n");
      assertThat(zarr4j("tree", store, "--path", "baz").out())
          .as(store)
          .isEqualTo(e.get("tree_baz") + "\n");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void infoShowsWhatZarrPythonShows() {
    for (String store : List.of("h.zarr", "h.n5")) {
      Map<String, Object> infos = (Map<String, Object>) expected(store).get("info");
      for (Map.Entry<String, Object> node : infos.entrySet()) {
        Map<String, String> want = fields((String) node.getValue());
        Map<String, String> got = fields(zarr4j("info", store, "--path", node.getKey()).out());
        assertThat(got.keySet()).as(store + " " + node.getKey()).isEqualTo(want.keySet());
        for (String field : want.keySet()) {
          if (OWN_FIELDS.contains(field)
              || (store.endsWith(".n5") && N5_DIFFERENT.contains(field))) {
            continue;
          }
          assertThat(got.get(field))
              .as(store + " path '" + node.getKey() + "' field " + field)
              .isEqualTo(want.get(field));
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void catPrintsWhatZarrPythonPrints() {
    for (String store : List.of("h.zarr", "h.n5")) {
      for (Object o : (List<Object>) expected(store).get("cat")) {
        List<Object> c = (List<Object>) o;
        String path = (String) c.get(0);
        String sel = (String) c.get(1);
        Run r =
            sel.isEmpty()
                ? zarr4j("cat", store, "--path", path)
                : zarr4j("cat", store, "--path", path, "--select", sel);
        assertThat(r.out()).as(store + " " + path + " [" + sel + "]").isEqualTo(c.get(2) + "\n");
      }
    }
  }

  @Test
  void verifyAndConsolidateOnZarrPythonData() throws IOException {
    for (String store : List.of("h.zarr", "h.n5")) {
      assertThat(zarr4j("verify", store).out())
          .as(store)
          .isEqualTo("verified 4 arrays, 52 chunks: no problems\n");
    }
    // a copy with one chunk cut short: reported by key, exit status 1
    Path copy = dir.resolve("cut.zarr");
    try (var files = Files.walk(dir.resolve("h.zarr"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve(dir.resolve("h.zarr").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Path chunk = copy.resolve("foo/bar/9.4");
    byte[] b = Files.readAllBytes(chunk);
    Files.write(chunk, java.util.Arrays.copyOf(b, b.length / 2));
    Run bad = Run.jar(dir, List.of(), 120, "verify", "cut.zarr");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.out()).startsWith("corrupt: foo/bar/9.4: ").contains("1 corrupt");
    // zarr4j consolidates, zarr-python opens the hierarchy from the consolidated document
    zarr4j("consolidate", "cut.zarr");
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(
                "-c",
                "import zarr, sys; g = zarr.open_consolidated(zarr.DirectoryStore(sys.argv[1]));"
                    + " print(sorted(g.array_keys()), sorted(g.group_keys()),"
                    + " g['foo/bar'].shape, g['foo/bar'][9, 3])",
                copy.toString()),
            60);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().strip()).isEqualTo("['s', 'x'] ['baz', 'foo'] (100, 50) 453.0");
  }

  @Test
  void zarrPythonOpensArraysZarr4jCreates() {
    zarr4j(
        "create",
        "made.zarr",
        "--path",
        "g/a",
        "--shape",
        "100,30",
        "--chunks",
        "10,7",
        "--dtype",
        ">i2",
        "--compressor",
        "{\"id\": \"zstd\", \"level\": 5}",
        "--fill-value",
        "-3",
        "--order",
        "F",
        "--dimension-separator",
        "/");
    zarr4j(
        "create",
        "made.n5",
        "--path",
        "d",
        "--shape",
        "20,7",
        "--chunks",
        "8,4",
        "--dtype",
        "<u4",
        "--compressor",
        "{\"id\": \"gzip\", \"level\": 1}");
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(
                "-c",
                "import zarr, sys; d = sys.argv[1];"
                    + " a = zarr.open_group(d + '/made.zarr', mode='r')['g/a'];"
                    + " print(a.shape, a.chunks, a.dtype.str, a.compressor, a.fill_value, a.order,"
                    + " a._dimension_separator, a[99, 29], a.nchunks_initialized);"
                    + " n = zarr.open(zarr.N5Store(d + '/made.n5'), mode='r')['d'];"
                    + " print(n.shape, n.chunks, n.dtype.str, n[19, 6])",
                dir.toString()),
            60);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().strip())
        .isEqualTo("(100, 30) (10, 7) >i2 Zstd(level=5) -3 F / -3 0\n(20, 7) (8, 4) <u4 0");
  }

  @Test
  void zarrPythonReadsWhatCopyCopyStoreAndConvertWrite() {
    assertThat(zarr4j("copy", "h.zarr", "copied.n5").out()).contains("all done: 7 copied");
    assertThat(zarr4j("copy", "h.n5", "copied.zarr", "--path", "foo", "--dest-path", "g").out())
        .contains("all done: 2 copied");
    assertThat(zarr4j("copy-store", "h.zarr", "stored.zarr", "--exclude", "^s/").out())
        .contains("all done: ");
    zarr4j("convert", "h.zarr", "converted.n5");
    zarr4j("convert", "h.zarr/foo/bar", "bar.n5");
    ZarrPython.Result r =
        ZarrPython.run(
            List.of(
                "-c",
                "import zarr, sys, numpy as np; d = sys.argv[1] + '/';"
                    + " h = zarr.open_group(d + 'h.zarr', mode='r');"
                    + " n = zarr.open_group(zarr.N5Store(d + 'copied.n5'), mode='r');"
                    + " c = zarr.open_group(d + 'copied.zarr', mode='r');"
                    + " s = zarr.open_group(d + 'stored.zarr', mode='r');"
                    + " keys = sorted(k for k, _ in h.arrays(recurse=True));"
                    + " ok = all(np.array_equal(h[k][:], n[k][:]) for k in ['foo/bar', 'x', 's',"
                    + " 'baz/qux/deep']);"
                    + " v = zarr.open_group(zarr.N5Store(d + 'converted.n5'), mode='r');"
                    + " b = zarr.open(zarr.N5Store(d + 'bar.n5'), mode='r');"
                    + " ok = ok and all(np.array_equal(h[k][:], v[k][:]) for k in ['foo/bar', 'x',"
                    + " 's', 'baz/qux/deep']) and np.array_equal(b[:], h['foo/bar'][:]);"
                    + " print(ok, np.array_equal(c['g/foo/bar'][:], h['foo/bar'][:]),"
                    + " sorted(s.array_keys()), np.array_equal(s['x'][:], h['x'][:]))",
                dir.toString()),
            60);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output().strip()).isEqualTo("True True ['x'] True");
  }

  /** An info report's fields; a value continued on following lines is joined with spaces. */
  static Map<String, String> fields(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String last = null;
    for (String line : text.strip().lines().toList()) {
      int c = line.indexOf(" : ");
      String name = line.substring(0, c).strip();
      String value = line.substring(c + 3).strip();
      if (name.isEmpty()) {
        out.put(last, out.get(last) + " " + value);
      } else {
        out.put(name, value);
        last = name;
      }
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void attrsSetByZarr4jAreReadByZarrPython() throws IOException {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (String store : List.of("h.zarr", "h.n5")) {
      Map<String, Object> before = (Map<String, Object>) expected(store).get("attrs");
      for (String path : before.keySet()) {
        assertThat(PythonJson.parse(zarr4j("attrs", store, "--path", path).out()))
            .as(store + " " + path)
            .isEqualTo(before.get(path));
      }
      zarr4j(
          "attrs",
          store,
          "--path",
          "foo/bar",
          "--delete",
          "units",
          "--set",
          "scale=[0.5, 2, -1e-300]",
          "--set",
          "name=\"caf\u00e9 \\\"bar\\\"\"",
          "--set",
          "meta={\"nested\": {\"ok\": true, \"none\": null}}");
      zarr4j("attrs", store, "--set", "title=\"changed\"");
      paths.put(store, List.of("", "foo/bar"));
    }
    Files.writeString(dir.resolve("paths.json"), PythonJson.writePython(paths));
    Map<String, Object> read = (Map<String, Object>) PythonJson.parse(python("check").strip());
    Map<String, Object> bar = new LinkedHashMap<>();
    bar.put("meta", Map.of("nested", new LinkedHashMap<>(Map.of("ok", true))));
    ((Map<String, Object>) ((Map<String, Object>) bar.get("meta")).get("nested")).put("none", null);
    bar.put("name", "caf\u00e9 \"bar\"");
    bar.put("scale", List.of(0.5, 2L, -1e-300));
    for (String store : List.of("h.zarr", "h.n5")) {
      Map<String, Object> s = (Map<String, Object>) read.get(store);
      assertThat(s.get("")).as(store).isEqualTo(Map.of("title", "changed"));
      assertThat(s.get("foo/bar")).as(store).isEqualTo(bar);
    }
  }
}
