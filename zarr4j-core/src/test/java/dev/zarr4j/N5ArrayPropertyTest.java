package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.codec.n5.N5BlockHeader;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
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
    Object[] model = new Object[size(shape)];
    Arrays.fill(model, zero);

    for (int op = 0; op < 14; op++) {
      int what = rnd.nextInt(10);
      if (what == 0) {
        // resize: the overlap stays, everything else reads 0
        long[] next = shape.clone();
        int d = rnd.nextInt(ndim);
        next[d] = rnd.nextInt(0, 10);
        z.resize(next);
        model = resized(model, shape, next, zero);
        shape = next;
        continue;
      }
      if (what == 1 && Arrays.stream(shape).allMatch(s -> s > 0)) {
        int axis = rnd.nextInt(ndim);
        int[] dataShape = toInts(shape);
        dataShape[axis] = rnd.nextInt(1, 4);
        NdArray data = randomArray(rnd, stored, dataShape);
        long[] next = shape.clone();
        next[axis] += dataShape[axis];
        assertThat(z.append(data, axis)).containsExactly(next);
        model = resized(model, shape, next, zero);
        long[] origin = new long[ndim];
        origin[axis] = shape[axis];
        for (int i = 0; i < data.size(); i++) {
          long[] pos = AdvancedSelectionPropertyTest.unravel(i, toLongs(dataShape));
          for (int k = 0; k < ndim; k++) {
            pos[k] += origin[k];
          }
          model[BasicSelectionPropertyTest.flat(pos, next)] = data.getFlat(i);
        }
        shape = next;
        continue;
      }
      if (size(shape) == 0) {
        continue;
      }
      SelectionModel.Drawn drawn =
          SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, chunks);
      if (rnd.nextBoolean()) {
        NdArray value = randomArray(rnd, stored, drawn.shape());
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
    if (rnd.nextBoolean() && size(shape) > 0) {
      // a whole-array write of zeros leaves no block when empty chunks are not written
      z.set(BasicSelection.of(Slice.all()), zero);
      Arrays.fill(model, zero);
      if (!writeEmpty) {
        assertThat(z.nchunksInitialized()).isZero();
      }
    }

    checkBlocks(store, z.spec(), path, writeEmpty, model, zero);
    ZarrArray reopened =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path(path).build());
    assertThat(reopened.format().name()).isEqualTo("n5");
    assertThat(reopened.shape()).containsExactly(shape);
    NdArray expected = NdArray.zeros(stored, toInts(shape));
    for (int i = 0; i < model.length; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(reopened.get()).as("seed %d full read", seed).isEqualTo(expected);
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
