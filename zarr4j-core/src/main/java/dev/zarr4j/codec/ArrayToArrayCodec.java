package dev.zarr4j.codec;

/**
 * A stage that transforms a chunk in array form into another array: it may reorder the axes ({@code
 * transpose}, a Zarr v2 array's order {@code "F"}), change the values or the element type
 * (numcodecs' {@code delta}, {@code fixedscaleoffset}, {@code quantize}, {@code bitround}, {@code
 * astype}, {@code packbits}). Stages are immutable and thread-safe.
 *
 * <p>{@link #resolve} states what the stage does to a chunk's shape and element type, so a chain is
 * checked when an array is opened, before any chunk is read.
 */
public non-sealed interface ArrayToArrayCodec extends Codec {

  /**
   * The spec of this stage's output for input chunks of {@code decoded}.
   *
   * @throws dev.zarr4j.CodecException naming the codec if it cannot encode such chunks (a float
   *     filter on integers, a permutation of the wrong length)
   */
  ChunkSpec resolve(ChunkSpec decoded);

  /**
   * Encodes one chunk.
   *
   * @param decoded a chunk whose spec {@link #resolve} accepted
   * @return the encoded chunk, whose spec is {@code resolve(decoded.spec())}
   * @throws dev.zarr4j.CodecException if encoding fails
   */
  ChunkArray encode(ChunkArray decoded, CodecOptions options);

  /**
   * Decodes one chunk.
   *
   * @param encoded a chunk of spec {@code resolve(decoded)}
   * @param decoded the spec of the result
   * @throws dev.zarr4j.CodecException if the chunk is corrupt or does not match the spec
   */
  ChunkArray decode(ChunkArray encoded, ChunkSpec decoded, CodecOptions options);

  /**
   * When this stage only reorders the axes: the order, where axis {@code i} of the output is axis
   * {@code order[i]} of the input; else {@code null}. A chain folds such stages into the views it
   * reads and writes through instead of moving elements, so an array with order {@code "F"} still
   * decodes straight into the caller's array. The default is {@code null}.
   *
   * @param decoded the input spec
   */
  default int[] axisOrder(ChunkSpec decoded) {
    return null;
  }
}
