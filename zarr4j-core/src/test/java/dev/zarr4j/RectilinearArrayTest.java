package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.sharding.ShardingCodec;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.IrregularChunksException;
import dev.zarr4j.exceptions.UnsupportedByFormatException;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.MemoryStore;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Creating and using Zarr v3 arrays with chunk lengths listed per dimension ({@code
 * ArrayOptions.chunkSizes}): the document written, chunk keys, the chunk counts and sizes, {@code
 * chunks()} refusing, resize, copies, and the refusals (Zarr v2, N5, shards, lengths that do not
 * cover the shape).
 */
class RectilinearArrayTest {

  static ArrayOptions.Builder v3(MemoryStore store, String path) {
    return ArrayOptions.builder()
        .store(store)
        .path(path)
        .format(NodeFormats.named("zarr-v3"))
        .dtype(DataType.INT32)
        .compressor(null);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> grid(MemoryStore store, String path) {
    byte[] doc = V3ArrayPropertyTest.bytes(store.get(path + "/zarr.json").orElseThrow());
    return (Map<String, Object>) PythonJson.parseObject(doc, "zarr.json").get("chunk_grid");
  }

  static NdArray iota(int... shape) {
    NdArray a = NdArray.zeros(DataType.INT32, shape);
    for (int i = 0; i < a.size(); i++) {
      a.setFlat(i, (long) i);
    }
    return a;
  }

  /** Rows {@code r0..r1} and columns {@code c0..c1} of {@link #iota} of width {@code width}. */
  static NdArray region(int r0, int r1, int c0, int c1, int width) {
    NdArray a = NdArray.zeros(DataType.INT32, r1 - r0, c1 - c0);
    for (int i = 0; i < a.size(); i++) {
      int r = r0 + i / (c1 - c0);
      int c = c0 + i % (c1 - c0);
      a.setFlat(i, (long) r * width + c);
    }
    return a;
  }

  @Test
  void anArrayWithListedLengthsHasTheRectilinearGridAndItsChunks() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            v3(store, "r")
                .shape(60, 100)
                .chunkSizes(new long[] {10, 20, 30}, new long[] {50, 50})
                .build());
    assertThat(grid(store, "r"))
        .isEqualTo(
            Map.of(
                "name",
                "rectilinear",
                "configuration",
                Map.of(
                    "kind",
                    "inline",
                    "chunk_shapes",
                    List.of(List.of(10L, 20L, 30L), List.of(List.of(50L, 2L))))));
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{10, 20, 30}, {50, 50}});
    assertThat(z.nchunks()).isEqualTo(6);
    assertThat(z.nchunksInitialized()).isZero();
    assertThatThrownBy(z::chunks)
        .isInstanceOf(IrregularChunksException.class)
        .hasMessageContaining("array 'r'")
        .hasMessageContaining("chunkSizes()");
    assertThat(z.info().toString()).contains("Chunk shape        : <variable>");

    NdArray data = iota(60, 100);
    z.set(data);
    TreeSet<String> keys = new TreeSet<>(store.listPrefix("r/c"));
    assertThat(keys)
        .containsExactly("r/c/0/0", "r/c/0/1", "r/c/1/0", "r/c/1/1", "r/c/2/0", "r/c/2/1");
    // chunk (1, 0) holds rows 10..29 and columns 0..49: 20 x 50 int32 values, uncompressed
    assertThat(store.get("r/c/1/0").orElseThrow().remaining()).isEqualTo(20 * 50 * 4);
    assertThat(store.get("r/c/2/1").orElseThrow().remaining()).isEqualTo(30 * 50 * 4);
    assertThat(z.nchunksInitialized()).isEqualTo(6);
    assertThat(z.get("5:25, 0:5")).isEqualTo(region(5, 25, 0, 5, 100));
    assertThat(z.blocks().get("1, 1")).isEqualTo(region(10, 30, 50, 100, 100));
    assertThat(z.blocks().get("2, :")).isEqualTo(region(30, 60, 0, 100, 100));
  }

  @Test
  void aDimensionGivenOneLengthIsRegularAndWrittenAsAnInteger() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            v3(store, "r").shape(7, 10).chunkSizes(new long[] {2, 5}, new long[] {4}).build());
    assertThat(grid(store, "r"))
        .isEqualTo(
            Map.of(
                "name",
                "rectilinear",
                "configuration",
                Map.of("kind", "inline", "chunk_shapes", List.of(List.of(2L, 5L), 4L))));
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{2, 5}, {4, 4, 2}});
    assertThat(z.nchunks()).isEqualTo(6);
  }

  @Test
  void lengthsARegularGridWouldHaveGiveTheRegularGrid() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            v3(store, "r")
                .shape(100, 80)
                .chunkSizes(new long[] {30, 30, 30, 10}, new long[] {40, 40})
                .build());
    assertThat(grid(store, "r"))
        .isEqualTo(
            Map.of("name", "regular", "configuration", Map.of("chunk_shape", List.of(30L, 40L))));
    assertThat(z.chunks()).containsExactly(30, 40);
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{30, 30, 30, 10}, {40, 40}});
  }

  @Test
  void resizeAddsOneChunkForGrowthAndKeepsTheLengthsOnShrink() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = Zarr.create(v3(store, "r").shape(30).chunkSizes(new long[] {10, 20}).build());
    z.set(iota(30));
    z.resize(50);
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{10, 20, 20}});
    assertThat(grid(store, "r"))
        .isEqualTo(
            Map.of(
                "name",
                "rectilinear",
                "configuration",
                Map.of("kind", "inline", "chunk_shapes", List.of(List.of(10L, List.of(20L, 2L))))));
    assertThat(z.get("0:30")).isEqualTo(iota(30));
    assertThat(z.get("30:50")).isEqualTo(NdArray.zeros(DataType.INT32, 20));
    z.append(iota(5));
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{10, 20, 20, 5}});
    z.resize(15);
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{10, 5}});
    assertThat(new TreeSet<>(store.listPrefix("r/c"))).containsExactly("r/c/0", "r/c/1");
    assertThat(z.nchunks()).isEqualTo(2);
    // the listed lengths stay: growing within them adds none
    z.resize(45);
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{10, 20, 15}});
    // a growth no chunk can hold is refused, naming the array, and changes nothing
    assertThatThrownBy(() -> z.resize(60L + Integer.MAX_VALUE))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("array 'r'")
        .hasMessageContaining("longer than a chunk can be");
    assertThat(z.shape()).containsExactly(45);
    assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{10, 20, 15}});
  }

  @Test
  void copiesKeepTheChunkLengths() {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            v3(store, "r").shape(9, 4).chunkSizes(new long[] {1, 3, 5}, new long[] {4}).build());
    z.set(iota(9, 4));
    ZarrGroup dest =
        Zarr.group(
            new MemoryStore(), GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
    Convenience.copy(z, dest);
    ZarrArray copy = (ZarrArray) dest.get("r");
    assertThat(copy.chunkSizes()).isDeepEqualTo(z.chunkSizes());
    assertThat(copy.get()).isEqualTo(iota(9, 4));
    ZarrArray like =
        Zarr.zerosLike(
            z,
            ArrayOptions.builder()
                .store(new MemoryStore())
                .format(NodeFormats.named("zarr-v3"))
                .build());
    assertThat(like.chunkSizes()).isDeepEqualTo(z.chunkSizes());
  }

  @Test
  void zarrV2AndN5RefuseListedLengths() {
    for (String format : new String[] {"zarr-v2", "n5"}) {
      ArrayOptions o =
          ArrayOptions.builder()
              .store(new MemoryStore())
              .path("r")
              .format(NodeFormats.named(format))
              .shape(6)
              .dtype(DataType.INT32)
              .chunkSizes(new long[] {1, 5})
              .build();
      assertThatThrownBy(() -> Zarr.create(o))
          .as(format)
          .isInstanceOf(UnsupportedByFormatException.class)
          .hasMessageContaining("rectilinear")
          .hasMessageContaining(format.equals("n5") ? "N5" : "Zarr v2");
    }
  }

  @Test
  void shardsOnARectilinearGridHoldWholeRegularInnerChunks() {
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(
            () ->
                Zarr.create(
                    v3(store, "r").shape(6).chunkSizes(new long[] {2, 4}).shards(4).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("chunks inside shards must be regular");
    assertThatThrownBy(
            () ->
                Zarr.create(
                    v3(store, "r")
                        .shape(6)
                        .chunkSizes(new long[] {2, 4})
                        .codecs(
                            List.of(ShardingCodec.of(new int[] {4}, List.of(BytesCodec.LITTLE))))
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("multiple of the inner chunk length 4")
        .hasMessageContaining("got 2");
    assertThat(store.listPrefix("")).isEmpty();
    // the grid of shards given with the codecs: shards of 2 and 4, inner chunks of 2
    ZarrArray z =
        Zarr.create(
            v3(store, "r")
                .shape(6)
                .chunkSizes(new long[] {2, 4})
                .codecs(List.of(ShardingCodec.of(new int[] {2}, List.of(BytesCodec.LITTLE))))
                .build());
    z.set(NdArray.arange(DataType.INT32, 6, 6));
    assertThat(z.get().toLongArray()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(store.listPrefix("r/c")).containsExactlyInAnyOrder("r/c/0", "r/c/1");
    assertThat(z.nchunksInitialized()).isEqualTo(3);
  }

  @Test
  void lengthsThatDoNotFitTheShapeAreRefused() {
    MemoryStore store = new MemoryStore();
    assertThatThrownBy(
            () ->
                Zarr.create(
                    v3(store, "r")
                        .shape(10, 4)
                        .chunkSizes(new long[] {3, 3}, new long[] {4})
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("dimension 0")
        .hasMessageContaining("sum to 6");
    assertThatThrownBy(
            () -> Zarr.create(v3(store, "r").shape(10, 4).chunkSizes(new long[] {10}).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("one list per dimension");
    assertThatThrownBy(
            () -> Zarr.create(v3(store, "r").shape(10).chunkSizes(new long[] {5, 0, 5}).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("dimension 0");
    assertThat(store.listPrefix("")).isEmpty();
  }
}
