package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.blosc.BloscCompressor;
import dev.zarr4j.codec.blosc.BloscShuffle;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.testutil.MemoryBackedStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small selections of Blosc arrays decode only the blocks they need (from a directory store by byte
 * ranges, from memory, and from a store without range reads). Random arrays with chunks of many
 * Blosc blocks (every compressor, shuffle, block size, C and F order) are read through random
 * windows, strided and integer selections and coordinate lists; every read must equal the same
 * selection of an uncompressed twin of the array.
 */
class PartialDecodePropertyTest {

  static final String[] DTYPES = {
    "|b1", "|i1", "<i2", ">u2", "<i4", "<f4", ">f4", ">f8", "<c8", "|S5", "<U3", "<M8[s]", "|V3",
  };

  @TempDir Path tempDir;

  static LongStream seeds() {
    return LongStream.range(0, 150);
  }

  /** A memory store that says it cannot serve byte ranges (so chunks are read whole). */
  static final class WholeReadStore extends MemoryBackedStore {
    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(true, true, false, false);
    }
  }

  private Store store(int kind, long seed) throws Exception {
    return switch (kind) {
      case 0 -> new DirectoryStore(Files.createDirectories(tempDir.resolve("d" + seed)));
      case 1 -> new MemoryStore();
      default -> new WholeReadStore();
    };
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void partialReadsEqualAnUncompressedTwin(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed * 31337 + 5);
    int ndim = rnd.nextInt(1, 4);
    DataType dtype = DataType.parse(DTYPES[rnd.nextInt(DTYPES.length)]);
    int item = dtype.itemSize();
    // chunks of 2 KB .. 300 KB, so that blocks (64 KB and up when Blosc splits) are several
    int chunkElems = rnd.nextInt(2048, 300_000) / item;
    long[] chunks = new long[ndim];
    long[] shape = new long[ndim];
    int perDim = (int) Math.max(1, Math.round(Math.pow(chunkElems, 1.0 / ndim)));
    for (int d = 0; d < ndim; d++) {
      chunks[d] = Math.max(1, perDim + rnd.nextInt(-perDim / 3, perDim / 3 + 1));
      shape[d] = rnd.nextLong(1, chunks[d] * (ndim == 3 ? 2 : 3) + 1);
    }
    BloscCompressor cname = BloscCompressor.values()[rnd.nextInt(BloscCompressor.values().length)];
    int clevel = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(1, 7);
    BloscShuffle shuffle = BloscShuffle.values()[rnd.nextInt(4)];
    int blocksize = rnd.nextBoolean() ? 0 : rnd.nextInt(128, 8192);
    Blosc blosc = Blosc.of(cname, clevel, shuffle, blocksize);
    String order = rnd.nextBoolean() ? "C" : "F";
    Object fill = rnd.nextInt(3) == 0 ? null : BasicSelectionPropertyTest.randomValue(rnd, dtype);
    int storeKind = rnd.nextInt(3);
    Store store = store(storeKind, seed);
    String what =
        blosc
            + " "
            + dtype
            + " order "
            + order
            + " shape "
            + java.util.Arrays.toString(shape)
            + " chunks "
            + java.util.Arrays.toString(chunks)
            + " store "
            + storeKind;
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(shape)
                .chunks(chunks)
                .dtype(dtype)
                .compressor(blosc)
                .order(order)
                .fillValue(fill)
                .build());
    ZarrArray twin =
        Zarr.create(
            ArrayOptions.builder()
                .store(new MemoryStore())
                .shape(shape)
                .chunks(chunks)
                .dtype(dtype)
                .compressor(null)
                .order(order)
                .fillValue(fill)
                .build());
    // data: mostly smooth, some chunks left unwritten (fill value)
    int size = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    NdArray data =
        NdArray.zeros(dtype, java.util.Arrays.stream(shape).mapToInt(x -> (int) x).toArray());
    Object v = BasicSelectionPropertyTest.randomValue(rnd, dtype);
    for (int i = 0; i < size; i++) {
      if (rnd.nextInt(16) == 0) {
        v = BasicSelectionPropertyTest.randomValue(rnd, dtype);
      }
      data.setFlat(i, v);
    }
    // write most of the array (a region; chunks outside it stay unwritten)
    ZarrArray source =
        Zarr.create(
            ArrayOptions.builder()
                .store(new MemoryStore())
                .shape(shape)
                .chunks(chunks)
                .dtype(dtype)
                .compressor(null)
                .build());
    source.set(data);
    Object[] items = new Object[ndim];
    for (int d = 0; d < ndim; d++) {
      items[d] = Slice.of(rnd.nextLong(0, Math.max(1, shape[d] / 4)), shape[d]);
    }
    Selection region = BasicSelection.of(items);
    NdArray part = source.get(region);
    z.set(region, part);
    twin.set(region, part);

    for (int op = 0; op < 10; op++) {
      Selection sel =
          switch (rnd.nextInt(4)) {
            case 0 -> BasicSelectionPropertyTest.randomSelection(rnd, shape);
            case 1 -> randomPoints(rnd, shape);
            default -> randomWindow(rnd, shape, rnd.nextInt(1, 4));
          };
      NdArray expected = twin.get(sel);
      NdArray got = z.get(sel);
      assertThat(got.shape()).as(what + " " + sel).isEqualTo(expected.shape());
      assertThat(got).as(what + " " + sel).isEqualTo(expected);
    }
  }

  /** Slices of up to a fraction of each dimension, anywhere, with a step sometimes. */
  static Selection randomWindow(SplittableRandom rnd, long[] shape, int step) {
    Object[] items = new Object[shape.length];
    for (int d = 0; d < shape.length; d++) {
      long len = shape[d];
      long start = rnd.nextLong(0, len);
      long stop = Math.min(len, start + rnd.nextLong(1, Math.max(2, len / 3 + 2)));
      items[d] = new Slice(start, stop, (long) step);
    }
    return BasicSelection.of(items);
  }

  static Selection randomPoints(SplittableRandom rnd, long[] shape) {
    int n = rnd.nextInt(1, 60);
    long[][] idx = new long[shape.length][n];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < shape.length; d++) {
        idx[d][i] = rnd.nextLong(0, shape[d]);
      }
    }
    return CoordinateSelection.of(idx);
  }

  @Test
  void aCorruptBlockOfAPartlyReadChunkIsACodecExceptionNamingTheKey() throws Exception {
    DirectoryStore store = new DirectoryStore(tempDir.resolve("corrupt"));
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .path("a")
                .shape(256, 256)
                .chunks(256, 256)
                .dtype("<f4")
                .compressor(Blosc.of("lz4", 5, 1, 0))
                .build());
    float[] values = new float[256 * 256];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Math.sin(i * 0.001) + (i % 7) * 1e-3f;
    }
    z.set(NdArray.of(values, 256, 256));
    Path chunk = tempDir.resolve("corrupt/a/0.0");
    byte[] good = Files.readAllBytes(chunk);
    // the block table points outside the frame
    byte[] bad = good.clone();
    ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(16, 1 << 30);
    Files.write(chunk, bad);
    assertThatThrownBy(() -> z.get(Slice.of(3, 5), Slice.of(7, 9)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("chunk 'a/0.0'");
    assertThatThrownBy(() -> z.vindex().get(new long[] {3, 4}, new long[] {7, 200}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("chunk 'a/0.0'");

    // a stream size beyond the end, and a truncated file
    bad = good.clone();
    int start = ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(16);
    ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(start, 1 << 29);
    Files.write(chunk, bad);
    assertThatThrownBy(() -> z.get(Slice.of(3, 5), Slice.of(7, 9)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("chunk 'a/0.0'");
    Files.write(chunk, java.util.Arrays.copyOf(good, good.length / 2));
    assertThatThrownBy(() -> z.get(Slice.of(250, 252), Slice.of(7, 9)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("chunk 'a/0.0'");
    // random damage: a result or a CodecException, never anything else
    SplittableRandom rnd = new SplittableRandom(99);
    for (int i = 0; i < 200; i++) {
      bad = good.clone();
      for (int k = 0; k < 3; k++) {
        int at = rnd.nextInt(4) == 0 ? rnd.nextInt(64) : rnd.nextInt(bad.length);
        bad[at] = (byte) rnd.nextInt();
      }
      Files.write(chunk, bad);
      int r = rnd.nextInt(250);
      try {
        z.get(Slice.of(r, r + 5), Slice.of(r, r + 3));
      } catch (CodecException expected) {
        assertThat(expected.getMessage()).contains("chunk 'a/0.0'");
      }
    }
    Files.write(chunk, good);
    assertThat(z.get(Slice.of(3, 5), Slice.of(7, 9)).toDoubleArray()[0])
        .isEqualTo(values[3 * 256 + 7]);
  }
}
