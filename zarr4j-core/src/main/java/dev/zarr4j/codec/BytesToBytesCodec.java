package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A stage that transforms bytes into bytes: a compressor, a checksum, a byte shuffle. Stages are
 * immutable and thread-safe.
 *
 * <p>numcodecs hands each stage the array its previous stage returned, so a stage may see elements
 * of a type other than the array's: after {@code Delta(dtype='<i4', astype='<i2')} the next stage
 * sees {@code int16} elements, after a checksum plain bytes. {@link #resolve} tells a chain the
 * size bound and the element type of a stage's output, and the element type reaches {@link
 * #encode(ByteBuffer, BytesSpec, CodecOptions)} for stages that need it (Blosc's {@code typesize}).
 *
 * <p>Two groups of methods: the chain's ({@link #resolve}, {@link #encode(ByteBuffer, BytesSpec,
 * CodecOptions)}, {@link #decode(ByteBuffer, BytesSpec, CodecOptions)}, {@link #decodeInto}, {@link
 * #partialDecoder}), which carry the call's {@link CodecOptions}, and numcodecs' own ({@link
 * #encode(ByteBuffer, int)}, {@link #decode(ByteBuffer, int)}), which use {@link
 * CodecOptions#processDefault()}.
 */
public non-sealed interface BytesToBytesCodec extends Codec {

  /**
   * Encodes the remaining bytes of {@code decoded} (its position is not changed), as numcodecs'
   * {@code encode}.
   *
   * @param itemSize the size in bytes of one element of the chunk's data type (Blosc's {@code
   *     typesize}); 1 when the bytes have no element structure. Codecs that do not need it ignore
   *     it
   * @return a buffer positioned at 0 whose remaining bytes are the encoded form
   * @throws CodecException if encoding fails
   */
  ByteBuffer encode(ByteBuffer decoded, int itemSize);

  /**
   * Decodes the remaining bytes of {@code encoded} (its position is not changed), as numcodecs'
   * {@code decode}.
   *
   * @param maxDecodedSize an upper bound on the decoded size the caller accepts; a codec never
   *     allocates more than this for its output and fails if the input claims more
   * @return a buffer positioned at 0 whose remaining bytes are the decoded form
   * @throws CodecException if the input is truncated, corrupt or claims a decoded size above {@code
   *     maxDecodedSize}
   */
  ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize);

  /**
   * Decodes the remaining bytes of {@code encoded} (its position is not changed) straight into
   * {@code dst[off, off+len)}, where {@code len} must be the decoded size: the counterpart of
   * numcodecs' {@code decode(buf, out)}. The default decodes with {@link #decode(ByteBuffer, int)}
   * and copies.
   *
   * @throws CodecException if the input is truncated or corrupt, or does not decode to exactly
   *     {@code len} bytes
   * @throws IndexOutOfBoundsException if {@code [off, off+len)} is not inside {@code dst}
   */
  default void decode(ByteBuffer encoded, byte[] dst, int off, int len) {
    decodeInto(encoded, dst, off, len, CodecOptions.processDefault());
  }

  /**
   * Encodes the remaining bytes of {@code decoded}, whose elements have the given type (its
   * position is not changed). Stages that interpret elements by the incoming type override this;
   * the default calls {@link #encode(ByteBuffer, int)} with the type's item size.
   *
   * @param type the element type numcodecs would see for these bytes
   * @throws CodecException if encoding fails
   */
  default ByteBuffer encode(ByteBuffer decoded, DataType type) {
    return encode(decoded, type.itemSize());
  }

  /**
   * The element type of this stage's output as numcodecs returns it, given the element type of its
   * input. The default is {@code |u1}: plain bytes, as compressors, checksums and shuffles return
   * them.
   */
  default DataType encodedType(DataType decodedType) {
    return DataType.UINT8;
  }

  // ------------------------------------------------------------------ the chain's methods

  /**
   * This stage with every setting that depends on its input written out for input of {@code input},
   * as an array's metadata records it (Zarr v3's {@code blosc} records its {@code typesize} and a
   * concrete shuffle). Formats call it when they create an array. The default is this stage.
   */
  default BytesToBytesCodec forInput(BytesSpec input) {
    return this;
  }

  /**
   * What this stage's output looks like for input of {@code decoded}: a size bound and the element
   * type the next stage sees. The default is no bound (as a compressor's output has none a chain
   * could use) and {@link #encodedType(DataType)}; stages whose output size is known override it.
   *
   * @throws CodecException naming the codec if it cannot encode such bytes
   */
  default BytesSpec resolve(BytesSpec decoded) {
    return BytesSpec.unbounded(encodedType(decoded.elementType()));
  }

  /**
   * The most bytes this stage's output can have for input of {@code decoded} (its size bound), or
   * {@link BytesSpec#UNBOUNDED} when no bound is known: a reader refuses a stored chunk larger than
   * its chain's worst case ({@link CodecChain#maxEncodedSize}) before reading it. The default is
   * the bound {@link #resolve} gives (exact for checksums and shuffles, none for a stage that does
   * not say); compressors override it with their worst case ({@link CompressedSize}).
   */
  default long maxEncodedSize(BytesSpec decoded) {
    return resolve(decoded).maxSize();
  }

  /**
   * Encodes the remaining bytes of {@code decoded} (position untouched) for a chain. The default
   * calls {@link #encode(ByteBuffer, DataType)} with the spec's element type; stages with native
   * and pure-Java implementations override it to follow {@code options}.
   *
   * @param spec what the input looks like (from the stage before's {@link #resolve})
   * @throws CodecException if encoding fails
   */
  default ByteBuffer encode(ByteBuffer decoded, BytesSpec spec, CodecOptions options) {
    return encode(decoded, spec.elementType());
  }

  /**
   * Decodes the remaining bytes of {@code encoded} (position untouched) for a chain. The default
   * calls {@link #decode(ByteBuffer, int)} with the spec's bound.
   *
   * @param spec what the decoded bytes look like; a decoder never allocates more than its bound
   * @throws CodecException if the input is corrupt or decodes to more than the bound
   */
  default ByteBuffer decode(ByteBuffer encoded, BytesSpec spec, CodecOptions options) {
    return decode(encoded, spec.decodeLimit());
  }

  /**
   * Whether decoding detects changed bytes: a checksum the stage stores with the data, verified on
   * every decode, so that bytes torn or corrupted after encoding fail to decode rather than decode
   * to wrong values. Writers that may let a reader see a half-written value (a shard index updated
   * in place) rely on it. The default is {@code false}.
   */
  default boolean detectsCorruption() {
    return false;
  }

  /**
   * Whether {@link #decodeInto} writes straight into the caller's array rather than decoding into a
   * buffer of its own and copying. A chain lends such a stage a reused buffer. The default is
   * {@code false}.
   */
  default boolean decodesInto() {
    return false;
  }

  /**
   * Decodes the remaining bytes of {@code encoded} (position untouched) straight into {@code
   * dst[off, off+len)}, where {@code len} must be the decoded size. The default decodes with {@link
   * #decode(ByteBuffer, BytesSpec, CodecOptions)} and copies; stages that can write into the
   * caller's array override it together with {@link #decodesInto()}.
   *
   * @throws CodecException if the input is corrupt or does not decode to exactly {@code len} bytes
   * @throws IndexOutOfBoundsException if {@code [off, off+len)} is not inside {@code dst}
   */
  default void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len, CodecOptions options) {
    Objects.checkFromIndexSize(off, len, dst.length);
    ByteBuffer b = decode(encoded, BytesSpec.exactly(len, DataType.UINT8), options);
    if (b.remaining() != len) {
      throw new CodecException(
          id() + ": data decoded to " + b.remaining() + " bytes, expected " + len);
    }
    b.duplicate().get(dst, off, len);
  }

  /**
   * Whether {@link #partialDecoder} decodes only what is read (Blosc decodes only the blocks that
   * hold the bytes asked for) rather than the whole input. A chain reads a small part of a chunk
   * through partial decoders only when every bytes stage says so. The default is {@code false}.
   */
  default boolean decodesPartially() {
    return false;
  }

  /**
   * Whether {@link #partialDecoder} reads all of its input whatever is read from it: a zstd frame
   * decodes from its start, so its partial decoder reads the compressed value whole and only stops
   * decoding early. A chain whose outermost bytes stage does so has its stored values read whole,
   * in one piece (one request from a network store, where an opened value would cost a HEAD more),
   * rather than opened for ranged reads. The default is {@code !decodesPartially()}.
   */
  default boolean readsWholeInput() {
    return !decodesPartially();
  }

  /**
   * The decoded bytes of the input {@code encoded} serves, as a source that decodes only what is
   * read where the stage can (see {@link #decodesPartially()}). The default decodes the whole input
   * on the first read and serves every read from it.
   *
   * @param decoded what the decoded bytes look like (their size bound)
   */
  default ByteSource partialDecoder(ByteSource encoded, BytesSpec decoded, CodecOptions options) {
    return new ByteSource() {
      private ByteBuffer bytes;

      private ByteBuffer bytes() {
        if (bytes == null) {
          bytes = decode(encoded.readAll(), decoded, options);
        }
        return bytes;
      }

      @Override
      public long size() {
        return bytes().remaining();
      }

      @Override
      public void read(long offset, ByteBuffer dst) {
        ByteBuffer b = bytes();
        int len = dst.remaining();
        Objects.checkFromIndexSize(offset, len, b.remaining());
        dst.put(b.slice(b.position() + (int) offset, len));
      }

      @Override
      public ByteBuffer readAll() {
        return bytes().duplicate();
      }

      @Override
      public void close() {
        encoded.close();
      }
    };
  }
}
