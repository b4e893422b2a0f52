package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;

/**
 * Serialises the elements of an object array chunk ({@code dtype=object}) to bytes and back:
 * numcodecs' object codecs ({@code vlen-utf8}, {@code vlen-bytes}, {@code vlen-array}, {@code
 * json2}, {@code msgpack2}, {@code categorize} on strings). In Zarr v2 it is the first entry of
 * {@code filters}; any further filters and the compressor then work on its bytes.
 *
 * <p>Elements are plain Java values: {@code String} for text, {@code byte[]} for bytes, {@link
 * dev.zarr4j.ndarray.NdArray} (1-dimensional) for ragged arrays, and JSON-like values ({@code Map},
 * {@code List}, {@code String}, numbers, {@code Boolean}, {@code null}) for the JSON and MsgPack
 * codecs.
 */
public interface ObjectCodec extends ArrayToBytesCodec {

  /**
   * Encodes the elements of a chunk, in the chunk's memory order.
   *
   * @param elements the chunk's elements
   * @param shape the chunk's shape (numcodecs' JSON and MsgPack codecs record it)
   * @throws dev.zarr4j.exceptions.CodecException naming the element that this codec cannot encode
   */
  ByteBuffer encodeObjects(Object[] elements, int[] shape);

  /**
   * Decodes a chunk's elements.
   *
   * @param encoded the bytes (position untouched)
   * @param count the number of elements the chunk must hold; a codec never allocates for more
   * @throws dev.zarr4j.exceptions.CodecException if the bytes are corrupt or hold a different
   *     element count
   */
  Object[] decodeObjects(ByteBuffer encoded, int count);

  /**
   * The element type of the encoded bytes as numcodecs returns them, which the next stage (a
   * filter, or the compressor, whose Blosc {@code typesize} is this type's item size) sees. The
   * default is {@code |u1}: the VLen, JSON and MsgPack codecs return plain bytes. {@code
   * Categorize} returns items of its {@code astype}.
   *
   * @return the element type of {@link #encodeObjects}' output
   */
  default DataType encodedType() {
    return DataType.UINT8;
  }

  /**
   * {@inheritDoc} Object codecs take chunks of an object data type; their output has no size bound
   * and holds elements of {@link #encodedType()}.
   */
  @Override
  default BytesSpec resolve(ChunkSpec decoded) {
    if (decoded.dtype().kind() != DataType.Kind.OBJECT) {
      throw new CodecException(
          "codec '" + id() + "' encodes object arrays, not arrays of " + decoded.dtype());
    }
    return BytesSpec.unbounded(encodedType());
  }

  /** {@inheritDoc} The elements are encoded in C order with {@link #encodeObjects}. */
  @Override
  default ByteBuffer encode(ChunkArray decoded, CodecOptions options) {
    ChunkArray c = decoded.contiguous();
    return encodeObjects(c.objects(), c.spec().shape());
  }

  /** {@inheritDoc} The elements are decoded with {@link #decodeObjects}, in C order. */
  @Override
  default ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options) {
    return ChunkArray.ofObjects(decoded, decodeObjects(encoded, Math.toIntExact(decoded.size())));
  }
}
