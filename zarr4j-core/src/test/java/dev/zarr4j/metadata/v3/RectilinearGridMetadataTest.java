package dev.zarr4j.metadata.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.indexing.DimChunks;
import dev.zarr4j.metadata.ChunkGrid;
import dev.zarr4j.metadata.RectilinearChunkGrid;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code rectilinear} chunk grid of zarr-extensions in {@code zarr.json}: every form the
 * extension allows reads as the lengths it stands for, what zarr4j writes is the compact form (bare
 * integers for regular dimensions, {@code [length, count]} for runs), and each kind of bad grid is
 * refused with a {@link MetadataException} naming the field.
 */
class RectilinearGridMetadataTest {

  static String array(String shape, String chunkShapes) {
    return "{\"zarr_format\": 3, \"node_type\": \"array\", \"shape\": "
        + shape
        + ", \"data_type\": \"int32\", \"chunk_grid\": {\"name\": \"rectilinear\","
        + " \"configuration\": {\"kind\": \"inline\", \"chunk_shapes\": "
        + chunkShapes
        + "}}, \"chunk_key_encoding\": {\"name\": \"default\"}, \"fill_value\": 0,"
        + " \"codecs\": [{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}]}";
  }

  static ArrayMetadataV3 read(String json) {
    MemoryStore store = new MemoryStore();
    store.set("a/zarr.json", json.getBytes(StandardCharsets.UTF_8));
    return V3Format.INSTANCE.readArray(store, "a");
  }

  /** The lengths of the chunks dimension {@code d} lists, or {@code [length]} when regular. */
  static int[] lengths(ChunkGrid grid, int d) {
    DimChunks dim = grid.layout().dim(d);
    if (dim.regularLength() > 0) {
      return new int[] {dim.regularLength()};
    }
    int n = (int) dim.chunkCount(dim.coveredLength());
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = dim.chunkLength(k);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Object writtenChunkShapes(ArrayMetadataV3 m) {
    Map<String, Object> doc =
        PythonJson.parseObject(
            V3Documents.toBytes(m.toJson(Map.of())), "zarr.json"); // the bytes zarr4j writes
    Map<String, Object> grid = (Map<String, Object>) doc.get("chunk_grid");
    assertThat(grid).containsEntry("name", "rectilinear");
    Map<String, Object> conf = (Map<String, Object>) grid.get("configuration");
    assertThat(conf).containsOnlyKeys("kind", "chunk_shapes").containsEntry("kind", "inline");
    return conf.get("chunk_shapes");
  }

  @Test
  void theExtensionsExampleReadsAsItsExpansionsAndWritesCompactly() {
    // the example of zarr-extensions' chunk-grids/rectilinear/README.md, every form in one grid
    ArrayMetadataV3 m =
        read(array("[6, 6, 6, 6, 6]", "[4, [1, 2, 3], [[4, 2]], [[1, 3], 3], [4, 4, 4]]"));
    ChunkGrid grid = m.spec().grid();
    assertThat(grid).isInstanceOf(RectilinearChunkGrid.class);
    assertThat(lengths(grid, 0)).containsExactly(4);
    assertThat(grid.layout().dim(0).regularLength()).isEqualTo(4);
    assertThat(lengths(grid, 1)).containsExactly(1, 2, 3);
    assertThat(lengths(grid, 2)).containsExactly(4, 4);
    assertThat(lengths(grid, 3)).containsExactly(1, 1, 1, 3);
    assertThat(lengths(grid, 4)).containsExactly(4, 4, 4);
    // the third chunk of the last dimension lies wholly past the array's end: not in the grid
    assertThat(m.spec().gridShape()).containsExactly(2, 3, 2, 4, 2);
    assertThat(grid.isRegular()).isFalse();
    assertThat(grid.maxChunkShape()).containsExactly(4, 3, 4, 3, 4);
    assertThat(grid.chunkOrigin(new long[] {1, 2, 1, 3, 1})).containsExactly(4, 3, 4, 3, 4);
    assertThat(grid.storedChunkShape(new long[] {1, 2, 1, 3, 1}, m.spec().shape()))
        .containsExactly(4, 3, 4, 3, 4);
    assertThat(writtenChunkShapes(m))
        .isEqualTo(
            List.of(
                4L,
                List.of(1L, 2L, 3L),
                List.of(List.of(4L, 2L)),
                List.of(List.of(1L, 3L), 3L),
                List.of(List.of(4L, 3L))));
    // and what is written reads back as the same grid
    ArrayMetadataV3 again =
        read(new String(V3Documents.toBytes(m.toJson(Map.of())), StandardCharsets.UTF_8));
    assertThat(again.spec()).isEqualTo(m.spec());
    assertThat(again).isEqualTo(m);
  }

  static Stream<Arguments> roundTrips() {
    return Stream.of(
        // zarr-python 3's test cases (packages/zarr-metadata, chunk_grid/rectilinear/cases.json)
        Arguments.of("[100, 50]", "[[10, 20, 30, 40], [50]]", "[[10,20,30,40],[50]]"),
        Arguments.of("[100, 50]", "[[10, 20, 30, 40], 50]", "[[10,20,30,40],50]"),
        Arguments.of("[60, 30]", "[[[10, 5], 5, 5], [15, 15]]", "[[[10,5],[5,2]],[[15,2]]]"),
        // zarr-python 3's documented forms
        Arguments.of("[60]", "[[10, 20, 30]]", "[[10,20,30]]"),
        Arguments.of("[30]", "[[[10, 3]]]", "[[[10,3]]]"),
        Arguments.of("[35]", "[[[10, 3], 5]]", "[[[10,3],5]]"),
        // runs split or written out one by one read as one run
        Arguments.of("[12, 7]", "[[[2, 2], [2, 1], 2, 4], [3, [1, 1], 3]]", "[[[2,4],4],[3,1,3]]"),
        // a zero-length dimension, and lengths far past the end
        Arguments.of("[0, 3]", "[[5, 6], 2]", "[[5,6],2]"),
        Arguments.of("[1]", "[[1, [1000, 4]]]", "[[1,[1000,4]]]"));
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  void formsRoundTripToTheCompactOne(String shape, String given, String written) {
    ArrayMetadataV3 m = read(array(shape, given));
    String json = PythonJson.writePython(writtenChunkShapes(m)).replaceAll("\\s", "");
    assertThat(json).isEqualTo(written);
    ArrayMetadataV3 again =
        read(new String(V3Documents.toBytes(m.toJson(Map.of())), StandardCharsets.UTF_8));
    assertThat(again.spec()).isEqualTo(m.spec());
  }

  @Test
  void resizeGrowsAListedDimensionByOneChunkAndKeepsItsLengthsOnShrink() {
    ArrayMetadataV3 m = read(array("[30, 10]", "[[10, 20], 4]"));
    ArrayMetadataV3 grown = m.withShape(new long[] {50, 25});
    assertThat(lengths(grown.spec().grid(), 0)).containsExactly(10, 20, 20);
    assertThat(lengths(grown.spec().grid(), 1)).containsExactly(4);
    assertThat(grown.spec().gridShape()).containsExactly(3, 7);
    ArrayMetadataV3 shrunk = grown.withShape(new long[] {12, 25});
    assertThat(lengths(shrunk.spec().grid(), 0)).containsExactly(10, 20, 20);
    assertThat(shrunk.spec().gridShape()).containsExactly(2, 7);
    ArrayMetadataV3 within = shrunk.withShape(new long[] {45, 25});
    assertThat(lengths(within.spec().grid(), 0)).containsExactly(10, 20, 20);
    assertThat(PythonJson.writePython(writtenChunkShapes(within)).replaceAll("\\s", ""))
        .isEqualTo("[[10,[20,2]],4]");
  }

  static Stream<Arguments> badGrids() {
    return Stream.of(
        Arguments.of(array("[10, 6]", "[[3, 3, 3], 2]"), "chunk_shapes[0]", "sums to 9"),
        Arguments.of(array("[10, 6]", "[[[3, 3]], 2]"), "chunk_shapes[0]", "less than the length"),
        Arguments.of(array("[10, 6]", "[[5, 0, 5], 2]"), "chunk_shapes[0]", "chunk length 0"),
        Arguments.of(array("[10, 6]", "[[5, -1, 6], 2]"), "chunk_shapes[0]", "chunk length -1"),
        Arguments.of(array("[10, 6]", "[[10], 0]"), "chunk_shapes[1]", "chunk length 0"),
        Arguments.of(array("[10, 6]", "[[10], -3]"), "chunk_shapes[1]", "chunk length -3"),
        Arguments.of(array("[10, 6]", "[[[5, 0], 10], 2]"), "chunk_shapes[0]", "count is below 1"),
        Arguments.of(array("[10, 6]", "[[[0, 2], 10], 2]"), "chunk_shapes[0]", "chunk length 0"),
        Arguments.of(array("[10, 6]", "[[[5, 2, 1]], 2]"), "chunk_shapes[0]", "[length, count]"),
        Arguments.of(array("[10, 6]", "[[], 2]"), "chunk_shapes[0]", "at least one"),
        Arguments.of(array("[10, 6]", "[[10.5], 2]"), "chunk_shapes[0]", "integers"),
        Arguments.of(array("[10, 6]", "[[10], \"2\"]"), "chunk_shapes[1]", "integers"),
        Arguments.of(array("[10, 6]", "[[10]]"), "chunk_shapes", "has 1 entries"),
        Arguments.of(array("[10, 6]", "[[10], 2, 2]"), "chunk_shapes", "2 dimensions"),
        Arguments.of(array("[10, 6]", "{\"a\": 1}"), "chunk_shapes", "one entry per dimension"),
        Arguments.of(
            array("[10]", "[[1, [1, 20000000]]]"), "chunk_shapes[0]", "lists more than 16777216"),
        Arguments.of(array("[10]", "[[4294967296]]"), "chunk_shapes[0]", "chunk length 4294967296"),
        Arguments.of(
            array("[10]", "[[10]]").replace("\"inline\"", "\"external\""), "kind", "\"inline\""),
        Arguments.of(
            array("[10]", "[[10]]").replace("\"kind\": \"inline\", ", ""), "kind", "got none"),
        Arguments.of(
            array("[10]", "[[10]]").replace("\"kind\"", "\"extra\": 1, \"kind\""),
            "unknown configuration key 'extra'",
            "rectilinear"));
  }

  @ParameterizedTest
  @MethodSource("badGrids")
  void badGridsAreRefusedNamingTheField(String json, String field, String detail) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("'a/zarr.json'")
        .hasMessageContaining(field)
        .hasMessageContaining(detail);
  }
}
