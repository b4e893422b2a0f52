package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.testutil.StoreSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad requests on hierarchies, on a memory and a directory store: each fails with its own exception
 * naming what is wrong, and leaves every key of the store as it was.
 */
class HierarchyBadInputTest {
  @TempDir Path dir;

  private Store store(String kind) {
    return kind.equals("memory") ? new MemoryStore() : new DirectoryStore(dir.resolve("s.zarr"));
  }

  /** root{g{arr (4,) i4 with data}, attrs} */
  private static void populate(Store s) {
    ZarrGroup root = Zarr.group(s);
    root.attrs().put("k", "v");
    root.createGroup("g")
        .zeros("arr", ArrayOptions.builder().shape(4).chunks(2).dtype("i4").build())
        .set(3);
  }

  private static void unchanged(
      Store s, ThrowingCallable call, Class<? extends Throwable> type, String message) {
    Map<String, String> before = StoreSnapshot.of(s);
    assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(message);
    assertThat(StoreSnapshot.of(s)).isEqualTo(before);
  }

  private static GroupOptions at(String p) {
    return GroupOptions.builder().path(p).build();
  }

  private static ArrayOptions arrayAt(String p) {
    return ArrayOptions.builder().path(p).shape(2).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void missingPathsInReadModes(String kind) {
    Store s = store(kind);
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.READ),
        NodeNotFoundException.class,
        "no group found at path '/'");
    populate(s);
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.READ, at("g/missing")),
        NodeNotFoundException.class,
        "'g/missing'");
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.READ_WRITE, at("nope")),
        NodeNotFoundException.class,
        "'nope'");
    unchanged(
        s,
        () -> Convenience.open(s, OpenMode.READ, ArrayOptions.builder().path("x/y").build()),
        NodeNotFoundException.class,
        "'x/y'");
    unchanged(s, () -> Convenience.load(s, "zz"), NodeNotFoundException.class, "'zz'");
    unchanged(
        s, () -> Convenience.loadGroup(s, "g/arr"), NodeNotFoundException.class, "holds an array");
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.READ).get("g/none"),
        NodeNotFoundException.class,
        "'g/none'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void createModeOnExistingNodes(String kind) {
    Store s = store(kind);
    populate(s);
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.CREATE),
        NodeExistsException.class,
        "a group already exists at path '/'");
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.CREATE, at("g/arr")),
        NodeExistsException.class,
        "an array already exists at path 'g/arr'");
    unchanged(
        s,
        () -> Convenience.open(s, OpenMode.CREATE, ArrayOptions.builder().path("g").build()),
        NodeExistsException.class,
        "'g'");
    unchanged(
        s,
        () -> Convenience.open(s, OpenMode.CREATE, arrayAt("g/arr")),
        NodeExistsException.class,
        "'g/arr'");
    unchanged(
        s,
        () -> Zarr.openArray(s, OpenMode.CREATE, arrayAt("g")),
        NodeExistsException.class,
        "'g'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void arraysWhereGroupsAreAndBack(String kind) {
    Store s = store(kind);
    populate(s);
    ZarrGroup root = Zarr.openGroup(s, OpenMode.READ_WRITE);
    unchanged(
        s,
        () -> root.zeros("g", ArrayOptions.builder().shape(2).build()),
        NodeExistsException.class,
        "a group already exists at path 'g'");
    unchanged(
        s,
        () -> Zarr.create(arrayAt("g").toBuilder().store(s).build()),
        NodeExistsException.class,
        "'g'");
    unchanged(
        s,
        () -> Convenience.open(s, OpenMode.APPEND, arrayAt("")),
        NodeExistsException.class,
        "holds a group");
    unchanged(
        s,
        () -> root.createGroup("g/arr"),
        NodeExistsException.class,
        "an array already exists at path 'g/arr'");
    unchanged(
        s,
        () -> root.createGroup("g/arr/deeper/still"),
        NodeExistsException.class,
        "ancestor 'g/arr' is an array");
    unchanged(
        s,
        () -> root.zeros("g/arr/x", ArrayOptions.builder().shape(2).build()),
        NodeExistsException.class,
        "'g/arr'");
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.APPEND, at("g/arr")),
        NodeExistsException.class,
        "'g/arr'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void consolidatedViewsRefuseMetadataWrites(String kind) {
    Store s = store(kind);
    populate(s);
    Convenience.consolidateMetadata(s);
    ZarrGroup root = Convenience.openConsolidated(s, OpenMode.READ_WRITE).asGroup();
    unchanged(s, () -> root.attrs().put("k", "changed"), ReadOnlyException.class, "consolidated");
    unchanged(s, () -> root.createGroup("h"), ReadOnlyException.class, "read-only");
    unchanged(s, () -> root.getArray("g/arr").resize(8), ReadOnlyException.class, "consolidated");
    unchanged(
        s,
        () -> root.getArray("g/arr").attrs().put("x", 1),
        ReadOnlyException.class,
        "consolidated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void corruptMetadataDocuments(String kind) {
    Store s = store(kind);
    populate(s);
    s.set(
        ".zmetadata",
        "{\"metadata\": {\".zgroup\": {\"zarr_format\": 2}}, \"zarr_consolidated_format\": 7}"
            .getBytes(StandardCharsets.UTF_8));
    unchanged(
        s,
        () -> Convenience.openConsolidated(s, OpenMode.READ),
        MetadataException.class,
        "zarr_consolidated_format is 7");
    s.set(".zmetadata", "{\"metadata\": {".getBytes(StandardCharsets.UTF_8));
    unchanged(
        s,
        () -> Convenience.openConsolidated(s, OpenMode.READ),
        MetadataException.class,
        "not valid JSON");
    s.set("g/.zgroup", "{\"zarr_format\": 3}".getBytes(StandardCharsets.UTF_8));
    unchanged(
        s, () -> Zarr.openGroup(s, OpenMode.READ).get("g"), MetadataException.class, "g/.zgroup");
    s.set("g/.zgroup", "zarr".getBytes(StandardCharsets.UTF_8));
    unchanged(
        s, () -> Zarr.openGroup(s, OpenMode.READ, at("g")), MetadataException.class, "g/.zgroup");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void dotSegmentsInPaths(String kind) {
    Store s = store(kind);
    populate(s);
    unchanged(
        s,
        () -> Zarr.openGroup(s, OpenMode.APPEND, at("g/../x")),
        InvalidKeyException.class,
        "'..' segment");
    unchanged(s, () -> Zarr.group(s, at("./x")), InvalidKeyException.class, "'.' segment");
    unchanged(
        s,
        () -> Convenience.open(s, OpenMode.WRITE, ArrayOptions.builder().path("a/./b").build()),
        InvalidKeyException.class,
        "'.' segment");
    ZarrGroup root = Zarr.openGroup(s, OpenMode.READ_WRITE);
    unchanged(s, () -> root.createGroup("../escape"), InvalidKeyException.class, "'..' segment");
    unchanged(s, () -> root.move("g", "../h"), InvalidKeyException.class, "'..' segment");
  }

  /**
   * An array at "a/b" in a store without the intermediate groups (which Zarr v2 allows): creating
   * "a/b/c/d" must check every ancestor before writing any ".zgroup", so the refusal changes
   * nothing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void refusedCreateBelowAnArrayWritesNoAncestorGroups(String kind) {
    Store s = store(kind);
    Zarr.zeros(ArrayOptions.builder().store(s).path("a/b").shape(4).chunks(2).dtype("i4").build())
        .set(3);
    s.delete(".zgroup");
    s.delete("a/.zgroup");
    String message = "cannot create 'a/b/c/d': its ancestor 'a/b' is an array";
    ArrayOptions deep = ArrayOptions.builder().store(s).path("a/b/c/d").shape(2).build();
    unchangedBelow(s, "a/b", () -> Zarr.create(deep), message);
    unchangedBelow(s, "a/b", () -> Zarr.zeros(deep), message);
    unchangedBelow(s, "a/b", () -> Zarr.openArray(s, OpenMode.CREATE, deep), message);
    unchangedBelow(s, "a/b", () -> Zarr.openArray(s, OpenMode.APPEND, deep), message);
    unchangedBelow(s, "a/b", () -> Zarr.group(s, at("a/b/c/d")), message);
    unchangedBelow(s, "a/b", () -> Zarr.openGroup(s, OpenMode.CREATE, at("a/b/c/d")), message);
    unchangedBelow(s, "a/b", () -> Zarr.openGroup(s, OpenMode.APPEND, at("a/b/c/d")), message);
    // and through a group: its own path is a group, the rest of the path is missing
    s.set(".zgroup", "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
    ZarrGroup root = Zarr.openGroup(s, OpenMode.READ_WRITE);
    unchangedBelow(s, "a/b", () -> root.createGroup("a/b/c/d"), message);
    unchangedBelow(s, "a/b", () -> root.requireGroup("a/b/c/d"), message);
    unchangedBelow(
        s, "a/b", () -> root.zeros("a/b/c/d", ArrayOptions.builder().shape(2).build()), message);
    unchangedBelow(
        s,
        "a/b",
        () -> root.createDataset("a/b/c/d", ArrayOptions.builder().shape(2).build()),
        message);
  }

  /**
   * Like {@link #unchanged}, and the exception is a {@link NodeExistsException} naming {@code
   * path}.
   */
  private static void unchangedBelow(Store s, String path, ThrowingCallable call, String message) {
    Map<String, String> before = StoreSnapshot.of(s);
    assertThatThrownBy(call)
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((NodeExistsException) e).path()).isEqualTo(path));
    assertThat(StoreSnapshot.of(s)).isEqualTo(before);
  }
}
