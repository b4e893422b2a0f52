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
import java.util.Arrays;
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
      grid[d] = new ModelDim();
      if (d > 0 && rnd.nextInt(4) == 0) {
        grid[d].regular = inner[d] * rnd.nextInt(1, 3);
      } else {
        long extra = rnd.nextInt(3) == 0 ? rnd.nextInt(1, 3) : 0;
        while (grid[d].sum() < shape[d] || grid[d].listed.size() < 2 || extra-- > 0) {
          grid[d].listed.add((long) inner[d] * rnd.nextInt(1, 4));
        }
      }
    }
    // a first shard shorter than the second: the grid is rectilinear
    if (grid[0].listed.get(0) >= grid[0].listed.get(1)) {
      grid[0].listed.set(1, grid[0].listed.get(0) + inner[0]);
    }
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
    Object fill;
    if (rnd.nextInt(3) == 0) {
      fill = BasicSelectionPropertyTest.randomValue(rnd, dtype);
      b.fillValue(fill);
    } else {
      fill = NdArray.zeros(dtype).get();
    }
    ZarrArray z = Zarr.create(b.build());
    assertThat(z.spec().grid().isRegular()).isFalse();
    assertThat(z.chunks()).containsExactly(inner);
    DataType stored = z.dtype();
    fill = NdArray.scalar(stored, fill).get();
    Object[] model = new Object[N5ArrayPropertyTest.size(shape)];
    Arrays.fill(model, fill);

    for (int op = 0; op < 16; op++) {
      int what = rnd.nextInt(12);
      if (what == 0) {
        long[] next = shape.clone();
        int d = rnd.nextInt(ndim);
        if (rnd.nextBoolean()) {
          next[d] = shape[d] + rnd.nextInt(0, 8);
        } else {
          long[] bounds = grid[d].boundaries(shape[d]);
          next[d] = Math.min(shape[d], bounds[rnd.nextInt(bounds.length)]);
        }
        z.resize(next);
        grow(grid[d], next[d], inner[d]);
        model = N5ArrayPropertyTest.resized(model, shape, next, fill);
        shape = next;
        continue;
      }
      if (what == 1 && Arrays.stream(shape).allMatch(s -> s > 0)) {
        int axis = rnd.nextInt(ndim);
        int[] dataShape = N5ArrayPropertyTest.toInts(shape);
        dataShape[axis] = rnd.nextInt(1, 5);
        NdArray data = N5ArrayPropertyTest.randomArray(rnd, stored, dataShape);
        long[] next = shape.clone();
        next[axis] += dataShape[axis];
        assertThat(z.append(data, axis)).containsExactly(next);
        grow(grid[axis], next[axis], inner[axis]);
        model = N5ArrayPropertyTest.resized(model, shape, next, fill);
        long[] origin = new long[ndim];
        origin[axis] = shape[axis];
        for (int i = 0; i < data.size(); i++) {
          long[] pos =
              AdvancedSelectionPropertyTest.unravel(i, N5ArrayPropertyTest.toLongs(dataShape));
          for (int k = 0; k < ndim; k++) {
            pos[k] += origin[k];
          }
          model[BasicSelectionPropertyTest.flat(pos, next)] = data.getFlat(i);
        }
        shape = next;
        continue;
      }
      if (N5ArrayPropertyTest.size(shape) == 0) {
        continue;
      }
      SelectionModel.Drawn drawn = RectilinearArrayPropertyTest.draw(rnd, shape, grid);
      if (rnd.nextBoolean()) {
        NdArray value = N5ArrayPropertyTest.randomArray(rnd, stored, drawn.shape());
        z.set(drawn.selection(), value);
        for (int i = 0; i < drawn.count(); i++) {
          model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)] =
              value.getFlat(i);
        }
      } else {
        NdArray got = z.get(drawn.selection());
        NdArray expected = NdArray.zeros(stored, drawn.shape());
        for (int i = 0; i < drawn.count(); i++) {
          expected.setFlat(
              i, model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)]);
        }
        assertThat(got).as("seed %d %s", seed, drawn.selection()).isEqualTo(expected);
      }
    }

    // inner chunks: a regular grid over the whole array; shards: the model's grid
    long nchunks = 1;
    for (int d = 0; d < ndim; d++) {
      long n = (shape[d] + inner[d] - 1) / inner[d];
      nchunks *= n;
      int[] expectedInner = new int[(int) n];
      for (int k = 0; k < n; k++) {
        expectedInner[k] = (int) Math.min(inner[d], shape[d] - (long) k * inner[d]);
      }
      assertThat(z.chunkSizes()[d])
          .as("seed %d inner sizes %d", seed, d)
          .containsExactly(expectedInner);
      long[] bounds = grid[d].boundaries(shape[d]);
      int[] expectedShards = new int[bounds.length - 1];
      for (int k = 0; k < expectedShards.length; k++) {
        expectedShards[k] = (int) (Math.min(bounds[k + 1], shape[d]) - bounds[k]);
      }
      assertThat(z.shardSizes()[d])
          .as("seed %d shard sizes %d", seed, d)
          .containsExactly(expectedShards);
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

    ZarrArray reopened =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path(path).build());
    assertThat(reopened.spec()).isEqualTo(z.spec());
    NdArray expected = NdArray.zeros(stored, N5ArrayPropertyTest.toInts(shape));
    for (int i = 0; i < model.length; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(reopened.get()).as("seed %d full read", seed).isEqualTo(expected);
  }

  /** A listed dimension grown past its sum gains one shard of whole inner chunks. */
  static void grow(ModelDim dim, long extent, int inner) {
    if (dim.regular == 0 && extent > dim.sum()) {
      long growth = extent - dim.sum();
      dim.listed.add((growth + inner - 1) / inner * inner);
    }
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
