package dev.zarr4j.codec.blosc;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;

/**
 * The 16-byte header of a Blosc1 frame, read without validation of the data that follows.
 *
 * @param version the frame format version (2 for c-blosc 1.x)
 * @param versionLz the compressor's format version (1)
 * @param flags the flag byte: bit 0 byte shuffle, bit 1 stored uncompressed, bit 2 bit shuffle, bit
 *     4 blocks not split, bits 5-7 compressor format code
 * @param typeSize the item size used for shuffling (1..255)
 * @param nbytes the decoded size
 * @param blockSize the size of each block but perhaps the last
 * @param cbytes the size of the whole frame, header included
 */
public record BloscHeader(
    int version, int versionLz, int flags, int typeSize, int nbytes, int blockSize, int cbytes) {

  /** The size of the header in bytes. */
  public static final int SIZE = 16;

  /**
   * Reads the header at the start of {@code frame}'s remaining bytes (its position is unchanged).
   *
   * @throws CodecException if fewer than 16 bytes remain
   */
  public static BloscHeader read(ByteBuffer frame) {
    if (frame.remaining() < SIZE) {
      throw new CodecException(
          "blosc: frame of " + frame.remaining() + " bytes is shorter than the 16-byte header");
    }
    byte[] h = new byte[SIZE];
    frame.duplicate().get(h);
    return read(h, 0, SIZE);
  }

  static BloscHeader read(byte[] a, int off, int len) {
    if (len < SIZE) {
      throw new CodecException(
          "blosc: frame of " + len + " bytes is shorter than the 16-byte header");
    }
    return new BloscHeader(
        a[off] & 0xFF,
        a[off + 1] & 0xFF,
        a[off + 2] & 0xFF,
        a[off + 3] & 0xFF,
        LittleEndian.getInt(a, off + 4),
        LittleEndian.getInt(a, off + 8),
        LittleEndian.getInt(a, off + 12));
  }

  /** Whether the data is stored uncompressed after the header. */
  public boolean isMemcpyed() {
    return (flags & 0x02) != 0;
  }

  /** Whether blocks are byte-shuffled. */
  public boolean isByteShuffled() {
    return (flags & 0x01) != 0;
  }

  /** Whether blocks are bit-shuffled. */
  public boolean isBitShuffled() {
    return (flags & 0x04) != 0;
  }

  /** Whether blocks are compressed whole rather than as one stream per byte of the item. */
  public boolean isSplitDisabled() {
    return (flags & 0x10) != 0;
  }

  /** The compressor format code (0 blosclz, 1 lz4/lz4hc, 2 snappy, 3 zlib, 4 zstd). */
  public int compressorFormat() {
    return (flags >>> 5) & 0x07;
  }
}
