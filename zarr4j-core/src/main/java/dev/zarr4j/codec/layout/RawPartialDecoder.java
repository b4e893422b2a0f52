package dev.zarr4j.codec.layout;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;

/**
 * Decodes parts of a chunk stored as raw elements in C order: a box or a list of elements is a set
 * of element runs of the encoded bytes, read packed from the source (which decodes only what they
 * need, when it is a Blosc frame) and copied from there into the caller's array.
 */
final class RawPartialDecoder implements ArrayPartialDecoder {
  /** Packed results up to this size are fresh arrays; larger ones are lent. */
  private static final int SMALL = 64 << 10;

  private final ByteSource source;
  private final ChunkSpec spec;
  private final DataType stored;
  private final BytesCodec codec;
  private final CodecOptions options;
  private final long[] byteStrides;
  private ChunkArray whole;

  RawPartialDecoder(
      ByteSource source, ChunkSpec spec, DataType stored, BytesCodec codec, CodecOptions options) {
    this.source = source;
    this.spec = spec;
    this.stored = stored;
    this.codec = codec;
    this.options = options;
    long[] st = ChunkArray.cStrides(spec.shape());
    for (int i = 0; i < st.length; i++) {
      st[i] *= stored.itemSize();
    }
    this.byteStrides = st;
  }

  @Override
  public ChunkSpec spec() {
    return spec;
  }

  @Override
  public ChunkArray decodeAll() {
    if (whole == null) {
      whole = codec.decode(source.readAll(), spec, options);
    }
    return whole;
  }

  @Override
  public void decodeBox(StridedBox box, StridedView out) {
    long[] runs = whole == null ? ElementRuns.ofBox(box, byteStrides, stored.itemSize()) : null;
    if (runs == null) {
      decodeAll().copyTo(box, out);
      return;
    }
    decodePacked(
        runs,
        packed ->
            RawCopy.decode(
                packed,
                0,
                ElementRuns.packedStrides(box.count(), stored.itemSize()),
                out.storage(),
                out.offset(),
                out.strides(),
                box.count(),
                stored));
  }

  @Override
  public void decodePoints(int[] positions, Object out, long[] outOffsets) {
    int count = outOffsets.length;
    if (whole != null || count > ElementRuns.MAX_RUNS) {
      decodeAll().copyPointsTo(positions, out, outOffsets);
      return;
    }
    long[] offsets = ElementRuns.offsetsOf(positions, byteStrides, count);
    long[] packedAt = new long[count];
    int item = stored.itemSize();
    long[] runs = ElementRuns.ofPoints(offsets, item, item, packedAt);
    decodePacked(runs, packed -> RawCopy.decodePoints(packed, packedAt, out, outOffsets, stored));
  }

  /**
   * Reads {@code runs} of the source packed one after another and hands them to {@code decode} as a
   * buffer of exactly their bytes (small ones in a fresh array, larger ones in a lent one).
   */
  private void decodePacked(long[] runs, java.util.function.Consumer<ByteBuffer> decode) {
    int n = Math.toIntExact(ElementRuns.length(runs));
    ChunkScratch scratch = ChunkScratch.get();
    byte[] packed = n <= SMALL ? new byte[n] : scratch.lendHeap(n);
    try {
      source.readPacked(ByteRuns.of(runs), packed, 0);
      decode.accept(ByteBuffer.wrap(packed, 0, n));
    } finally {
      if (n > SMALL) {
        scratch.release(packed);
      }
    }
  }
}
