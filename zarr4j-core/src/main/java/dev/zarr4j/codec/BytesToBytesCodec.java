package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A stage that transforms bytes into bytes: a compressor, a checksum, or a Zarr v2 filter (which
 * numcodecs applies to the flat chunk buffer, viewed in the chunk's memory order).
 *
 * <p>numcodecs hands each stage the array its previous stage returned, so a stage may see elements
 * of a type other than the array's: after {@code Delta(dtype='<i4', astype='<i2')} the next stage
 * sees {@code int16} elements, after a checksum or {@code PackBits} plain bytes. {@link
 * #encodedType(DataType)} tells a caller which type the next stage sees, and {@link
 * #encode(ByteBuffer, DataType)} passes the full type to stages that need more than its size.
 */
public non-sealed interface BytesToBytesCodec extends Codec {

  /**
   * Encodes the remaining bytes of {@code decoded} (its position is not changed).
   *
   * @param itemSize the size in bytes of one element of the chunk's data type (Blosc's {@code
   *     typesize}); 1 when the bytes have no element structure. Codecs that do not need it ignore
   *     it
   * @return a buffer positioned at 0 whose remaining bytes are the encoded form
   * @throws dev.zarr4j.exceptions.CodecException if encoding fails
   */
  ByteBuffer encode(ByteBuffer decoded, int itemSize);

  /**
   * Decodes the remaining bytes of {@code encoded} (its position is not changed).
   *
   * @param maxDecodedSize an upper bound on the decoded size the caller accepts; a codec never
   *     allocates more than this for its output and fails if the input claims more
   * @return a buffer positioned at 0 whose remaining bytes are the decoded form
   * @throws dev.zarr4j.exceptions.CodecException if the input is truncated, corrupt or claims a
   *     decoded size above {@code maxDecodedSize}
   */
  ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize);

  /**
   * Decodes the remaining bytes of {@code encoded} (its position is not changed) straight into
   * {@code dst[off, off+len)}, where {@code len} must be the decoded size: the counterpart of
   * numcodecs' {@code decode(buf, out)}, saving the allocation and copy of {@link #decode}'s result
   * where a codec can write into the caller's array (Blosc, Zstd, LZ4, Zlib do). The default
   * decodes with {@link #decode} and copies.
   *
   * @throws dev.zarr4j.exceptions.CodecException if the input is truncated or corrupt, or does not
   *     decode to exactly {@code len} bytes
   * @throws IndexOutOfBoundsException if {@code [off, off+len)} is not inside {@code dst}
   */
  default void decode(ByteBuffer encoded, byte[] dst, int off, int len) {
    Objects.checkFromIndexSize(off, len, dst.length);
    ByteBuffer b = decode(encoded, len);
    if (b.remaining() != len) {
      throw new CodecException(
          id() + ": data decoded to " + b.remaining() + " bytes, expected " + len);
    }
    b.duplicate().get(dst, off, len);
  }

  /**
   * Encodes the remaining bytes of {@code decoded}, whose elements have the given type (its
   * position is not changed). Stages that interpret elements by the incoming type (for example
   * {@code BitRound}, which needs the float width and byte order) override this; the default calls
   * {@link #encode(ByteBuffer, int)} with the type's item size.
   *
   * @param decoded the bytes to encode
   * @param type the element type numcodecs would see for these bytes: the array's data type for the
   *     first stage, then {@link #encodedType(DataType)} of the stage before
   * @return a buffer positioned at 0 whose remaining bytes are the encoded form
   * @throws dev.zarr4j.exceptions.CodecException if encoding fails
   */
  default ByteBuffer encode(ByteBuffer decoded, DataType type) {
    return encode(decoded, type.itemSize());
  }

  /**
   * The element type of this stage's output as numcodecs returns it, given the element type of its
   * input; the next stage (a filter, or the compressor, whose Blosc {@code typesize} is that type's
   * item size) sees elements of this type. The default is {@code |u1}: plain bytes, as compressors,
   * checksums, {@code Shuffle} and {@code PackBits} return them. Filters that return typed arrays
   * (for example {@code Delta}'s {@code astype}) override it.
   *
   * @param decodedType the element type of the input
   * @return the element type of the output
   */
  default DataType encodedType(DataType decodedType) {
    return DataType.UINT8;
  }
}
