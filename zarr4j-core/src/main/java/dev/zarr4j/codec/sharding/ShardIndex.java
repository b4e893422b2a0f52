package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The decoded, checked index of one shard: per inner chunk (C order) where its bytes are in the
 * shard, or that it is missing. Construction checks every entry, so readers trust them.
 */
final class ShardIndex {
  /** Offset and size of a missing inner chunk: 2^64-1. */
  static final long MISSING = -1L;

  private final long[] entries; // offset, nbytes per inner chunk
  private final int missing;
  private final ByteBuffer encoded; // the bytes it was decoded from

  private ShardIndex(long[] entries, int missing, ByteBuffer encoded) {
    this.entries = entries;
    this.missing = missing;
    this.encoded = encoded;
  }

  /**
   * Decodes an index read from a shard of {@code shardSize} bytes, where it took the bytes from
   * {@code indexStart}, and checks each entry: both fields 2^64-1 or neither, the bytes inside the
   * shard, not overlapping the index.
   *
   * @throws CodecException naming the shard index, and the inner chunk and field at fault
   */
  static ShardIndex decode(
      ShardLayout layout,
      CodecChain indexCodecs,
      ByteBuffer encoded,
      long shardSize,
      long indexStart,
      CodecOptions options) {
    ByteBuffer stored = encoded.slice();
    ChunkArray a;
    try {
      a = indexCodecs.decode(encoded, layout.index, options).contiguous();
    } catch (CodecException e) {
      throw new CodecException("shard index: " + e.getMessage(), e);
    }
    long[] entries = new long[2 * layout.count];
    a.bytes().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(entries);
    long indexEnd = indexStart + layout.indexSize;
    int missing = 0;
    for (int i = 0; i < layout.count; i++) {
      long off = entries[2 * i];
      long nb = entries[2 * i + 1];
      if (off == MISSING && nb == MISSING) {
        missing++;
        continue;
      }
      if (off == MISSING || nb == MISSING) {
        String bad = off == MISSING ? "offset" : "nbytes";
        String other = off == MISSING ? "nbytes" : "offset";
        throw new CodecException(
            "shard index: inner chunk "
                + layout.coords(i)
                + " has "
                + bad
                + " 2^64-1 (missing) but "
                + other
                + " "
                + Long.toUnsignedString(off == MISSING ? nb : off)
                + "; a missing inner chunk has both fields 2^64-1, a stored one neither");
      }
      if (Long.compareUnsigned(off, shardSize) > 0) {
        throw new CodecException(
            "shard index: inner chunk "
                + layout.coords(i)
                + " has offset "
                + Long.toUnsignedString(off)
                + ", past the end of the shard ("
                + shardSize
                + " bytes)");
      }
      if (Long.compareUnsigned(nb, shardSize - off) > 0) {
        throw new CodecException(
            "shard index: inner chunk "
                + layout.coords(i)
                + " has offset "
                + off
                + " and nbytes "
                + Long.toUnsignedString(nb)
                + ", which reach past the end of the shard ("
                + shardSize
                + " bytes)");
      }
      if (nb > Integer.MAX_VALUE - 64) {
        throw new CodecException(
            "shard index: inner chunk "
                + layout.coords(i)
                + " has nbytes "
                + nb
                + ", more than one buffer holds");
      }
      if (nb > 0 && off < indexEnd && off + nb > indexStart) {
        throw new CodecException(
            "shard index: inner chunk "
                + layout.coords(i)
                + " has offset "
                + off
                + " and nbytes "
                + nb
                + ", which overlap the shard index itself (bytes ["
                + indexStart
                + ", "
                + indexEnd
                + "))");
      }
    }
    return new ShardIndex(entries, missing, stored);
  }

  /**
   * Encodes an index of {@code entries} (offset, nbytes per inner chunk; 2^64-1 for missing ones)
   * through the index chain.
   *
   * @throws CodecException if the chain's output does not have the size the layout expects
   */
  static ByteBuffer encode(
      ShardLayout layout, CodecChain indexCodecs, long[] entries, CodecOptions options) {
    ByteBuffer raw = ByteBuffer.allocate(entries.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(entries);
    ByteBuffer enc = indexCodecs.encode(ChunkArray.ofBytes(layout.index, raw), options);
    if (enc.remaining() != layout.indexSize) {
      throw new CodecException(
          "shard index: index_codecs gave "
              + enc.remaining()
              + " bytes, expected "
              + layout.indexSize);
    }
    return enc;
  }

  /** Whether inner chunk {@code i} is missing (reads as the fill value). */
  boolean isMissing(int i) {
    return entries[2 * i] == MISSING;
  }

  /** Where inner chunk {@code i}'s bytes start in the shard. */
  long offset(int i) {
    return entries[2 * i];
  }

  /** How many bytes inner chunk {@code i} has. */
  int nbytes(int i) {
    return (int) entries[2 * i + 1];
  }

  /** The stored bytes this index was decoded from (a read-only view). */
  ByteBuffer encoded() {
    return encoded.asReadOnlyBuffer();
  }

  /** A copy of the entries: offset, nbytes per inner chunk (2^64-1 both for a missing one). */
  long[] entries() {
    return entries.clone();
  }

  /** How many inner chunks are missing. */
  int missingCount() {
    return missing;
  }
}
