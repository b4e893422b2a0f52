package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.MemoryStore;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zarr v3 arrays, driven through the public API by random sequences of writes and reads of every
 * selection kind, resizes (shrinking to whole chunks) and appends, agree with a naive model (a flat
 * array of Java values that starts at the fill value and keeps the overlap on resize), over every
 * fixed-size data type, both orders and several codecs. Afterwards every key below the array is its
 * {@code zarr.json} or a chunk at a {@code c/...} key inside the grid, and the array reopened from
 * the store (its format detected) reads the model.
 */
class V3ArrayPropertyTest {

  static final String[] DTYPES = {
    "|b1", "|i1", "|u1", "<i2", ">u2", "<i4", ">i4", "<u4", "<i8", ">u8", "<f2", "<f4", ">f4",
    "<f8", "<c8", ">c16", "<M8[D]", "<m8[ns]", "<U3", "|S4", "|V3",
  };

  static BytesToBytesCodec[] compressors() {
    return new BytesToBytesCodec[] {
      null,
      GZip.of(1),
      Blosc.DEFAULT,
      Zstd.of(1, true),
      (BytesToBytesCodec) CodecRegistry.fromV3Config("crc32c"),
    };
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919 + 5);
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
    BytesToBytesCodec[] cs = compressors();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(store)
            .path(path)
            .format(NodeFormats.named("zarr-v3"))
            .shape(shape)
            .chunks(chunks)
            .dtype(dtype)
            .order(rnd.nextBoolean() ? "C" : "F")
            .compressor(cs[rnd.nextInt(cs.length)])
            .writeEmptyChunks(writeEmpty);
    boolean sharded = rnd.nextBoolean();
    if (sharded) {
      long[] shards = new long[ndim];
      for (int d = 0; d < ndim; d++) {
        shards[d] = chunks[d] * rnd.nextInt(1, 4);
      }
      b.shards(shards);
      chunks = shards; // the grid the store sees and whole-chunk resizes align to
    }
    Object fill;
    if (rnd.nextInt(3) == 0) {
      fill = BasicSelectionPropertyTest.randomValue(rnd, dtype);
      b.fillValue(fill);
    } else {
      fill = NdArray.zeros(dtype).get();
    }
    ZarrArray z = Zarr.create(b.build());
    assertThat(z.format().name()).isEqualTo("zarr-v3");
    DataType stored = z.dtype();
    fill = NdArray.scalar(stored, fill).get();
    Object[] model = new Object[N5ArrayPropertyTest.size(shape)];
    Arrays.fill(model, fill);

    for (int op = 0; op < 14; op++) {
      int what = rnd.nextInt(10);
      if (what == 0) {
        // a shrink that leaves part of an edge chunk keeps its elements past the new end, as in
        // zarr-python (a later grow shows them again): shrink to whole chunks only
        long[] next = shape.clone();
        int d = rnd.nextInt(ndim);
        next[d] = rnd.nextInt(0, 10);
        if (next[d] < shape[d]) {
          next[d] -= next[d] % chunks[d];
        }
        z.resize(next);
        model = N5ArrayPropertyTest.resized(model, shape, next, fill);
        shape = next;
        continue;
      }
      if (what == 1 && Arrays.stream(shape).allMatch(s -> s > 0)) {
        int axis = rnd.nextInt(ndim);
        int[] dataShape = N5ArrayPropertyTest.toInts(shape);
        dataShape[axis] = rnd.nextInt(1, 4);
        NdArray data = N5ArrayPropertyTest.randomArray(rnd, stored, dataShape);
        long[] next = shape.clone();
        next[axis] += dataShape[axis];
        assertThat(z.append(data, axis)).containsExactly(next);
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
      SelectionModel.Drawn drawn =
          SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, chunks);
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
    if (rnd.nextBoolean() && N5ArrayPropertyTest.size(shape) > 0) {
      // a whole-array write of the fill value leaves no chunk when empty chunks are not written
      z.set(BasicSelection.of(Slice.all()), fill);
      Arrays.fill(model, fill);
      if (!writeEmpty) {
        assertThat(z.nchunksInitialized()).isZero();
      }
    }

    checkKeys(store, z.spec(), path);
    Map<String, Object> doc =
        PythonJson.parseObject(
            bytes(store.get(path.isEmpty() ? "zarr.json" : path + "/zarr.json").orElseThrow()),
            "zarr.json");
    assertThat(doc).containsEntry("zarr_format", 3L).containsEntry("node_type", "array");
    ZarrArray reopened =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path(path).build());
    assertThat(reopened.format().name()).isEqualTo("zarr-v3");
    assertThat(reopened.shape()).containsExactly(shape);
    assertThat(reopened.dtype()).isEqualTo(stored);
    NdArray expected = NdArray.zeros(stored, N5ArrayPropertyTest.toInts(shape));
    for (int i = 0; i < model.length; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(reopened.get()).as("seed %d full read", seed).isEqualTo(expected);
  }

  /** Every key below the array is its document or a chunk at a v3 default key inside the grid. */
  static void checkKeys(MemoryStore store, ArraySpec spec, String path) {
    int cut = path.isEmpty() ? 0 : path.length() + 1;
    long[] grid = spec.gridShape();
    for (String key : store.listPrefix(path)) {
      String rel = key.substring(cut);
      if (rel.equals("zarr.json") || (path.isEmpty() && rel.startsWith("g/"))) {
        continue;
      }
      assertThat(rel).as("key %s", key).startsWith("c/");
      assertThat(spec.isChunkKey(rel)).as("key %s", key).isTrue();
      long[] coords = spec.chunkCoords(rel);
      for (int d = 0; d < coords.length; d++) {
        assertThat(coords[d]).as("key %s inside the grid", key).isLessThan(grid[d]);
      }
    }
  }

  static byte[] bytes(java.nio.ByteBuffer b) {
    java.nio.ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
