package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads and writes reuse per-thread chunk buffers (stored bytes, decoded bytes, raw chunks being
 * built). Several arrays with different chunk sizes, data types, fill values, compressors and
 * stores are used in random interleavings, so a buffer last filled by one array's chunk is next
 * used for another's, often smaller or absent; every read must still equal a naive model. A leak of
 * stale bytes (from a previous chunk, a larger chunk, another array) shows up as a mismatch.
 */
class ChunkBufferReusePropertyTest {

  static final String[] DTYPES = {
    "|b1", "|i1", "<i2", ">u2", "<i4", "<f4", ">f8", "<c8", "|S5", "<U2", "<M8[s]", "<u8",
  };

  @TempDir Path tempDir;

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  static BytesToBytesCodec compressor(SplittableRandom rnd) {
    return switch (rnd.nextInt(6)) {
      case 0, 1 -> null;
      case 2 -> Blosc.of("lz4", 5, 1, 0);
      case 3 -> Blosc.of("zstd", 1, 2, 0);
      case 4 -> Zstd.of(1);
      default -> Lz4.of(1);
    };
  }

  private static final class Model {
    final ZarrArray z;
    long[] shape;
    final DataType dtype;
    final Object fill;
    Object[] values;

    Model(ZarrArray z, long[] shape, DataType dtype, Object fill) {
      this.z = z;
      this.shape = shape;
      this.dtype = dtype;
      this.fill = fill == null ? NdArray.zeros(dtype).get() : NdArray.scalar(dtype, fill).get();
      int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      values = new Object[size];
      Arrays.fill(values, this.fill);
    }

    /**
     * Grows the array: the new elements, including those in edge chunks that were written while
     * outside the array, must read as the fill value.
     */
    void grow(long[] next) {
      int size = (int) Arrays.stream(next).reduce(1, (a, b) -> a * b);
      Object[] v = new Object[size];
      Arrays.fill(v, fill);
      long[] pos = new long[shape.length];
      for (int i = 0; i < values.length; i++) {
        long rest = i;
        for (int d = shape.length - 1; d >= 0; d--) {
          pos[d] = rest % shape[d];
          rest /= shape[d];
        }
        v[BasicSelectionPropertyTest.flat(pos, next)] = values[i];
      }
      z.resize(next);
      shape = next;
      values = v;
    }

    NdArray expected(List<long[]> positions, int[] shape) {
      NdArray e = NdArray.zeros(dtype, shape);
      for (int i = 0; i < positions.size(); i++) {
        e.setFlat(i, values[BasicSelectionPropertyTest.flat(positions.get(i), this.shape)]);
      }
      return e;
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void interleavedArraysNeverSeeEachOthersBytes(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 104729 + 3);
    List<Model> arrays = new ArrayList<>();
    int count = rnd.nextInt(2, 5);
    for (int a = 0; a < count; a++) {
      int ndim = rnd.nextInt(1, 4);
      long[] shape = new long[ndim];
      long[] chunks = new long[ndim];
      for (int d = 0; d < ndim; d++) {
        shape[d] = rnd.nextInt(1, ndim == 1 ? 300 : ndim == 2 ? 40 : 12);
        chunks[d] = rnd.nextInt(1, (int) shape[d] + 3);
      }
      DataType dtype = DataType.parse(DTYPES[rnd.nextInt(DTYPES.length)]);
      Object fill = rnd.nextInt(4) == 0 ? null : BasicSelectionPropertyTest.randomValue(rnd, dtype);
      Store store =
          rnd.nextBoolean()
              ? new DirectoryStore(tempDir.resolve("s" + seed + "-" + a))
              : new MemoryStore();
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .shape(shape)
                  .chunks(chunks)
                  .dtype(dtype)
                  .compressor(compressor(rnd))
                  .fillValue(fill)
                  .order(rnd.nextBoolean() ? "C" : "F")
                  .writeEmptyChunks(rnd.nextBoolean())
                  .store(store)
                  .build());
      arrays.add(new Model(z, shape, dtype, fill));
    }
    for (int op = 0; op < 40; op++) {
      Model m = arrays.get(rnd.nextInt(arrays.size()));
      int kind = rnd.nextInt(11);
      if (kind == 10) {
        long[] next = m.shape.clone();
        for (int d = 0; d < next.length; d++) {
          next[d] += rnd.nextInt(0, 4);
        }
        m.grow(next);
      } else if (kind < 2) {
        // the whole array, every chunk complete (edge chunks partly outside the array)
        int[] s = Arrays.stream(m.shape).mapToInt(x -> (int) x).toArray();
        NdArray value = NdArray.zeros(m.dtype, s);
        for (int i = 0; i < value.size(); i++) {
          value.setFlat(i, BasicSelectionPropertyTest.randomValue(rnd, m.dtype));
          m.values[i] = value.getFlat(i);
        }
        m.z.set(value);
      } else if (kind < 5) {
        Selection sel = BasicSelectionPropertyTest.randomSelection(rnd, m.shape);
        List<long[]> positions = BasicSelectionPropertyTest.selectedPositions(sel, m.shape);
        long[] selShape = BasicSelectionPropertyTest.selectionShape(sel, m.shape);
        if (rnd.nextInt(3) == 0) {
          Object v = BasicSelectionPropertyTest.randomValue(rnd, m.dtype);
          m.z.set(sel, v);
          Object canonical = NdArray.scalar(m.dtype, v).get();
          for (long[] pos : positions) {
            m.values[BasicSelectionPropertyTest.flat(pos, m.shape)] = canonical;
          }
        } else {
          NdArray value =
              NdArray.zeros(m.dtype, Arrays.stream(selShape).mapToInt(x -> (int) x).toArray());
          for (int i = 0; i < value.size(); i++) {
            value.setFlat(i, BasicSelectionPropertyTest.randomValue(rnd, m.dtype));
          }
          m.z.set(sel, value);
          for (int i = 0; i < positions.size(); i++) {
            m.values[BasicSelectionPropertyTest.flat(positions.get(i), m.shape)] = value.getFlat(i);
          }
        }
      } else if (kind < 8) {
        Selection sel = BasicSelectionPropertyTest.randomSelection(rnd, m.shape);
        NdArray got = m.z.get(sel);
        NdArray expected =
            m.expected(BasicSelectionPropertyTest.selectedPositions(sel, m.shape), got.shape());
        assertThat(got).as("seed %d, %s, selection %s", seed, m.z.info(), sel).isEqualTo(expected);
      } else {
        NdArray got = m.z.get();
        int[] s = Arrays.stream(m.shape).mapToInt(x -> (int) x).toArray();
        NdArray expected = NdArray.zeros(m.dtype, s);
        for (int i = 0; i < m.values.length; i++) {
          expected.setFlat(i, m.values[i]);
        }
        assertThat(got).as("seed %d, %s, full read", seed, m.z.info()).isEqualTo(expected);
      }
    }
  }

  @Test
  void missingChunksReadAsTheFillValueAfterLargerChunksFilledTheBuffers() {
    // fill every thread's buffers with a large chunk of non-zero bytes ...
    ZarrArray big =
        Zarr.create(
            ArrayOptions.builder()
                .shape(256, 256)
                .chunks(128, 128)
                .dtype("<f8")
                .compressor(Blosc.of("lz4", 5, 1, 0))
                .store(new DirectoryStore(tempDir.resolve("big")))
                .build());
    NdArray noise = NdArray.zeros(DataType.parse("<f8"), 256, 256);
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < noise.size(); i++) {
      noise.setFlat(i, rnd.nextDouble() * 1e6 + 1);
    }
    for (BytesToBytesCodec c :
        new BytesToBytesCodec[] {null, Blosc.of("lz4", 5, 1, 0), Zstd.of(1)}) {
      big.set(noise);
      assertThat(big.get()).isEqualTo(noise);
      // ... then use a smaller array with only some chunks stored and partial writes
      ZarrArray small =
          Zarr.create(
              ArrayOptions.builder()
                  .shape(30, 30)
                  .chunks(7, 7)
                  .dtype("<f8")
                  .fillValue(-3.5)
                  .compressor(c)
                  .store(
                      new DirectoryStore(tempDir.resolve("small-" + (c == null ? "none" : c.id()))))
                  .build());
      small.set("2:5, 3:9", 1.0); // partial chunks: the rest of each chunk must be the fill value
      small.set("14:21, 14:21", NdArray.full(DataType.parse("<f8"), 2.0, 7, 7)); // one whole chunk
      NdArray got = small.get();
      for (int i = 0; i < 30; i++) {
        for (int j = 0; j < 30; j++) {
          double want =
              (i >= 2 && i < 5 && j >= 3 && j < 9)
                  ? 1.0
                  : (i >= 14 && i < 21 && j >= 14 && j < 21) ? 2.0 : -3.5;
          assertThat(got.getDouble(i, j)).as("(%d, %d) with %s", i, j, c).isEqualTo(want);
        }
      }
      assertThat(small.nchunksInitialized()).isEqualTo(2 + 1);
    }
  }
}
