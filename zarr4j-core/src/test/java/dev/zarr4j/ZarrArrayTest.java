package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.SelectionOutOfBoundsException;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZarrArrayTest {

  private static ArrayOptions.Builder opts(Store store) {
    return ArrayOptions.builder().store(store).compressor(null);
  }

  private static Map<String, String> snapshot(MemoryStore store) {
    Map<String, String> m = new TreeMap<>();
    for (String k : store.listPrefix("")) {
      ByteBuffer b = store.get(k).orElseThrow();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      m.put(k, java.util.Base64.getEncoder().encodeToString(bytes));
    }
    return m;
  }

  @Test
  void tutorialReadAndWrite() {
    ZarrArray z =
        Zarr.zeros(
            ArrayOptions.builder()
                .shape(1000, 1000)
                .chunks(100, 100)
                .dtype("i4")
                .compressor(null)
                .build());
    assertThat(z.toString()).isEqualTo("<zarr4j.ZarrArray (1000, 1000) int32>");
    z.set(42);
    z.set("0, :", NdArray.arange(DataType.INT32, 1000));
    z.set(":, 0", NdArray.arange(DataType.INT32, 1000));
    assertThat(z.getValue(0, 0)).isEqualTo(0L);
    assertThat(z.getValue(-1, -1)).isEqualTo(42L);
    assertThat(z.get("0, :").getLong(999)).isEqualTo(999L);
    assertThat(z.get(":, 0").getLong(998)).isEqualTo(998L);
    NdArray all = z.get();
    assertThat(all.getLong(1, 1)).isEqualTo(42L);
    assertThat(all.getLong(5, 0)).isEqualTo(5L);
    assertThat(z.nchunksInitialized()).isEqualTo(100);
  }

  @Test
  void defaultsMatchZarrPython() {
    ZarrArray z = Zarr.zeros(ArrayOptions.builder().shape(10000, 10000).compressor(null).build());
    assertThat(z.dtype()).isEqualTo(DataType.FLOAT64);
    assertThat(z.chunks()).containsExactly(313, 625);
    assertThat(z.fillValue()).isEqualTo(0.0);
    assertThat(z.order().name()).isEqualTo("C");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // shape | dtype | expected chunks (zarr-python 2.13 guess_chunks)
        "10000,10000 | i4 | 625,625",
        "100 | f8 | 100",
        "10000,10000 | f8 | 313,625",
        "1000000 | i1 | 250000",
        "100000000 | i4 | 390625",
        "0,5 | f8 | 1,5",
        "20,30,40 | u2 | 20,30,40",
        "4096,4096,3 | u1 | 1024,1024,1",
        "1000000,10 | f8 | 62500,2",
        " | f8 | ",
      })
  void guessedChunksMatchZarrPython(String shape, String dtype, String expected) {
    long[] s =
        shape == null
            ? new long[0]
            : java.util.Arrays.stream(shape.split(",")).mapToLong(Long::parseLong).toArray();
    int[] e =
        expected == null
            ? new int[0]
            : java.util.Arrays.stream(expected.split(",")).mapToInt(Integer::parseInt).toArray();
    ZarrArray z =
        Zarr.create(ArrayOptions.builder().shape(s).dtype(dtype).compressor(null).build());
    assertThat(z.chunks()).containsExactly(e);
  }

  @Test
  void chunkOptions() {
    assertThat(
            Zarr.zeros(
                    ArrayOptions.builder()
                        .shape(10000, 10000)
                        .chunks(100, -1)
                        .dtype("i4")
                        .compressor(null)
                        .build())
                .chunks())
        .containsExactly(100, 10000);
    assertThat(
            Zarr.zeros(
                    ArrayOptions.builder()
                        .shape(10000, 10000)
                        .chunks(false)
                        .compressor(null)
                        .build())
                .chunks())
        .containsExactly(10000, 10000);
    assertThat(
            Zarr.zeros(ArrayOptions.builder().shape(10, 20, 30).chunks(5).compressor(null).build())
                .chunks())
        .containsExactly(5, 5, 5);
    assertThat(
            Zarr.zeros(
                    ArrayOptions.builder().shape(10, 20, 30).chunks(5, 6).compressor(null).build())
                .chunks())
        .containsExactly(5, 6, 30);
    assertThatThrownBy(() -> Zarr.zeros(ArrayOptions.builder().shape(10).chunks(0).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("chunks");
    assertThatThrownBy(() -> Zarr.zeros(ArrayOptions.builder().shape(10).chunks(5, 5).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("more dimensions");
    assertThatThrownBy(() -> Zarr.zeros(ArrayOptions.builder().shape(-1).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Zarr.create(ArrayOptions.builder().build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("shape is required");
  }

  @Test
  void invalidShapeChunksOrDtypeAtCreateAreNamedAndStoreNothing() {
    MemoryStore store = new MemoryStore();
    Zarr.zeros(opts(store).path("keep").shape(4).chunks(2).dtype("i4").build()).set(7);
    Map<String, String> before = snapshot(store);
    // each bad create, also with overwrite, names the culprit and leaves the store as it was
    for (boolean overwrite : new boolean[] {false, true}) {
      assertThatThrownBy(
              () -> Zarr.zeros(opts(store).path("keep").overwrite(overwrite).shape(10, -3).build()))
          .isInstanceOf(InvalidArrayException.class)
          .hasMessageContaining("-3");
      assertThatThrownBy(
              () ->
                  Zarr.zeros(
                      opts(store).path("keep").overwrite(overwrite).shape(10).chunks(0).build()))
          .isInstanceOf(InvalidArrayException.class)
          .hasMessageContaining("chunks");
      assertThatThrownBy(
              () ->
                  Zarr.zeros(
                      opts(store).path("keep").overwrite(overwrite).shape(10).chunks(-7).build()))
          .isInstanceOf(InvalidArrayException.class)
          .hasMessageContaining("-7");
      assertThatThrownBy(
              () ->
                  Zarr.zeros(
                      opts(store).path("keep").overwrite(overwrite).shape(10).dtype("<i3").build()))
          .hasMessageContaining("<i3");
      assertThatThrownBy(
              () ->
                  Zarr.zeros(
                      opts(store)
                          .path("new")
                          .overwrite(overwrite)
                          .shape(10)
                          .dtype("float128")
                          .build()))
          .hasMessageContaining("float128");
      assertThat(snapshot(store)).isEqualTo(before);
    }
    assertThat(
            Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("keep").build())
                .get()
                .toLongArray())
        .containsExactly(7, 7, 7, 7);
  }

  @Test
  void readOnlyOptionRefusesWritesAndChangesNothing() {
    MemoryStore store = new MemoryStore();
    Zarr.zeros(opts(store).shape(6).chunks(3).dtype("i4").build()).set(3);
    Map<String, String> before = snapshot(store);
    ZarrArray ro = Zarr.openArray(store, OpenMode.READ_WRITE, opts(store).readOnly(true).build());
    assertThat(ro.readOnly()).isTrue();
    assertThat(ro.get().toLongArray()).containsExactly(3, 3, 3, 3, 3, 3);
    assertThatThrownBy(() -> ro.set(1)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> ro.set("0:2", 1)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> ro.resize(10)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> ro.attrs().put("a", 1)).isInstanceOf(ReadOnlyException.class);
    assertThat(snapshot(store)).isEqualTo(before);
  }

  @Test
  void resizeDeletesChunksOutsideAndKeepsData() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = Zarr.zeros(opts(store).shape(100, 100).chunks(10, 10).dtype("i4").build());
    z.set(42);
    assertThat(z.nchunksInitialized()).isEqualTo(100);
    z.resize(200, 100);
    assertThat(z.shape()).containsExactly(200, 100);
    assertThat(z.nchunksInitialized()).isEqualTo(100);
    assertThat(z.getValue(199, 0)).isEqualTo(0L);
    z.resize(55, 31);
    assertThat(z.nchunksInitialized()).isEqualTo(6 * 4);
    assertThat(z.get().toLongArray()).containsOnly(42L);
    // metadata was rewritten
    ZarrArray again = Zarr.openArray(store, OpenMode.READ);
    assertThat(again.shape()).containsExactly(55, 31);
    assertThatThrownBy(() -> z.resize(10)).isInstanceOf(InvalidArrayException.class);
  }

  @Test
  void appendAlongAnyAxis() {
    NdArray a = NdArray.arange(DataType.INT32, 10000, 100, 100);
    ZarrArray z = Zarr.array(a, ArrayOptions.builder().chunks(10, 10).compressor(null).build());
    assertThat(z.shape()).containsExactly(100, 100);
    assertThat(z.append(a)).containsExactly(200, 100);
    NdArray twice = NdArray.zeros(DataType.INT32, 200, 100);
    for (int i = 0; i < 200 * 100; i++) {
      twice.setFlat(i, (long) (i % 10000));
    }
    assertThat(z.append(twice, 1)).containsExactly(200, 200);
    assertThat(z.getValue(150, 150)).isEqualTo((long) ((150 * 100 + 50) % 10000));
    assertThat(z.getValue(150, 50)).isEqualTo((long) (50 * 100 + 50));
    assertThatThrownBy(() -> z.append(NdArray.zeros(DataType.INT32, 3, 7)))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("dimension 1");
  }

  @Test
  void openModesHaveZarrPythonMeaning() {
    MemoryStore store = new MemoryStore();
    ArrayOptions o = opts(store).shape(10).chunks(5).dtype("i4").path("a/b").build();
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ, o))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("a/b");
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ_WRITE, o))
        .isInstanceOf(NodeNotFoundException.class);
    ZarrArray created = Zarr.openArray(store, OpenMode.APPEND, o);
    created.set(7);
    assertThat(store.contains(".zgroup")).isTrue();
    assertThat(store.contains("a/.zgroup")).isTrue();
    ZarrArray again = Zarr.openArray(store, OpenMode.APPEND, o);
    assertThat(again.get().toLongArray()).containsOnly(7L);
    ZarrArray ro = Zarr.openArray(store, OpenMode.READ, o);
    assertThat(ro.readOnly()).isTrue();
    Map<String, String> before = snapshot(store);
    assertThatThrownBy(() -> ro.set(1))
        .isInstanceOf(ReadOnlyException.class)
        .hasMessageContaining("a/b");
    assertThatThrownBy(() -> ro.resize(20)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> ro.attrs().put("x", 1)).isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.CREATE, o))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("w-");
    assertThat(snapshot(store)).isEqualTo(before);
    ZarrArray replaced = Zarr.openArray(store, OpenMode.WRITE, o.toBuilder().shape(3).build());
    assertThat(replaced.shape()).containsExactly(3);
    assertThat(replaced.nchunksInitialized()).isZero();
    // a group at the path blocks arrays in 'a' and 'r'
    assertThatThrownBy(
            () -> Zarr.openArray(store, OpenMode.APPEND, o.toBuilder().path("a").build()))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("group");
    assertThatThrownBy(() -> Zarr.openArray(store, OpenMode.READ, o.toBuilder().path("a").build()))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("group");
    assertThat(OpenMode.parse("x")).isEqualTo(OpenMode.CREATE);
    assertThatThrownBy(() -> OpenMode.parse("rw")).isInstanceOf(InvalidArrayException.class);
  }

  @Test
  void createWithoutOverwriteRefusesExistingNodes() {
    MemoryStore store = new MemoryStore();
    Zarr.zeros(opts(store).shape(4).path("x").build());
    Map<String, String> before = snapshot(store);
    assertThatThrownBy(() -> Zarr.zeros(opts(store).shape(4).path("x").build()))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> Zarr.zeros(opts(store).shape(4).path("x/y").build()))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("ancestor 'x' is an array");
    assertThatThrownBy(() -> Zarr.zeros(opts(store).shape(4).path("").build()))
        .isInstanceOf(NodeExistsException.class)
        .hasMessageContaining("group");
    assertThat(snapshot(store)).isEqualTo(before);
    ZarrArray over = Zarr.zeros(opts(store).shape(9).path("x").overwrite(true).build());
    assertThat(over.shape()).containsExactly(9);
  }

  @Test
  void pathsAreNormalisedAndEscapesRejected() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = Zarr.zeros(opts(store).shape(4).path("/foo//bar/").build());
    assertThat(z.path()).isEqualTo("foo/bar");
    assertThat(z.name()).contains("/foo/bar");
    assertThat(z.basename()).isEqualTo("bar");
    assertThatThrownBy(() -> Zarr.zeros(opts(store).shape(4).path("foo/../x").build()))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("..");
  }

  @Test
  void writeEmptyChunksFalseDeletesFillChunks() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            opts(store)
                .shape(100)
                .chunks(10)
                .dtype("u1")
                .fillValue(0)
                .writeEmptyChunks(false)
                .build());
    z.set(100);
    assertThat(z.nchunksInitialized()).isEqualTo(10);
    z.set("0:15", 0);
    assertThat(z.nchunksInitialized()).isEqualTo(9);
    z.set(0);
    assertThat(z.nchunksInitialized()).isZero();
    ZarrArray keep = Zarr.create(opts(new MemoryStore()).shape(100).chunks(10).dtype("u1").build());
    keep.set(0);
    assertThat(keep.nchunksInitialized()).isEqualTo(10);
  }

  @Test
  void nanFillValueAndFloat16() {
    ZarrArray z =
        Zarr.full(Double.NaN, opts(new MemoryStore()).shape(5).chunks(2).dtype("<f2").build());
    assertThat(Double.isNaN((Double) z.getValue(4))).isTrue();
    z.set("1:3", 1.5);
    assertThat(z.get().toDoubleArray())
        .containsExactly(Double.NaN, 1.5, 1.5, Double.NaN, Double.NaN);
  }

  @Test
  void datetimesAcceptIsoText() {
    ZarrArray z = Zarr.create(opts(new MemoryStore()).shape(3).dtype("M8[D]").build());
    z.set("0", "2007-07-13");
    z.set("1", "2006-01-13");
    z.set("2", "2010-08-13");
    assertThat(z.toString()).isEqualTo("<zarr4j.ZarrArray (3,) datetime64[D]>");
    NdArray all = z.get();
    assertThat(all.getString(0)).isEqualTo("2007-07-13");
    z.setValue("1999-12-31", 0);
    assertThat(z.get().getString(0)).isEqualTo("1999-12-31");
    assertThat(z.get().getString(2)).isEqualTo("2010-08-13");
  }

  @Test
  void valuesThatDoNotBroadcastChangeNothing() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = Zarr.zeros(opts(store).shape(10, 10).chunks(3, 3).dtype("i2").build());
    z.set(5);
    Map<String, String> before = snapshot(store);
    assertThatThrownBy(() -> z.set("0:4, 0:4", NdArray.zeros(DataType.INT16, 3, 4)))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[3, 4]")
        .hasMessageContaining("[4, 4]");
    assertThatThrownBy(() -> z.set("0:4, 20", 1))
        .isInstanceOf(SelectionOutOfBoundsException.class)
        .hasMessageContaining("dimension 1");
    assertThat(snapshot(store)).isEqualTo(before);
    // broadcasting a row and a column works
    z.set("0:4, 0:4", NdArray.of(new short[] {1, 2, 3, 4}, 1, 4));
    assertThat(z.get("3, 0:4").toLongArray()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void corruptMetadataIsReportedWithTheKeyAndChangesNothing() {
    MemoryStore store = new MemoryStore();
    store.set(
        "bad/.zarray", "{\"zarr_format\": 2, \"shape\": [10".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("bad").build()))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("bad/.zarray");
    store.set(
        "odd/.zarray",
        ("{\"zarr_format\": 2, \"shape\": [10], \"chunks\": [5], \"dtype\": \"<i4\", \"compressor\": null,"
                + " \"fill_value\": 0, \"order\": \"C\", \"filters\": null, \"extra\": 1}")
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("odd").build()))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("unknown field 'extra'");
    store.set(
        "codec/.zarray",
        ("{\"zarr_format\": 2, \"shape\": [10], \"chunks\": [5], \"dtype\": \"<i4\", \"compressor\": {\"id\": \"nope\"},"
                + " \"fill_value\": 0, \"order\": \"C\", \"filters\": null}")
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("codec").build()))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("unknown codec id 'nope'");
    store.set(
        "dt/.zarray",
        ("{\"zarr_format\": 2, \"shape\": [10], \"chunks\": [5], \"dtype\": \"<i3\", \"compressor\": null,"
                + " \"fill_value\": 0, \"order\": \"C\", \"filters\": null}")
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("dt").build()))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("<i3");
  }

  @Test
  void truncatedChunkIsACodecErrorNamingTheKey() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = Zarr.zeros(opts(store).shape(10).chunks(5).dtype("i4").build());
    z.set(1);
    store.set("1", new byte[7]);
    assertThatThrownBy(z::get).isInstanceOf(CodecException.class).hasMessageContaining("chunk '1'");
    assertThat(z.get("0:5").toLongArray()).containsOnly(1L);
  }

  @Test
  void infoMatchesZarrPythonLayout() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.zeros(opts(store).shape(100, 100).chunks(30, 30).dtype("f8").path("foo/bar").build());
    z.set(1.0);
    String info = z.info().toString();
    assertThat(info)
        .startsWith(
            "Name               : /foo/bar\n"
                + "Type               : dev.zarr4j.ZarrArray\n"
                + "Data type          : float64\n"
                + "Shape              : (100, 100)\n"
                + "Chunk shape        : (30, 30)\n"
                + "Order              : C\n"
                + "Read-only          : False\n"
                + "Compressor         : None\n"
                + "Store type         : dev.zarr4j.store.MemoryStore\n"
                + "No. bytes          : 80000 (78.1K)\n");
    long stored = z.nbytesStored();
    assertThat(info).contains("No. bytes stored   : " + stored + " (");
    assertThat(info).endsWith("Chunks initialized : 16/16\n");
    assertThat(Info.humanReadable(400000000)).isEqualTo("381.5M");
    assertThat(Info.humanReadable(3379344)).isEqualTo("3.2M");
    assertThat(Info.oneDecimal(0.25)).isEqualTo("0.2");
  }

  @Test
  void infoWrapsLongValuesLikeTextwrap() {
    StringBuilder sb = new StringBuilder();
    Info.wrap(
        "Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE, blocksize=0)",
        "Compressor         : ",
        "                   : ",
        80,
        sb);
    // the docs' info block: 84 characters wrap after "shuffle=BITSHUFFLE,"
    assertThat(sb.toString())
        .isEqualTo(
            "Compressor         : Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE,\n"
                + "                   : blocksize=0)\n");
    sb.setLength(0);
    Info.wrap(
        "Blosc(cname='zstd', clevel=3, shuffle=BITSHUFFLE, blocksize=0)",
        "Compressor : ",
        "           : ",
        60,
        sb);
    // what Python's textwrap.TextWrapper(width=60, ...) gives for the same text
    assertThat(sb.toString())
        .isEqualTo(
            "Compressor : Blosc(cname='zstd', clevel=3,\n           : shuffle=BITSHUFFLE, blocksize=0)\n");
  }

  @Test
  void attributesPersistAndRespectCaching() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = Zarr.zeros(opts(store).shape(4).path("a").build());
    z.attrs().put("baz", 42);
    z.attrs().put("qux", List.of(1, 4, 7, 12));
    assertThat(z.attrs().keys()).containsExactlyInAnyOrder("baz", "qux");
    assertThat(z.attrs().get("qux")).isEqualTo(List.of(1L, 4L, 7L, 12L));
    assertThat(new String(bytesOf(store.get("a/.zattrs").orElseThrow()), StandardCharsets.US_ASCII))
        .isEqualTo(
            "{\n    \"baz\": 42,\n    \"qux\": [\n        1,\n        4,\n        7,\n        12\n    ]\n}");
    ZarrArray cached =
        Zarr.openArray(store, OpenMode.READ_WRITE, ArrayOptions.builder().path("a").build());
    ZarrArray uncached =
        Zarr.openArray(
            store, OpenMode.READ_WRITE, ArrayOptions.builder().path("a").cacheAttrs(false).build());
    assertThat(cached.attrs().get("baz")).isEqualTo(42L);
    assertThat(uncached.attrs().get("baz")).isEqualTo(42L);
    z.attrs().put("baz", "changed");
    assertThat(cached.attrs().get("baz")).isEqualTo(42L);
    assertThat(uncached.attrs().get("baz")).isEqualTo("changed");
    z.attrs().remove("qux");
    assertThat(uncached.attrs().contains("qux")).isFalse();
    assertThatThrownBy(() -> z.attrs().put("bad", new Object()))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("'bad'");
  }

  @Test
  void textThatJsonCannotHoldIsRefusedBeforeAnythingIsStored() {
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(
            () -> Zarr.create(opts(store).shape(3).dtype("<U2").fillValue("a\ud800").build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("surrogate");
    assertThat(store.listPrefix("")).isEmpty();
    ZarrArray z = Zarr.create(opts(store).shape(3).dtype("<U2").build());
    assertThatThrownBy(() -> z.attrs().put("k", "\udc00")).isInstanceOf(MetadataException.class);
    assertThat(store.contains(".zattrs")).isFalse();
  }

  @Test
  void chunkStoreHoldsChunksApartFromMetadata() {
    MemoryStore meta = new MemoryStore();
    MemoryStore chunks = new MemoryStore();
    ZarrArray z =
        Zarr.zeros(
            opts(meta).chunkStore(chunks).shape(10, 10).chunks(5, 5).dtype("f4").path("x").build());
    z.set(3.5);
    assertThat(meta.listPrefix("")).containsExactly(".zgroup", "x/.zarray");
    assertThat(chunks.listPrefix("")).containsExactly("x/0.0", "x/0.1", "x/1.0", "x/1.1");
    assertThat(z.nchunksInitialized()).isEqualTo(4);
    assertThat(z.nbytesStored()).isEqualTo(meta.totalSize("x") + chunks.totalSize("x"));
    assertThat(z.info().get("Chunk store type")).isEqualTo("dev.zarr4j.store.MemoryStore");
    ZarrArray again =
        Zarr.openArray(
            meta, OpenMode.READ, ArrayOptions.builder().path("x").chunkStore(chunks).build());
    assertThat(again.get().toDoubleArray()).containsOnly(3.5);
    Zarr.openArray(
        meta,
        OpenMode.WRITE,
        ArrayOptions.builder().path("x").chunkStore(chunks).shape(3).compressor(null).build());
    assertThat(chunks.listPrefix("")).isEmpty();
  }

  @Test
  void likeFunctionsCopyTheTemplatesSettings() {
    ZarrArray a =
        Zarr.full(
            7,
            ArrayOptions.builder()
                .shape(20, 30)
                .chunks(4, 6)
                .dtype(">i2")
                .order("F")
                .compressor(dev.zarr4j.codec.blosc.Blosc.of("zstd", 3, 2, 0))
                .build());
    ZarrArray e = Zarr.emptyLike(a, ArrayOptions.defaults());
    assertThat(e.shape()).containsExactly(20, 30);
    assertThat(e.chunks()).containsExactly(4, 6);
    assertThat(e.dtype()).isEqualTo(DataType.parse(">i2"));
    assertThat(e.order().name()).isEqualTo("F");
    assertThat(e.compressor()).isEqualTo(a.compressor());
    assertThat(e.fillValue()).isNull();
    assertThat(e.store()).isNotSameAs(a.store());
    assertThat(Zarr.zerosLike(a, ArrayOptions.defaults()).fillValue()).isEqualTo(0L);
    assertThat(Zarr.onesLike(a, ArrayOptions.defaults()).fillValue()).isEqualTo(1L);
    assertThat(Zarr.fullLike(a, ArrayOptions.defaults()).fillValue()).isEqualTo(7L);
    assertThat(
            Zarr.fullLike(a, ArrayOptions.builder().fillValue(9).dtype("f8").build())
                .getValue(0, 0))
        .isEqualTo(9.0);
    NdArray data = NdArray.arange(DataType.UINT16, 12, 3, 4);
    ZarrArray n = Zarr.zerosLike(data, ArrayOptions.builder().compressor(null).build());
    assertThat(n.shape()).containsExactly(3, 4);
    assertThat(n.dtype()).isEqualTo(DataType.UINT16);
  }

  @Test
  void corruptCompressedChunkIsACodecErrorNamingTheKey() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.zeros(
            ArrayOptions.builder()
                .store(store)
                .shape(100)
                .chunks(50)
                .dtype("f8")
                .path("p")
                .build());
    z.set(1.0);
    ByteBuffer good = store.get("p/1").orElseThrow();
    byte[] bytes = new byte[good.remaining()];
    good.get(bytes);
    store.set("p/1", java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(z::get)
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("chunk 'p/1'");
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[rnd.nextInt(0, 64)];
      rnd.nextBytes(junk);
      store.set("p/1", junk);
      assertThatThrownBy(z::get).isInstanceOf(CodecException.class).hasMessageContaining("p/1");
      // a partial write into the corrupt chunk fails too, and leaves the stored bytes alone
      assertThatThrownBy(() -> z.set("60:61", 2.0)).isInstanceOf(CodecException.class);
      assertThat(bytesOf(store.get("p/1").orElseThrow())).isEqualTo(junk);
    }
    assertThat(z.get("0:50").toDoubleArray()).containsOnly(1.0);
  }

  @Test
  void uncachedMetadataSeesResizeByAnotherHandle() {
    MemoryStore store = new MemoryStore();
    ZarrArray a = Zarr.zeros(opts(store).shape(10).chunks(5).build());
    ZarrArray b =
        Zarr.openArray(
            store, OpenMode.READ_WRITE, ArrayOptions.builder().cacheMetadata(false).build());
    ZarrArray c = Zarr.openArray(store, OpenMode.READ_WRITE, ArrayOptions.builder().build());
    a.resize(20);
    assertThat(b.shape()).containsExactly(20);
    assertThat(c.shape()).containsExactly(10);
  }

  @Test
  void selectionsWithStepsAndEllipsis() {
    NdArray data = NdArray.arange(DataType.INT64, 60, 3, 4, 5);
    ZarrArray z =
        Zarr.array(
            data, ArrayOptions.builder().chunks(2, 3, 2).compressor(null).order("F").build());
    assertThat(z.get("..., 1").shape()).containsExactly(3, 4);
    assertThat(z.get("1, ..., ::2").toLongArray())
        .containsExactly(20, 22, 24, 25, 27, 29, 30, 32, 34, 35, 37, 39);
    assertThat(z.get(Selection.parse("-1, -1, -1")).get()).isEqualTo(59L);
    assertThat(z.get("5:, :, :").shape()).containsExactly(0, 4, 5);
  }

  private static byte[] bytesOf(java.nio.ByteBuffer b) {
    java.nio.ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
