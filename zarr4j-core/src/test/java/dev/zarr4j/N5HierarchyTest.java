package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.filter.Delta;
import dev.zarr4j.codec.n5.N5BlockHeader;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * N5 through the public API only: hierarchies created and opened with {@code GroupOptions.format},
 * by a directory named {@code *.n5}, or found in the store; what lands in the store (one {@code
 * attributes.json} per node, reversed block keys, edge blocks at their actual size); attributes;
 * every selection kind; resize and append; empty chunks; what N5 refuses; and the facade functions
 * that reach N5 through the format seam.
 */
class N5HierarchyTest {
  static final NodeFormat N5 = NodeFormats.named("n5");

  @TempDir Path tmp;

  static Map<String, Object> doc(Store s, String key) {
    ByteBuffer b = s.get(key).orElseThrow(() -> new AssertionError("no " + key));
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return PythonJson.parseObject(a, key);
  }

  static String text(Store s, String key) {
    ByteBuffer b = s.get(key).orElseThrow();
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return new String(a, StandardCharsets.US_ASCII);
  }

  static ZarrGroup n5Group(Store store) {
    return Zarr.group(store, GroupOptions.builder().format(N5).build());
  }

  @Test
  void theFormatIsFoundByServiceLoaderAfterZarrV2() {
    assertThat(NodeFormats.all())
        .extracting(NodeFormat::name)
        .containsExactly("zarr-v2", "n5", "zarr-v3");
    assertThat(N5.name()).isEqualTo("n5");
    assertThat(NodeFormats.named("N5")).isSameAs(N5);
  }

  @Test
  void aHierarchyIsAttributesJsonDocumentsAndReversedBlockKeys() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    root.attrs().put("title", "n5 test");
    ZarrGroup foo = root.createGroup("foo");
    ZarrArray bar =
        foo.zeros(
            "bar",
            ArrayOptions.builder().shape(5, 7).chunks(2, 3).dtype("<i4").compressor(null).build());
    bar.set(NdArray.arange(DataType.INT32, 35, 5, 7));
    bar.attrs().put("unit", "m");

    List<String> keys = store.listPrefix("");
    assertThat(keys).contains("attributes.json", "foo/attributes.json", "foo/bar/attributes.json");
    assertThat(keys).noneMatch(k -> k.endsWith(".zgroup") || k.endsWith(".zarray"));
    // zarr chunk (i, j) is stored at j/i: 3 x 3 blocks
    assertThat(keys.stream().filter(k -> k.startsWith("foo/bar/") && !k.endsWith(".json")))
        .containsExactlyInAnyOrder(
            "foo/bar/0/0",
            "foo/bar/0/1",
            "foo/bar/0/2",
            "foo/bar/1/0",
            "foo/bar/1/1",
            "foo/bar/1/2",
            "foo/bar/2/0",
            "foo/bar/2/1",
            "foo/bar/2/2");
    // the edge block of chunk (2, 2) holds the 1 x 1 element left at the corner: N5 order [1, 1]
    assertThat(N5BlockHeader.read(store.get("foo/bar/2/2").orElseThrow()).shape())
        .containsExactly(1, 1);
    assertThat(N5BlockHeader.read(store.get("foo/bar/2/1").orElseThrow()).shape())
        .containsExactly(2, 1);

    // the documents, byte for byte as zarr-python writes them
    assertThat(text(store, "attributes.json"))
        .isEqualTo("{\n    \"n5\": \"2.0.0\",\n    \"title\": \"n5 test\"\n}");
    assertThat(doc(store, "foo/attributes.json")).isEqualTo(Map.of("n5", "2.0.0"));
    assertThat(text(store, "foo/bar/attributes.json"))
        .isEqualTo(
            "{\n"
                + "    \"blockSize\": [\n        3,\n        2\n    ],\n"
                + "    \"compression\": {\n        \"type\": \"raw\"\n    },\n"
                + "    \"dataType\": \"int32\",\n"
                + "    \"dimensions\": [\n        7,\n        5\n    ],\n"
                + "    \"unit\": \"m\"\n"
                + "}");

    // reopened: the format is found in the store
    ZarrGroup again = Zarr.openGroup(store, OpenMode.READ);
    assertThat(again.format()).isSameAs(N5);
    assertThat(again.keys()).containsExactly("foo");
    assertThat(again.getGroup("foo").arrayKeys()).containsExactly("bar");
    assertThat(again.arrayKeys(true)).containsExactly("foo/bar");
    assertThat(again.attrs().asMap()).isEqualTo(Map.of("title", "n5 test"));
    ZarrArray a = again.getArray("foo/bar");
    assertThat(a.format()).isSameAs(N5);
    assertThat(a.attrs().asMap()).isEqualTo(Map.of("unit", "m"));
    assertThat(a.get()).isEqualTo(NdArray.arange(DataType.INT32, 35, 5, 7));
    assertThat(a.fillValue()).isEqualTo(0L);
    assertThat(a.compressor()).isNull();
    assertThat(a.filters()).isEmpty();
    assertThat(a.order().name()).isEqualTo("C");
    assertThat(a.nchunks()).isEqualTo(9);
    assertThat(a.nchunksInitialized()).isEqualTo(9);
    assertThat(again.tree().toString())
        .isEqualTo("/\n \u2514\u2500\u2500 foo\n     \u2514\u2500\u2500 bar (5, 7) int32");
    assertThat(Convenience.open(store, OpenMode.READ)).isEqualTo(again);
    assertThat(Convenience.load(store, "foo/bar")).isEqualTo(a.get());
  }

  @Test
  void memberListingSkipsBlockDirectoriesAndFindsOnlyNodes() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    ZarrArray a =
        root.zeros("a", ArrayOptions.builder().shape(20, 20).chunks(3, 3).dtype("u1").build());
    a.set((Object) 7L);
    root.createGroup("g/h");
    store.set("stray/file.txt", new byte[] {1}); // a directory without attributes.json: nothing
    assertThat(root.keys()).containsExactly("a", "g");
    assertThat(root.groupKeys()).containsExactly("g");
    assertThat(root.getGroup("g").keys()).containsExactly("h");
    assertThat(root.contains("stray")).isFalse();
    assertThat(root.contains("a/0")).isFalse(); // a block directory is no node
    List<String> visited = new ArrayList<>();
    root.visit(p -> visited.add(p) ? null : null);
    assertThat(visited).containsExactly("a", "g", "g/h");
    assertThat(a.nchunksInitialized()).isEqualTo(49);
  }

  @Test
  void aDirectoryNamedN5OpensAsN5() throws Exception {
    Path dir = tmp.resolve("data.n5");
    try (ZarrGroup g = Zarr.group(dir)) {
      assertThat(g.format()).isSameAs(N5);
      g.zeros("x", ArrayOptions.builder().shape(4).chunks(2).dtype("f8").build())
          .set(NdArray.of(new double[] {1, 2, 3, 4}, 4));
    }
    assertThat(Files.isRegularFile(dir.resolve("attributes.json"))).isTrue();
    assertThat(Files.isRegularFile(dir.resolve("x/1"))).isTrue();
    assertThat(Files.exists(dir.resolve(".zgroup"))).isFalse();
    try (ZarrGroup g = Zarr.openGroup(dir, OpenMode.READ)) {
      assertThat(g.format()).isSameAs(N5);
      assertThat(g.getArray("x").get()).isEqualTo(NdArray.of(new double[] {1, 2, 3, 4}, 4));
    }
    assertThat(
            Zarr.openArray(dir, OpenMode.READ, ArrayOptions.builder().path("x").build())
                .format()
                .name())
        .isEqualTo("n5");
    // the name decides for new nodes too: an array, a group, save and load
    ZarrArray root =
        Zarr.openArray(
            tmp.resolve("root.n5"),
            OpenMode.WRITE,
            ArrayOptions.builder().shape(3).chunks(2).dtype("i2").build());
    assertThat(root.format()).isSameAs(N5);
    assertThat(doc(root.store(), "attributes.json")).containsEntry("n5", "2.0.0");
    Convenience.save(tmp.resolve("saved.n5"), NdArray.arange(DataType.INT64, 5));
    assertThat(Files.isRegularFile(tmp.resolve("saved.n5/attributes.json"))).isTrue();
    assertThat(Convenience.load(tmp.resolve("saved.n5")))
        .isEqualTo(NdArray.arange(DataType.INT64, 5));
    Convenience.saveGroup(
        tmp.resolve("group.n5"),
        NdArray.arange(DataType.INT8, 3),
        NdArray.arange(DataType.INT8, 4));
    assertThat(Files.isRegularFile(tmp.resolve("group.n5/arr_1/attributes.json"))).isTrue();
    ZarrNode opened = Convenience.open(tmp.resolve("group.n5"), OpenMode.READ);
    assertThat(opened.asGroup().format()).isSameAs(N5);
    assertThat(opened.asGroup().keys()).containsExactly("arr_0", "arr_1");
    // an explicit choice wins over the name; other names stay Zarr v2
    try (ZarrGroup v2 =
        Zarr.group(
            tmp.resolve("v2.n5"), GroupOptions.builder().format(NodeFormats.zarrV2()).build())) {
      assertThat(v2.format().name()).isEqualTo("zarr-v2");
    }
    assertThat(Files.exists(tmp.resolve("v2.n5/.zgroup"))).isTrue();
    try (ZarrGroup plain = Zarr.group(tmp.resolve("plain.zarr"))) {
      assertThat(plain.format().name()).isEqualTo("zarr-v2");
    }
    ZarrArray viaOptions =
        Zarr.zeros(ArrayOptions.builder().store(tmp.resolve("opts.n5")).shape(2).build());
    assertThat(viaOptions.format()).isSameAs(N5);
    assertThat(Files.isRegularFile(tmp.resolve("opts.n5/attributes.json"))).isTrue();
    assertThat(
            ArrayOptions.builder()
                .store(tmp.resolve("opts.n5"))
                .store(new MemoryStore())
                .build()
                .format())
        .isNull();
    assertThat(Zarr.formatOf(tmp.resolve("a.n5"))).isSameAs(N5);
    assertThat(Zarr.formatOf(Path.of("a.N5"))).isNull(); // as zarr-python: case-sensitive
    assertThat(Zarr.formatOf(Path.of("/"))).isNull();
  }

  @Test
  void anExistingHierarchyIsDetectedAndTwoFormatsAtOnePathAreRefused() {
    MemoryStore store = new MemoryStore();
    n5Group(store).zeros("a", ArrayOptions.builder().shape(2).dtype("i4").build());
    assertThat(Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("a").build()))
        .satisfies(a -> assertThat(a.format()).isSameAs(N5));
    // a new member of an N5 root group is N5 without asking
    ZarrArray b = Zarr.create(ArrayOptions.builder().store(store).path("b").shape(2).build());
    assertThat(b.format()).isSameAs(N5);
    assertThat(store.contains("b/attributes.json")).isTrue();
    // both documents at one path: ambiguous, refused naming both
    Zarr.group(store, GroupOptions.builder().format(NodeFormats.zarrV2()).build());
    assertThatThrownBy(() -> NodeFormats.detect(store, ""))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("both zarr-v2 and n5 find a node at path '/'")
        .hasMessageContaining(".zgroup")
        .hasMessageContaining("attributes.json");
    assertThat(NodeFormats.detect(store, "a").orElseThrow()).isSameAs(N5);
  }

  @Test
  void attributesShareTheDocumentWithTheMetadata() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    ZarrArray a = root.zeros("a", ArrayOptions.builder().shape(4, 4).chunks(2, 2).build());
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("list", List.of(1L, 2.5, "x"));
    attrs.put("nested", Map.of("k", true));
    a.attrs().update(attrs);
    a.resize(6, 4);
    assertThat(a.attrs().asMap()).isEqualTo(attrs);
    Map<String, Object> d = doc(store, "a/attributes.json");
    assertThat(d)
        .containsEntry("dimensions", List.of(4L, 6L))
        .containsEntry("list", attrs.get("list"));
    a.attrs().replaceAll(Map.of("only", 1L));
    assertThat(doc(store, "a/attributes.json"))
        .containsOnlyKeys("dataType", "dimensions", "blockSize", "compression", "only");
    a.attrs().remove("only");
    assertThat(a.attrs().asMap()).isEmpty();
    assertThat(a.shape()).containsExactly(6, 4);
    // reserved keys are refused, not written (zarr-python warns and corrupts the dataset)
    for (String reserved : List.of("n5", "dimensions", "dataType", "blockSize", "compression")) {
      assertThatThrownBy(() -> a.attrs().put(reserved, 1))
          .isInstanceOf(MetadataException.class)
          .hasMessageContaining("'" + reserved + "' is a reserved N5 keyword");
      assertThatThrownBy(() -> root.attrs().put(reserved, 1)).isInstanceOf(MetadataException.class);
    }
    assertThat(Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("a").build()).get())
        .isEqualTo(NdArray.zeros(DataType.FLOAT64, 6, 4));
    // the group keeps its version when its attributes change
    root.attrs().put("x", 1);
    root.attrs().remove("x");
    assertThat(doc(store, "attributes.json")).isEqualTo(Map.of("n5", "2.0.0"));
  }

  @Test
  void attributeChangesAndResizesAtTheSameTimeKeepEachOther() throws Exception {
    MemoryStore store = new MemoryStore();
    ZarrArray a =
        n5Group(store).zeros("a", ArrayOptions.builder().shape(1).chunks(1).dtype("u1").build());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> grow =
          pool.submit(
              () -> {
                for (int i = 2; i <= 200; i++) {
                  a.resize(i);
                }
              });
      Future<?> put =
          pool.submit(
              () -> {
                for (int i = 0; i < 200; i++) {
                  a.attrs().put("k" + i, i);
                }
              });
      grow.get();
      put.get();
    } finally {
      pool.shutdown();
    }
    ZarrArray again =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("a").build());
    assertThat(again.shape()).containsExactly(200);
    assertThat(again.attrs().size()).isEqualTo(200);
  }

  @Test
  void everySelectionKindReadsAndWrites() {
    ZarrGroup root = n5Group(new MemoryStore());
    ZarrArray z =
        root.zeros(
            "z",
            ArrayOptions.builder()
                .shape(7, 9)
                .chunks(3, 4)
                .dtype(">u2")
                .compressor(Blosc.DEFAULT)
                .build());
    NdArray all = NdArray.arange(DataType.UINT16, 63, 7, 9);
    z.set(all);
    assertThat(z.get()).isEqualTo(all);
    assertThat(z.get("1:6:2, ::3"))
        .isEqualTo(
            NdArray.of(new int[] {9, 12, 15, 27, 30, 33, 45, 48, 51}, 3, 3).astype(z.dtype()));
    assertThat(z.oindex().get("[0, 6], [8, 0]"))
        .isEqualTo(NdArray.of(new int[] {8, 0, 62, 54}, 2, 2).astype(z.dtype()));
    assertThat(z.vindex().get(new long[] {6, 0, 3}, new long[] {8, 8, 4}))
        .isEqualTo(NdArray.of(new int[] {62, 8, 31}, 3).astype(z.dtype()));
    NdArray mask = NdArray.zeros(DataType.BOOL, 7, 9);
    mask.setFlat(62, true);
    mask.setFlat(10, true);
    assertThat(z.vindex().get(mask)).isEqualTo(NdArray.of(new int[] {10, 62}, 2).astype(z.dtype()));
    // block (2, 2) is the corner: rows 6, cols 8
    assertThat(z.blocks().get(2L, 2L))
        .isEqualTo(NdArray.of(new int[] {62}, 1, 1).astype(z.dtype()));
    assertThat(z.getBlockSelection(BlockSelection.of(Slice.of(1, 3), 2L)).shape())
        .containsExactly(4, 1);

    z.oindex().set(1000L, new long[] {0, 6}, new long[] {0, 8});
    z.vindex()
        .set(
            NdArray.of(new int[] {7, 8}, 2).astype(z.dtype()),
            new long[] {3, 4},
            new long[] {4, 5});
    z.set("2, 1:3", 99L);
    z.blocks().set(NdArray.of(new int[] {5, 5, 5}, 3, 1).astype(z.dtype()), 0L, 2L);
    z.setMaskSelection(mask, 1L);
    NdArray expected = all.copy();
    for (int[] rc : new int[][] {{0, 0}, {0, 8}, {6, 0}, {6, 8}}) {
      expected.set(1000L, rc[0], rc[1]);
    }
    expected.set(7L, 3, 4);
    expected.set(8L, 4, 5);
    expected.set(99L, 2, 1);
    expected.set(99L, 2, 2);
    expected.set(5L, 0, 8);
    expected.set(5L, 1, 8);
    expected.set(5L, 2, 8);
    expected.setFlat(62, 1L);
    expected.setFlat(10, 1L);
    assertThat(z.get()).isEqualTo(expected.astype(z.dtype()));
  }

  @Test
  void fieldSelectionsNeedRecordsWhichN5CannotHold() {
    ZarrGroup root = n5Group(new MemoryStore());
    assertThatThrownBy(
            () ->
                root.zeros(
                    "r",
                    ArrayOptions.builder()
                        .shape(2)
                        .dtype("[[\"a\", \"<i4\"], [\"b\", \"<f8\"]]")
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("N5 cannot hold data type");
    ZarrArray z = root.zeros("z", ArrayOptions.builder().shape(2).dtype("i4").build());
    assertThatThrownBy(() -> z.get(dev.zarr4j.indexing.Selection.all(), "a"))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void resizeAndAppendRecutEdgeBlocks() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        n5Group(store)
            .zeros(
                "z",
                ArrayOptions.builder()
                    .shape(5)
                    .chunks(4)
                    .dtype("i8")
                    .compressor(GZip.of(1))
                    .build());
    z.set(NdArray.of(new long[] {1, 2, 3, 4, 5}, 5));
    assertThat(N5BlockHeader.read(store.get("z/1").orElseThrow()).shape()).containsExactly(1);
    z.resize(7); // the edge block grows to 3 elements, the new ones 0
    assertThat(N5BlockHeader.read(store.get("z/1").orElseThrow()).shape()).containsExactly(3);
    assertThat(z.get()).isEqualTo(NdArray.of(new long[] {1, 2, 3, 4, 5, 0, 0}, 7));
    z.resize(3); // block 0 becomes the edge, cut to 3; block 1 is deleted
    assertThat(store.contains("z/1")).isFalse();
    assertThat(N5BlockHeader.read(store.get("z/0").orElseThrow()).shape()).containsExactly(3);
    z.resize(6); // what was cut off stays gone
    assertThat(z.get()).isEqualTo(NdArray.of(new long[] {1, 2, 3, 0, 0, 0}, 6));
    assertThat(z.append(NdArray.of(new long[] {8, 9, 10}, 3))).containsExactly(9);
    assertThat(z.get()).isEqualTo(NdArray.of(new long[] {1, 2, 3, 0, 0, 0, 8, 9, 10}, 9));
    assertThat(N5BlockHeader.read(store.get("z/2").orElseThrow()).shape()).containsExactly(1);
    assertThat(doc(store, "z/attributes.json")).containsEntry("dimensions", List.of(9L));

    ZarrArray m =
        n5Group(new MemoryStore())
            .zeros("m", ArrayOptions.builder().shape(3, 5).chunks(2, 2).dtype("u1").build());
    m.set((Object) 1L);
    assertThat(m.append(NdArray.full(DataType.UINT8, 2L, 3, 2), 1)).containsExactly(3, 7);
    NdArray exp = NdArray.full(DataType.UINT8, 1L, 3, 7);
    for (int r = 0; r < 3; r++) {
      exp.set(2L, r, 5);
      exp.set(2L, r, 6);
    }
    assertThat(m.get()).isEqualTo(exp);
  }

  @Test
  void emptyChunksAreDeletedUnlessAsked() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    ZarrArray skip =
        root.zeros(
            "skip",
            ArrayOptions.builder()
                .shape(4, 4)
                .chunks(2, 2)
                .dtype("f4")
                .writeEmptyChunks(false)
                .build());
    skip.set("0:2, 0:2", 1.5);
    skip.set("0:2, 0:2", 0.0);
    skip.set("2:, 2:", 2.0);
    assertThat(skip.nchunksInitialized()).isEqualTo(1);
    assertThat(store.contains("skip/1/1")).isTrue();
    ZarrArray keep =
        root.zeros(
            "keep",
            ArrayOptions.builder()
                .shape(4, 4)
                .chunks(2, 2)
                .dtype("f4")
                .writeEmptyChunks(true)
                .build());
    keep.set((Object) 0.0);
    assertThat(keep.nchunksInitialized()).isEqualTo(4);
    assertThat(keep.info().toString()).contains("Chunks initialized", "4/4");
  }

  @Test
  void whatN5CannotHoldIsRefusedWithZarrPythonsMessages() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    ArrayOptions base = ArrayOptions.builder().shape(4).chunks(2).dtype("i4").build();
    assertThatThrownBy(() -> root.full("f", 1, base))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("Received fill_value = 1")
        .hasMessageContaining("N5 only supports fill_value = 0");
    assertThatThrownBy(() -> root.ones("o", base)).isInstanceOf(InvalidArrayException.class);
    assertThatThrownBy(() -> root.zeros("c", base.toBuilder().order("F").build()))
        .hasMessageContaining("N5 only supports order = C");
    assertThatThrownBy(
            () -> root.zeros("x", base.toBuilder().filters(List.of(Delta.of("<i4"))).build()))
        .hasMessageContaining("N5 storage does not support zarr filters");
    for (String dtype : List.of("|S3", "<U2", "|V4", "<c8", "str")) {
      assertThatThrownBy(() -> root.zeros("t", base.toBuilder().dtype(dtype).build()))
          .as(dtype)
          .isInstanceOf(InvalidArrayException.class);
    }
    assertThatThrownBy(
            () ->
                root.zeros(
                    "s",
                    base.toBuilder().compressor(dev.zarr4j.codec.filter.Shuffle.of(4)).build()))
        .hasMessageContaining("N5 cannot hold the compressor");
    // nothing was written for any of them
    assertThat(root.keys()).isEmpty();
    // empty (fill None) is accepted, and reads as 0 as in zarr-python
    assertThat(root.empty("e", base).fillValue()).isEqualTo(0L);
    // no consolidated metadata
    assertThatThrownBy(() -> Convenience.consolidateMetadata(store))
        .isInstanceOf(dev.zarr4j.exceptions.UnsupportedByFormatException.class)
        .hasMessageContaining("N5 has no consolidated metadata");
  }

  @Test
  void dataTypesAndCompressorsRoundTrip() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    int i = 0;
    for (String dtype :
        List.of(
            "|b1", "|i1", "|u1", ">i2", "<u2", "<i4", ">u4", "<i8", ">u8", "<f2", "<f4", ">f8",
            "<M8[ns]", ">m8[s]")) {
      for (dev.zarr4j.codec.BytesToBytesCodec c :
          new dev.zarr4j.codec.BytesToBytesCodec[] {null, Bz2.of(2), Zstd.of(2)}) {
        String name = "a" + i++;
        DataType t = DataType.parse(dtype);
        ZarrArray z =
            root.zeros(
                name,
                ArrayOptions.builder().shape(3, 5).chunks(2, 2).dtype(t).compressor(c).build());
        NdArray v =
            N5ArrayPropertyTest.randomArray(
                new java.util.SplittableRandom(i), z.dtype(), new int[] {3, 5});
        z.set(v);
        ZarrArray back = root.getArray(name);
        assertThat(back.get()).as("%s %s", dtype, c).isEqualTo(v);
        // the type's name is kept, its byte order not: blocks are big-endian anyway
        assertThat(back.dtype().kind()).isEqualTo(t.kind());
        assertThat(back.dtype().itemSize()).isEqualTo(t.itemSize());
        assertThat(back.compressor()).isEqualTo(c);
      }
    }
  }

  @Test
  void zeroDimensionalArraysUseKeyZero() {
    MemoryStore store = new MemoryStore();
    ZarrArray s = n5Group(store).zeros("s", ArrayOptions.builder().shape().dtype("i4").build());
    s.set((Object) 7L);
    assertThat(store.contains("s/0")).isTrue();
    assertThat(doc(store, "s/attributes.json")).containsEntry("dimensions", List.of());
    assertThat(s.get().get()).isEqualTo(7L);
    assertThat(s.nchunksInitialized()).isEqualTo(1);
  }

  @Test
  void arraysAndGroupsSerialiseAndReopenAsN5() throws Exception {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    ZarrArray a = root.zeros("a", ArrayOptions.builder().shape(3).dtype("i2").build());
    a.set(NdArray.of(new short[] {1, 2, 3}, 3));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
      out.writeObject(root);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ZarrArray a2 = (ZarrArray) in.readObject();
      ZarrGroup g2 = (ZarrGroup) in.readObject();
      assertThat(a2.format()).isSameAs(N5);
      assertThat(a2.get()).isEqualTo(a.get());
      assertThat(g2.format()).isSameAs(N5);
      assertThat(g2.keys()).containsExactly("a");
    }
  }

  @Test
  void openingWhatIsNotThereOrTheWrongKind() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    root.zeros("a", ArrayOptions.builder().shape(3).build());
    assertThatThrownBy(
            () ->
                Zarr.openGroup(
                    store, OpenMode.READ, GroupOptions.builder().path("a").format(N5).build()))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("holds an array");
    assertThatThrownBy(
            () -> Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("").build()))
        .isInstanceOf(NodeNotFoundException.class);
    assertThatThrownBy(
            () ->
                Zarr.openArray(
                    store,
                    OpenMode.READ,
                    ArrayOptions.builder().path("nothing").format(N5).build()))
        .isInstanceOf(NodeNotFoundException.class);
    store.set("bad/attributes.json", "[1, 2]".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> root.get("bad"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("bad/attributes.json");
    store.set(
        "new/attributes.json",
        ("{\"n5\": \"5.0.0\", \"dimensions\": [2], \"blockSize\": [2], \"dataType\": \"int8\","
                + " \"compression\": {\"type\": \"raw\"}}")
            .getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> root.getArray("new"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("5.0.0");
  }

  @Test
  void legacyCompressionTypeIsMetadataNotAUserAttribute() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = n5Group(store);
    store.set(
        "old/attributes.json",
        "{\"dimensions\": [3], \"blockSize\": [3], \"dataType\": \"uint8\",\"compressionType\": \"raw\", \"k\": 1}"
            .getBytes(StandardCharsets.US_ASCII));
    ZarrArray old = root.getArray("old");
    assertThat(old.attrs().asMap()).isEqualTo(Map.of("k", 1L));
    old.attrs().replaceAll(Map.of());
    assertThat(doc(store, "old/attributes.json")).containsEntry("compressionType", "raw");
    assertThat(root.getArray("old").get()).isEqualTo(NdArray.zeros(DataType.UINT8, 3));
  }
}
