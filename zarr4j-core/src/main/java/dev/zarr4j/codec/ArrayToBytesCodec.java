package dev.zarr4j.codec;

import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ValueParts;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The stage that serialises a chunk in array form to bytes: the raw layout of fixed-size elements
 * in a byte order ({@code bytes}), an object codec ({@code vlen-utf8}, {@code json2}, ...), N5's
 * block format, sharding. A {@link CodecChain} is one too, so a sharding codec can hold a whole
 * chain per inner chunk. Stages are immutable and thread-safe.
 */
public non-sealed interface ArrayToBytesCodec extends Codec {

  /**
   * What this stage's bytes look like for chunks of {@code decoded}: their size bound and the
   * element type the next stage sees.
   *
   * @throws dev.zarr4j.exceptions.CodecException naming the codec if it cannot encode such chunks
   */
  BytesSpec resolve(ChunkSpec decoded);

  /**
   * The most bytes an encoded chunk of {@code decoded} can have, or {@link BytesSpec#UNBOUNDED}
   * when no bound is known (an object codec's text has none): a reader refuses a stored chunk
   * larger than this before reading it. The default is the bound {@link #resolve} gives; a stage
   * that compresses (N5's blocks) or holds chains (sharding) gives its worst case.
   */
  default long maxEncodedSize(ChunkSpec decoded) {
    return resolve(decoded).maxSize();
  }

  /**
   * Encodes one chunk.
   *
   * @param decoded a chunk whose spec {@link #resolve} accepted
   * @return a buffer positioned at 0 whose remaining bytes are the encoded form
   * @throws dev.zarr4j.exceptions.CodecException if encoding fails
   */
  ByteBuffer encode(ChunkArray decoded, CodecOptions options);

  /**
   * Decodes one chunk.
   *
   * @param encoded the encoded bytes (their remaining bytes; position untouched)
   * @param decoded the spec of the result
   * @throws dev.zarr4j.exceptions.CodecException if the bytes are corrupt or do not hold a chunk of
   *     that spec
   */
  ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options);

  /**
   * When this stage stores a chunk as a grid of smaller chunks each encoded on its own (sharding):
   * their shape and codecs; {@code null} (the default) otherwise.
   */
  default InnerChunks innerChunks() {
    return null;
  }

  /**
   * This stage with every setting that depends on the chunks it encodes written out for chunks of
   * {@code decoded}, as an array's metadata records it (see {@link
   * BytesToBytesCodec#forInput(BytesSpec)}). A {@link CodecChain} asks each of its stages; a stage
   * holding a chain (sharding) asks that chain. The default is this stage.
   */
  default ArrayToBytesCodec forChunks(ChunkSpec decoded) {
    return this;
  }

  /**
   * When the encoded bytes are the chunk's elements themselves, in C order with nothing around
   * them: the data type whose byte layout they follow (its byte order may differ from {@code
   * decoded}'s); else {@code null}. A chain then reads and writes chunk elements straight from and
   * to those bytes, without building a chunk in between. The default is {@code null}.
   */
  default DataType rawElementType(ChunkSpec decoded) {
    return null;
  }

  /**
   * Whether a chunk of {@code decoded} whose every element is the fill value has nothing to store,
   * so a writer deletes it (or never writes it) even where an array stores chunks equal to the fill
   * value ({@code write_empty_chunks}). A sharding codec says so: such a shard has no inner chunk
   * to store, and Zarr implementations leave it out. Encoding such a chunk still works (it gives a
   * valid encoded form that decodes to the fill value). The default is {@code false}.
   */
  default boolean omitsFillValueChunks(ChunkSpec decoded) {
    return false;
  }

  /**
   * Whether {@link #partialDecoder} decodes only the parts asked for (given an input that serves
   * ranges) rather than the whole chunk, for chunks of {@code decoded}. The default is {@code
   * false}.
   */
  default boolean decodesPartially(ChunkSpec decoded) {
    return false;
  }

  /**
   * Whether even a whole chunk of {@code decoded} is best read through {@link #partialDecoder}
   * (then it decodes straight into the caller's view) rather than {@link #decode} and a copy: true
   * for a stage that stores a chunk as pieces decoded on their own (sharding), whose whole decode
   * would build the chunk in between. The default is {@code false}.
   */
  default boolean prefersPartialDecoding(ChunkSpec decoded) {
    return false;
  }

  /**
   * A decoder of parts of one chunk whose encoded bytes {@code encoded} serves (typically only
   * where they are read). The default decodes the whole chunk on first use; stages whose parts can
   * be decoded alone (the raw layout: element runs) override it.
   */
  default ArrayPartialDecoder partialDecoder(
      ByteSource encoded, ChunkSpec decoded, CodecOptions options) {
    return ArrayPartialDecoder.decodingWhole(
        decoded, () -> decode(encoded.readAll(), decoded, options));
  }

  /**
   * Whether {@link #encodePartially} changes a stored chunk of {@code decoded} without decoding and
   * re-encoding all of it (a sharding codec re-encodes only the inner chunks a write touches and
   * copies the others' bytes), so that a writer should prefer it to decode, merge and encode for a
   * write that covers part of a chunk. The default is {@code false}.
   */
  default boolean encodesPartially(ChunkSpec decoded) {
    return false;
  }

  /**
   * Applies {@code write} to one stored chunk and returns the chunk's new encoded form: the
   * read-modify-write of a write that covers part of a chunk. The caller serialises writes to one
   * chunk (a writer holds the chunk's lock across reading {@code existing} and storing the result),
   * stores what this returns under the chunk's key, and deletes the key when it returns empty.
   *
   * <p>The default decodes the whole stored chunk (or starts from the fill value when there is
   * none), applies the write and encodes the result; stages that {@link #encodesPartially} do less
   * (and read only the parts of {@code existing} they need).
   *
   * @param existing the chunk's stored bytes, or {@code null} when the chunk is not stored (every
   *     element is the fill value); read only during the call, not closed
   * @param decoded the spec of the chunk
   * @param write the positions to change and their new values
   * @return the new encoded chunk as parts: new bytes, and ranges of {@code existing} a stage keeps
   *     unchanged (a shard's untouched inner chunks), which the caller stores while {@code
   *     existing} is still open ({@link dev.zarr4j.store.WritableStore#set(String, ValueParts)}: a
   *     directory store copies those ranges file to file); or empty when the chunk now holds only
   *     the fill value and this stage stores nothing for such a chunk ({@link
   *     #omitsFillValueChunks}), so the caller deletes it
   * @throws dev.zarr4j.exceptions.CodecException if the stored chunk is corrupt or the new one
   *     cannot be encoded; nothing was stored then
   */
  default Optional<ValueParts> encodePartially(
      ByteSource existing, ChunkSpec decoded, ChunkWrite write, CodecOptions options) {
    ChunkArray chunk =
        existing == null
            ? ChunkArray.filled(decoded)
            : decode(existing.readAll(), decoded, options).copy();
    write.applyTo(chunk);
    if (omitsFillValueChunks(decoded) && chunk.isFilledWith(decoded.fillValue())) {
      return Optional.empty();
    }
    return Optional.of(ValueParts.of(encode(chunk, options)));
  }
}
