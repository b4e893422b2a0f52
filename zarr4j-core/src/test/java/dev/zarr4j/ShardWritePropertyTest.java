package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.testutil.MemoryBackedStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sharded Zarr v3 arrays under random sequences of writes of every selection kind agree with a
 * naive model, and after every write each stored shard, decoded on its own, holds the model's
 * elements (the fill value in the padding of edge shards) and is byte for byte what encoding those
 * elements whole gives: partial writes keep the layout a whole encode makes. Data types, order,
 * inner compressors (crc32c among them), fill values, {@code write_empty_chunks}, the index at the
 * start or the end of a shard (the array's document rewritten before any chunk), and stores that
 * serve byte ranges or only whole values are drawn at random.
 */
class ShardWritePropertyTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** A memory store that serves whole values only (the pipeline reads a shard whole first). */
  static final class WholeValueStore extends MemoryBackedStore {
    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(true, true, false, false);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void storedShardsHoldTheModelAsAWholeEncodeWould(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 6007 + 3);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    long[] shards = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      chunks[d] = rnd.nextInt(1, 4);
      shards[d] = chunks[d] * rnd.nextInt(1, 4);
      shape[d] = rnd.nextInt(1, 10);
    }
    DataType dtype =
        DataType.parse(V3ArrayPropertyTest.DTYPES[rnd.nextInt(V3ArrayPropertyTest.DTYPES.length)]);
    // a memory store, one that serves no ranges, or a directory store (whose partial writes copy
    // the kept inner chunks file to file)
    int kind = rnd.nextInt(3);
    Store store =
        switch (kind) {
          case 0 -> new MemoryStore();
          case 1 -> new WholeValueStore();
          default -> new dev.zarr4j.store.DirectoryStore(tmp);
        };
    BytesToBytesCodec[] cs = V3ArrayPropertyTest.compressors();
    boolean writeEmpty = rnd.nextBoolean();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(store)
            .format(NodeFormats.named("zarr-v3"))
            .shape(shape)
            .chunks(chunks)
            .shards(shards)
            .dtype(dtype)
            .order(rnd.nextBoolean() ? "C" : "F")
            .compressor(cs[rnd.nextInt(cs.length)])
            .writeEmptyChunks(writeEmpty);
    Object fill = ModelledArray.randomFill(rnd, b, dtype);
    ZarrArray z = Zarr.create(b.build());
    boolean start = rnd.nextBoolean();
    if (start) {
      // the index at the start of each shard: the document says so before any chunk is written
      String doc =
          new String(
              V3ArrayPropertyTest.bytes(store.get("zarr.json").orElseThrow()),
              StandardCharsets.UTF_8);
      String moved = doc.replaceFirst("(\"index_location\"\\s*:\\s*)\"end\"", "$1\"start\"");
      assertThat(moved).isNotEqualTo(doc);
      store.set("zarr.json", ByteBuffer.wrap(moved.getBytes(StandardCharsets.UTF_8)));
      z =
          Zarr.openArray(
              store,
              OpenMode.READ_WRITE,
              ArrayOptions.builder().writeEmptyChunks(writeEmpty).build());
      assertThat(z.spec().codecs().toString()).contains("index_location=start");
    }
    DataType stored = z.dtype();
    fill = NdArray.scalar(stored, fill).get();
    Object[] model = new Object[N5ArrayPropertyTest.size(shape)];
    Arrays.fill(model, fill);

    for (int op = 0; op < 10; op++) {
      SelectionModel.Drawn drawn =
          SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, shards);
      Object value;
      if (rnd.nextInt(5) == 0) {
        value =
            rnd.nextBoolean()
                ? fill
                : N5ArrayPropertyTest.randomArray(rnd, stored, new int[0]).get();
        z.set(drawn.selection(), value);
        for (int i = 0; i < drawn.count(); i++) {
          model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)] =
              NdArray.scalar(stored, value).get();
        }
      } else {
        NdArray v = N5ArrayPropertyTest.randomArray(rnd, stored, drawn.shape());
        z.set(drawn.selection(), v);
        for (int i = 0; i < drawn.count(); i++) {
          model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)] = v.getFlat(i);
        }
      }
      checkShards(store, z.spec(), model, shape, fill, "seed " + seed + " op " + op);
    }
    NdArray expected = NdArray.zeros(stored, N5ArrayPropertyTest.toInts(shape));
    for (int i = 0; i < model.length; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(z.get()).as("seed %d", seed).isEqualTo(expected);
  }

  /**
   * Every shard of the grid: stored exactly when the model has an element other than the fill value
   * in it, decoding to the model's elements, and equal to a whole encode of them.
   */
  static void checkShards(
      Store store, ArraySpec spec, Object[] model, long[] shape, Object fill, String what) {
    CodecChain chain = spec.codecs();
    long[] grid = spec.gridShape();
    int[] shard = spec.chunkShape();
    int nd = shape.length;
    long[] c = new long[nd];
    long count = 1;
    for (long g : grid) {
      count *= g;
    }
    for (long k = 0; k < count; k++) {
      long rest = k;
      for (int d = nd - 1; d >= 0; d--) {
        c[d] = rest % grid[d];
        rest /= grid[d];
      }
      String key = spec.chunkKey(c);
      ChunkSpec cspec = spec.chunkSpec(c);
      // the model's shard: its elements, the fill value in the padding
      NdArray want = NdArray.zeros(spec.dtype(), shard);
      boolean onlyFill = true;
      for (int i = 0; i < want.size(); i++) {
        int[] local = SelectionModel.unravel(i, shard);
        long[] pos = new long[nd];
        boolean inside = true;
        for (int d = 0; d < nd; d++) {
          pos[d] = c[d] * shard[d] + local[d];
          inside &= pos[d] < shape[d];
        }
        Object e = inside ? model[BasicSelectionPropertyTest.flat(pos, shape)] : fill;
        want.setFlat(i, e);
        onlyFill &= NdArray.scalar(spec.dtype(), e).equals(NdArray.scalar(spec.dtype(), fill));
      }
      var got = store.get(key);
      assertThat(got.isPresent()).as("%s: shard %s stored", what, key).isEqualTo(!onlyFill);
      if (got.isEmpty()) {
        continue;
      }
      byte[] bytes = V3ArrayPropertyTest.bytes(got.get());
      ChunkArray decoded = chain.decode(ByteBuffer.wrap(bytes), cspec, CodecOptions.AUTO);
      NdArray have = NdArray.zeros(spec.dtype(), shard);
      decoded.copyTo(StridedBox.all(shard), StridedView.of(have));
      assertThat(have).as("%s: shard %s", what, key).isEqualTo(want);
      assertThat(bytes)
          .as("%s: shard %s as a whole encode", what, key)
          .isEqualTo(V3ArrayPropertyTest.bytes(chain.encode(decoded, CodecOptions.AUTO)));
    }
  }
}
