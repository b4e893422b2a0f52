package dev.zarr4j.codec;

import java.nio.ByteBuffer;

/** A stage that transforms bytes into bytes: a compressor or a checksum. */
public non-sealed interface BytesToBytesCodec extends Codec {

  /**
   * Encodes the remaining bytes of {@code decoded} (its position is not changed).
   *
   * @param itemSize the size in bytes of one element of the chunk's data type (Blosc's {@code
   *     typesize}); 1 when the bytes have no element structure. Codecs that do not need it ignore it
   * @return a buffer positioned at 0 whose remaining bytes are the encoded form
   * @throws dev.zarr4j.CodecException if encoding fails
   */
  ByteBuffer encode(ByteBuffer decoded, int itemSize);

  /**
   * Decodes the remaining bytes of {@code encoded} (its position is not changed).
   *
   * @param maxDecodedSize an upper bound on the decoded size the caller accepts; a codec never
   *     allocates more than this for its output and fails if the input claims more
   * @return a buffer positioned at 0 whose remaining bytes are the decoded form
   * @throws dev.zarr4j.CodecException if the input is truncated, corrupt or claims a decoded size
   *     above {@code maxDecodedSize}
   */
  ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize);
}
