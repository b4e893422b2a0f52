package dev.zarr4j;

import static dev.zarr4j.GroupDocsExamplesTest.deserialize;
import static dev.zarr4j.GroupDocsExamplesTest.serialize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.sync.ThreadSynchronizer;
import dev.zarr4j.testutil.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups: open modes, members, paths, creation rules, moves, attributes, identity, serialisation.
 */
class ZarrGroupTest {
  @TempDir Path dir;

  private static ArrayOptions small() {
    return ArrayOptions.builder().shape(10).chunks(5).dtype("i4").build();
  }

  private static GroupOptions at(String path) {
    return GroupOptions.builder().path(path).build();
  }

  private static String text(Store s, String key) {
    return StandardCharsets.UTF_8.decode(s.get(key).orElseThrow()).toString();
  }

  // ------------------------------------------------------------ modes

  @Test
  void readModesNeedAnExistingGroupAndNameThePath() {
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(() -> Zarr.openGroup(store, OpenMode.READ, at("foo/bar")))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("'foo/bar'");
    assertThatThrownBy(() -> Zarr.openGroup(store, OpenMode.READ_WRITE))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("'/'");
    assertThat(store.keyCount()).isZero();
    Zarr.create(small().toBuilder().store(store).path("arr").build());
    assertThatThrownBy(() -> Zarr.openGroup(store, OpenMode.READ, at("arr")))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("holds an array");
    ZarrGroup ro = Zarr.openGroup(store, OpenMode.READ);
    ZarrGroup rw = Zarr.openGroup(store, OpenMode.READ_WRITE);
    assertThat(ro.readOnly()).isTrue();
    assertThat(rw.readOnly()).isFalse();
    assertThat(ro.toString()).isEqualTo("<zarr4j.ZarrGroup '/' read-only>");
    assertThat(ro.getArray("arr").readOnly()).isTrue();
    assertThat(rw.getArray("arr").readOnly()).isFalse();
    assertThatThrownBy(() -> ro.createGroup("x")).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> ro.attrs().put("a", 1)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> ro.getArray("arr").set(1)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> ro.requireGroup("")).isInstanceOf(ReadOnlyException.class);
  }

  @Test
  void appendCreatesOrOpens() {
    MemoryStore store = new MemoryStore();
    ZarrGroup g = Zarr.openGroup(store, OpenMode.APPEND, at("a/b"));
    assertThat(store.listPrefix("")).containsExactly(".zgroup", "a/.zgroup", "a/b/.zgroup");
    g.attrs().put("x", 1);
    ZarrGroup again = Zarr.openGroup(store, OpenMode.APPEND, at("a/b"));
    assertThat(again.attrs().get("x")).isEqualTo(1L);
    Zarr.create(small().toBuilder().store(store).path("arr").build());
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> Zarr.openGroup(store, OpenMode.APPEND, at("arr")))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("'arr'");
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
  }

  @Test
  void writeReplacesAndCreateRefusesExisting() {
    MemoryStore store = new MemoryStore();
    ZarrGroup g = Zarr.group(store);
    g.zeros("a/b", small());
    Zarr.openGroup(store, OpenMode.WRITE, at("a"));
    assertThat(store.listPrefix("")).containsExactly(".zgroup", "a/.zgroup");
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> Zarr.openGroup(store, OpenMode.CREATE, at("a")))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("a group already exists at path 'a'");
    g.zeros("arr", small());
    before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> Zarr.openGroup(store, OpenMode.CREATE, at("arr")))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("an array already exists at path 'arr'");
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    ZarrGroup created = Zarr.openGroup(store, OpenMode.CREATE, at("new/one"));
    assertThat(created.path()).isEqualTo("new/one");
  }

  @Test
  void groupFunctionCreatesOnlyWhenMissing() {
    MemoryStore store = new MemoryStore();
    ZarrGroup g = Zarr.group(store, at("x"));
    g.attrs().put("kept", true);
    assertThat(Zarr.group(store, at("x")).attrs().get("kept")).isEqualTo(true);
    assertThat(Zarr.group(store, at("x").toBuilder().overwrite(true).build()).attrs().keys())
        .isEmpty();
    Zarr.create(small().toBuilder().store(store).path("arr").build());
    assertThatThrownBy(() -> Zarr.group(store, at("arr"))).isInstanceOf(NodeExistsException.class);
    Zarr.group(store, at("arr").toBuilder().overwrite(true).build());
    assertThat(Zarr.openGroup(store, OpenMode.READ).groupKeys()).containsExactly("arr", "x");
  }

  @Test
  void openingADirectoryToReadCreatesNothing() {
    Path missing = dir.resolve("nothing.zarr");
    assertThatThrownBy(() -> Zarr.openGroup(missing, OpenMode.READ))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining(missing.toString());
    assertThat(missing).doesNotExist();
  }

  // ------------------------------------------------------------ members and paths

  @Test
  void intermediateGroupsAreCreatedAsZarrPythonDoes() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store);
    root.createDataset("foo/bar/baz", ArrayOptions.builder().shape(100).chunks(10).build());
    assertThat(store.listPrefix(""))
        .containsExactly(".zgroup", "foo/.zgroup", "foo/bar/.zgroup", "foo/bar/baz/.zarray");
    assertThat(text(store, "foo/.zgroup")).isEqualTo("{\n    \"zarr_format\": 2\n}");
    root.createGroup("a/b/c");
    assertThat(root.getGroup("a/b").groupKeys()).containsExactly("c");
  }

  @Test
  void pathsAreNormalisedAndAbsolutePathsStartAtTheRoot() {
    ZarrGroup root = Zarr.group();
    ZarrGroup foo = root.createGroup("foo");
    foo.createGroup("bar");
    root.createGroup("top");
    assertThat(root.get("/foo//bar/")).isEqualTo(root.get("foo/bar"));
    assertThat(root.get("foo\\bar").path()).isEqualTo("foo/bar");
    assertThat(foo.get("bar").path()).isEqualTo("foo/bar");
    assertThat(foo.get("/top").path()).isEqualTo("top");
    assertThat(foo.contains("top")).isFalse();
    assertThat(foo.contains("/top")).isTrue();
    assertThat(foo.itemPath("")).isEqualTo("foo");
    for (String bad : List.of("../top", "bar/./x", "..", "a/../b")) {
      assertThatThrownBy(() -> foo.get(bad))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("segment");
      assertThatThrownBy(() -> foo.createGroup(bad)).isInstanceOf(InvalidKeyException.class);
    }
    assertThatThrownBy(() -> root.get("nope"))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("'nope'");
    assertThat(root.find("nope")).isEmpty();
    assertThatThrownBy(() -> root.getArray("foo"))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("holds a group");
  }

  @Test
  void recursiveArrayListingUsesRelativePaths() {
    ZarrGroup root = Zarr.group();
    root.zeros("b", small());
    root.zeros("a/x", small());
    root.zeros("a/deep/y", small());
    root.createGroup("empty");
    assertThat(root.arrayKeys()).containsExactly("b");
    assertThat(root.arrayKeys(true)).containsExactly("a/deep/y", "a/x", "b");
    Map<String, ZarrArray> arrays = root.arrays(true);
    assertThat(arrays.keySet()).containsExactly("a/deep/y", "a/x", "b");
    assertThat(arrays.get("a/deep/y").path()).isEqualTo("a/deep/y");
    assertThat(root.getGroup("a").arrayKeys(true)).containsExactly("deep/y", "x");
    assertThat(root.members().keySet()).containsExactly("a", "b", "empty");
  }

  @Test
  void visitorsStopAtTheFirstResult() {
    ZarrGroup root = Zarr.group();
    for (String n : List.of("a", "b", "c", "d")) {
      root.createGroup(n).zeros("z", small());
    }
    AtomicInteger calls = new AtomicInteger();
    assertThat(
            root.visitItems(
                (name, node) -> {
                  calls.incrementAndGet();
                  return node.isArray() && name.startsWith("b") ? name : null;
                }))
        .contains("b/z");
    assertThat(calls.get()).isEqualTo(4); // a, a/z, b, b/z
    List<String> all = new ArrayList<>();
    assertThat(
            root.visitValues(
                n -> {
                  all.add(n.path());
                  return null;
                }))
        .isEmpty();
    assertThat(all).containsExactly("a", "a/z", "b", "b/z", "c", "c/z", "d", "d/z");
  }

  @Test
  void membersIgnoreStrayKeys() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store);
    root.zeros("arr", small());
    store.set("notanode/file", new byte[] {1});
    store.set("stray", new byte[] {1});
    assertThat(root.keys()).containsExactly("arr");
    assertThat(root.contains("notanode")).isFalse();
  }

  // ------------------------------------------------------------ creation rules

  @Test
  void nodesInTheWayAreRefusedWithoutOverwrite() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store);
    root.createGroup("g").attrs().put("k", "v");
    root.zeros("arr", small()).set(7);
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> root.createDataset("g", small()))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("a group already exists at path 'g'");
    assertThatThrownBy(() -> root.zeros("arr", small()))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("an array already exists at path 'arr'");
    assertThatThrownBy(() -> root.createGroup("arr")).isInstanceOf(NodeExistsException.class);
    assertThatThrownBy(() -> root.createGroup("g")).isInstanceOf(NodeExistsException.class);
    assertThatThrownBy(() -> root.createGroup("arr/below"))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("ancestor 'arr' is an array");
    assertThatThrownBy(() -> root.requireGroup("arr")).isInstanceOf(NodeExistsException.class);
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);

    ZarrArray replaced = root.createDataset("g", small().toBuilder().overwrite(true).build());
    assertThat(replaced.attrs().keys()).isEmpty();
    assertThat(store.contains("g/.zgroup")).isFalse();
    ZarrGroup sub = root.createGroup("arr/below", true);
    assertThat(sub.path()).isEqualTo("arr/below");
    assertThat(store.contains("arr/.zarray")).isFalse();
    assertThat(store.contains("arr/0")).isFalse();
    assertThat(root.get("arr").isGroup()).isTrue();
  }

  @Test
  void requireDatasetChecksShapeAndType() {
    ZarrGroup root = Zarr.group();
    ZarrArray made =
        root.requireDataset("d", new long[] {10}, "i4", false, ArrayOptions.defaults());
    made.set(5);
    ZarrArray same = root.requireDataset("d", new long[] {10}, "i4", true, ArrayOptions.defaults());
    assertThat(same).isEqualTo(made);
    assertThat(same.get().getLong(3)).isEqualTo(5L);
    // int16 and uint16 fit in int32; float64 does not (nor does the default dtype)
    root.requireDataset("d", new long[] {10}, "i2", false, ArrayOptions.defaults());
    root.requireDataset("d", new long[] {10}, "<u2", false, ArrayOptions.defaults());
    assertThatThrownBy(
            () -> root.requireDataset("d", new long[] {10}, "f8", false, ArrayOptions.defaults()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("cannot be safely cast");
    assertThatThrownBy(
            () ->
                root.requireDataset(
                    "d", new long[] {10}, (String) null, false, ArrayOptions.defaults()))
        .isInstanceOf(InvalidArrayException.class);
    assertThatThrownBy(
            () -> root.requireDataset("d", new long[] {10}, "i2", true, ArrayOptions.defaults()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("do not match exactly");
    assertThatThrownBy(
            () -> root.requireDataset("d", new long[] {11}, "i4", false, ArrayOptions.defaults()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("[10]")
        .hasMessageContaining("[11]");
    ZarrArray created =
        root.requireDataset("e", new long[] {3, 4}, (String) null, false, ArrayOptions.defaults());
    assertThat(created.dtype()).isEqualTo(DataType.FLOAT64);
  }

  @Test
  void creationFunctionsInAGroup() {
    ZarrGroup root = Zarr.group();
    ArrayOptions o = ArrayOptions.builder().shape(4).chunks(2).dtype("i8").build();
    assertThat(root.create("c", o).fillValue()).isEqualTo(0L);
    assertThat(root.empty("e", o).fillValue()).isNull();
    assertThat(root.zeros("z", o).get().getLong(0)).isZero();
    assertThat(root.ones("o", o).get().getLong(3)).isEqualTo(1L);
    assertThat(root.full("f", 9, o).get().getLong(2)).isEqualTo(9L);
    NdArray data = NdArray.arange(DataType.INT64, 4);
    assertThat(root.array("a", data, ArrayOptions.builder().chunks(2).build()).get())
        .isEqualTo(data);
    ZarrArray f = root.getArray("f");
    assertThat(root.zerosLike("zl", f, ArrayOptions.defaults()).chunks()).containsExactly(2);
    assertThat(root.onesLike("ol", f, ArrayOptions.defaults()).get().getLong(0)).isEqualTo(1L);
    assertThat(root.fullLike("fl", f, ArrayOptions.defaults()).get().getLong(0)).isEqualTo(9L);
    assertThat(root.emptyLike("el", f, ArrayOptions.defaults()).shape()).containsExactly(4);
    assertThat(root.zerosLike("znd", data, ArrayOptions.defaults()).dtype())
        .isEqualTo(DataType.INT64);
    assertThat(root.onesLike("ond", data, ArrayOptions.defaults()).get().getLong(1)).isEqualTo(1L);
    assertThat(root.emptyLike("end", data, ArrayOptions.defaults()).shape()).containsExactly(4);
    assertThat(root.createDataset("cd", data, ArrayOptions.defaults()).get()).isEqualTo(data);
    assertThat(root.arrayKeys()).hasSize(14);
    assertThatThrownBy(() -> root.zeros("x", o.toBuilder().path("elsewhere").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------ move and remove

  @Test
  void moveArraysAndGroups() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store);
    ZarrArray a = root.zeros("a", small());
    a.set(NdArray.arange(DataType.INT32, 10));
    a.attrs().put("k", 1);
    root.move("a", "x/y/b");
    assertThat(root.contains("a")).isFalse();
    ZarrArray b = root.getArray("x/y/b");
    assertThat(b.get()).isEqualTo(NdArray.arange(DataType.INT32, 10));
    assertThat(b.attrs().get("k")).isEqualTo(1L);
    assertThat(root.get("x/y").isGroup()).isTrue();
    root.move("x", "z");
    assertThat(root.keys()).containsExactly("z");
    ZarrGroup z = root.getGroup("z");
    z.move("y/b", "c"); // relative to z
    assertThat(store.contains("z/c/.zarray")).isTrue();
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> root.move("nothing", "w")).isInstanceOf(NodeNotFoundException.class);
    assertThatThrownBy(() -> root.move("z", "z/c")).isInstanceOf(NodeExistsException.class);
    assertThatThrownBy(() -> root.move("z", "z/q")).isInstanceOf(InvalidKeyException.class);
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
  }

  @Test
  void moveOnADirectoryStoreWithAChunkStore() {
    DirectoryStore meta = new DirectoryStore(dir.resolve("meta"));
    DirectoryStore chunks = new DirectoryStore(dir.resolve("chunks"));
    ZarrGroup root = Zarr.group(meta, GroupOptions.builder().chunkStore(chunks).build());
    ZarrArray a = root.zeros("g/a", small());
    a.set(NdArray.arange(DataType.INT32, 10));
    assertThat(chunks.listPrefix("")).containsExactly("g/a/0", "g/a/1");
    assertThat(meta.listPrefix("")).containsExactly(".zgroup", "g/.zgroup", "g/a/.zarray");
    assertThat(root.info().get("Chunk store type")).isEqualTo("dev.zarr4j.store.DirectoryStore");
    root.move("g", "h/g2");
    assertThat(chunks.listPrefix("")).containsExactly("h/g2/a/0", "h/g2/a/1");
    assertThat(root.getArray("h/g2/a").get()).isEqualTo(NdArray.arange(DataType.INT32, 10));
    assertThat(Files.exists(dir.resolve("meta/g"))).isFalse();
    root.remove("h/g2/a");
    assertThat(chunks.listPrefix("")).isEmpty();
    assertThat(root.getGroup("h/g2").keys()).isEmpty();
    assertThatThrownBy(() -> root.remove("h/g2/a")).isInstanceOf(NodeNotFoundException.class);
  }

  // ------------------------------------------------------------ attributes

  @Test
  void attributesHoldNestedUnicodeJson() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store);
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", List.of(1, 2.5, "three", List.of(true, false), Map.of("deep", List.of())));
    nested.put("none", null);
    root.attrs().put("nested", nested);
    root.attrs().put("ünïcødé ✓", "値 \uD83D\uDE00");
    root.attrs().update(Map.of("a", 1, "b", "two"));
    assertThat(text(store, ".zattrs"))
        .isEqualTo(
            "{\n"
                + "    \"a\": 1,\n"
                + "    \"b\": \"two\",\n"
                + "    \"nested\": {\n"
                + "        \"list\": [\n"
                + "            1,\n"
                + "            2.5,\n"
                + "            \"three\",\n"
                + "            [\n"
                + "                true,\n"
                + "                false\n"
                + "            ],\n"
                + "            {\n"
                + "                \"deep\": []\n"
                + "            }\n"
                + "        ],\n"
                + "        \"none\": null\n"
                + "    },\n"
                + "    \"\\u00fcn\\u00efc\\u00f8d\\u00e9 \\u2713\": \"\\u5024 \\ud83d\\ude00\"\n"
                + "}");
    ZarrGroup reopened = Zarr.openGroup(store, OpenMode.READ);
    assertThat(reopened.attrs().get("ünïcødé ✓")).isEqualTo("値 \uD83D\uDE00");
    assertThat(reopened.attrs().asMap()).containsOnlyKeys("nested", "ünïcødé ✓", "a", "b");
    root.attrs().remove("a");
    assertThat(Zarr.openGroup(store, OpenMode.READ).attrs().contains("a")).isFalse();
    assertThatThrownBy(() -> reopened.attrs().remove("b")).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> reopened.attrs().update(Map.of("x", 1)))
        .isInstanceOf(ReadOnlyException.class);
  }

  @Test
  void attributeCachingFollowsTheGroupOption() {
    MemoryStore store = new MemoryStore();
    ZarrGroup writer = Zarr.group(store);
    writer.createGroup("sub");
    ZarrGroup cached = Zarr.openGroup(store, OpenMode.READ);
    ZarrGroup fresh =
        Zarr.openGroup(store, OpenMode.READ, GroupOptions.builder().cacheAttrs(false).build());
    assertThat(cached.attrs().keys()).isEmpty();
    assertThat(fresh.attrs().keys()).isEmpty();
    writer.attrs().put("later", 1);
    assertThat(cached.attrs().contains("later")).isFalse();
    assertThat(fresh.attrs().contains("later")).isTrue();
    // members inherit the setting, arrays created in the group too
    assertThat(fresh.getGroup("sub").cacheAttrs()).isFalse();
    ZarrGroup rw =
        Zarr.openGroup(
            store, OpenMode.READ_WRITE, GroupOptions.builder().cacheAttrs(false).build());
    assertThat(rw.zeros("z", small()).attrs().cache()).isFalse();
    assertThat(rw.zeros("y", small().toBuilder().cacheAttrs(true).build()).attrs().cache())
        .isTrue();
  }

  // ------------------------------------------------------------ identity, lifecycle, serialisation

  @Test
  void synchronizerReachesArraysAndInfo() {
    ThreadSynchronizer sync = new ThreadSynchronizer();
    ZarrGroup root =
        Zarr.group(new MemoryStore(), GroupOptions.builder().synchronizer(sync).build());
    ZarrArray z = root.zeros("z", small());
    assertThat(z.info().get("Synchronizer type")).isEqualTo(ThreadSynchronizer.class.getName());
    assertThat(root.info().get("Synchronizer type")).isEqualTo(ThreadSynchronizer.class.getName());
    assertThat(root.getArray("z").info().get("Synchronizer type")).isNotNull();
  }

  @Test
  void closeClosesOnlyAStoreTheGroupOpened() {
    ZarrGroup owned = Zarr.group(dir.resolve("owned"));
    DirectoryStore ownedStore = (DirectoryStore) owned.store();
    owned.close();
    assertThat(ownedStore.isClosed()).isTrue();
    DirectoryStore given = new DirectoryStore(dir.resolve("given"));
    try (ZarrGroup g = Zarr.group(given)) {
      g.createGroup("x");
    }
    assertThat(given.isClosed()).isFalse();
  }

  @Test
  void equalityAndNames() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store);
    ZarrGroup foo = root.createGroup("foo/bar");
    assertThat(foo.name()).isEqualTo("/foo/bar");
    assertThat(foo.basename()).isEqualTo("bar");
    assertThat(root.name()).isEqualTo("/");
    assertThat(root.basename()).isEmpty();
    assertThat(foo).isEqualTo(Zarr.openGroup(store, OpenMode.READ_WRITE, at("/foo/bar/")));
    assertThat(foo).isNotEqualTo(Zarr.openGroup(store, OpenMode.READ, at("foo/bar")));
    assertThat(foo.hashCode()).isEqualTo(root.getGroup("foo/bar").hashCode());
    assertThat(foo).isNotEqualTo(root);
  }

  @Test
  void groupsSerialiseWithMemoryDataOrDirectoryLocation() throws Exception {
    ZarrGroup mem = Zarr.group();
    mem.zeros("a/b", small()).set(3);
    mem.attrs().put("x", "y");
    ZarrGroup copy = (ZarrGroup) deserialize(serialize(mem));
    assertThat(copy).isEqualTo(mem);
    assertThat(copy.getArray("a/b").get().getLong(9)).isEqualTo(3L);
    assertThat(copy.attrs().get("x")).isEqualTo("y");
    assertThat(copy.store()).isNotSameAs(mem.store());

    ZarrGroup disk =
        Zarr.openGroup(
            dir.resolve("g.zarr"),
            OpenMode.WRITE,
            GroupOptions.builder().path("sub").synchronizer(new ThreadSynchronizer()).build());
    disk.zeros("z", small()).set(4);
    byte[] bytes = serialize(disk);
    assertThat(bytes.length).isLessThan(500);
    ZarrGroup back = (ZarrGroup) deserialize(bytes);
    assertThat(back).isEqualTo(disk);
    assertThat(back.synchronizer())
        .isInstanceOf(ThreadSynchronizer.class)
        .isNotSameAs(disk.synchronizer());
    assertThat(back.getArray("z").get().getLong(0)).isEqualTo(4L);
    ZarrGroup ro = Zarr.openGroup(dir.resolve("g.zarr"), OpenMode.READ, at("sub"));
    assertThat(deserialize(serialize(ro))).isEqualTo(ro).isNotEqualTo(disk);
  }

  @Test
  void arraysInGroupsSerialiseToo() throws Exception {
    ZarrGroup root = Zarr.group(new DirectoryStore(dir.resolve("a.zarr")));
    ZarrArray z = root.zeros("p/q", small());
    z.set(NdArray.arange(DataType.INT32, 10));
    ZarrArray back = (ZarrArray) deserialize(serialize(z));
    assertThat(back).isEqualTo(z);
    assertThat(back.get()).isEqualTo(z.get());
    assertThat(back.path()).isEqualTo("p/q");
  }
}
