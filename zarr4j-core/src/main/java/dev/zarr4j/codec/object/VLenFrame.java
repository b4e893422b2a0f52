package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * numcodecs' variable-length frame, shared by {@code vlen-utf8}, {@code vlen-bytes} and {@code
 * vlen-array}: a little-endian {@code uint32} item count, then per item a little-endian {@code
 * uint32} byte length followed by that many bytes. Bytes after the last item are ignored, as
 * numcodecs ignores them.
 */
final class VLenFrame {
  /** The largest frame zarr4j writes: what a Java array can hold, with a margin. */
  static final long MAX_FRAME = Integer.MAX_VALUE - 16;

  private VLenFrame() {}

  /**
   * Builds a frame from the items' bytes.
   *
   * @param codec the codec id, for messages
   * @param items one byte array per element; {@code null} is written as an empty item
   */
  static ByteBuffer write(String codec, byte[][] items) {
    long total = 4;
    for (byte[] item : items) {
      total += 4L + (item == null ? 0 : item.length);
      if (total > MAX_FRAME) {
        throw new CodecException(
            codec + ": the encoded chunk would exceed " + MAX_FRAME + " bytes");
      }
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(items.length);
    for (byte[] item : items) {
      if (item == null) {
        out.putInt(0);
      } else {
        out.putInt(item.length);
        out.put(item);
      }
    }
    out.flip();
    return out;
  }

  /**
   * Starts reading a frame that must hold exactly {@code count} items.
   *
   * @throws CodecException if the header is missing or holds another count
   */
  static Reader read(String codec, ByteBuffer encoded, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    ByteSlice s = ByteSlice.of(encoded);
    if (s.length() < 4) {
      throw new CodecException(
          codec + ": corrupt chunk, missing or truncated header (" + s.length() + " bytes)");
    }
    long n = u32(s.array(), s.offset());
    if (n != count) {
      throw new CodecException(codec + ": the chunk holds " + n + " items, expected " + count);
    }
    // Every item takes at least its 4-byte length: a count the bytes cannot hold is corrupt.
    if (n > (s.length() - 4) / 4) {
      throw new CodecException(
          codec + ": corrupt chunk, " + n + " items cannot fit in " + s.length() + " bytes");
    }
    return new Reader(codec, s.array(), s.offset() + 4, s.offset() + s.length());
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24;
  }

  /** Walks the items of a frame; each call to {@link #next()} validates one item's length. */
  static final class Reader {
    private final String codec;
    private final byte[] bytes;
    private final int end;
    private int pos;
    private int itemOffset;
    private int itemLength;
    private int index;

    private Reader(String codec, byte[] bytes, int pos, int end) {
      this.codec = codec;
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    /** Advances to the next item, checking that its bytes are all present. */
    void next() {
      if (end - pos < 4) {
        throw new CodecException(
            codec + ": corrupt chunk, data seem truncated at the length of item " + index);
      }
      long len = u32(bytes, pos);
      pos += 4;
      if (len > end - pos) {
        throw new CodecException(
            codec
                + ": corrupt chunk, item "
                + index
                + " claims "
                + len
                + " bytes but only "
                + (end - pos)
                + " remain");
      }
      itemOffset = pos;
      itemLength = (int) len;
      pos += itemLength;
      index++;
    }

    /** The array holding the current item's bytes. */
    byte[] array() {
      return bytes;
    }

    /** The current item's first byte in {@link #array()}. */
    int offset() {
      return itemOffset;
    }

    /** The current item's length in bytes. */
    int length() {
      return itemLength;
    }

    /** The index of the current item. */
    int index() {
      return index - 1;
    }
  }
}
