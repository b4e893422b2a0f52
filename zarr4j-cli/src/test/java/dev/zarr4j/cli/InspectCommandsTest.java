package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code info}, {@code tree} and {@code attrs} in process, on Zarr v2 and N5 stores. */
class InspectCommandsTest {
  @TempDir Path dir;

  private ZarrGroup hierarchy(String name) {
    ZarrGroup root =
        Zarr.openGroup(
            Zarr.directoryStore(dir.resolve(name)),
            OpenMode.WRITE,
            GroupOptions.builder().format(Zarr.formatOf(dir.resolve(name))).build());
    ZarrArray bar =
        root.createGroup("foo")
            .create(
                "bar", ArrayOptions.builder().shape(100, 50).chunks(10, 10).dtype("<f8").build());
    bar.set(1.5);
    root.createGroup("baz").createGroup("qux");
    root.create("x", ArrayOptions.builder().shape(10).chunks(4).dtype("<i8").build())
        .set(NdArray.arange(DataType.INT64, 10, 10));
    return root;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h.zarr", "h.n5"})
  void treeDrawsTheHierarchyToTheLevelAsked(String name) {
    hierarchy(name);
    Run all = Run.inProcess(dir, "tree", name).ok();
    assertThat(all.out())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " \u251c\u2500\u2500 baz",
                " \u2502   \u2514\u2500\u2500 qux",
                " \u251c\u2500\u2500 foo",
                " \u2502   \u2514\u2500\u2500 bar (100, 50) float64",
                " \u2514\u2500\u2500 x (10,) int64",
                ""));
    assertThat(Run.inProcess(dir, "tree", name, "--level", "1", "--ascii").ok().out())
        .isEqualTo(String.join("\n", "/", " +-- baz", " +-- foo", " +-- x (10,) int64", ""));
    assertThat(Run.inProcess(dir, "tree", name, "--path", "foo", "--level", "0").ok().out())
        .isEqualTo("foo\n");
    assertThat(Run.inProcess(dir, "tree", name, "--path", "/baz/").ok().out())
        .isEqualTo("baz\n \u2514\u2500\u2500 qux\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h.zarr", "h.n5"})
  void infoReportsTheArrayAndTheGroup(String name) {
    hierarchy(name);
    Map<String, String> a = fields(Run.inProcess(dir, "info", name, "--path", "foo/bar").ok());
    assertThat(a)
        .containsEntry("Name", "/foo/bar")
        .containsEntry("Type", "dev.zarr4j.ZarrArray")
        .containsEntry("Data type", "float64")
        .containsEntry("Shape", "(100, 50)")
        .containsEntry("Chunk shape", "(10, 10)")
        .containsEntry("Read-only", "True")
        .containsEntry("No. bytes", "40000 (39.1K)")
        .containsEntry("Chunks initialized", "50/50");
    Map<String, String> g = fields(Run.inProcess(dir, "info", name).ok());
    assertThat(g)
        .containsEntry("Name", "/")
        .containsEntry("Type", "dev.zarr4j.ZarrGroup")
        .containsEntry("No. members", "3")
        .containsEntry("No. arrays", "1")
        .containsEntry("No. groups", "2")
        .containsEntry("Arrays", "x")
        .containsEntry("Groups", "baz, foo");
  }

  /** The {@code name : value} lines of an info report. */
  static Map<String, String> fields(Run r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : r.out().lines().toList()) {
      int c = line.indexOf(" : ");
      assertThat(c).as("info line '%s'", line).isPositive();
      out.put(line.substring(0, c).strip(), line.substring(c + 3));
    }
    return out;
  }

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  /**
   * Random sequences of {@code attrs} calls (sets of random JSON values, deletes of present keys,
   * and now and then a delete of a missing key, which must change nothing) against a map kept by
   * the test: after each call the store's attributes and the printed JSON equal the map.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void attrsFollowsAMapModel(long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    String name = rnd.nextBoolean() ? "m.zarr" : "m.n5";
    ZarrGroup root = hierarchy(name);
    String path = List.of("", "foo", "foo/bar", "x").get(rnd.nextInt(4));
    Map<String, Object> model = new TreeMap<>();
    for (int call = 0; call < 6; call++) {
      List<String> args = new ArrayList<>(List.of("attrs", name, "--path", path));
      Map<String, Object> next = new TreeMap<>(model);
      boolean fails = false;
      int ops = rnd.nextInt(4);
      List<String> deleted = new ArrayList<>();
      List<String> setKeys = new ArrayList<>();
      for (int i = 0; i < ops; i++) {
        List<String> deletable = new ArrayList<>(model.keySet());
        deletable.removeAll(deleted);
        deletable.removeAll(setKeys); // a key both set and deleted is a usage error
        if (!deletable.isEmpty() && rnd.nextInt(3) == 0) {
          // a delete removes an attribute stored before the call
          String key = deletable.get(rnd.nextInt(deletable.size()));
          args.addAll(List.of("--delete", key));
          deleted.add(key);
          next.remove(key);
        } else {
          String key = "k" + rnd.nextInt(6);
          if (deleted.contains(key)) {
            continue;
          }
          Object value = randomJson(rnd, 2);
          args.addAll(List.of("--set", key + "=" + PythonJson.writePython(value, false)));
          setKeys.add(key);
          next.put(key, value);
        }
      }
      if (rnd.nextInt(8) == 0) {
        args.addAll(List.of("--delete", "absent"));
        fails = true;
      }
      Run r = Run.inProcess(dir, args.toArray(String[]::new));
      if (fails) {
        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("'absent'").contains("nothing was changed");
      } else {
        assertThat(r.status()).as(r.toString()).isZero();
        model = next;
        assertThat(PythonJson.parse(r.out())).as(r.toString()).isEqualTo(model);
      }
      ZarrGroup reopened =
          Zarr.openGroup(
              Zarr.directoryStore(dir.resolve(name)),
              OpenMode.READ,
              GroupOptions.builder().format(Zarr.formatOf(dir.resolve(name))).build());
      Map<String, Object> stored = (path.isEmpty() ? reopened : reopened.get(path)).attrs().asMap();
      assertThat(new TreeMap<>(stored)).as("after %s", args).isEqualTo(model);
    }
    // the data is untouched by attribute writes
    ZarrArray bar =
        Zarr.openArray(
            Zarr.directoryStore(dir.resolve(name)),
            OpenMode.READ,
            ArrayOptions.builder()
                .path("foo/bar")
                .format(Zarr.formatOf(dir.resolve(name)))
                .build());
    assertThat(bar.getValue(99, 49)).isEqualTo(1.5);
    assertThat(Files.exists(dir.resolve(name))).isTrue();
    root.close();
  }

  /** A JSON value of the kinds attributes hold, nested to {@code depth}. */
  static Object randomJson(SplittableRandom rnd, int depth) {
    switch (rnd.nextInt(depth > 0 ? 7 : 5)) {
      case 0:
        return rnd.nextLong(-1000, 1000);
      case 1:
        return rnd.nextInt(-1000, 1000) / 8.0;
      case 2:
        return List.of("m/s", "caf\u00e9", "a \"q\" b", "=", "").get(rnd.nextInt(5));
      case 3:
        return rnd.nextBoolean();
      case 4:
        return null;
      case 5:
        List<Object> l = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
          l.add(randomJson(rnd, depth - 1));
        }
        return l;
      default:
        Map<String, Object> m = new TreeMap<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
          m.put("f" + rnd.nextInt(4), randomJson(rnd, depth - 1));
        }
        return m;
    }
  }

  @Test
  void attrsWithoutChangesOpensReadOnlyAndPrintsTheSortedDocument() throws IOException {
    hierarchy("p.zarr");
    Files.writeString(dir.resolve("p.zarr/.zattrs"), "{\"b\": 1, \"a\": [true, null]}");
    Path attrs = dir.resolve("p.zarr/.zattrs");
    long before = Files.getLastModifiedTime(attrs).toMillis();
    Run r = Run.inProcess(dir, "attrs", "p.zarr").ok();
    assertThat(r.out())
        .isEqualTo("{\n    \"a\": [\n        true,\n        null\n    ],\n    \"b\": 1\n}\n");
    assertThat(Files.readString(attrs)).isEqualTo("{\"b\": 1, \"a\": [true, null]}");
    assertThat(Files.getLastModifiedTime(attrs).toMillis()).isEqualTo(before);
  }

  @Test
  void catOfALargeArrayReadsOnlyTheChunksItPrints() throws IOException {
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("big.zarr"))
                .shape(2000, 2000)
                .chunks(100, 100)
                .dtype("|u1")
                .build());
    NdArray values = NdArray.zeros(DataType.UINT8, 2000, 2000);
    for (int i = 0; i < 2000; i++) {
      for (int j = 0; j < 2000; j++) {
        values.set((long) ((i + 7 * j) % 251), i, j);
      }
    }
    z.set(values);
    String expected = NumpyPrint.str(NumpyPrint.edges(values, false));
    // a chunk in the middle is corrupt: printing the summary never reads it
    Files.write(dir.resolve("big.zarr/10.10"), new byte[] {1, 2, 3});
    Run r = Run.inProcess(dir, "cat", "big.zarr").ok();
    assertThat(r.out()).isEqualTo(expected + "\n");
    assertThat(r.out().lines().count()).isEqualTo(7);
    // 1,989 elements: only the first and last three are read and printed
    Run sel = Run.inProcess(dir, "cat", "big.zarr", "--select", "1:1990, 5").ok();
    assertThat(sel.out())
        .isEqualTo(NumpyPrint.str(NumpyPrint.edges(z.get("1:1990, 5"), false)) + "\n")
        .isEqualTo("[36 37 38 ... 14 15 16]\n");
    Run full = Run.inProcess(dir, "cat", "big.zarr", "--full");
    assertThat(full.status()).as(full.toString()).isEqualTo(1);
    assertThat(full.err()).contains("10.10");
  }

  @Test
  void catPrintsSelectionsAndFields() {
    ZarrArray rec =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("rec.zarr"))
                .shape(4)
                .chunks(3)
                .dtype("[[\"a\", \"<i2\"], [\"b\", \"<f8\"]]")
                .build());
    rec.set(Selection.all(), NdArray.arange(DataType.INT16, 4, 4), "a");
    rec.set(Selection.all(), NdArray.of(new double[] {0.5, 1e-7, 2, 3}, 4), "b");
    assertThat(Run.inProcess(dir, "cat", "rec.zarr", "--select", ":, 'a'").ok().out())
        .isEqualTo("[0 1 2 3]\n");
    assertThat(Run.inProcess(dir, "cat", "rec.zarr", "--select", "1:3, 'b'").ok().out())
        .isEqualTo("[1.e-07 2.e+00]\n");
    // whole records print as NumPy prints them, each field formatted over its column
    assertThat(Run.inProcess(dir, "cat", "rec.zarr").ok().out())
        .isEqualTo("[(0, 5.e-01) (1, 1.e-07) (2, 2.e+00) (3, 3.e+00)]\n");
    // an object array of JSON values prints as NumPy prints the Python objects they decode to
    Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("json.zarr"))
                .shape(4)
                .dtype(DataType.OBJECT)
                .objectCodec(dev.zarr4j.codec.object.JsonCodec.DEFAULT)
                .build())
        .set(
            NdArray.wrap(
                DataType.OBJECT,
                new Object[] {
                  1L, "x", java.util.List.of(1L, 2.5), java.util.Map.of("k", java.util.List.of())
                },
                4));
    assertThat(Run.inProcess(dir, "cat", "json.zarr").ok().out())
        .isEqualTo("[1 'x' list([1, 2.5]) {'k': []}]\n");
    // a ragged array (vlen-array): an object array of 1-d arrays
    Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("obj.zarr"))
                .shape(2)
                .dtype(DataType.OBJECT)
                .objectCodec(dev.zarr4j.codec.object.VLenArray.of("<i4"))
                .build())
        .set(
            NdArray.wrap(
                DataType.OBJECT,
                new Object[] {NdArray.of(new int[] {1}, 1), NdArray.of(new int[] {2, 3}, 2)},
                2));
    // ragged arrays print as NumPy prints an object array of arrays
    assertThat(Run.inProcess(dir, "cat", "obj.zarr").ok().out())
        .isEqualTo("[array([1], dtype=int32) array([2, 3], dtype=int32)]\n");
    // a field with a shape prints as nested lists, formatted over its whole column (NumPy's str)
    DataType sub = DataType.parse("[[\"a\", \"<i4\", [2]], [\"b\", \"<f8\"]]");
    NdArray subValues = NdArray.zeros(sub, 3);
    subValues.setFields(NdArray.of(new int[] {1, 2, 300, 4, 5, -6}, 3, 2), "a");
    subValues.setFields(NdArray.of(new double[] {0.5, 1e10, 3}, 3), "b");
    Zarr.array(subValues, ArrayOptions.builder().store(dir.resolve("sub.zarr")).build());
    assertThat(Run.inProcess(dir, "cat", "sub.zarr").ok().out())
        .isEqualTo("[([  1,   2], 5.e-01) ([300,   4], 1.e+10) ([  5,  -6], 3.e+00)]\n");
    assertThat(Run.inProcess(dir, "cat", "sub.zarr", "--select", "1:, 'a'").ok().out())
        .isEqualTo("[[300   4]\n [  5  -6]]\n");
    // records of records have no NumPy print here: refused, naming what cat prints
    DataType inner =
        DataType.structured(
            java.util.List.of(
                new DataType.Field("x", DataType.parse("<i4"), java.util.List.of(), 0)));
    Zarr.create(
        ArrayOptions.builder()
            .store(dir.resolve("nested.zarr"))
            .shape(2)
            .dtype(
                DataType.structured(
                    java.util.List.of(new DataType.Field("a", inner, java.util.List.of(), 0))))
            .build());
    Run nested = Run.inProcess(dir, "cat", "nested.zarr");
    assertThat(nested.status()).as(nested.err()).isEqualTo(1);
    assertThat(nested.err()).contains("cat prints boolean, integer, float, complex, string");
    hierarchy("h.zarr");
    assertThat(Run.inProcess(dir, "cat", "h.zarr", "--path", "x", "--select", "[1, 3]").ok().out())
        .isEqualTo("[1 3]\n");
    assertThat(Run.inProcess(dir, "cat", "h.zarr", "--path", "x", "--select", "-1").ok().out())
        .isEqualTo("9\n");
    assertThat(
            Run.inProcess(dir, "cat", "h.zarr", "--path", "foo/bar", "--select", "0, :4")
                .ok()
                .out())
        .isEqualTo("[1.5 1.5 1.5 1.5]\n");
  }

  /**
   * Seeded corruption of random chunks (cut short, overwritten with garbage, or, where a crc32
   * filter guards the chunk, one flipped bit) in three arrays of a hierarchy: verify reports
   * exactly the corrupted keys, exits 1 when there are any and 0 when there are none.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void verifyReportsExactlyTheCorruptedChunks(long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    String name = rnd.nextBoolean() ? "v.zarr" : "v.n5";
    ZarrGroup root =
        Zarr.openGroup(
            Zarr.directoryStore(dir.resolve(name)),
            OpenMode.WRITE,
            GroupOptions.builder().format(Zarr.formatOf(dir.resolve(name))).build());
    List<ZarrArray> arrays =
        List.of(
            root.create(
                "blosc", ArrayOptions.builder().shape(30, 20).chunks(7, 8).dtype("<i4").build()),
            root.createGroup("g")
                .create(
                    "raw",
                    ArrayOptions.builder()
                        .shape(25)
                        .chunks(6)
                        .dtype("<f8")
                        .compressor(null)
                        .build()),
            root.create(
                "crc",
                ArrayOptions.builder()
                    .shape(12, 12)
                    .chunks(5, 5)
                    .dtype("<u2")
                    // N5 takes no filters (zarr-python's rule): there the checksum is left out
                    .filters(
                        name.endsWith(".n5")
                            ? List.of()
                            : List.of(dev.zarr4j.codec.checksum.Crc32.INSTANCE))
                    .compressor(dev.zarr4j.codec.compress.Zlib.of(1))
                    .build()));
    for (ZarrArray a : arrays) {
      NdArray v = NdArray.zeros(a.dtype(), toInts(a.shape()));
      for (int i = 0; i < v.size(); i++) {
        v.setFlat(i, (long) rnd.nextInt(1, 1000));
      }
      a.set(v);
    }
    java.util.Set<String> corrupted = new java.util.TreeSet<>();
    for (ZarrArray a : arrays) {
      String prefix = a.path() + "/";
      for (String key : a.chunkStore().listPrefix(a.path())) {
        String rel = key.substring(prefix.length());
        if (!a.spec().isChunkKey(rel) || rnd.nextInt(6) != 0) {
          continue;
        }
        Path file = dir.resolve(name).resolve(key);
        byte[] b = Files.readAllBytes(file);
        boolean checksummed = a.path().equals("crc") && name.endsWith(".zarr");
        int how = rnd.nextInt(checksummed ? 3 : 2);
        if (how == 0) {
          b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
        } else if (how == 1) {
          b = new byte[1 + rnd.nextInt(40)];
          rnd.nextBytes(b);
        } else {
          int at = rnd.nextInt(b.length);
          b[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        Files.write(file, b);
        corrupted.add(key);
      }
    }
    Run r = Run.inProcess(dir, "verify", name, "--no-progress");
    java.util.Set<String> reported = new java.util.TreeSet<>();
    for (String line : r.out().lines().toList()) {
      if (line.startsWith("corrupt: ")) {
        reported.add(line.substring(9, line.indexOf(": ", 9)));
      }
    }
    assertThat(reported).as(r.toString()).isEqualTo(corrupted);
    assertThat(r.status()).as(r.toString()).isEqualTo(corrupted.isEmpty() ? 0 : 1);
    assertThat(r.out())
        .contains("verified 3 arrays, ")
        .contains(corrupted.isEmpty() ? "no problems" : corrupted.size() + " corrupt");
    // one array alone
    Run one = Run.inProcess(dir, "verify", name, "--path", "g/raw", "--no-progress");
    assertThat(one.out()).contains("verified 1 array, 5 chunks");
  }

  private static int[] toInts(long[] shape) {
    int[] s = new int[shape.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = (int) shape[i];
    }
    return s;
  }

  @Test
  void consolidateWritesOneDocumentZarrPythonsWay() throws IOException {
    hierarchy("c.zarr");
    Run r = Run.inProcess(dir, "consolidate", "c.zarr").ok();
    assertThat(r.out()).contains("(2 arrays and their groups) into .zmetadata");
    ZarrGroup g =
        (ZarrGroup)
            dev.zarr4j.convenience.Convenience.openConsolidated(
                Zarr.directoryStore(dir.resolve("c.zarr")));
    assertThat(g.arrayKeys(true)).containsExactly("foo/bar", "x");
    Run missing = Run.inProcess(dir, "consolidate", "none.zarr");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("none.zarr");
  }

  /**
   * Random create commands (shape, data type, chunks, compressor, fill value, order, path) make an
   * empty array with exactly those settings, whose every element reads as the fill value.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void createMakesAnEmptyArrayWithTheSettingsGiven(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int nd = rnd.nextInt(4);
    long[] shape = new long[nd];
    StringBuilder shapeText = new StringBuilder();
    StringBuilder chunkText = new StringBuilder();
    int[] chunks = new int[nd];
    for (int d = 0; d < nd; d++) {
      shape[d] = rnd.nextInt(0, 30);
      chunks[d] = 1 + rnd.nextInt(8);
      shapeText.append(d > 0 ? "," : "").append(shape[d]);
      chunkText.append(d > 0 ? "," : "").append(chunks[d]);
    }
    String dtype = List.of("<f4", "<f8", "|i1", ">i4", "<u2", "|b1").get(rnd.nextInt(6));
    String compressor =
        List.of(
                "null",
                "{\"id\": \"zlib\", \"level\": 1}",
                "{\"id\": \"zstd\", \"level\": 3}",
                "{\"id\": \"blosc\", \"cname\": \"lz4\", \"clevel\": 5, \"shuffle\": 1,"
                    + " \"blocksize\": 0}")
            .get(rnd.nextInt(4));
    String fill =
        dtype.equals("|b1") ? "true" : dtype.startsWith("<f") ? "\"NaN\"" : "" + rnd.nextInt(100);
    String order = rnd.nextBoolean() ? "C" : "F";
    String path = rnd.nextBoolean() ? "" : "a/b";
    List<String> args =
        new ArrayList<>(
            List.of(
                "create",
                "c.zarr",
                "--shape",
                nd == 0 ? "()" : shapeText.toString(),
                "--dtype",
                dtype,
                "--compressor",
                compressor,
                "--fill-value",
                fill,
                "--order",
                order,
                "--path",
                path));
    if (nd > 0) {
      args.addAll(List.of("--chunks", chunkText.toString()));
    }
    Run r = Run.inProcess(dir, args.toArray(String[]::new)).ok();
    assertThat(r.out()).startsWith("created c.zarr");
    ZarrArray z =
        Zarr.openArray(
            Zarr.directoryStore(dir.resolve("c.zarr")),
            OpenMode.READ,
            ArrayOptions.builder().path(path).build());
    assertThat(z.shape()).containsExactly(shape);
    assertThat(z.dtype()).isEqualTo(dev.zarr4j.ndarray.DataType.parse(dtype));
    if (nd > 0) {
      assertThat(z.chunks()).containsExactly(chunks);
    }
    assertThat(
            z.compressor() == null
                ? "null"
                : PythonJson.writePython(z.compressor().toConfig(), false))
        .isEqualTo(
            // a 0-d array is stored without a compressor whatever is asked, as zarr-python does
            compressor.equals("null") || nd == 0
                ? "null"
                : PythonJson.writePython(PythonJson.parse(compressor), false));
    assertThat(z.order().toString()).isEqualTo(order);
    assertThat(z.nchunksInitialized()).isZero();
    NdArray all = z.get();
    Object expected =
        dtype.equals("|b1")
            ? (Object) Boolean.TRUE
            : dtype.startsWith("<f") ? (Object) Double.NaN : (Object) Long.parseLong(fill);
    for (int i = 0; i < all.size(); i++) {
      Object v = all.getFlat(i);
      if (expected instanceof Double) {
        assertThat((Double) v).isNaN();
      } else {
        assertThat(v).isEqualTo(expected);
      }
    }
  }

  @Test
  void copyCopiesANodeOrTheWholeHierarchyAcrossFormats() {
    hierarchy("src.zarr");
    Run one = Run.inProcess(dir, "copy", "src.zarr", "dst.zarr", "--path", "foo").ok();
    assertThat(one.out())
        .isEqualTo(
            "copy /foo\ncopy /foo/bar (100, 50) float64\n"
                + "all done: 2 copied, 0 skipped, 40,000 bytes copied\n");
    Map<String, String> before = CliErrorsTest.snapshot(dir.resolve("dst.zarr"));
    Run again = Run.inProcess(dir, "copy", "src.zarr", "dst.zarr", "--path", "foo");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
    assertThat(CliErrorsTest.snapshot(dir.resolve("dst.zarr"))).isEqualTo(before);
    assertThat(
            Run.inProcess(
                    dir, "copy", "src.zarr", "dst.zarr", "--path", "foo", "--if-exists", "skip")
                .ok()
                .out())
        .endsWith("all done: 1 copied, 1 skipped, 0 bytes copied\n");
    // a dry run writes nothing at all
    Run dry = Run.inProcess(dir, "copy", "src.zarr", "none.n5", "--dry-run").ok();
    assertThat(dry.out()).endsWith("dry run: 5 copied, 0 skipped\n");
    assertThat(dir.resolve("none.n5")).doesNotExist();
    // the whole hierarchy, into N5 under a group
    Run all = Run.inProcess(dir, "copy", "src.zarr", "all.n5", "--dest-path", "in").ok();
    assertThat(all.out()).endsWith("all done: 5 copied, 0 skipped, 40,080 bytes copied\n");
    ZarrGroup src = Zarr.openGroup(Zarr.directoryStore(dir.resolve("src.zarr")), OpenMode.READ);
    ZarrGroup dst =
        Zarr.openGroup(
            Zarr.directoryStore(dir.resolve("all.n5")),
            OpenMode.READ,
            GroupOptions.builder().format(Zarr.formatOf(dir.resolve("all.n5"))).path("in").build());
    assertThat(dst.arrayKeys(true)).isEqualTo(src.arrayKeys(true));
    for (String key : src.arrayKeys(true)) {
      assertThat(dst.getArray(key).get()).as(key).isEqualTo(src.getArray(key).get());
    }
  }

  @Test
  void copyStoreCopiesTheKeysTheExpressionsChoose() throws IOException {
    hierarchy("src.zarr");
    Files.writeString(dir.resolve("src.zarr/.zattrs"), "{\"a\": 1}");
    Files.writeString(dir.resolve("src.zarr/foo/bar/.zattrs"), "{\"b\": 2}");
    Run r =
        Run.inProcess(
                dir,
                "copy-store",
                "src.zarr",
                "cs.zarr",
                "--exclude",
                "^foo/",
                "--include",
                "zattrs$")
            .ok();
    List<String> copied = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      if (line.startsWith("copy ")) {
        copied.add(line.substring(5));
      }
    }
    List<String> expected = new ArrayList<>();
    for (String key : Zarr.directoryStore(dir.resolve("src.zarr")).listPrefix("")) {
      if (!key.startsWith("foo/") || key.endsWith("zattrs")) {
        expected.add(key);
      }
    }
    java.util.Collections.sort(expected);
    assertThat(copied).isEqualTo(expected);
    assertThat(new TreeMap<>(CliErrorsTest.snapshot(dir.resolve("cs.zarr"))).keySet())
        .containsAll(
            expected.stream().map(k -> k.replace('/', java.io.File.separatorChar)).toList());
    Run dry = Run.inProcess(dir, "copy-store", "src.zarr", "nothing.zarr", "--dry-run").ok();
    assertThat(dry.out()).contains("dry run: ");
    assertThat(dir.resolve("nothing.zarr")).doesNotExist();
  }

  @Test
  void convertWritesTheWholeStoreInTheFormatItsNameSays() {
    ZarrGroup src = hierarchy("h.zarr");
    src.attrs().put("title", "t");
    src.getArray("foo/bar").attrs().put("units", "m");
    assertThat(Run.inProcess(dir, "convert", "h.zarr", "h.n5").ok().out())
        .endsWith("all done: 5 copied, 0 skipped, 40,080 bytes copied\n");
    Run.inProcess(dir, "convert", "h.n5", "back.zarr").ok();
    for (String name : List.of("h.n5", "back.zarr")) {
      ZarrGroup g =
          Zarr.openGroup(
              Zarr.directoryStore(dir.resolve(name)),
              OpenMode.READ,
              GroupOptions.builder().format(Zarr.formatOf(dir.resolve(name))).build());
      assertThat(g.format().name()).isEqualTo(name.endsWith(".n5") ? "n5" : "zarr-v2");
      assertThat(g.arrayKeys(true)).isEqualTo(src.arrayKeys(true));
      for (String key : src.arrayKeys(true)) {
        assertThat(g.getArray(key).get()).as(name + " " + key).isEqualTo(src.getArray(key).get());
      }
      assertThat(g.attrs().asMap()).containsEntry("title", "t");
      assertThat(g.getArray("foo/bar").attrs().asMap()).containsEntry("units", "m");
    }
    // a single array
    Run one = Run.inProcess(dir, "convert", "h.zarr/foo/bar", "bar.n5").ok();
    assertThat(one.out()).contains("converted the array").contains("50 chunks");
    // an existing destination is refused; a failed conversion leaves nothing behind
    Run exists = Run.inProcess(dir, "convert", "h.zarr", "back.zarr");
    assertThat(exists.status()).isEqualTo(1);
    assertThat(exists.err()).contains("already exists");
    src.create("zz", ArrayOptions.builder().shape(3).chunks(3).dtype("str").fillValue("").build())
        .set(NdArray.full(DataType.OBJECT, "a", 3));
    Run failed = Run.inProcess(dir, "convert", "h.zarr", "fail.n5");
    assertThat(failed.status()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err()).contains("object").contains("fail.n5 was not written");
    assertThat(dir.resolve("fail.n5")).doesNotExist();
  }

  @Test
  void theCompletionScriptCompletesCommandsAndOptionsInBash() throws Exception {
    Run script = Run.inProcess(dir, "generate-completion").ok();
    Files.writeString(dir.resolve("zarr4j-completion.sh"), script.out());
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "source ./zarr4j-completion.sh 2>/dev/null; complete -p zarr4j;"
                    + " COMP_WORDS=(zarr4j ca); COMP_CWORD=1; _complete_zarr4j 2>/dev/null;"
                    + " echo \"[${COMPREPLY[*]}]\";"
                    + " COMP_WORDS=(zarr4j copy --if); COMP_CWORD=2; _complete_zarr4j 2>/dev/null;"
                    + " echo \"[${COMPREPLY[*]}]\"")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out.lines().toList())
        .containsExactly(
            "complete -o default -F _complete_zarr4j zarr4j", "[cat]", "[--if-exists]");
  }
}
