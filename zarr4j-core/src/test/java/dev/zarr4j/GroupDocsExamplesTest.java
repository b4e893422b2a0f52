package dev.zarr4j;

import static dev.zarr4j.testutil.StoreSnapshot.docs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the tutorial chapters "Groups", "Array and group diagnostics", "User attributes"
 * and "Pickle support", and of the {@code zarr.hierarchy} API reference, with zarr-python's printed
 * output compared text for text (type names mapped to zarr4j's; the tree drawings as zarr-python
 * 2.13 prints them, whose indentation the flattened docs text lost).
 */
class GroupDocsExamplesTest {
  @TempDir Path dir;

  private static ArrayOptions.Builder opts() {
    return ArrayOptions.builder();
  }

  @Test
  void groupsChapter() {
    ZarrGroup root = Zarr.group();
    assertThat(root.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
    ZarrGroup foo = root.createGroup("foo");
    ZarrGroup bar = foo.createGroup("bar");
    ZarrArray z1 =
        bar.zeros("baz", opts().shape(10000, 10000).chunks(1000, 1000).dtype("i4").build());
    assertThat(z1.toString())
        .isEqualTo(docs("<zarr.core.Array '/foo/bar/baz' (10000, 10000) int32>"));
    ZarrArray z =
        bar.createDataset(
            "quux", opts().shape(10000, 10000).chunks(1000, 1000).dtype("i4").build());
    assertThat(z.toString())
        .isEqualTo(docs("<zarr.core.Array '/foo/bar/quux' (10000, 10000) int32>"));
    assertThat(root.get("foo").toString()).isEqualTo(docs("<zarr.hierarchy.Group '/foo'>"));
    assertThat(root.get("foo/bar").toString()).isEqualTo(docs("<zarr.hierarchy.Group '/foo/bar'>"));
    assertThat(root.get("foo/bar/baz").toString())
        .isEqualTo(docs("<zarr.core.Array '/foo/bar/baz' (10000, 10000) int32>"));
    assertThat(root.tree().toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " └── foo",
                "     └── bar",
                "         ├── baz (10000, 10000) int32",
                "         └── quux (10000, 10000) int32"));
  }

  @Test
  void groupsChapterOnDisk() {
    ZarrNode node = Convenience.open(dir.resolve("data/group.zarr"), OpenMode.WRITE);
    assertThat(node.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
    try (ZarrGroup root = node.asGroup()) {
      ZarrArray z =
          root.zeros(
              "foo/bar/baz", opts().shape(10000, 10000).chunks(1000, 1000).dtype("i4").build());
      assertThat(z.toString())
          .isEqualTo(docs("<zarr.core.Array '/foo/bar/baz' (10000, 10000) int32>"));
    }
    // sub-groups are sub-directories
    assertThat(dir.resolve("data/group.zarr/foo/bar/baz/.zarray")).exists();
    assertThat(dir.resolve("data/group.zarr/foo/bar/.zgroup")).exists();
    assertThat(dir.resolve("data/group.zarr/foo/.zgroup")).exists();
  }

  /**
   * The info blocks. The stored sizes are those zarr-python 2.13 with numcodecs 0.11 prints for the
   * same data (33080 and 23943 bytes); the docs were printed with an older c-blosc (33240).
   */
  @Test
  void diagnosticsChapter() {
    ZarrGroup root = Zarr.group();
    ZarrGroup foo = root.createGroup("foo");
    ZarrArray bar = foo.zeros("bar", opts().shape(1000000).chunks(100000).dtype("i8").build());
    bar.set(42);
    ZarrArray baz = foo.zeros("baz", opts().shape(1000, 1000).chunks(100, 100).dtype("f4").build());
    baz.set(4.2);
    assertThat(root.info().toString())
        .isEqualTo(
            String.join(
                "\n",
                "Name        : /",
                "Type        : dev.zarr4j.ZarrGroup",
                "Read-only   : False",
                "Store type  : dev.zarr4j.store.MemoryStore",
                "No. members : 1",
                "No. arrays  : 0",
                "No. groups  : 1",
                "Groups      : foo",
                ""));
    assertThat(foo.info().toString())
        .isEqualTo(
            String.join(
                "\n",
                "Name        : /foo",
                "Type        : dev.zarr4j.ZarrGroup",
                "Read-only   : False",
                "Store type  : dev.zarr4j.store.MemoryStore",
                "No. members : 2",
                "No. arrays  : 2",
                "No. groups  : 0",
                "Arrays      : bar, baz",
                ""));
    assertThat(bar.info().toString())
        .isEqualTo(
            String.join(
                "\n",
                "Name               : /foo/bar",
                "Type               : dev.zarr4j.ZarrArray",
                "Data type          : int64",
                "Shape              : (1000000,)",
                "Chunk shape        : (100000,)",
                "Order              : C",
                "Read-only          : False",
                "Compressor         : Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)",
                "Store type         : dev.zarr4j.store.MemoryStore",
                "No. bytes          : 8000000 (7.6M)",
                "No. bytes stored   : 33080 (32.3K)",
                "Storage ratio      : 241.8",
                "Chunks initialized : 10/10",
                ""));
    assertThat(baz.info().toString())
        .isEqualTo(
            String.join(
                "\n",
                "Name               : /foo/baz",
                "Type               : dev.zarr4j.ZarrArray",
                "Data type          : float32",
                "Shape              : (1000, 1000)",
                "Chunk shape        : (100, 100)",
                "Order              : C",
                "Read-only          : False",
                "Compressor         : Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)",
                "Store type         : dev.zarr4j.store.MemoryStore",
                "No. bytes          : 4000000 (3.8M)",
                "No. bytes stored   : 23943 (23.4K)",
                "Storage ratio      : 167.1",
                "Chunks initialized : 100/100",
                ""));
    assertThat(root.tree().toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " └── foo",
                "     ├── bar (1000000,) int64",
                "     └── baz (1000, 1000) float32"));
  }

  @Test
  void userAttributesChapter() {
    ZarrGroup root = Zarr.group();
    root.attrs().put("foo", "bar");
    ZarrArray z = root.zeros("zzz", opts().shape(10000, 10000).build());
    z.attrs().put("baz", 42);
    z.attrs().put("qux", List.of(1, 4, 7, 12));
    assertThat(new ArrayList<>(root.attrs().keys())).containsExactly("foo");
    assertThat(root.attrs().contains("foo")).isTrue();
    assertThat(root.attrs().get("foo")).isEqualTo("bar");
    assertThat(z.attrs().keys()).containsExactlyInAnyOrder("baz", "qux");
    assertThat(z.attrs().get("baz")).isEqualTo(42L);
    assertThat(z.attrs().get("qux")).isEqualTo(List.of(1L, 4L, 7L, 12L));
  }

  @Test
  void pickleChapterInMemory() throws Exception {
    ZarrArray z1 = Zarr.array(NdArray.arange(DataType.INT64, 100000), ArrayOptions.defaults());
    byte[] s = serialize(z1);
    assertThat(s.length).isGreaterThan(5000); // relatively large because the data travel too
    ZarrArray z2 = (ZarrArray) deserialize(s);
    assertThat(z2).isEqualTo(z1);
    assertThat(z2.get()).isEqualTo(z1.get());
  }

  @Test
  void pickleChapterOnDisk() throws Exception {
    ZarrArray z3 =
        Zarr.openArray(
            dir.resolve("data/walnuts.zarr"),
            OpenMode.WRITE,
            opts().shape(100000).dtype("i8").build());
    z3.set(NdArray.arange(DataType.INT64, 100000));
    byte[] s = serialize(z3);
    assertThat(s.length).isLessThan(500); // small because no data travel, only the location
    ZarrArray z4 = (ZarrArray) deserialize(s);
    assertThat(z4).isEqualTo(z3);
    assertThat(z4.get()).isEqualTo(z3.get());
  }

  // ------------------------------------------------------------ API reference: zarr.hierarchy

  @Test
  void groupFunction() {
    assertThat(Zarr.group().toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
    DirectoryStore store = new DirectoryStore(dir.resolve("data/example.zarr"));
    ZarrGroup g = Zarr.group(store, GroupOptions.builder().overwrite(true).build());
    assertThat(g.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
  }

  @Test
  void openGroupFunction() {
    Path p = dir.resolve("data/example.zarr");
    ZarrGroup root = Zarr.openGroup(p, OpenMode.WRITE);
    root.createGroup("foo");
    root.createGroup("bar");
    assertThat(root.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
    ZarrGroup root2 = Zarr.openGroup(p, OpenMode.APPEND);
    assertThat(root2.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
    assertThat(root).isEqualTo(root2);
  }

  @Test
  void iterationMembershipAndLookup() {
    ZarrGroup g1 = Zarr.group();
    g1.createGroup("foo");
    g1.createGroup("bar");
    g1.createDataset("baz", opts().shape(100).chunks(10).build());
    g1.createDataset("quux", opts().shape(200).chunks(20).build());
    assertThat(g1.keys()).containsExactly("bar", "baz", "foo", "quux");
    assertThat(g1.size()).isEqualTo(4);
    assertThat(g1.groupKeys()).containsExactly("bar", "foo");
    List<String> lines = new ArrayList<>();
    g1.groups().forEach((n, v) -> lines.add(n + " " + v.getClass().getSimpleName()));
    assertThat(lines).containsExactly("bar ZarrGroup", "foo ZarrGroup");
    assertThat(g1.arrayKeys()).containsExactly("baz", "quux");
    lines.clear();
    g1.arrays().forEach((n, v) -> lines.add(n + " " + v.getClass().getSimpleName()));
    assertThat(lines).containsExactly("baz ZarrArray", "quux ZarrArray");

    ZarrGroup g2 = Zarr.group();
    g2.createGroup("foo");
    g2.createDataset("bar", opts().shape(100).chunks(10).build());
    assertThat(g2.contains("foo")).isTrue();
    assertThat(g2.contains("bar")).isTrue();
    assertThat(g2.contains("baz")).isFalse();

    ZarrGroup g3 = Zarr.group();
    g3.createDataset("foo/bar/baz", opts().shape(100).chunks(10).build());
    assertThat(g3.get("foo").toString()).isEqualTo(docs("<zarr.hierarchy.Group '/foo'>"));
    assertThat(g3.get("foo/bar").toString()).isEqualTo(docs("<zarr.hierarchy.Group '/foo/bar'>"));
    assertThat(g3.get("foo/bar/baz").toString())
        .isEqualTo(docs("<zarr.core.Array '/foo/bar/baz' (100,) float64>"));
  }

  private static ZarrGroup visitExample() {
    ZarrGroup g1 = Zarr.group();
    g1.createGroup("foo");
    ZarrGroup g3 = g1.createGroup("bar");
    g3.createGroup("baz");
    g3.createGroup("quux");
    return g1;
  }

  @Test
  void visit() {
    ZarrGroup g1 = visitExample();
    ZarrGroup g3 = g1.getGroup("bar");
    List<String> out = new ArrayList<>();
    assertThat(
            g1.visit(
                name -> {
                  out.add(name);
                  return null;
                }))
        .isEmpty();
    assertThat(out).containsExactly("bar", "bar/baz", "bar/quux", "foo");
    out.clear();
    g3.visit(
        name -> {
          out.add(name);
          return null;
        });
    assertThat(out).containsExactly("baz", "quux");
    out.clear();
    g3.visitKeys(
        name -> {
          out.add(name);
          return null;
        });
    assertThat(out).containsExactly("baz", "quux");
  }

  @Test
  void visitFindAndFindAll() {
    ZarrGroup root = Zarr.group();
    root.createGroup("foo");
    root.createGroup("bar");
    ZarrGroup deep =
        root.createGroup("aaa").createGroup("bbb").createGroup("ccc").createGroup("aaa");
    assertThat(deep.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/aaa/bbb/ccc/aaa'>"));
    assertThat(root.tree().toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " ├── aaa",
                " │   └── bbb",
                " │       └── ccc",
                " │           └── aaa",
                " ├── bar",
                " └── foo"));
    Pattern pattern = Pattern.compile("aaa");
    String[] found = new String[1];
    // find: a non-null result stops the visit and is returned
    assertThat(
            root.visit(
                path -> {
                  if (pattern.matcher(path).find()) {
                    found[0] = path;
                    return true;
                  }
                  return null;
                }))
        .contains(true);
    assertThat(found[0]).isEqualTo("aaa");
    List<String> all = new ArrayList<>();
    assertThat(
            root.visit(
                path -> {
                  if (pattern.matcher(path).find()) {
                    all.add(path);
                  }
                  return null;
                }))
        .isEmpty();
    assertThat(all).containsExactly("aaa", "aaa/bbb", "aaa/bbb/ccc", "aaa/bbb/ccc/aaa");
    // match only the last segment
    Pattern prefix = Pattern.compile(".*/");
    List<String> last = new ArrayList<>();
    root.visit(
        path -> {
          Matcher m = prefix.matcher(path);
          String name = m.lookingAt() ? path.substring(m.end()) : path;
          if (pattern.matcher(name).find()) {
            last.add(path);
          }
          return null;
        });
    assertThat(last).containsExactly("aaa", "aaa/bbb/ccc/aaa");
  }

  @Test
  void visitValuesAndItems() {
    ZarrGroup g1 = visitExample();
    ZarrGroup g3 = g1.getGroup("bar");
    List<String> out = new ArrayList<>();
    g1.visitValues(
        o -> {
          out.add(o.toString());
          return null;
        });
    assertThat(out)
        .containsExactly(
            docs("<zarr.hierarchy.Group '/bar'>"),
            docs("<zarr.hierarchy.Group '/bar/baz'>"),
            docs("<zarr.hierarchy.Group '/bar/quux'>"),
            docs("<zarr.hierarchy.Group '/foo'>"));
    out.clear();
    g3.visitValues(
        o -> {
          out.add(o.toString());
          return null;
        });
    assertThat(out)
        .containsExactly(
            docs("<zarr.hierarchy.Group '/bar/baz'>"), docs("<zarr.hierarchy.Group '/bar/quux'>"));
    out.clear();
    g1.visitItems(
        (n, o) -> {
          out.add("('" + n + "', " + o + ")");
          return null;
        });
    assertThat(out)
        .containsExactly(
            docs("('bar', <zarr.hierarchy.Group '/bar'>)"),
            docs("('bar/baz', <zarr.hierarchy.Group '/bar/baz'>)"),
            docs("('bar/quux', <zarr.hierarchy.Group '/bar/quux'>)"),
            docs("('foo', <zarr.hierarchy.Group '/foo'>)"));
    out.clear();
    g3.visitItems(
        (n, o) -> {
          out.add("('" + n + "', " + o + ")");
          return null;
        });
    assertThat(out)
        .containsExactly(
            docs("('baz', <zarr.hierarchy.Group '/bar/baz'>)"),
            docs("('quux', <zarr.hierarchy.Group '/bar/quux'>)"));
  }

  @Test
  void treeWithLevels() {
    ZarrGroup g1 = Zarr.group();
    g1.createGroup("foo");
    ZarrGroup g3 = g1.createGroup("bar");
    g3.createGroup("baz");
    ZarrGroup g5 = g3.createGroup("quux");
    g5.createDataset("baz", opts().shape(100).chunks(10).build());
    assertThat(g1.tree().toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " ├── bar",
                " │   ├── baz",
                " │   └── quux",
                " │       └── baz (100,) float64",
                " └── foo"));
    assertThat(g1.tree(2).toString())
        .isEqualTo(String.join("\n", "/", " ├── bar", " │   ├── baz", " │   └── quux", " └── foo"));
    assertThat(g3.tree().toString())
        .isEqualTo(
            String.join("\n", "bar", " ├── baz", " └── quux", "     └── baz (100,) float64"));
  }

  @Test
  void createAndRequireGroups() {
    ZarrGroup g1 = Zarr.group();
    g1.createGroup("foo");
    g1.createGroup("bar");
    ZarrGroup g4 = g1.createGroup("baz/quux");
    assertThat(g4.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/baz/quux'>"));
    assertThat(g1.groupKeys()).containsExactly("bar", "baz", "foo");

    ZarrGroup h1 = Zarr.group();
    ZarrGroup h2 = h1.requireGroup("foo");
    ZarrGroup h3 = h1.requireGroup("foo");
    assertThat(h2).isEqualTo(h3);
  }

  @Test
  void createDatasetExamples() {
    ZarrGroup g1 = Zarr.group();
    ZarrArray d1 = g1.createDataset("foo", opts().shape(10000, 10000).chunks(1000, 1000).build());
    assertThat(d1.toString()).isEqualTo(docs("<zarr.core.Array '/foo' (10000, 10000) float64>"));
    ZarrArray d2 =
        g1.createDataset("bar/baz/qux", opts().shape(100, 100, 100).chunks(100, 10, 10).build());
    assertThat(d2.toString())
        .isEqualTo(docs("<zarr.core.Array '/bar/baz/qux' (100, 100, 100) float64>"));
  }

  @Test
  void convenienceTreeOfAGroup() {
    ZarrGroup g1 = Zarr.group();
    g1.createGroup("foo");
    ZarrGroup g3 = g1.createGroup("bar");
    g3.createGroup("baz");
    g3.createGroup("qux").createDataset("baz", opts().shape(100).chunks(10).build());
    assertThat(Convenience.tree(g1).toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " ├── bar",
                " │   ├── baz",
                " │   └── qux",
                " │       └── baz (100,) float64",
                " └── foo"));
  }

  static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  static Object deserialize(byte[] b) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return in.readObject();
    }
  }
}
