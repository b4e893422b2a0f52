package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.n5.N5BlockHeader;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * N5 arrays, driven through the public API by random sequences of writes and reads of every
 * selection kind, resizes and appends, agree with a naive model (a flat array of Java values that
 * starts at 0, N5's fill value, and keeps the overlap on resize). After every sequence, every
 * stored block is stored at its actual size (its header's dimensions are the chunk's shape cut to
 * the array, also after a resize re-cut the old and new edges), sits at N5's reversed key, and the
 * array reopened from the store reads the model.
 */
class N5ArrayPropertyTest {

  static final String[] DTYPES = {
    "|b1", "|i1", "|u1", "<i2", ">u2", "<i4", ">i4", "<u4", "<i8", ">u8", "<f2", ">f2", "<f4",
    ">f4", "<f8", ">f8", "<M8[D]", ">m8[ns]",
  };

  static final BytesToBytesCodec[] COMPRESSORS = {
    null, GZip.of(1), Blosc.DEFAULT, Zstd.of(1), Lz4.DEFAULT,
  };

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 6151 + 3);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 9);
      chunks[d] = rnd.nextInt(1, 5);
    }
    DataType dtype = DataType.parse(DTYPES[rnd.nextInt(DTYPES.length)]);
    MemoryStore store = new MemoryStore();
    String path = rnd.nextBoolean() ? "" : "g/arr";
    boolean writeEmpty = rnd.nextBoolean();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .path(path)
                .format(NodeFormats.named("n5"))
                .shape(shape)
                .chunks(chunks)
                .dtype(dtype)
                .compressor(COMPRESSORS[rnd.nextInt(COMPRESSORS.length)])
                .writeEmptyChunks(writeEmpty)
                .build());
    DataType stored = z.dtype(); // N5 keeps the type's name, not its byte order
    assertThat(stored.kind()).isEqualTo(dtype.kind());
    Object zero = NdArray.zeros(stored).get();
    ModelledArray m = ModelledArray.over(z, zero);
    m.run(rnd, 14, 10, 3, ModelledArray.onRegularGrid(chunks, false), seed);
    if (rnd.nextBoolean() && !m.isEmpty()) {
      // a whole-array write of zeros leaves no block when empty chunks are not written
      m.fillAll();
      if (!writeEmpty) {
        assertThat(z.nchunksInitialized()).isZero();
      }
    }

    checkBlocks(store, z.spec(), path, writeEmpty, m.values(), zero);
    ZarrArray reopened = m.checkReopened(store, path, seed);
    assertThat(reopened.format().name()).isEqualTo("n5");
    assertThat(reopened.shape()).containsExactly(m.shape());
  }

  /**
   * Every key below the array is its document or a block at an N5 key inside the grid, stored at
   * its actual size; without empty chunks written, no block covers only zeros of the model.
   */
  static void checkBlocks(
      MemoryStore store,
      ArraySpec spec,
      String path,
      boolean writeEmpty,
      Object[] model,
      Object zero) {
    int cut = path.isEmpty() ? 0 : path.length() + 1;
    long[] shape = spec.shape();
    long blocks = 0;
    for (String key : store.listPrefix(path)) {
      String rel = key.substring(cut);
      if (rel.equals("attributes.json") || (path.isEmpty() && rel.startsWith("g/"))) {
        continue;
      }
      assertThat(spec.isChunkKey(rel)).as("key %s", key).isTrue();
      String[] parts = rel.split("/");
      long[] coords = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        coords[parts.length - 1 - i] = Long.parseLong(parts[i]);
      }
      long[] grid = spec.gridShape();
      for (int d = 0; d < coords.length; d++) {
        assertThat(coords[d]).as("key %s inside the grid", key).isLessThan(grid[d]);
      }
      ByteBuffer block = store.get(key).orElseThrow();
      int[] actual = spec.chunkSpec(coords).shape();
      assertThat(N5BlockHeader.read(block).shape())
          .as("header of block %s", key)
          .containsExactly(actual);
      if (!writeEmpty) {
        boolean allZero = true;
        long[] origin = spec.grid().chunkOrigin(coords);
        for (int i = 0; i < size(toLongs(actual)); i++) {
          long[] pos = AdvancedSelectionPropertyTest.unravel(i, toLongs(actual));
          for (int d = 0; d < pos.length; d++) {
            pos[d] += origin[d];
          }
          allZero &= zero.equals(model[BasicSelectionPropertyTest.flat(pos, shape)]);
        }
        assertThat(allZero).as("block %s holds only zeros but is stored", key).isFalse();
      }
      blocks++;
    }
    assertThat(blocks).isLessThanOrEqualTo(spec.chunkCount());
  }

  static Object[] resized(Object[] model, long[] shape, long[] next, Object zero) {
    Object[] out = new Object[size(next)];
    Arrays.fill(out, zero);
    for (int i = 0; i < model.length; i++) {
      long[] pos = AdvancedSelectionPropertyTest.unravel(i, shape);
      boolean inside = true;
      for (int d = 0; d < pos.length; d++) {
        inside &= pos[d] < next[d];
      }
      if (inside) {
        out[BasicSelectionPropertyTest.flat(pos, next)] = model[i];
      }
    }
    return out;
  }

  static NdArray randomArray(SplittableRandom rnd, DataType dtype, int[] shape) {
    NdArray a = NdArray.zeros(dtype, shape);
    for (int i = 0; i < a.size(); i++) {
      // some zeros, so chunks that end up empty are seen
      a.setFlat(
          i,
          rnd.nextInt(3) == 0
              ? NdArray.zeros(dtype).get()
              : BasicSelectionPropertyTest.randomValue(rnd, dtype));
    }
    return a;
  }

  static int size(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return (int) n;
  }

  static int[] toInts(long[] a) {
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = (int) a[i];
    }
    return r;
  }

  static long[] toLongs(int[] a) {
    long[] r = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i];
    }
    return r;
  }
}
