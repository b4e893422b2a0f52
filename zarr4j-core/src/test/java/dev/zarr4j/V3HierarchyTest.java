package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.object.VLenBytes;
import dev.zarr4j.codec.object.VLenUtf8;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zarr v3 hierarchies through the public API only: groups and arrays created with {@code
 * GroupOptions.format}, one {@code zarr.json} per node holding metadata and attributes, chunks at
 * {@code c/...} keys, the format found again in the store, no implicit groups, text and bytes
 * arrays, and what v3 refuses.
 */
@SuppressWarnings("unchecked")
class V3HierarchyTest {
  static final NodeFormat V3 = NodeFormats.named("zarr-v3");

  static Map<String, Object> doc(Store s, String key) {
    ByteBuffer b = s.get(key).orElseThrow(() -> new AssertionError("no " + key));
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return PythonJson.parseObject(a, key);
  }

  static ZarrGroup v3Group(Store store) {
    return Zarr.group(store, GroupOptions.builder().format(V3).build());
  }

  @Test
  void aHierarchyIsZarrJsonDocumentsAndDefaultChunkKeys() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = v3Group(store);
    root.attrs().put("title", "v3 test");
    ZarrGroup foo = root.createGroup("foo");
    ZarrArray bar =
        foo.zeros(
            "bar",
            ArrayOptions.builder()
                .shape(5, 7)
                .chunks(2, 3)
                .dtype("<i4")
                .compressor(Zstd.of(3))
                .dimensionNames(List.of("y", "x"))
                .build());
    bar.set(NdArray.arange(DataType.INT32, 35, 5, 7));
    bar.attrs().put("unit", "m");

    List<String> keys = store.listPrefix("");
    assertThat(keys).contains("zarr.json", "foo/zarr.json", "foo/bar/zarr.json");
    assertThat(keys).noneMatch(k -> k.endsWith(".zgroup") || k.endsWith(".zarray"));
    assertThat(keys.stream().filter(k -> k.startsWith("foo/bar/c/")))
        .hasSize(9)
        .contains("foo/bar/c/2/2");
    assertThat(doc(store, "zarr.json"))
        .isEqualTo(
            Map.of(
                "zarr_format", 3L, "node_type", "group", "attributes", Map.of("title", "v3 test")));
    Map<String, Object> a = doc(store, "foo/bar/zarr.json");
    assertThat(a)
        .containsEntry("zarr_format", 3L)
        .containsEntry("node_type", "array")
        .containsEntry("shape", List.of(5L, 7L))
        .containsEntry("data_type", "int32")
        .containsEntry("fill_value", 0L)
        .containsEntry("dimension_names", List.of("y", "x"))
        .containsEntry("attributes", Map.of("unit", "m"))
        .containsEntry(
            "chunk_grid",
            Map.of("name", "regular", "configuration", Map.of("chunk_shape", List.of(2L, 3L))))
        .containsEntry(
            "chunk_key_encoding",
            Map.of("name", "default", "configuration", Map.of("separator", "/")))
        .containsEntry(
            "codecs",
            List.of(
                Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                Map.of("name", "zstd", "configuration", Map.of("level", 3L, "checksum", false))));

    ZarrGroup again = Zarr.openGroup(store, OpenMode.READ);
    assertThat(again.format()).isSameAs(V3);
    assertThat(again.keys()).containsExactly("foo");
    assertThat(again.arrayKeys(true)).containsExactly("foo/bar");
    assertThat(again.attrs().asMap()).isEqualTo(Map.of("title", "v3 test"));
    ZarrArray b = again.getArray("foo/bar");
    assertThat(b.format()).isSameAs(V3);
    assertThat(b.attrs().asMap()).isEqualTo(Map.of("unit", "m"));
    assertThat(b.get()).isEqualTo(NdArray.arange(DataType.INT32, 35, 5, 7));
    assertThat(b.compressor()).isEqualTo(Zstd.of(3));
    assertThat(b.nchunksInitialized()).isEqualTo(9);
    assertThat(again.tree().toString())
        .isEqualTo("/\n \u2514\u2500\u2500 foo\n     \u2514\u2500\u2500 bar (5, 7) int32");
    assertThat(Convenience.load(store, "foo/bar")).isEqualTo(b.get());
    // a new member of a v3 root is v3 without asking
    ZarrArray c = Zarr.create(ArrayOptions.builder().store(store).path("c").shape(2).build());
    assertThat(c.format()).isSameAs(V3);
    assertThat(store.contains("c/zarr.json")).isTrue();
  }

  @Test
  void attributesLiveInTheDocumentAndSurviveResize() {
    MemoryStore store = new MemoryStore();
    ZarrArray a =
        v3Group(store).zeros("a", ArrayOptions.builder().shape(4, 4).chunks(2, 2).build());
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("list", List.of(1L, 2.5, "x"));
    attrs.put("nested", Map.of("k", true));
    a.attrs().update(attrs);
    a.resize(6, 4);
    assertThat(a.attrs().asMap()).isEqualTo(attrs);
    assertThat(doc(store, "a/zarr.json"))
        .containsEntry("shape", List.of(6L, 4L))
        .containsEntry("attributes", attrs);
    a.attrs().replaceAll(Map.of("only", 1L));
    assertThat(doc(store, "a/zarr.json")).containsEntry("attributes", Map.of("only", 1L));
    // keys named like metadata are ordinary attributes in v3: they live apart
    a.attrs().put("shape", "not the shape");
    assertThat(a.shape()).containsExactly(6, 4);
    assertThat(
            Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("a").build()).shape())
        .containsExactly(6, 4);
  }

  @Test
  void noImplicitGroups() {
    MemoryStore store = new MemoryStore();
    v3Group(store).zeros("x/y/z", ArrayOptions.builder().shape(3).build());
    // creating a nested array writes its parents' documents, as zarr-python does
    assertThat(doc(store, "x/zarr.json")).containsEntry("node_type", "group");
    assertThat(doc(store, "x/y/zarr.json")).containsEntry("node_type", "group");
    store.delete("x/y/zarr.json");
    assertThat(V3.kindAt(store, "x/y")).isEqualTo(dev.zarr4j.metadata.NodeKind.NONE);
    assertThatThrownBy(
            () ->
                Zarr.openGroup(
                    store, OpenMode.READ, GroupOptions.builder().path("x/y").format(V3).build()))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("no group found at path 'x/y'");
  }

  @Test
  void textAndBytesArraysUseTheVariableLengthTypes() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = v3Group(store);
    ZarrArray s =
        root.empty(
            "s",
            ArrayOptions.builder()
                .shape(4)
                .chunks(3)
                .dtype(DataType.OBJECT)
                .objectCodec(VLenUtf8.INSTANCE)
                .build());
    s.set(NdArray.wrap(DataType.OBJECT, new Object[] {"a", "", "ünï", "long text"}, 4));
    ZarrArray b =
        root.empty(
            "b",
            ArrayOptions.builder()
                .shape(2)
                .chunks(2)
                .dtype(DataType.OBJECT)
                .objectCodec(VLenBytes.INSTANCE)
                .build());
    b.set(NdArray.wrap(DataType.OBJECT, new Object[] {new byte[] {1, 2}, new byte[0]}, 2));
    assertThat(doc(store, "s/zarr.json"))
        .containsEntry("data_type", "string")
        .containsEntry("fill_value", "")
        .extracting(d -> ((List<?>) d.get("codecs")).get(0))
        .isEqualTo(Map.of("name", "vlen-utf8", "configuration", Map.of()));
    assertThat(doc(store, "b/zarr.json")).containsEntry("data_type", "bytes");
    ZarrGroup again = Zarr.openGroup(store, OpenMode.READ);
    assertThat(again.getArray("s").get().getFlat(2)).isEqualTo("ünï");
    assertThat((byte[]) again.getArray("b").get().getFlat(0)).containsExactly(1, 2);
  }

  @Test
  void whatV3CannotHoldIsRefused() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = v3Group(store);
    assertThatThrownBy(
            () ->
                root.empty(
                    "j",
                    ArrayOptions.builder()
                        .shape(2)
                        .dtype(DataType.OBJECT)
                        .objectCodec(dev.zarr4j.codec.object.JsonCodec.DEFAULT)
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("object codec 'json2'");
    assertThat(store.contains("j/zarr.json")).isFalse();
  }

  @Test
  void consolidatedMetadataIsInlineInTheRootDocument() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = v3Group(store);
    root.attrs().put("k", 1L);
    ZarrArray a =
        root.createGroup("g")
            .zeros("a", ArrayOptions.builder().shape(3).chunks(2).dtype("<i2").build());
    a.set(NdArray.of(new short[] {1, 2, 3}));
    Convenience.consolidateMetadata(store);
    Map<String, Object> cm =
        (Map<String, Object>) doc(store, "zarr.json").get("consolidated_metadata");
    assertThat(cm).containsEntry("kind", "inline").containsEntry("must_understand", false);
    assertThat((Map<String, Object>) cm.get("metadata")).containsOnlyKeys("g", "g/a");
    assertThat(((Map<String, Object>) ((Map<String, Object>) cm.get("metadata")).get("g/a")))
        .containsEntry("node_type", "array")
        .containsEntry("shape", List.of(3L));
    // the root's own document is still an ordinary group with its attributes
    assertThat(Zarr.openGroup(store, OpenMode.READ).attrs().asMap()).isEqualTo(Map.of("k", 1L));

    // opened consolidated, metadata comes from the root document only: a later change to the
    // array's own document is not seen, and changes through the view are refused
    ZarrGroup c = (ZarrGroup) Convenience.openConsolidated(store, OpenMode.READ);
    store.delete("g/a/zarr.json");
    assertThat(c.getArray("g/a").get()).isEqualTo(NdArray.of(new short[] {1, 2, 3}));
    assertThat(c.arrayKeys(true)).containsExactly("g/a");
    assertThatThrownBy(() -> c.attrs().put("x", 1))
        .isInstanceOf(dev.zarr4j.exceptions.ReadOnlyException.class);
  }

  @Test
  void consolidatingNeedsAGroupAtTheRootAndOpeningNeedsConsolidatedMetadata() {
    MemoryStore store = new MemoryStore();
    Zarr.create(ArrayOptions.builder().store(store).format(V3).shape(2).build());
    assertThatThrownBy(() -> Convenience.consolidateMetadata(store))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("group at the store's root");
    MemoryStore plain = new MemoryStore();
    v3Group(plain);
    assertThatThrownBy(() -> Convenience.openConsolidated(plain, OpenMode.READ))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("no consolidated metadata in 'zarr.json'");
  }

  @Test
  void v2AndV3NodesAtOnePathAreAmbiguous() {
    MemoryStore store = new MemoryStore();
    v3Group(store).zeros("a", ArrayOptions.builder().shape(2).build());
    Zarr.group(store, GroupOptions.builder().format(NodeFormats.zarrV2()).build());
    assertThatThrownBy(() -> Zarr.openGroup(store, OpenMode.READ))
        .isInstanceOf(dev.zarr4j.exceptions.MetadataException.class)
        .hasMessageContaining("both zarr-v2 and zarr-v3 find a node at path '/'")
        .hasMessageContaining("choose the format");
    // the format chosen, each opens; below the root only v3 is there
    assertThat(
            Zarr.openGroup(store, OpenMode.READ, GroupOptions.builder().format(V3).build()).keys())
        .containsExactly("a");
    assertThat(
            Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("a").build()).format())
        .isSameAs(V3);
  }

  @Test
  void arraysAndGroupsSerialiseAndReopenAsV3() throws Exception {
    MemoryStore store = new MemoryStore();
    ZarrGroup g = v3Group(store);
    ZarrArray a =
        g.zeros(
            "a",
            ArrayOptions.builder().shape(10, 10).chunks(5, 5).shards(10, 10).dtype("<u2").build());
    a.set(NdArray.arange(DataType.UINT16, 100, 10, 10));
    for (ZarrNode node : List.<ZarrNode>of(g, a)) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(node);
      }
      Object back;
      try (java.io.ObjectInputStream in =
          new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        back = in.readObject();
      }
      if (back instanceof ZarrArray b) {
        assertThat(b.format()).isSameAs(V3);
        assertThat(b.shards()).containsExactly(10, 10);
        assertThat(b.get()).isEqualTo(NdArray.arange(DataType.UINT16, 100, 10, 10));
      } else {
        assertThat(((ZarrGroup) back).format()).isSameAs(V3);
        assertThat(((ZarrGroup) back).arrayKeys()).containsExactly("a");
      }
    }
  }

  @Test
  void textAndBytesArraysTakeZarrPython2sDefaultFillOfZeroAsEmpty() {
    MemoryStore store = new MemoryStore();
    ZarrArray s =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .format(V3)
                .shape(2)
                .dtype(DataType.OBJECT)
                .objectCodec(VLenUtf8.INSTANCE)
                .build());
    assertThat(doc(store, "zarr.json")).containsEntry("fill_value", "");
    assertThat(s.get().getFlat(1)).isEqualTo("");
    assertThatThrownBy(
            () ->
                Zarr.create(
                    ArrayOptions.builder()
                        .store(new MemoryStore())
                        .format(V3)
                        .shape(2)
                        .dtype(DataType.OBJECT)
                        .objectCodec(VLenUtf8.INSTANCE)
                        .fillValue(7L)
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("fill value 7 is not valid for string arrays");
  }
}
