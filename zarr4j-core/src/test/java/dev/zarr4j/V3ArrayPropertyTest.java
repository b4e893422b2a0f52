package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.MemoryStore;
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
    long[] grid = chunks; // the grid the store sees and whole-chunk resizes align to
    if (rnd.nextBoolean()) {
      grid = new long[ndim];
      for (int d = 0; d < ndim; d++) {
        grid[d] = chunks[d] * rnd.nextInt(1, 4);
      }
      b.shards(grid);
    }
    ModelledArray m = ModelledArray.create(rnd, b, dtype);
    ZarrArray z = m.array();
    assertThat(z.format().name()).isEqualTo("zarr-v3");
    m.run(rnd, 14, 10, 3, ModelledArray.onRegularGrid(grid, true), seed);
    if (rnd.nextBoolean() && !m.isEmpty()) {
      // a whole-array write of the fill value leaves no chunk when empty chunks are not written
      m.fillAll();
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
    ZarrArray reopened = m.checkReopened(store, path, seed);
    assertThat(reopened.format().name()).isEqualTo("zarr-v3");
    assertThat(reopened.shape()).containsExactly(m.shape());
    assertThat(reopened.dtype()).isEqualTo(z.dtype());
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
