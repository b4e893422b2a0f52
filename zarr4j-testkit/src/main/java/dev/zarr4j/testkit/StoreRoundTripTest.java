package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrays and groups through a store, by zarr4j's public API, read back against plain models: the
 * one round-trip base every store's test extends. A subclass implements {@link #createStore()}, and
 * {@link #reopen()} (and {@link #reopenReadOnly()}) when its store keeps its data once closed.
 *
 * <p>Checked: Zarr v2 hierarchies (Blosc, Zstd and Zlib compressors, orders C and F, partial
 * writes, a resize, nested groups and attributes), Zarr v3 hierarchies with plain and sharded
 * arrays (partial reads and writes of shards), copies out of the store and back in, consolidated
 * metadata, moving and removing arrays; and, for stores that reopen, the data read through a new
 * store after the first was closed, for Zarr v2, v3 and sharded v3, with writes to a store reopened
 * read-only refused. Tests that need {@link #reopen()} are skipped when it returns null.
 */
public abstract class StoreRoundTripTest {

  /** The store under test: created before each test, replaced when the test reopens it. */
  protected Store store;

  /** A fresh directory for each test, where the store may keep its files. */
  @TempDir protected Path dir;

  /** Creates an empty store to test. Called before every test. */
  protected abstract Store createStore() throws Exception;

  /**
   * A new store on the data of the store under test, which the test has just closed (a new
   * connection, the file opened again). Null (the default) when the store keeps nothing once
   * closed: the tests that reopen are then skipped.
   */
  protected Store reopen() throws Exception {
    return null;
  }

  /**
   * As {@link #reopen()}, but read-only: a store that refuses every write with a {@link
   * ReadOnlyException}. Null (the default) when the store has no read-only mode: the tests then
   * read through {@link #reopen()} and skip the checks of refused writes.
   */
  protected Store reopenReadOnly() throws Exception {
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

  /** Closes the store under test and makes {@link #reopen()}'s store the one under test. */
  private void closeAndReopen() throws Exception {
    store.close();
    Store reopened = reopen();
    Assumptions.assumeTrue(reopened != null, "the store keeps nothing once closed");
    store = reopened;
  }

  /**
   * Closes the store under test and reopens it read-only when it can be ({@link
   * #reopenReadOnly()}), else as {@link #closeAndReopen()} does; returns whether it is read-only.
   */
  private boolean closeAndReopenReadOnly() throws Exception {
    store.close();
    Store reopened = reopenReadOnly();
    boolean readOnly = reopened != null;
    if (reopened == null) {
      reopened = reopen();
    }
    Assumptions.assumeTrue(reopened != null, "the store keeps nothing once closed");
    store = reopened;
    return readOnly;
  }

  // ------------------------------------------------------------------ small hierarchies, one store

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
    closeAndReopen();
    checkV2(Zarr.openGroup(store, OpenMode.READ));
    ZarrArray a = Zarr.openGroup(store, OpenMode.READ_WRITE).getArray("a");
    a.set("0, :", NdArray.zeros(DataType.INT32, 23));
    assertThat(a.get("0, :")).isEqualTo(NdArray.zeros(DataType.INT32, 23));
  }

  // ------------------------------------------------------------------ through a reopened store

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("zarr-v2", false),
        Arguments.of("zarr-v3", false),
        Arguments.of("zarr-v3", true));
  }

  @ParameterizedTest(name = "{0}, sharded: {1}")
  @MethodSource("layouts")
  void arraysAndGroupsSurviveClosingAndReopening(String format, boolean sharded) throws Exception {
    SeededRandom random = new SeededRandom(SeededRandom.seed(sharded ? 31 : 30));
    int rows = 40;
    int cols = 30;
    int[] ints = new int[rows * cols];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = random.nextInt(1_000_000) - 500_000;
    }
    double[] floats = new double[101];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = random.nextInt(10_000) / 7.0;
    }
    {
      ZarrGroup root =
          Zarr.group(store, GroupOptions.builder().format(NodeFormats.named(format)).build());
      root.attrs().put("title", "round trip");
      ZarrGroup sub = root.createGroup("sub");
      ArrayOptions.Builder options =
          ArrayOptions.builder().shape(rows, cols).chunks(8, 8).dtype("<i4").fillValue(0);
      if (sharded) {
        options.shards(16, 16);
      }
      ZarrArray a = sub.zeros("ints", options.build());
      a.set(NdArray.of(ints, rows, cols));
      // a write of part of the chunks (of the shards, for a sharded array)
      int[] patch = new int[8 * 5];
      for (int i = 0; i < patch.length; i++) {
        patch[i] = -i - 1;
      }
      a.set("3:11, 5:10", NdArray.of(patch, 8, 5));
      for (int r = 0; r < 8; r++) {
        System.arraycopy(patch, r * 5, ints, (3 + r) * cols + 5, 5);
      }
      a.attrs().put("unit", "m");
      ZarrArray f =
          root.zeros("floats", ArrayOptions.builder().shape(101).chunks(7).dtype("<f8").build());
      f.set(NdArray.of(floats, 101));
    }

    boolean readOnly = closeAndReopenReadOnly();
    {
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
      assertThat(root.format().name()).isEqualTo(format);
      assertThat(root.attrs().get("title")).isEqualTo("round trip");
      assertThat(root.groupKeys()).containsExactly("sub");
      assertThat(root.arrayKeys(true)).containsExactlyInAnyOrder("floats", "sub/ints");
      ZarrArray a = root.getArray("sub/ints");
      assertThat(a.attrs().get("unit")).isEqualTo("m");
      assertThat(a.get()).isEqualTo(NdArray.of(ints, rows, cols));
      int[] window = new int[9 * 13];
      for (int r = 0; r < 9; r++) {
        System.arraycopy(ints, (10 + r) * cols + 2, window, r * 13, 13);
      }
      assertThat(a.get("10:19, 2:15")).isEqualTo(NdArray.of(window, 9, 13));
      assertThat(root.getArray("floats").get()).isEqualTo(NdArray.of(floats, 101));
      if (readOnly) {
        assertThat(store.capabilities().writable()).as("read-only store is writable").isFalse();
        assertThatThrownBy(() -> a.set("0, 0", 7)).isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> store.set("sub/x", new byte[1]))
            .isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> store.delete("sub/ints/" + firstChunk(store, "sub/ints")))
            .isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> store.deletePrefix("sub")).isInstanceOf(ReadOnlyException.class);
      }
    }

    closeAndReopen();
    {
      Convenience.consolidateMetadata(store);
      ZarrNode node = Convenience.openConsolidated(store, OpenMode.READ);
      assertThat(node).isInstanceOf(ZarrGroup.class);
      assertThat(((ZarrGroup) node).getArray("sub/ints").get())
          .isEqualTo(NdArray.of(ints, rows, cols));
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ_WRITE);
      root.remove("floats");
      assertThat(store.listPrefix("floats")).isEmpty();
    }
    closeAndReopenReadOnly();
    {
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
      assertThat(root.arrayKeys(true)).containsExactly("sub/ints");
      assertThat(root.getArray("sub/ints").get()).isEqualTo(NdArray.of(ints, rows, cols));
    }
  }

  /** The name of some stored key below {@code path}, relative to it. */
  private static String firstChunk(Store store, String path) {
    List<String> keys = store.listPrefix(path);
    assertThat(keys).as("keys below %s", path).isNotEmpty();
    return keys.get(keys.size() - 1).substring(path.length() + 1);
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
    ZarrGroup root = Zarr.group(store, GroupOptions.builder().build());
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
    closeAndReopen();
    ZarrGroup back = Zarr.openGroup(store, OpenMode.READ);
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
    assertThat(store.listDir("")).contains(".zgroup", ".zattrs", "b", "sub");
    // chunk 0,0 under the store's default dimension separator ('/' for a nested directory store)
    assertThat(store.contains("sub/deeper/a/0.0") || store.contains("sub/deeper/a/0/0"))
        .as("chunk 0,0 of sub/deeper/a is stored")
        .isTrue();
  }

  @Test
  void zarrV3ShardedArraysRoundTrip() throws Exception {
    NodeFormat v3 = NodeFormats.named("zarr-v3");
    ZarrGroup root = Zarr.group(store, GroupOptions.builder().format(v3).build());
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

    closeAndReopen();
    ZarrGroup back =
        Zarr.openGroup(store, OpenMode.READ, GroupOptions.builder().format(v3).build());
    assertThat(back.attrs().get("kind")).isEqualTo("v3");
    ZarrArray s2 = (ZarrArray) back.get("sharded");
    assertThat(s2.shards()).containsExactly(20, 15);
    assertThat(s2.get()).isEqualTo(expected);
    assertThat(s2.get("19:21, 12:18").toLongArray())
        .containsExactly(582, 1, 1, 1, 1, 587, 612, 1, 1, 1, 1, 617);
    assertThat(((ZarrArray) back.get("g/plain")).get()).isEqualTo(ramp(DataType.INT32, 10));
    // four shards of 20 x 15, each one stored value
    assertThat(store.listPrefix("sharded/c")).hasSize(4);
  }

  @Test
  void consolidatedMetadataAndCopiesRoundTrip() throws Exception {
    ZarrGroup root = Zarr.group(store, GroupOptions.builder().build());
    root.createGroup("x").attrs().put("a", List.of(1L, 2L));
    root.zeros("x/y", ArrayOptions.builder().shape(12).chunks(5).dtype("<i8").build())
        .set(ramp(DataType.INT64, 12));
    Convenience.consolidateMetadata(store);
    closeAndReopen();
    ZarrGroup consolidated = (ZarrGroup) Convenience.openConsolidated(store, OpenMode.READ);
    assertThat(((ZarrArray) consolidated.get("x/y")).get()).isEqualTo(ramp(DataType.INT64, 12));
    assertThat(((ZarrGroup) consolidated.get("x")).attrs().asMap())
        .isEqualTo(Map.of("a", List.of(1L, 2L)));

    MemoryStore memory = new MemoryStore();
    Convenience.copyStore(store, memory);
    assertThat(memory.listPrefix("")).isEqualTo(store.listPrefix(""));
    for (String key : memory.listPrefix("")) {
      assertThat(memory.get(key)).as(key).isEqualTo(store.get(key));
    }
    store.deletePrefix("");
    assertThat(store.listPrefix("")).isEmpty();
    Convenience.copyStore(memory, store);
    closeAndReopen();
    ZarrGroup copied = Zarr.openGroup(store, OpenMode.READ);
    assertThat(((ZarrArray) copied.get("x/y")).get()).isEqualTo(ramp(DataType.INT64, 12));
    assertThat(copied.get("x").attrs().get("a")).isEqualTo(List.of(1L, 2L));
  }
}
