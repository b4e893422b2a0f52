package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyOptions;
import dev.zarr4j.convenience.CopyResult;
import dev.zarr4j.convenience.CopyStoreOptions;
import dev.zarr4j.convenience.IfExists;
import dev.zarr4j.metadata.v2.FillValueJson;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.SafeCast;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hierarchies with attributes and consolidated metadata, both directions, against the real
 * zarr-python 2.13: the same members, attributes, metadata and values on each side; consolidated
 * documents byte-identical; tree drawings, info reports, copy logs and counts text-identical;
 * {@code requireDataset}'s cast rule equal to NumPy's {@code can_cast}; {@code migrate1to2}
 * producing the same bytes.
 */
class HierarchyInteropIT {
  @TempDir static Path dir;
  static Path script;
  static List<Object> pythonDescription;

  @BeforeAll
  static void setUp() {
    ZarrPython.require();
    script = ZarrPython.script("/interop/hierarchy_interop.py", dir);
    pythonDescription = asList(python("write", dir.toString()));
    buildJava(
        Zarr.group(
            new DirectoryStore(dir.resolve("java.zarr")),
            GroupOptions.builder().overwrite(true).build()));
    Convenience.consolidateMetadata(dir.resolve("java.zarr"));
  }

  static String python(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(script.toString());
    cmd.addAll(List.of(args));
    ZarrPython.Result r = ZarrPython.run(cmd, 300);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(String json) {
    return (List<Object>) PythonJson.parse(json.strip());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(String json) {
    return (Map<String, Object>) PythonJson.parse(json.strip());
  }

  /** The hierarchy hierarchy_interop.py's build() makes, made with zarr4j. */
  static void buildJava(ZarrGroup root) {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", Arrays.asList(1, 2.5, "x", Arrays.asList(true, null)));
    nested.put("empty", Map.of());
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("title", "r\u00e9f \u2713 \uD834\uDD1E");
    attrs.put("nested", nested);
    attrs.put("big", BigInteger.TWO.pow(70));
    attrs.put("nan", Double.NaN);
    attrs.put("inf", Double.POSITIVE_INFINITY);
    attrs.put("neg", -0.0);
    root.attrs().update(attrs);
    ZarrGroup g1 = root.createGroup("g1");
    g1.attrs().put("kind", "first");
    ZarrArray ints =
        g1.createDataset(
            "ints",
            NdArray.arange(DataType.parse("<i4"), 20, 4, 5),
            ArrayOptions.builder().chunks(2, 2).build());
    ints.attrs().put("units", "m");
    ZarrArray floats =
        g1.full(
            "g2/floats",
            Double.NaN,
            ArrayOptions.builder().shape(7).chunks(3).dtype("<f8").build());
    floats.set("0:4", NdArray.of(new double[] {1.5, Double.NaN, -0.0, 1e300}, 4));
    g1.createDataset(
        "strs",
        values(DataType.parse("<U6"), "a", "\u00e9t\u00e9", "", "zzzzzz"),
        ArrayOptions.builder().chunks(3).build());
    root.createDataset(
        "bytes",
        values(
            DataType.parse("|S4"),
            "ab".getBytes(StandardCharsets.US_ASCII),
            new byte[0],
            "abcd".getBytes(StandardCharsets.US_ASCII)),
        ArrayOptions.builder().chunks(2).build());
    root.createDataset(
        "bools",
        NdArray.of(new boolean[] {true, false, true}, 3),
        ArrayOptions.builder().chunks(2).build());
    root.createDataset(
        "big_endian",
        NdArray.arange(DataType.parse(">i8"), 6),
        ArrayOptions.builder().chunks(4).compressor(null).build());
    root.createDataset(
        "nested_keys",
        NdArray.arange(DataType.parse("<u2"), 12, 3, 4),
        ArrayOptions.builder().chunks(2, 2).dimensionSeparator("/").build());
    root.createDataset(
        "times",
        values(DataType.parse("<M8[s]"), 0L, 86400L, -1L),
        ArrayOptions.builder().chunks(2).build());
    root.createGroup("g3");
    root.createGroup("only_attrs").attrs().put("a", PythonJson.parse("[1, {\"b\": null}]"));
    root.zeros("top", ArrayOptions.builder().shape(0).chunks(1).dtype("<f4").build());
  }

  static NdArray values(DataType dtype, Object... values) {
    NdArray a = NdArray.zeros(dtype, values.length);
    for (int i = 0; i < values.length; i++) {
      a.setFlat(i, values[i]);
    }
    return a;
  }

  /** The same description hierarchy_interop.py prints, as parsed JSON. */
  static List<Object> describe(ZarrGroup root) {
    List<Object> out = new ArrayList<>();
    out.add(entry("", root));
    root.visitItems(
        (path, node) -> {
          out.add(entry(path, node));
          return null;
        });
    return asList(PythonJson.writePython(out, false));
  }

  static Map<String, Object> entry(String path, ZarrNode node) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("path", path);
    e.put("kind", node.isArray() ? "array" : "group");
    e.put("attrs", node.attrs().asMap());
    if (node instanceof ZarrArray a) {
      e.put("shape", a.shape());
      e.put("chunks", a.chunks());
      e.put("dtype", a.dtype().toString());
      e.put("fill_value", FillValueJson.encode(a.fillValue(), a.dtype()));
      if (!a.dimensionSeparator().equals("/")) {
        // zarr-python 2.13 counts directories, not chunks, for '/' keys; zarr4j counts chunks
        e.put("nchunks_initialized", a.nchunksInitialized());
      }
    }
    return e;
  }

  static String npyName(String path) {
    return path.replace("/", "__") + ".npy";
  }

  // ------------------------------------------------------------ zarr-python writes, zarr4j reads

  @Test
  void pythonHierarchyOpensWithTheSameMembersAttributesAndValues() {
    Path store = dir.resolve("py.zarr");
    ZarrGroup plain = Zarr.openGroup(store, OpenMode.READ);
    ZarrGroup consolidated = Convenience.openConsolidated(store, OpenMode.READ).asGroup();
    assertThat(describe(plain)).isEqualTo(pythonDescription);
    assertThat(describe(consolidated)).isEqualTo(pythonDescription);
    int[] arrays = {0};
    for (ZarrGroup g : List.of(plain, consolidated)) {
      g.visitItems(
          (path, node) -> {
            if (node instanceof ZarrArray a) {
              NdArray expected = Npy.read(dir.resolve("py_values").resolve(npyName(path)));
              assertThat(a.get()).as(path).isEqualTo(expected);
              arrays[0]++;
            }
            return null;
          });
    }
    assertThat(arrays[0]).isEqualTo(2 * 9);
    assertThat(plain.attrs().get("big")).isEqualTo(BigInteger.TWO.pow(70));
    assertThat((Double) plain.attrs().get("nan")).isNaN();
  }

  @Test
  void zarr4jConsolidatesPythonsHierarchyToTheSameBytes() throws IOException {
    Path copy = dir.resolve("py-copy.zarr");
    copyTree(dir.resolve("py.zarr"), copy);
    Files.delete(copy.resolve(".zmetadata"));
    Convenience.consolidateMetadata(copy);
    assertThat(Files.readAllBytes(copy.resolve(".zmetadata")))
        .isEqualTo(Files.readAllBytes(dir.resolve("py.zarr/.zmetadata")));
  }

  // ------------------------------------------------------------ zarr4j writes, zarr-python reads

  @Test
  void zarr4jHierarchyOpensInPythonWithTheSameMembersAttributesAndValues() {
    Path store = dir.resolve("java.zarr");
    Path values = dir.resolve("java_values");
    ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
    try {
      Files.createDirectories(values);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
    root.visitItems(
        (path, node) -> {
          if (node instanceof ZarrArray a) {
            Npy.write(values.resolve(npyName(path)), a.get());
          }
          return null;
        });
    List<Object> mine = describe(root);
    assertThat(mine).isEqualTo(pythonDescription); // the two builds agree
    assertThat(asList(python("describe", store.toString(), "plain", values.toString())))
        .isEqualTo(mine);
    assertThat(asList(python("describe", store.toString(), "consolidated", values.toString())))
        .isEqualTo(mine);
  }

  @Test
  void pythonConsolidatesZarr4jsHierarchyToTheSameBytes() throws IOException {
    Path copy = dir.resolve("java-copy.zarr");
    copyTree(dir.resolve("java.zarr"), copy);
    Files.delete(copy.resolve(".zmetadata"));
    python("consolidate", copy.toString());
    assertThat(
            new String(
                Files.readAllBytes(dir.resolve("java.zarr/.zmetadata")), StandardCharsets.US_ASCII))
        .isEqualTo(
            new String(Files.readAllBytes(copy.resolve(".zmetadata")), StandardCharsets.US_ASCII));
    // and every other metadata document of the two builds is identical too
    for (String key : new DirectoryStore(dir.resolve("py.zarr")).listPrefix("")) {
      if (key.endsWith(".zarray") || key.endsWith(".zgroup") || key.endsWith(".zattrs")) {
        assertThat(Files.readAllBytes(dir.resolve("java.zarr").resolve(key)))
            .as(key)
            .isEqualTo(Files.readAllBytes(dir.resolve("py.zarr").resolve(key)));
      }
    }
  }

  // ------------------------------------------------------------ printed output

  @Test
  void treesAndInfoReportsMatch() {
    Path store = dir.resolve("java.zarr");
    Map<String, Object> py = asMap(python("render", store.toString()));
    ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
    assertThat(root.tree().toString()).isEqualTo(py.get("tree"));
    assertThat(root.tree(1).toString()).isEqualTo(py.get("tree1"));
    assertThat(root.getGroup("g1").tree().toString()).isEqualTo(py.get("tree_g1"));
    assertThat(root.tree().ascii()).isEqualTo(py.get("ascii"));
    Function<String, String> names =
        s ->
            s.replace("dev.zarr4j.ZarrGroup", "zarr.hierarchy.Group")
                .replace("dev.zarr4j.store.DirectoryStore", "zarr.storage.DirectoryStore");
    assertThat(names.apply(root.info().toString())).isEqualTo(py.get("info_root"));
    assertThat(names.apply(root.getGroup("g1").info().toString())).isEqualTo(py.get("info_g1"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void copyLogsAndCountsMatch() {
    Map<String, Object> py = asMap(python("copy", dir.resolve("py.zarr").toString()));
    ZarrGroup src = Zarr.openGroup(dir.resolve("py.zarr"), OpenMode.READ);
    Map<String, Function<CopyOptions.Builder, CopyResult>> scenarios = new LinkedHashMap<>();
    scenarios.put("copy_g1", o -> Convenience.copy(src.get("g1"), Zarr.group(), o.build()));
    scenarios.put("copy_all", o -> Convenience.copyAll(src, Zarr.group(), o.build()));
    scenarios.put(
        "copy_shallow",
        o -> Convenience.copy(src.get("g1"), Zarr.group(), o.shallow(true).build()));
    Function<CopyOptions, CopyResult> existing =
        o -> {
          ZarrGroup dest = Zarr.group();
          dest.createDataset("g1/ints", ArrayOptions.builder().shape(4, 5).dtype("<i4").build());
          dest.createDataset("g1/g2", ArrayOptions.builder().shape(1).build());
          return Convenience.copy(src.get("g1"), dest, o);
        };
    scenarios.put("raise", o -> existing.apply(o.dryRun(true).build()));
    scenarios.put(
        "replace_dry", o -> existing.apply(o.ifExists(IfExists.REPLACE).dryRun(true).build()));
    scenarios.put("skip", o -> existing.apply(o.ifExists(IfExists.SKIP).build()));
    scenarios.put(
        "skip_initialized", o -> existing.apply(o.ifExists(IfExists.SKIP_INITIALIZED).build()));
    for (Map.Entry<String, Function<CopyOptions.Builder, CopyResult>> s : scenarios.entrySet()) {
      List<String> log = new ArrayList<>();
      Map<String, Object> expected = (Map<String, Object>) py.get(s.getKey());
      Map<String, Object> actual = new LinkedHashMap<>();
      actual.put("log", log);
      try {
        CopyResult r = s.getValue().apply(CopyOptions.builder().log(log::add));
        actual.put("result", List.of(r.copied(), r.skipped(), r.bytesCopied()));
      } catch (dev.zarr4j.exceptions.CopyException e) {
        actual.put("error", e.getMessage());
      }
      assertThat(actual).as(s.getKey()).isEqualTo(expected);
    }
    Map<String, CopyStoreOptions.Builder> stores = new LinkedHashMap<>();
    stores.put("copy_store", CopyStoreOptions.builder().excludes("\\.zattrs$").includes("g1/"));
    stores.put("copy_store_paths", CopyStoreOptions.builder().sourcePath("g1").destPath("x/y"));
    for (Map.Entry<String, CopyStoreOptions.Builder> s : stores.entrySet()) {
      List<String> log = new ArrayList<>();
      CopyResult r =
          Convenience.copyStore(src.store(), new MemoryStore(), s.getValue().log(log::add).build());
      Map<String, Object> actual = new LinkedHashMap<>();
      actual.put("log", log);
      actual.put("result", List.of(r.copied(), r.skipped(), r.bytesCopied()));
      assertThat(actual).as(s.getKey()).isEqualTo(py.get(s.getKey()));
    }
  }

  // ------------------------------------------------------------ casting and migration

  @Test
  @SuppressWarnings("unchecked")
  void requireDatasetCastRuleIsNumpys() throws IOException {
    List<String> dtypes =
        List.of(
            "|b1",
            "|i1",
            "<i2",
            "<i4",
            "<i8",
            "|u1",
            "<u2",
            "<u4",
            "<u8",
            "<f2",
            "<f4",
            "<f8",
            "<c8",
            "<c16",
            "|S1",
            "|S3",
            "|S4",
            "|S5",
            "|S21",
            "|S32",
            "|S64",
            "<U3",
            "<U4",
            "<U11",
            "<U21",
            "<U32",
            "<U64",
            "<M8[Y]",
            "<M8[D]",
            "<M8[s]",
            "<M8[ms]",
            "<M8[ns]",
            "<M8[as]",
            "<m8[Y]",
            "<m8[M]",
            "<m8[D]",
            "<m8[h]",
            "<m8[ps]",
            "<m8[as]",
            ">i4",
            ">f8",
            "|V1",
            "|V4",
            "|V8",
            "<M8[10s]",
            "<M8[5s]",
            "<M8[3s]",
            "<M8[W]",
            "<M8[7D]",
            "<M8[2D]",
            "<M8[4h]",
            "<M8[2M]",
            "<M8[100ns]",
            "<M8[fs]",
            "<m8[2D]",
            "<m8[10s]",
            "<m8[2M]",
            "<m8[s]");
    Path file = dir.resolve("dtypes.json");
    Files.writeString(file, PythonJson.writePython(dtypes));
    List<Object> matrix = asList(python("cancast", file.toString()));
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < dtypes.size(); i++) {
      List<Object> row = (List<Object>) matrix.get(i);
      for (int j = 0; j < dtypes.size(); j++) {
        boolean mine =
            SafeCast.canCast(DataType.parse(dtypes.get(i)), DataType.parse(dtypes.get(j)));
        if (mine != (Boolean) row.get(j)) {
          wrong.add(dtypes.get(i) + " -> " + dtypes.get(j) + ": numpy " + row.get(j));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void migrationGivesTheSameBytes() throws IOException {
    List<Object> cases = asList(python("migrate", dir.toString()));
    assertThat(cases).hasSize(3);
    for (Object c : cases) {
      Path mine = dir.resolve("v1_java").resolve((String) c);
      Path theirs = dir.resolve("v1_py").resolve((String) c);
      Convenience.migrate1to2(new DirectoryStore(mine));
      assertThat(files(mine)).as(c.toString()).isEqualTo(files(theirs));
    }
  }

  static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        out.put(
            root.relativize(p).toString(),
            new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
