package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.RectilinearArrayPropertyTest.ModelDim;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyOptions;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.IrregularChunksException;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.MemoryStore;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sharded Zarr v3 arrays whose shards lie on a random rectilinear grid (shard lengths listed per
 * dimension, each a multiple of the regular inner chunk length, some dimensions regular, lists that
 * overshoot the array), driven by random writes and reads of every selection kind (blocks are
 * blocks of shards, as zarr-python 3's), resizes and appends, against a flat model. After each
 * sequence: stored keys are shard keys inside the grid, the inner chunk and shard sizes and counts
 * match the model, and the reopened array reads the model.
 */
class RectilinearShardedArrayPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 150);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919 + 5);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    int[] inner = new int[ndim];
    ModelDim[] grid = new ModelDim[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 14);
      inner[d] = rnd.nextInt(1, 4);
      grid[d] = ModelDim.random(rnd, d, shape[d], inner[d], 3, 4);
    }
    grid[0].firstShorter(inner[0]);
    long[][] sizes = new long[ndim][];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      sizes[d] = grid[d].given();
      chunks[d] = inner[d];
    }
    DataType dtype =
        DataType.parse(
            RectilinearArrayPropertyTest.DTYPES[
                rnd.nextInt(RectilinearArrayPropertyTest.DTYPES.length)]);
    BytesToBytesCodec[] cs = {null, GZip.of(1)};
    MemoryStore store = new MemoryStore();
    String path = rnd.nextBoolean() ? "" : "g/arr";
    boolean writeEmpty = rnd.nextBoolean();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(store)
            .path(path)
            .format(NodeFormats.named("zarr-v3"))
            .shape(shape)
            .chunks(chunks)
            .shardSizes(sizes)
            .dtype(dtype)
            .compressor(cs[rnd.nextInt(cs.length)])
            .writeEmptyChunks(writeEmpty);
    ModelledArray m = ModelledArray.create(rnd, b, dtype);
    ZarrArray z = m.array();
    assertThat(z.spec().grid().isRegular()).isFalse();
    assertThat(z.chunks()).containsExactly(inner);
    m.run(rnd, 16, 12, 4, RectilinearArrayPropertyTest.moves(grid, inner), seed);
    shape = m.shape();

    // inner chunks: a regular grid over the whole array; shards: the model's grid
    long nchunks = 1;
    for (int d = 0; d < ndim; d++) {
      ModelDim regular = new ModelDim();
      regular.regular = inner[d];
      int[] expectedInner = regular.sizes(shape[d]);
      nchunks *= expectedInner.length;
      assertThat(z.chunkSizes()[d])
          .as("seed %d inner sizes %d", seed, d)
          .containsExactly(expectedInner);
      assertThat(z.shardSizes()[d])
          .as("seed %d shard sizes %d", seed, d)
          .containsExactly(grid[d].sizes(shape[d]));
    }
    assertThat(z.nchunks()).as("seed %d nchunks", seed).isEqualTo(nchunks);
    V3ArrayPropertyTest.checkKeys(store, z.spec(), path);
    // each stored shard holds its full listed lengths in inner chunks
    long initialized = 0;
    int cut = path.isEmpty() ? 0 : path.length() + 1;
    for (String key : store.listPrefix(path)) {
      String rel = key.substring(cut);
      if (!rel.startsWith("c/")) {
        continue;
      }
      String[] parts = rel.substring(2).split("/");
      long per = 1;
      for (int d = 0; d < ndim; d++) {
        int k = Integer.parseInt(parts[d]);
        long length = grid[d].regular > 0 ? grid[d].regular : grid[d].listed.get(k);
        per *= length / inner[d];
      }
      initialized += per;
    }
    assertThat(z.nchunksInitialized())
        .as("seed %d nchunksInitialized", seed)
        .isEqualTo(initialized);
    assertThat(z.info().toString()).contains("<variable>");

    assertThat(m.checkReopened(store, path, seed).spec()).isEqualTo(z.spec());
  }

  private static ArrayOptions.Builder base(MemoryStore store) {
    return ArrayOptions.builder()
        .store(store)
        .format(NodeFormats.named("zarr-v3"))
        .shape(30, 8)
        .dtype("<i4")
        .chunks(5, 4);
  }

  @Test
  void theDocumentListsTheShardsAndAReadOfOneInnerChunkReadsOnlyIt() {
    MemoryStore mem = new MemoryStore();
    ZarrArray z = Zarr.create(base(mem).shardSizes(new long[] {10, 20}, new long[] {8}).build());
    String doc = new String(V3ArrayPropertyTest.bytes(mem.get("zarr.json").orElseThrow()));
    assertThat(doc.replaceAll("\\s", ""))
        .contains("\"name\":\"rectilinear\"")
        .contains("\"chunk_shapes\":[[10,20],8]")
        .contains("\"chunk_shape\":[5,4]");
    NdArray data = NdArray.arange(DataType.parse("<i4"), 30 * 8, 30, 8);
    z.set(data);
    assertThat(mem.listPrefix("")).contains("c/0/0", "c/1/0").hasSize(3);
    assertThatThrownBy(z::shards)
        .isInstanceOf(IrregularChunksException.class)
        .hasMessageContaining("shardSizes()");
    assertThat(z.shardSizes()).isEqualTo(new int[][] {{10, 20}, {8}});
    assertThat(z.nchunksInitialized()).isEqualTo(2 * 2 + 4 * 2);

    // copied into another v3 group: the same shards (a cut last shard rounded up again)
    ZarrGroup dest =
        Zarr.group(
            new MemoryStore(), GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
    Convenience.copy(z, dest, CopyOptions.builder().name("x").build());
    ZarrArray copied = dest.getArray("x");
    assertThat(copied.shardSizes()).isEqualTo(new int[][] {{10, 20}, {8}});
    assertThat(copied.get()).isEqualTo(data);

    LoggingStore counting = new LoggingStore(mem);
    ZarrArray r = Zarr.openArray(counting, OpenMode.READ, ArrayOptions.builder().build());
    counting.reset();
    // one inner chunk of the second shard: its index, then that chunk
    assertThat(r.get("15:20, 4:8")).isEqualTo(z.get("15:20, 4:8"));
    long shardBytes = mem.get("c/1/0").orElseThrow().remaining();
    long read =
        counting.bytes(LoggingStore.Kind.GET)
            + counting.bytes(LoggingStore.Kind.GET_MANY)
            + counting.bytes(LoggingStore.Kind.READ);
    assertThat(read).isLessThan(shardBytes / 2);
  }

  @Test
  void shardLengthsThatAreNotWholeInnerChunksAreRefusedNamingThem() {
    MemoryStore mem = new MemoryStore();
    assertThatThrownBy(
            () -> Zarr.create(base(mem).shardSizes(new long[] {10, 12, 8}, new long[] {8}).build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("along dimension 0")
        .hasMessageContaining("multiple of the inner chunk length 5")
        .hasMessageContaining("got 12");
    assertThatThrownBy(
            () ->
                Zarr.create(
                    base(mem)
                        .shards(10, 8)
                        .shardSizes(new long[] {10, 20}, new long[] {8})
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                Zarr.create(
                    base(mem)
                        .chunkSizes(new long[] {5, 10, 15}, new long[] {4})
                        .shards(30, 8)
                        .build()))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("chunks inside shards must be regular");
    assertThat(mem.listPrefix("")).isEmpty();
  }
}
