package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arrays and groups on a store, through zarr4j's public API: a Zarr v2 hierarchy (two compressors,
 * attributes, partial writes, a resize), a Zarr v3 hierarchy with a sharded array (partial reads
 * and writes of shards), consolidated metadata, and a copy to and from a memory store, each read
 * back through a second store opened on the same data when the store can be reopened. A store
 * implementation's test extends this class and implements {@link #createStore()}.
 */
public abstract class StoreHierarchyRoundTripTest {
  private Store store;
  private Store reopened;

  /** Creates an empty store to test. Called once per test. */
  protected abstract Store createStore() throws Exception;

  /**
   * A second store on the data of {@code store} (a new connection, a reopened file), or {@code
   * store} itself when the store cannot be reopened (the default). Called once per test.
   */
  protected Store reopen(Store store) throws Exception {
    return store;
  }

  private Store store() throws Exception {
    if (store == null) {
      store = createStore();
    }
    return store;
  }

  private Store again() throws Exception {
    if (reopened == null) {
      reopened = reopen(store());
    }
    return reopened;
  }

  @AfterEach
  void closeStores() {
    if (reopened != null && reopened != store) {
      reopened.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private static NdArray ramp(DataType dtype, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return NdArray.arange(dtype, n, shape);
  }

  /** Sets rows {@code [r0, r1)} and columns {@code [c0, c1)} of a C-order 2-d array. */
  private static void fill(NdArray a, int r0, int r1, int c0, int c1, Object value) {
    for (int i = r0; i < r1; i++) {
      for (int j = c0; j < c1; j++) {
        a.set(value, i, j);
      }
    }
  }

  @Test
  void zarrV2ArraysAndGroupsRoundTrip() throws Exception {
    ZarrGroup root = Zarr.group(store(), GroupOptions.builder().build());
    root.attrs().put("title", "round trip");
    ZarrGroup sub = root.createGroup("sub/deeper");
    sub.attrs().put("n", 3L);
    ZarrArray a =
        sub.zeros(
            "a",
            ArrayOptions.builder()
                .shape(30, 20)
                .chunks(7, 6)
                .dtype("<f8")
                .compressor(Blosc.DEFAULT)
                .build());
    a.set(ramp(DataType.FLOAT64, 30, 20));
    a.set("3:9, 4:15", NdArray.full(DataType.FLOAT64, -1.5, 6, 11));
    ZarrArray b =
        root.zeros(
            "b",
            ArrayOptions.builder()
                .shape(100)
                .chunks(16)
                .dtype(">i2")
                .compressor(Zlib.of(5))
                .build());
    b.set(ramp(DataType.INT16, 100));
    b.resize(120);
    b.set("100:120", NdArray.full(DataType.INT16, 7L, 20));

    NdArray expectedA = ramp(DataType.FLOAT64, 30, 20);
    fill(expectedA, 3, 9, 4, 15, -1.5);
    ZarrGroup back = Zarr.openGroup(again(), OpenMode.READ);
    assertThat(back.attrs().get("title")).isEqualTo("round trip");
    assertThat(back.groupKeys()).containsExactly("sub");
    assertThat(back.arrayKeys()).containsExactly("b");
    ZarrGroup deeper = (ZarrGroup) back.get("sub/deeper");
    assertThat(deeper.attrs().get("n")).isEqualTo(3L);
    ZarrArray a2 = (ZarrArray) deeper.get("a");
    assertThat(a2.get()).isEqualTo(expectedA);
    assertThat(a2.get("5, 2:6").toDoubleArray()).containsExactly(102, 103, -1.5, -1.5);
    ZarrArray b2 = (ZarrArray) back.get("b");
    assertThat(b2.shape()).containsExactly(120);
    assertThat(b2.get("95:105").toLongArray()).containsExactly(95, 96, 97, 98, 99, 7, 7, 7, 7, 7);
    assertThat(again().listDir("")).contains(".zgroup", ".zattrs", "b", "sub");
    assertThat(again().contains("sub/deeper/a/0.0")).isTrue();
  }

  @Test
  void zarrV3ShardedArraysRoundTrip() throws Exception {
    NodeFormat v3 = NodeFormats.named("zarr-v3");
    ZarrGroup root = Zarr.group(store(), GroupOptions.builder().format(v3).build());
    root.attrs().put("kind", "v3");
    ZarrArray s =
        root.zeros(
            "sharded",
            ArrayOptions.builder().shape(40, 30).chunks(5, 5).shards(20, 15).dtype("<u2").build());
    NdArray values = ramp(DataType.UINT16, 40, 30);
    s.set(values);
    // a partial write into one shard, then another across four
    s.set("1:3, 2:4", NdArray.full(DataType.UINT16, 9L, 2, 2));
    s.set("18:22, 13:17", NdArray.full(DataType.UINT16, 1L, 4, 4));
    NdArray expected = ramp(DataType.UINT16, 40, 30);
    fill(expected, 1, 3, 2, 4, 9L);
    fill(expected, 18, 22, 13, 17, 1L);
    ZarrArray plain =
        root.createGroup("g")
            .zeros("plain", ArrayOptions.builder().shape(10).chunks(4).dtype("<i4").build());
    plain.set(ramp(DataType.INT32, 10));

    ZarrGroup back =
        Zarr.openGroup(again(), OpenMode.READ, GroupOptions.builder().format(v3).build());
    assertThat(back.attrs().get("kind")).isEqualTo("v3");
    ZarrArray s2 = (ZarrArray) back.get("sharded");
    assertThat(s2.shards()).containsExactly(20, 15);
    assertThat(s2.get()).isEqualTo(expected);
    assertThat(s2.get("19:21, 12:18").toLongArray())
        .containsExactly(582, 1, 1, 1, 1, 587, 612, 1, 1, 1, 1, 617);
    assertThat(((ZarrArray) back.get("g/plain")).get()).isEqualTo(ramp(DataType.INT32, 10));
    // four shards of 20 x 15, each one stored value
    assertThat(again().listPrefix("sharded/c")).hasSize(4);
  }

  @Test
  void consolidatedMetadataAndCopiesRoundTrip() throws Exception {
    ZarrGroup root = Zarr.group(store(), GroupOptions.builder().build());
    root.createGroup("x").attrs().put("a", List.of(1L, 2L));
    root.zeros("x/y", ArrayOptions.builder().shape(12).chunks(5).dtype("<i8").build())
        .set(ramp(DataType.INT64, 12));
    Convenience.consolidateMetadata(store());
    ZarrGroup consolidated = (ZarrGroup) Convenience.openConsolidated(again(), OpenMode.READ);
    assertThat(((ZarrArray) consolidated.get("x/y")).get()).isEqualTo(ramp(DataType.INT64, 12));
    assertThat(((ZarrGroup) consolidated.get("x")).attrs().asMap())
        .isEqualTo(Map.of("a", List.of(1L, 2L)));

    MemoryStore memory = new MemoryStore();
    Convenience.copyStore(again(), memory);
    assertThat(memory.listPrefix("")).isEqualTo(again().listPrefix(""));
    for (String key : memory.listPrefix("")) {
      assertThat(memory.get(key)).as(key).isEqualTo(again().get(key));
    }
    store().deletePrefix("");
    assertThat(again().listPrefix("")).isEmpty();
    Convenience.copyStore(memory, store());
    ZarrGroup copied = Zarr.openGroup(again(), OpenMode.READ);
    assertThat(((ZarrArray) copied.get("x/y")).get()).isEqualTo(ramp(DataType.INT64, 12));
    assertThat(copied.get("x").attrs().get("a")).isEqualTo(List.of(1L, 2L));
  }
}
