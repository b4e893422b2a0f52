package dev.zarr4j.store.bdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zarr-python's tutorial ("Storage alternatives") and the {@code DBMStore} API examples, written
 * with {@link DBMStore}, the store closed and the data read back from a new one.
 */
class DBMStoreDocsExamplesTest {
  @TempDir Path dir;

  /**
   * {@code store = zarr.DBMStore('data/example.bdb'); root = zarr.group(store=store,
   * overwrite=True)}...
   */
  @Test
  void theTutorialsGroupWithAThousandByThousandArray() {
    Path location = dir.resolve("example.bdb");
    try (DBMStore store = new DBMStore(location)) {
      ZarrGroup root = Zarr.group(store, GroupOptions.builder().overwrite(true).build());
      ZarrArray z =
          root.zeros(
              "foo/bar",
              ArrayOptions.builder().shape(1000, 1000).chunks(100, 100).dtype("i4").build());
      z.set(42);
    }
    try (DBMStore store = new DBMStore(location, true)) {
      ZarrArray z = Zarr.openGroup(store, OpenMode.READ).getArray("foo/bar");
      assertThat(z.nchunksInitialized()).isEqualTo(100);
      assertThat(z.get("0, 0").getLong()).isEqualTo(42);
      assertThat(z.get("999, 999").getLong()).isEqualTo(42);
      assertThat(store.listDir("foo/bar")).hasSize(101).contains(".zarray", "0.0", "9.9");
      assertThat(z.get().toLongArray()).hasSize(1000 * 1000).containsOnly(42L);
    }
  }

  /**
   * The API docs: an array at the root of the store, and a group {@code foo} holding {@code bar}.
   */
  @Test
  void theApiDocsArrayAndGroup() {
    Path array = dir.resolve("array");
    try (DBMStore store = new DBMStore(array)) {
      ZarrArray z =
          Zarr.zeros(
              ArrayOptions.builder()
                  .shape(10, 10)
                  .chunks(5, 5)
                  .store(store)
                  .overwrite(true)
                  .build());
      z.set(42);
    }
    Path group = dir.resolve("group");
    try (DBMStore store = new DBMStore(group)) {
      ZarrGroup root = Zarr.group(store, GroupOptions.builder().overwrite(true).build());
      ZarrGroup foo = root.createGroup("foo");
      ZarrArray bar = foo.zeros("bar", ArrayOptions.builder().shape(10, 10).chunks(5, 5).build());
      bar.set(42);
    }
    try (DBMStore a = new DBMStore(array, true);
        DBMStore g = new DBMStore(group, true)) {
      assertThat(Zarr.openArray(a, OpenMode.READ).get("9, 9").getDouble()).isEqualTo(42.0);
      assertThat(a.listPrefix("")).containsExactly(".zarray", "0.0", "0.1", "1.0", "1.1");
      ZarrArray bar = Zarr.openGroup(g, OpenMode.READ).getArray("foo/bar");
      assertThat(bar.get("3:5, 8").getDouble(1)).isEqualTo(42.0);
      assertThat(g.listDir("")).containsExactly(".zgroup", "foo");
    }
  }
}
