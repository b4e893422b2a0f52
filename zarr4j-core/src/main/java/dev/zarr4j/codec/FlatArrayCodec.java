package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;

/**
 * An array stage that works on a chunk's elements as one flat sequence, as numcodecs' filters do
 * ({@code delta}, {@code fixedscaleoffset}, {@code quantize}, {@code bitround}, {@code astype},
 * {@code packbits}, {@code categorize} on text): it reads the chunk's bytes as elements of {@link
 * #decodedView} and returns bytes holding elements of {@link #encodedType}. Because it needs
 * nothing but the bytes and their element type, it also runs where Zarr v2 puts it after a bytes
 * stage ({@link #onBytes()}).
 *
 * <p>Implementations provide numcodecs' byte-level {@link #encode(ByteBuffer, int)} and {@link
 * #decode(ByteBuffer, int)}; the array-stage methods are built on them.
 */
public interface FlatArrayCodec extends ArrayToArrayCodec {

  /**
   * Encodes the remaining bytes of {@code decoded} (position untouched), as numcodecs' {@code
   * encode}.
   *
   * @param itemSize the item size of the incoming elements; filters with a configured type ignore
   *     it
   * @return a buffer positioned at 0 whose remaining bytes are the encoded form
   * @throws CodecException if encoding fails
   */
  ByteBuffer encode(ByteBuffer decoded, int itemSize);

  /**
   * Decodes the remaining bytes of {@code encoded} (position untouched), as numcodecs' {@code
   * decode}.
   *
   * @param maxDecodedSize the most bytes the result may have; a filter never allocates more
   * @throws CodecException if the input is corrupt or decodes to more than the limit
   */
  ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize);

  /**
   * Encodes bytes whose elements have the given type. Filters that interpret elements by the
   * incoming type (bit rounding needs the float width and byte order) override it; the default
   * calls {@link #encode(ByteBuffer, int)} with the type's item size.
   */
  default ByteBuffer encode(ByteBuffer decoded, DataType type) {
    return encode(decoded, type.itemSize());
  }

  /**
   * The element type this filter reads its input as, given the incoming element type: its
   * configured type where it has one (numcodecs views the buffer as that type), else the incoming
   * type.
   */
  default DataType decodedView(DataType incoming) {
    return incoming;
  }

  /** The element type of this filter's output, given the incoming element type. */
  DataType encodedType(DataType incoming);

  /**
   * The number of output elements for {@code count} input elements of the decoded view. The default
   * keeps the count; bit packing overrides it.
   */
  default long encodedCount(long count) {
    return count;
  }

  /**
   * {@inheritDoc} The chunk's bytes are read as elements of {@link #decodedView}: they must be a
   * whole number of them. The output keeps the chunk's shape when the element count is kept, else
   * it is one-dimensional.
   */
  @Override
  default ChunkSpec resolve(ChunkSpec decoded) {
    DataType view = decodedView(decoded.dtype());
    long bytes = decoded.byteSize();
    if (view.itemSize() == 0 || bytes % view.itemSize() != 0) {
      throw new CodecException(
          "codec '"
              + id()
              + "': a chunk of "
              + bytes
              + " bytes of "
              + decoded.dtype()
              + " is not a whole number of '"
              + view.typestr()
              + "' elements");
    }
    long n = encodedCount(bytes / view.itemSize());
    DataType out = encodedType(decoded.dtype());
    int[] shape = n == decoded.size() ? decoded.shape() : new int[] {Math.toIntExact(n)};
    return new ChunkSpec(shape, out, null);
  }

  /** {@inheritDoc} Runs {@link #encode(ByteBuffer, DataType)} on the chunk's bytes in C order. */
  @Override
  default ChunkArray encode(ChunkArray decoded, CodecOptions options) {
    ChunkArray c = decoded.contiguous();
    ChunkSpec out = resolve(c.spec());
    return ChunkArray.ofBytes(out, encode(c.bytes(), c.spec().dtype()));
  }

  /** {@inheritDoc} Runs {@link #decode(ByteBuffer, int)} on the chunk's bytes in C order. */
  @Override
  default ChunkArray decode(ChunkArray encoded, ChunkSpec decoded, CodecOptions options) {
    ByteBuffer b =
        decode(
            encoded.contiguous().bytes(),
            (int) Math.min(Integer.MAX_VALUE - 64L, decoded.byteSize()));
    if (b.remaining() != decoded.byteSize()) {
      throw new CodecException(
          "codec '"
              + id()
              + "': decoded "
              + b.remaining()
              + " bytes, a chunk of "
              + decoded
              + " has "
              + decoded.byteSize());
    }
    return ChunkArray.ofBytes(decoded, b);
  }

  /**
   * This filter as a bytes stage, for a Zarr v2 filter list where it follows a bytes stage (a
   * checksum, a shuffle, an object codec): it reads the incoming bytes as a flat sequence of the
   * element type the stage before returned.
   */
  default BytesToBytesCodec onBytes() {
    return new FlatArrayOnBytes(this);
  }
}
