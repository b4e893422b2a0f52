package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Arrays, groups, copy and consolidate work on a store unchanged: a store implementation's test
 * extends this class, implements {@link #createStore()} (and {@link #reopen()} when the store keeps
 * its data once closed), and every test here runs a small hierarchy through the public API on a
 * fresh store: a Zarr v2 group with compressed arrays (orders C and F), a Zarr v3 group with a
 * plain and a sharded array, selections written and read back against a model array, attributes, a
 * copy of everything out of the store and back in, consolidated metadata, and opening the hierarchy
 * again from the store reopened.
 */
public abstract class StoreArrayRoundTripTest {

  /** The store under test, created fresh before each test and closed after it. */
  protected Store store;

  /** Creates an empty store to test. Called before every test. */
  protected abstract Store createStore() throws Exception;

  /**
   * A new store on the same data as the store under test, which the test has closed; {@code null}
   * (the default) when the store keeps nothing once closed, which skips the reopening test.
   */
  protected Store reopen() throws Exception {
    return null;
  }

  private static final NodeFormat V3 = NodeFormats.named("zarr-v3");

  @BeforeEach
  void openStoreUnderTest() throws Exception {
    store = createStore();
    assertThat(store).as("createStore() result").isNotNull();
  }

  @AfterEach
  void closeStoreUnderTest() {
    if (store != null) {
      store.close();
    }
  }

  /** A 2-d model array of {@code type} with distinct values. */
  private static NdArray model(DataType type, int rows, int cols) {
    return NdArray.arange(type, rows * cols, rows, cols);
  }

  /**
   * Writes a v2 hierarchy: {@code /} with attributes, {@code a} (int32, Blosc, order C) and {@code
   * g/b} (float64, Zstd, order F), both filled in parts.
   */
  private void writeV2(Store s) {
    ZarrGroup root = Zarr.group(s);
    root.attrs().put("title", "round trip");
    ZarrArray a =
        root.zeros(
            "a",
            ArrayOptions.builder()
                .shape(37, 23)
                .chunks(8, 7)
                .dtype("<i4")
                .compressor(Blosc.of("lz4", 5, 1, 0))
                .build());
    a.set(model(DataType.INT32, 37, 23));
    a.set("3:9, 4:20", NdArray.zeros(DataType.INT32, 6, 16));
    ZarrArray b =
        root.createGroup("g")
            .zeros(
                "b",
                ArrayOptions.builder()
                    .shape(20, 30)
                    .chunks(6, 9)
                    .dtype("<f8")
                    .order("F")
                    .compressor(Zstd.of(3))
                    .build());
    b.set("0:20:2, 5:25", model(DataType.FLOAT64, 10, 20));
    b.attrs().put("units", "m");
  }

  private static NdArray expectedA() {
    NdArray a = model(DataType.INT32, 37, 23);
    NdArray zeros = NdArray.zeros(DataType.INT32, 6, 16);
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 16; j++) {
        a.set(zeros.get(i, j), 3 + i, 4 + j);
      }
    }
    return a;
  }

  private static NdArray expectedB() {
    NdArray b = NdArray.zeros(DataType.FLOAT64, 20, 30);
    NdArray m = model(DataType.FLOAT64, 10, 20);
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 20; j++) {
        b.set(m.get(i, j), 2 * i, 5 + j);
      }
    }
    return b;
  }

  /** Rows {@code r0:r1:rs} and columns {@code c0:c1:cs} of a 2-d array, as a new array. */
  private static NdArray part(NdArray a, int r0, int r1, int rs, int c0, int c1, int cs) {
    int rows = (r1 - r0 + rs - 1) / rs;
    int cols = (c1 - c0 + cs - 1) / cs;
    NdArray out = NdArray.zeros(a.dtype(), rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out.set(a.get(r0 + i * rs, c0 + j * cs), i, j);
      }
    }
    return out;
  }

  /** Checks the v2 hierarchy {@link #writeV2} wrote, read through {@code root}. */
  private static void checkV2(ZarrGroup root) {
    assertThat(root.attrs().asMap()).isEqualTo(Map.of("title", "round trip"));
    assertThat(root.arrayKeys(true)).containsExactly("a", "g/b");
    ZarrArray a = root.getArray("a");
    assertThat(a.get()).isEqualTo(expectedA());
    assertThat(a.get("30:, 1:22:3")).isEqualTo(part(expectedA(), 30, 37, 1, 1, 22, 3));
    ZarrArray b = root.getArray("g/b");
    assertThat(b.attrs().asMap()).isEqualTo(Map.of("units", "m"));
    assertThat(b.get()).isEqualTo(expectedB());
    assertThat(b.get("::3, 7:9")).isEqualTo(part(expectedB(), 0, 20, 3, 7, 9, 1));
  }

  /** Writes a v3 hierarchy: {@code p} (uint16, plain chunks) and {@code s} (int64, sharded). */
  private void writeV3(Store s) {
    ZarrGroup root = Zarr.group(s, GroupOptions.builder().format(V3).build());
    ZarrArray p =
        root.zeros("p", ArrayOptions.builder().shape(15, 17).chunks(4, 5).dtype("<u2").build());
    p.set(model(DataType.UINT16, 15, 17));
    ZarrArray sh =
        root.zeros(
            "s",
            ArrayOptions.builder()
                .shape(24, 20)
                .chunks(3, 5)
                .shards(12, 10)
                .dtype("<i8")
                .compressor(Zstd.of(1))
                .build());
    sh.set(model(DataType.INT64, 24, 20));
    sh.set("5:7, 2:19", NdArray.zeros(DataType.INT64, 2, 17));
  }

  private static NdArray expectedS() {
    NdArray s = model(DataType.INT64, 24, 20);
    for (int i = 5; i < 7; i++) {
      for (int j = 2; j < 19; j++) {
        s.set(0L, i, j);
      }
    }
    return s;
  }

  private static void checkV3(ZarrGroup root) {
    assertThat(root.format()).isSameAs(V3);
    assertThat(root.getArray("p").get()).isEqualTo(model(DataType.UINT16, 15, 17));
    ZarrArray s = root.getArray("s");
    assertThat(s.get()).isEqualTo(expectedS());
    assertThat(s.get("4:9, 1:12")).isEqualTo(part(expectedS(), 4, 9, 1, 1, 12, 1));
    assertThat(s.nchunksInitialized()).isPositive();
  }

  @Test
  void aZarrV2HierarchyRoundTrips() {
    writeV2(store);
    checkV2(Zarr.openGroup(store, OpenMode.READ));
    checkV2(Zarr.openGroup(store, OpenMode.READ_WRITE));
  }

  @Test
  void aZarrV3HierarchyWithAShardedArrayRoundTrips() {
    writeV3(store);
    checkV3(Zarr.openGroup(store, OpenMode.READ));
  }

  @Test
  void copiesOutOfTheStoreAndBackInAreEqual() {
    writeV2(store);
    MemoryStore out = new MemoryStore();
    Convenience.copyStore(store, out);
    checkV2(Zarr.openGroup(out, OpenMode.READ));
    ZarrGroup copied = Zarr.group(new MemoryStore());
    Convenience.copyAll(Zarr.openGroup(store, OpenMode.READ), copied);
    checkV2(copied);
    store.deletePrefix("");
    assertThat(store.listPrefix("")).isEmpty();
    Convenience.copyAll(copied, Zarr.group(store));
    checkV2(Zarr.openGroup(store, OpenMode.READ));
  }

  @Test
  void consolidatedMetadataOpensTheHierarchy() {
    writeV2(store);
    Convenience.consolidateMetadata(store);
    assertThat(store.contains(".zmetadata")).isTrue();
    ZarrNode node = Convenience.openConsolidated(store, OpenMode.READ);
    assertThat(node).isInstanceOf(ZarrGroup.class);
    checkV2((ZarrGroup) node);
  }

  @Test
  void movingAnArrayKeepsItsValues() {
    writeV2(store);
    ZarrGroup root = Zarr.openGroup(store, OpenMode.READ_WRITE);
    root.move("g/b", "moved");
    assertThat(root.arrayKeys(true)).containsExactly("a", "moved");
    assertThat(root.getArray("moved").get()).isEqualTo(expectedB());
  }

  @Test
  void theHierarchyOpensAgainFromTheReopenedStore() throws Exception {
    writeV2(store);
    store.close();
    Store reopened = reopen();
    Assumptions.assumeTrue(reopened != null, "the store keeps nothing once closed");
    store = reopened;
    checkV2(Zarr.openGroup(store, OpenMode.READ));
    ZarrArray a = Zarr.openGroup(store, OpenMode.READ_WRITE).getArray("a");
    a.set("0, :", NdArray.zeros(DataType.INT32, 23));
    assertThat(a.get("0, :")).isEqualTo(NdArray.zeros(DataType.INT32, 23));
  }
}
