package dev.zarr4j.metadata.n5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.n5.N5BlockCodec;
import dev.zarr4j.codec.n5.N5Compression;
import dev.zarr4j.codec.n5.N5Lz4;
import dev.zarr4j.codec.object.VLenUtf8;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.metadata.ArrayDefinition;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.metadata.RegularChunkGrid;
import dev.zarr4j.metadata.v2.V2Format;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The N5 format seam on its own: documents, kinds, the model a dataset defines, refusals. */
class N5FormatTest {
  static final N5Format F = N5Format.INSTANCE;

  static ArrayDefinition def(String dtype, Object fill, MemoryOrder order) {
    return new ArrayDefinition(
        new long[] {5, 7},
        new int[] {2, 3},
        DataType.parse(dtype),
        fill,
        order,
        List.of(),
        null,
        null,
        "/",
        List.of("y", "x"),
        null,
        null);
  }

  static void put(MemoryStore s, String key, String json) {
    s.set(key, json.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, Object> doc(MemoryStore s, String key) {
    return PythonJson.parseObject(s.get(key).orElseThrow().array(), key);
  }

  @Test
  void registeredAndNamed() {
    assertThat(NodeFormats.named("n5")).isInstanceOf(N5Format.class);
    assertThat(F.name()).isEqualTo("n5");
    assertThat(F.isDocumentName("attributes.json")).isTrue();
    assertThat(F.isDocumentName(".zarray")).isFalse();
    assertThat(F.isDocumentName("0")).isFalse();
    assertThat(F.documentKeys("a/b")).containsExactly("a/b/attributes.json");
    assertThat(F.documentKeys("")).containsExactly("attributes.json");
    assertThat(F.hierarchyLockKey()).isEqualTo(".zgroup");
  }

  @Test
  void locationsNamedN5AreClaimedAsZarrPythonDoes() {
    assertThat(F.claimsLocation("data.n5")).isTrue();
    assertThat(F.claimsLocation("/tmp/x/data.n5")).isTrue();
    assertThat(F.claimsLocation("data.N5")).isFalse();
    assertThat(F.claimsLocation("data.n5/")).isFalse(); // zarr-python's string test
    assertThat(F.claimsLocation("s3://bucket/data.n5")).isFalse();
    assertThat(F.claimsLocation("zip::data.n5")).isFalse();
    assertThat(V2Format.INSTANCE.claimsLocation("data.n5")).isFalse();
    assertThat(NodeFormats.forLocation("data.n5")).contains(F);
    assertThat(NodeFormats.forLocation("data.zarr")).isEmpty();
    assertThat(NodeFormats.forLocation((String) null)).isEmpty();
    // a path's last segment decides, so a trailing separator does not matter
    assertThat(NodeFormats.forLocation(Path.of("/tmp/data.n5/"))).contains(F);
    assertThat(NodeFormats.forLocation(Path.of("data.n5", "sub"))).isEmpty();
    assertThat(NodeFormats.forLocation(Path.of("/"))).isEmpty();
  }

  @Test
  void kindsFollowZarrPythonsN5Store() {
    MemoryStore s = new MemoryStore();
    assertThat(F.kindAt(s, "")).isEqualTo(NodeKind.NONE);
    put(s, "attributes.json", "{}");
    assertThat(F.kindAt(s, "")).isEqualTo(NodeKind.GROUP); // {} is a group
    put(
        s,
        "a/attributes.json",
        "{\"dimensions\": [3], \"blockSize\": [2], \"dataType\": \"uint8\","
            + " \"compression\": {\"type\": \"raw\"}}");
    assertThat(F.kindAt(s, "a")).isEqualTo(NodeKind.ARRAY);
    s.set("b/0", new byte[] {0});
    assertThat(F.kindAt(s, "b")).isEqualTo(NodeKind.NONE); // an implicit group is invisible
    put(s, "c/attributes.json", "not json");
    assertThatThrownBy(() -> F.kindAt(s, "c"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("c/attributes.json");
    assertThat(NodeFormats.detect(s, "a")).contains(F);
    assertThat(NodeFormats.detect(s, "b")).isEmpty();
  }

  @Test
  void aDatasetDefinesTheModel() {
    MemoryStore s = new MemoryStore();
    put(
        s,
        "a/attributes.json",
        "{\"dimensions\": [7, 5], \"blockSize\": [3, 2], \"dataType\": \"uint16\","
            + " \"compression\": {\"type\": \"lz4\", \"blockSize\": 65536}, \"k\": 1}");
    N5ArrayMetadata m = F.readArray(s, "a");
    ArraySpec spec = m.spec();
    assertThat(spec.shape()).containsExactly(5, 7);
    assertThat(spec.chunkShape()).containsExactly(2, 3);
    assertThat(spec.dtype()).isEqualTo(DataType.parse("<u2"));
    assertThat(spec.grid())
        .isEqualTo(new RegularChunkGrid(new int[] {2, 3}, RegularChunkGrid.EdgeChunks.CLIPPED));
    assertThat(spec.keyEncoding()).isSameAs(N5ChunkKeyEncoding.INSTANCE);
    assertThat(spec.chunkKey(new long[] {1, 2})).isEqualTo("2/1");
    assertThat(spec.isChunkKey("2/1")).isTrue();
    assertThat(spec.isChunkKey("2.1")).isFalse();
    assertThat(spec.isChunkKey("attributes.json")).isFalse();
    assertThat(spec.fillValue()).isEqualTo(0L);
    assertThat(spec.dimensionNames()).isEmpty();
    assertThat(spec.codecs().arrayToBytes()).isInstanceOf(N5BlockCodec.class);
    assertThat(spec.codecs().arrayToArray()).isEmpty();
    assertThat(spec.codecs().bytesToBytes()).isEmpty();
    assertThat(spec.chunkSpec(new long[] {2, 2}).shape()).containsExactly(1, 1);
    // zarr-python's view: N5 Java's lz4 block stream reports as numcodecs' LZ4
    assertThat(m.compressor()).isEqualTo(Lz4.DEFAULT);
    assertThat(m.filters()).isEmpty();
    assertThat(m.order()).isEqualTo(MemoryOrder.C);
    assertThat(m.objectCodec()).isNull();
    assertThat(m.format()).isEqualTo(F).isEqualTo(NodeFormats.named("n5"));
    assertThat(m.withShape(new long[] {9, 1}).spec().shape()).containsExactly(9, 1);
    assertThat(F.readAttributes(s, "a")).isEqualTo(Map.of("k", 1L));
    assertThatThrownBy(() -> F.readGroup(s, "a")).isInstanceOf(NodeNotFoundException.class);
    assertThatThrownBy(() -> F.readArray(s, "")).isInstanceOf(NodeNotFoundException.class);
  }

  @Test
  void newArraysRefuseWhatN5CannotHold() {
    MemoryStore s = new MemoryStore();
    N5ArrayMetadata m = F.newArray(def(">i2", null, MemoryOrder.C), s);
    // the byte order is not kept, the separator and names are dropped as zarr-python drops them
    assertThat(m.spec().dtype()).isEqualTo(DataType.parse("<i2"));
    assertThat(m.spec().dimensionNames()).isEmpty();
    assertThat(F.newArray(def("<f8", 0.0, MemoryOrder.C), s).spec().fillValue()).isEqualTo(0.0);
    assertThatThrownBy(() -> F.newArray(def("<f8", 2.5, MemoryOrder.C), s))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessage("Received fill_value = 2.5, but N5 only supports fill_value = 0");
    assertThatThrownBy(() -> F.newArray(def("<f8", 0.0, MemoryOrder.F), s))
        .hasMessage("Received order = F, but N5 only supports order = C");
    assertThatThrownBy(() -> F.newArray(def("|S4", null, MemoryOrder.C), s))
        .hasMessageContaining("N5 cannot hold data type");
    ArrayDefinition object =
        new ArrayDefinition(
            new long[] {2},
            new int[] {2},
            DataType.parse("|O"),
            null,
            MemoryOrder.C,
            List.of(),
            null,
            VLenUtf8.INSTANCE,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> F.newArray(object, s))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("object arrays");
    assertThat(s.listPrefix("")).isEmpty();
  }

  @Test
  void writingMergesWithTheDocument() {
    MemoryStore s = new MemoryStore();
    F.writeGroup(s, "");
    assertThat(doc(s, "attributes.json")).isEqualTo(Map.of("n5", "2.0.0"));
    put(s, "attributes.json", "{\"n5\": \"4.0.0\", \"user\": 1}");
    F.writeGroup(s, "");
    assertThat(doc(s, "attributes.json")).isEqualTo(Map.of("n5", "4.0.0", "user", 1L));
    F.readGroup(s, "");

    N5ArrayMetadata m = F.newArray(def("<i4", 0L, MemoryOrder.C), s);
    F.writeArray(s, "a", m);
    assertThat(doc(s, "a/attributes.json")).doesNotContainKey("n5");
    F.writeAttributes(s, "a", Map.of("x", "y"));
    F.writeArray(s, "a", m.withShape(new long[] {1, 1}));
    assertThat(doc(s, "a/attributes.json"))
        .containsEntry("x", "y")
        .containsEntry("dimensions", List.of(1L, 1L))
        .doesNotContainKey("n5");
    assertThatThrownBy(() -> F.writeAttributes(s, "a", Map.of("blockSize", 1)))
        .isInstanceOf(MetadataException.class);
    assertThat(F.readAttributes(s, "a")).isEqualTo(Map.of("x", "y"));
    // an array at the root carries the version zarr-python needs there
    MemoryStore r = new MemoryStore();
    F.writeArray(r, "", m);
    assertThat(doc(r, "attributes.json")).containsEntry("n5", "2.0.0");
    assertThat(F.readArray(r, "").spec()).isEqualTo(m.spec());
    assertThatThrownBy(
            () -> F.writeArray(r, "", V2Format.INSTANCE.newArray(def("<i4", 0L, MemoryOrder.C), r)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noConsolidatedMetadata() {
    assertThatThrownBy(() -> F.consolidate(new MemoryStore(), ".zmetadata"))
        .isInstanceOf(dev.zarr4j.exceptions.UnsupportedByFormatException.class)
        .hasMessageContaining("N5 has no consolidated metadata");
  }

  @Test
  void compressorsMapByConfiguration() {
    assertThat(N5Compression.fromCodec(N5Lz4.blockStream(1 << 16)).toJson())
        .isEqualTo(Map.of("type", "lz4", "blockSize", 65536L));
    assertThat(N5Compression.fromCodec(N5Lz4.numcodecs(2)).toJson())
        .isEqualTo(Map.of("type", "lz4", "id", "lz4", "acceleration", 2L));
    assertThat(N5Compression.fromCodec(Lz4.of(2)).numcodecsCodec()).isEqualTo(Lz4.of(2));
    assertThat(N5Compression.RAW.numcodecsCodec()).isNull();
  }
}
