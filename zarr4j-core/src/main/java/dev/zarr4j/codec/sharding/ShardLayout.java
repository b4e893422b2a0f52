package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.ndarray.StridedView;
import java.util.Arrays;

/**
 * What a sharding codec needs to know about shards of one spec, worked out once: the inner chunk
 * grid, the specs the inner and index chains see, the index's encoded size and the fill value in
 * storage form. Immutable.
 */
final class ShardLayout {
  /** The data type of the index: offsets and sizes as little-endian uint64. */
  static final DataType INDEX_TYPE = DataType.parse("<u8");

  final ChunkSpec shard;
  final ChunkSpec inner;
  final ChunkSpec index;
  final int[] innerShape;
  final int[] grid;
  final long[] gridStrides; // C order, in inner chunks
  final int count; // inner chunks per shard
  final long innerSize; // elements per inner chunk
  final long indexSize; // encoded bytes of the index
  final boolean innerPartial; // whether the inner chain decodes parts alone
  private final Object fillStorage; // one element of the fill value in storage form
  private final int width; // storage slots per element

  ShardLayout(ShardingCodec codec, ChunkSpec shard) {
    this.shard = shard;
    int[] shape = shard.shape();
    int[] cs = codec.chunkShape();
    if (cs.length != shape.length) {
      throw new CodecException(
          "sharding_indexed: inner chunk shape "
              + Arrays.toString(cs)
              + " has "
              + cs.length
              + " dimensions but the shard shape "
              + Arrays.toString(shape)
              + " has "
              + shape.length);
    }
    grid = new int[shape.length];
    long n = 1;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] % cs[d] != 0) {
        throw new CodecException(
            "sharding_indexed: inner chunk shape "
                + Arrays.toString(cs)
                + " does not divide the shard shape "
                + Arrays.toString(shape)
                + " (dimension "
                + d
                + ": "
                + shape[d]
                + " is not a multiple of "
                + cs[d]
                + ")");
      }
      grid[d] = shape[d] / cs[d];
      n *= grid[d];
    }
    if (n > (Integer.MAX_VALUE - 64) / 2) {
      throw new CodecException(
          "sharding_indexed: a shard of shape "
              + Arrays.toString(shape)
              + " has "
              + n
              + " inner chunks of shape "
              + Arrays.toString(cs)
              + ", more than an index can hold");
    }
    count = (int) n;
    innerShape = cs;
    gridStrides = ChunkArray.cStrides(grid);
    inner = shard.withShape(cs);
    innerSize = inner.size();
    CodecChain codecs = codec.codecs();
    try {
      codecs.resolve(inner);
    } catch (CodecException e) {
      throw new CodecException("sharding_indexed: codecs: " + e.getMessage(), e);
    }
    innerPartial = codecs.decodesPartially(inner);
    int[] indexShape = Arrays.copyOf(grid, grid.length + 1);
    indexShape[grid.length] = 2;
    index = new ChunkSpec(indexShape, INDEX_TYPE, null);
    BytesSpec b;
    try {
      b = codec.indexCodecs().resolve(index);
    } catch (CodecException e) {
      throw new CodecException("sharding_indexed: index_codecs: " + e.getMessage(), e);
    }
    if (!b.exact()) {
      throw new CodecException(
          "sharding_indexed: index_codecs "
              + codec.indexCodecs().codecs()
              + " do not give the shard index a fixed encoded size (a compressor's output varies);"
              + " use 'bytes', optionally followed by 'crc32c'");
    }
    indexSize = b.maxSize();
    DataType t = shard.dtype();
    width = t.kind() == DataType.Kind.OBJECT ? 1 : t.slotsPerElement();
    Object storage = NdArray.zeros(t).data();
    ChunkArray.filled(new ChunkSpec(new int[0], t, shard.fillValue()))
        .copyTo(
            new StridedBox(new int[0], new int[0], new long[0]),
            new StridedView(storage, 0, new long[0]));
    fillStorage = storage;
  }

  /** The position in the shard of inner chunk {@code i} (C order) into {@code start}. */
  /** What {@link #forEachInnerChunk} hands over for each inner chunk the points fall in. */
  interface PointGroup {
    /**
     * @param inner the inner chunk's index (C order)
     * @param local its points' positions inside it, {@code ndim} per point
     * @param offsets each point's offset in the caller's other array
     */
    void accept(int inner, int[] local, long[] offsets);
  }

  /**
   * Groups points of the shard ({@code ndim} positions each) by the inner chunk they fall in, in
   * the order of the inner chunks, keeping the order of the points within one (a later one wins
   * where order matters).
   */
  void forEachInnerChunk(int[] positions, long[] offsets, PointGroup each) {
    int count = offsets.length;
    int nd = grid.length;
    long[] keys = new long[count];
    for (int k = 0; k < count; k++) {
      long inner = 0;
      for (int d = 0; d < nd; d++) {
        inner += (positions[k * nd + d] / innerShape[d]) * gridStrides[d];
      }
      keys[k] = inner << 32 | k;
    }
    java.util.Arrays.sort(keys);
    for (int a = 0; a < count; ) {
      int inner = (int) (keys[a] >>> 32);
      int b = a + 1;
      while (b < count && (int) (keys[b] >>> 32) == inner) {
        b++;
      }
      int m = b - a;
      int[] local = new int[m * nd];
      long[] offs = new long[m];
      for (int j = 0; j < m; j++) {
        int k = (int) keys[a + j];
        for (int d = 0; d < nd; d++) {
          local[j * nd + d] = positions[k * nd + d] % innerShape[d];
        }
        offs[j] = offsets[k];
      }
      each.accept(inner, local, offs);
      a = b;
    }
  }

  void innerStart(int i, int[] start) {
    long rest = i;
    for (int d = 0; d < grid.length; d++) {
      long c = rest / gridStrides[d];
      rest -= c * gridStrides[d];
      start[d] = (int) c * innerShape[d];
    }
  }

  /** The grid coordinates of inner chunk {@code i}, for messages. */
  String coords(int i) {
    long[] c = new long[grid.length];
    long rest = i;
    for (int d = 0; d < grid.length; d++) {
      c[d] = rest / gridStrides[d];
      rest -= c[d] * gridStrides[d];
    }
    return Arrays.toString(c);
  }

  /** Writes the fill value to every element of a view of {@code count} elements. */
  void fill(StridedView out, long[] count) {
    StridedCopy.copy(
        fillStorage,
        0,
        new long[count.length],
        out.storage(),
        out.offset(),
        out.strides(),
        count,
        width);
  }

  /** Writes the fill value to single elements at the given storage element offsets. */
  void fillPoints(Object out, long[] outOffsets, int from, int to) {
    for (int k = from; k < to; k++) {
      StridedCopy.copyElement(fillStorage, 0, out, outOffsets[k], width);
    }
  }
}
