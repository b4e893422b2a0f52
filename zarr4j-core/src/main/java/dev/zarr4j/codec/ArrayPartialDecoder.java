package dev.zarr4j.codec;

import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;

/**
 * Decodes parts of one stored chunk: a strided box of it, or single elements, straight into the
 * caller's array. A codec chain builds one per chunk from its stages' partial decoders ({@link
 * ArrayToBytesCodec#partialDecoder}, {@link ArrayToArrayCodec}'s default, {@link
 * BytesToBytesCodec#partialDecoder}); a stage that cannot decode a part alone decodes the whole
 * chunk once and serves every part from it. Not thread-safe; used for one chunk by one thread.
 * Close it when done: stages may hold lent buffers, and the chain's decoder closes the sources
 * beneath it.
 */
public interface ArrayPartialDecoder extends AutoCloseable {

  /** The spec of the decoded chunk. */
  ChunkSpec spec();

  /**
   * Decodes the whole chunk.
   *
   * @throws dev.zarr4j.exceptions.CodecException if the stored chunk is corrupt
   */
  ChunkArray decodeAll();

  /**
   * Decodes the elements of {@code box} (chunk coordinates) into {@code out}: box position {@code
   * (i0, ..., in)} goes to index {@code (i0, ..., in)} of the view. The view's storage holds
   * elements of the chunk's kind (see {@link dev.zarr4j.ndarray.DataType#storage()}).
   *
   * @throws dev.zarr4j.exceptions.CodecException if the parts read are corrupt
   */
  default void decodeBox(StridedBox box, StridedView out) {
    decodeAll().copyTo(box, out);
  }

  /**
   * Decodes single elements: element {@code i}, at chunk position {@code positions[i * ndim .. (i +
   * 1) * ndim)}, goes to element offset {@code outOffsets[i]} of {@code out}'s storage.
   *
   * @throws dev.zarr4j.exceptions.CodecException if the parts read are corrupt
   */
  default void decodePoints(int[] positions, Object out, long[] outOffsets) {
    decodeAll().copyPointsTo(positions, out, outOffsets);
  }

  /** Releases what the decoder and the sources beneath it hold. Idempotent. */
  @Override
  default void close() {}

  /** A partial decoder that decodes the whole chunk on first use and serves every part from it. */
  static ArrayPartialDecoder decodingWhole(
      ChunkSpec spec, java.util.function.Supplier<ChunkArray> decode) {
    return new ArrayPartialDecoder() {
      private ChunkArray decoded;

      @Override
      public ChunkSpec spec() {
        return spec;
      }

      @Override
      public ChunkArray decodeAll() {
        if (decoded == null) {
          decoded = decode.get();
        }
        return decoded;
      }
    };
  }
}
