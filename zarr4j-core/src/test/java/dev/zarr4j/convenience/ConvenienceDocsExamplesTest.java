package dev.zarr4j.convenience;

import static dev.zarr4j.testutil.StoreSnapshot.docs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.exceptions.CopyException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the tutorial chapters "Persistent arrays" (save and load), "Consolidating
 * metadata" and "Copying/migrating data", and of the {@code zarr.convenience} API reference, with
 * the printed output compared text for text. Where the docs copy from an HDF5 file, a zarr group of
 * the same layout stands in for it (h5py is not a zarr4j dependency); the logs are the same.
 */
class ConvenienceDocsExamplesTest {
  @TempDir Path dir;

  private static NdArray arange(long start, long stop) {
    NdArray a = NdArray.zeros(DataType.INT64, (int) (stop - start));
    for (int i = 0; i < stop - start; i++) {
      a.setFlat(i, start + i);
    }
    return a;
  }

  // ------------------------------------------------------------ open

  @Test
  void openExamples() {
    Path store = dir.resolve("data/example.zarr");
    ZarrNode zw =
        Convenience.open(
            store, OpenMode.WRITE, ArrayOptions.builder().shape(100).dtype("i4").build());
    assertThat(zw.toString()).isEqualTo(docs("<zarr.core.Array (100,) int32>"));
    ZarrNode za = Convenience.open(store, OpenMode.APPEND);
    assertThat(za.toString()).isEqualTo(docs("<zarr.core.Array (100,) int32>"));
    ZarrNode zr = Convenience.open(store, OpenMode.READ);
    assertThat(zr.toString()).isEqualTo(docs("<zarr.core.Array (100,) int32 read-only>"));
    ZarrNode gw = Convenience.open(store, OpenMode.WRITE);
    assertThat(gw.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
    ZarrNode ga = Convenience.open(store, OpenMode.APPEND);
    assertThat(ga.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/'>"));
    ZarrNode gr = Convenience.open(store, OpenMode.READ);
    assertThat(gr.toString()).isEqualTo(docs("<zarr.hierarchy.Group '/' read-only>"));
  }

  // ------------------------------------------------------------ save and load

  @Test
  void persistentArraysSaveAndLoad() {
    Path store = dir.resolve("data/example.zarr");
    NdArray a = NdArray.arange(DataType.INT64, 10);
    Convenience.save(store, a);
    assertThat(Convenience.load(store)).isEqualTo(a);
  }

  @Test
  void saveExamples() {
    Path store = dir.resolve("data/example.zarr");
    NdArray arr = NdArray.arange(DataType.INT64, 10000);
    Convenience.save(store, arr);
    assertThat(Convenience.load(store)).isEqualTo(arr);

    NdArray a1 = arange(0, 10000);
    NdArray a2 = NdArray.zeros(DataType.INT64, 10000);
    for (int i = 0; i < 10000; i++) {
      a2.setFlat(i, 10000L - i);
    }
    Convenience.save(store, a1, a2);
    LazyLoader loader = (LazyLoader) Convenience.load(store);
    assertThat(loader.toString()).isEqualTo("<LazyLoader: arr_0, arr_1>");
    assertThat(loader.isLoaded("arr_0")).isFalse();
    assertThat(loader.get("arr_0")).isEqualTo(a1);
    assertThat(loader.isLoaded("arr_0")).isTrue();
    assertThat(loader.isLoaded("arr_1")).isFalse();
    assertThat(loader.get("arr_1")).isEqualTo(a2);

    Map<String, NdArray> named = new LinkedHashMap<>();
    named.put("foo", a1);
    named.put("bar", a2);
    Convenience.save(store, named);
    loader = (LazyLoader) Convenience.load(store);
    assertThat(loader.toString()).isEqualTo("<LazyLoader: bar, foo>");
    assertThat(loader.get("foo")).isEqualTo(a1);
    assertThat(loader.get("bar")).isEqualTo(a2);
    assertThat(loader.keySet()).containsExactly("bar", "foo");
    assertThat(loader.containsKey("arr_0")).isFalse(); // the group was saved anew
    assertThat(loader.get("nope")).isNull();
  }

  @Test
  void saveArrayAndSaveGroupExamples() {
    Path store = dir.resolve("data/example.zarr");
    NdArray arr = NdArray.arange(DataType.INT64, 10000);
    Convenience.saveArray(store, arr);
    assertThat(Convenience.load(store)).isEqualTo(arr);

    NdArray a1 = arange(0, 10000);
    NdArray a2 = arange(5, 15);
    Convenience.saveGroup(store, a1, a2);
    LazyLoader loader = (LazyLoader) Convenience.load(store);
    assertThat(loader.toString()).isEqualTo("<LazyLoader: arr_0, arr_1>");
    assertThat(loader.get("arr_0")).isEqualTo(a1);
    assertThat(loader.get("arr_1")).isEqualTo(a2);
    Convenience.saveGroup(store, Map.of("foo", a1, "bar", a2));
    loader = Convenience.loadGroup(store, null);
    assertThat(loader.toString()).isEqualTo("<LazyLoader: bar, foo>");
    assertThat(loader).hasSize(2);
    Map<String, NdArray> copy = new LinkedHashMap<>(loader);
    assertThat(copy).containsEntry("foo", a1).containsEntry("bar", a2);
  }

  // ------------------------------------------------------------ copy and copy_all

  /**
   * The docs' HDF5 source file, as a zarr group: foo/bar/baz = arange(100) in chunks of 50, spam.
   */
  private static ZarrGroup h5LikeSource() {
    ZarrGroup source = Zarr.group();
    ZarrGroup foo = source.createGroup("foo");
    foo.createDataset("bar/baz", arange(0, 100), ArrayOptions.builder().chunks(50).build());
    source.createDataset("spam", arange(100, 200), ArrayOptions.builder().chunks(30).build());
    return source;
  }

  @Test
  void copyChapter() {
    ZarrGroup source = h5LikeSource();
    assertThat(Convenience.tree(source).toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " ├── foo",
                " │   └── bar",
                " │       └── baz (100,) int64",
                " └── spam (100,) int64"));
    ZarrGroup dest = Zarr.openGroup(dir.resolve("data/example.zarr"), OpenMode.WRITE);
    List<String> log = new ArrayList<>();
    CopyResult r =
        Convenience.copy(source.get("foo"), dest, CopyOptions.builder().log(log::add).build());
    assertThat(log)
        .containsExactly(
            "copy /foo",
            "copy /foo/bar",
            "copy /foo/bar/baz (100,) int64",
            "all done: 3 copied, 0 skipped, 800 bytes copied");
    assertThat(r.toString()).isEqualTo("(3, 0, 800)");
    assertThat(dest.tree().toString())
        .isEqualTo(
            String.join("\n", "/", " └── foo", "     └── bar", "         └── baz (100,) int64"));
    assertThat(dest.getArray("foo/bar/baz").get()).isEqualTo(arange(0, 100));

    ZarrGroup dest2 = Zarr.openGroup(dir.resolve("data/example2.zarr"), OpenMode.WRITE);
    log.clear();
    r = Convenience.copyAll(source, dest2, CopyOptions.builder().log(log::add).build());
    assertThat(log)
        .containsExactly(
            "copy /foo",
            "copy /foo/bar",
            "copy /foo/bar/baz (100,) int64",
            "copy /spam (100,) int64",
            "all done: 4 copied, 0 skipped, 1,600 bytes copied");
    assertThat(r).isEqualTo(new CopyResult(4, 0, 1600));
    assertThat(dest2.tree().toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " ├── foo",
                " │   └── bar",
                " │       └── baz (100,) int64",
                " └── spam (100,) int64"));
    assertThat(dest2.getArray("spam").get()).isEqualTo(arange(100, 200));
    assertThat(dest2.getArray("spam").chunks()).containsExactly(30);
  }

  @Test
  void copyIfExistsExamples() {
    ZarrGroup source = Zarr.group();
    ZarrGroup dest = Zarr.group();
    source.createDataset("foo/bar/baz", arange(0, 100), ArrayOptions.defaults());
    source.createDataset("foo/spam", arange(0, 1000), ArrayOptions.defaults());
    dest.createDataset("foo/spam", arange(0, 1000), ArrayOptions.defaults());
    List<String> log = new ArrayList<>();
    assertThatThrownBy(
            () ->
                Convenience.copy(
                    source.get("foo"),
                    dest,
                    CopyOptions.builder().log(log::add).dryRun(true).build()))
        .isInstanceOf(CopyException.class)
        .hasMessage("an object 'spam' already exists in destination '/foo'");
    assertThat(log).containsExactly("copy /foo", "copy /foo/bar", "copy /foo/bar/baz (100,) int64");

    log.clear();
    CopyResult r =
        Convenience.copy(
            source.get("foo"),
            dest,
            CopyOptions.builder().log(log::add).ifExists(IfExists.REPLACE).dryRun(true).build());
    assertThat(log)
        .containsExactly(
            "copy /foo",
            "copy /foo/bar",
            "copy /foo/bar/baz (100,) int64",
            "copy /foo/spam (1000,) int64",
            "dry run: 4 copied, 0 skipped");
    assertThat(r.toString()).isEqualTo("(4, 0, 0)");

    log.clear();
    r =
        Convenience.copy(
            source.get("foo"),
            dest,
            CopyOptions.builder().log(log::add).ifExists(IfExists.SKIP).dryRun(true).build());
    assertThat(log)
        .containsExactly(
            "copy /foo",
            "copy /foo/bar",
            "copy /foo/bar/baz (100,) int64",
            "skip /foo/spam (1000,) int64",
            "dry run: 3 copied, 1 skipped");
    assertThat(r.toString()).isEqualTo("(3, 1, 0)");
    // the dry runs changed nothing
    assertThat(dest.getGroup("foo").keys()).containsExactly("spam");
  }

  // ------------------------------------------------------------ copy_store

  @Test
  void copyStoreChapter() {
    DirectoryStore store1 = new DirectoryStore(dir.resolve("data/example.zarr"));
    ZarrGroup root = Zarr.group(store1, GroupOptions.builder().overwrite(true).build());
    root.createDataset("foo/bar/baz", arange(0, 100), ArrayOptions.builder().chunks(50).build());
    root.createDataset("spam", arange(100, 200), ArrayOptions.builder().chunks(30).build());
    assertThat(root.tree().toString())
        .isEqualTo(
            String.join(
                "\n",
                "/",
                " ├── foo",
                " │   └── bar",
                " │       └── baz (100,) int64",
                " └── spam (100,) int64"));
    Store store2 = new MemoryStore(); // the docs use a ZipStore
    List<String> log = new ArrayList<>();
    CopyResult r =
        Convenience.copyStore(store1, store2, CopyStoreOptions.builder().log(log::add).build());
    assertThat(log)
        .containsExactly(
            "copy .zgroup",
            "copy foo/.zgroup",
            "copy foo/bar/.zgroup",
            "copy foo/bar/baz/.zarray",
            "copy foo/bar/baz/0",
            "copy foo/bar/baz/1",
            "copy spam/.zarray",
            "copy spam/0",
            "copy spam/1",
            "copy spam/2",
            "copy spam/3",
            "all done: 11 copied, 0 skipped, 1,138 bytes copied");
    assertThat(r.toString()).isEqualTo("(11, 0, 1138)");
    ZarrGroup newRoot = Zarr.group(store2);
    assertThat(newRoot.tree().toString()).isEqualTo(root.tree().toString());
    assertThat(newRoot.getArray("foo/bar/baz").get()).isEqualTo(arange(0, 100));
  }

  @Test
  void copyStoreApiExample() {
    DirectoryStore store1 = new DirectoryStore(dir.resolve("data/example.zarr"));
    ZarrGroup root = Zarr.group(store1, GroupOptions.builder().overwrite(true).build());
    ZarrGroup bar = root.createGroup("foo").createGroup("bar");
    ZarrArray baz =
        bar.createDataset("baz", ArrayOptions.builder().shape(100).chunks(50).dtype("i8").build());
    baz.set(arange(0, 100));
    assertThat(root.tree().toString())
        .isEqualTo(
            String.join("\n", "/", " └── foo", "     └── bar", "         └── baz (100,) int64"));
    Store store2 = new MemoryStore();
    List<String> log = new ArrayList<>();
    CopyResult r =
        Convenience.copyStore(store1, store2, CopyStoreOptions.builder().log(log::add).build());
    assertThat(log)
        .containsExactly(
            "copy .zgroup",
            "copy foo/.zgroup",
            "copy foo/bar/.zgroup",
            "copy foo/bar/baz/.zarray",
            "copy foo/bar/baz/0",
            "copy foo/bar/baz/1",
            "all done: 6 copied, 0 skipped, 566 bytes copied");
    assertThat(r).isEqualTo(new CopyResult(6, 0, 566));
    assertThat(Zarr.group(store2).getArray("foo/bar/baz").get()).isEqualTo(arange(0, 100));
  }

  // ------------------------------------------------------------ consolidated metadata

  @Test
  void consolidatingMetadataChapter() {
    MemoryStore store = new MemoryStore();
    ZarrGroup g = Zarr.group(store);
    g.zeros("foo/bar", ArrayOptions.builder().shape(20).chunks(10).dtype("i4").build());
    g.getGroup("foo").attrs().put("title", "consolidated");
    ZarrNode consolidated = Convenience.consolidateMetadata(store);
    assertThat(consolidated.isGroup()).isTrue();
    assertThat(store.contains(".zmetadata")).isTrue();
    ZarrGroup root = Convenience.openConsolidated(store).asGroup();
    assertThat(root.getGroup("foo").attrs().get("title")).isEqualTo("consolidated");
    ZarrArray bar = root.getArray("foo/bar");
    // data can still be written ...
    bar.set(7);
    assertThat(
            Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("foo/bar").build())
                .get()
                .getLong(0))
        .isEqualTo(7L);
    // ... but the metadata is read-only: no new groups or arrays, no resizing
    assertThatThrownBy(() -> root.createGroup("new")).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> root.zeros("new", ArrayOptions.builder().shape(1).build()))
        .isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> bar.resize(30)).isInstanceOf(ReadOnlyException.class);
    assertThat(bar.shape()).containsExactly(20);
  }
}
