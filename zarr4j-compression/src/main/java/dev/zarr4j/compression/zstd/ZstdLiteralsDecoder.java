package dev.zarr4j.compression.zstd;

import java.util.Arrays;

/**
 * The literals section of a compressed Zstandard block (RFC 8878 section 3.1.1.3.1): raw, RLE,
 * Huffman-coded with a new tree, or Huffman-coded with the previous block's tree ("treeless").
 *
 * <p>After {@link #read} the literals are {@code bytes()[start(), end())}; raw literals are left in
 * the input, the others are decoded into a buffer owned by this object. Reading up to {@code
 * readLimit()} is allowed, so the sequence executor can copy short runs with wide moves.
 */
final class ZstdLiteralsDecoder {
  /** Room after the literals in the buffer, for wide copies past their end. */
  static final int SLACK = 32;

  private final ZstdHuffmanDecoder huffman = new ZstdHuffmanDecoder();
  private final byte[] buffer = new byte[ZstdDecoder.MAX_BLOCK_SIZE + SLACK];

  private byte[] bytes;
  private int start;
  private int end;
  private int readLimit;

  /** Forgets the Huffman tree, as at the start of a frame. */
  void reset() {
    huffman.reset();
  }

  byte[] bytes() {
    return bytes;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  int readLimit() {
    return readLimit;
  }

  /**
   * Reads the literals section at the start of the block {@code src[p, blockEnd)}.
   *
   * @param maxSize the most literals a block may hold
   * @return the offset of the sequences section
   */
  int read(byte[] src, int p, int blockEnd, int maxSize, String what) {
    if (p >= blockEnd) {
      throw ZstdDecoder.corrupt(what, "compressed block has no literals section");
    }
    int b0 = src[p] & 0xFF;
    int type = b0 & 3;
    int format = (b0 >>> 2) & 3;
    if (type <= 1) {
      int size;
      int headerSize = format == 1 ? 2 : format == 3 ? 3 : 1;
      if (blockEnd - p < headerSize) {
        throw ZstdDecoder.corrupt(what, "literals section header is cut off");
      }
      size =
          switch (format) {
            case 1 -> (b0 >>> 4) | (src[p + 1] & 0xFF) << 4;
            case 3 -> (b0 >>> 4) | (src[p + 1] & 0xFF) << 4 | (src[p + 2] & 0xFF) << 12;
            default -> b0 >>> 3;
          };
      p += headerSize;
      checkSize(size, maxSize, what);
      if (type == 0) {
        if (size > blockEnd - p) {
          throw ZstdDecoder.corrupt(what, "raw literals run past the block");
        }
        set(src, p, p + size, blockEnd);
        return p + size;
      }
      if (p >= blockEnd) {
        throw ZstdDecoder.corrupt(what, "RLE literals byte is missing");
      }
      Arrays.fill(buffer, 0, size, src[p]);
      set(buffer, 0, size, buffer.length);
      return p + 1;
    }
    int headerSize = format <= 1 ? 3 : format + 2;
    int sizeBits = format <= 1 ? 10 : format == 2 ? 14 : 18;
    if (blockEnd - p < headerSize) {
      throw ZstdDecoder.corrupt(what, "literals section header is cut off");
    }
    long header = 0;
    for (int i = headerSize - 1; i >= 0; i--) {
      header = header << 8 | (src[p + i] & 0xFF);
    }
    int mask = (1 << sizeBits) - 1;
    int size = (int) (header >>> 4) & mask;
    int compressedSize = (int) (header >>> (4 + sizeBits)) & mask;
    p += headerSize;
    checkSize(size, maxSize, what);
    if (compressedSize > blockEnd - p) {
      throw ZstdDecoder.corrupt(what, "compressed literals run past the block");
    }
    int cEnd = p + compressedSize;
    if (type == 2) {
      p = huffman.readTable(src, p, cEnd, what);
    } else if (!huffman.ready()) {
      throw ZstdDecoder.corrupt(what, "treeless literals without a previous Huffman tree");
    }
    if (format == 0) {
      huffman.decode1(src, p, cEnd, buffer, 0, size, what);
    } else {
      huffman.decode4(src, p, cEnd, buffer, 0, size, what);
    }
    set(buffer, 0, size, buffer.length);
    return cEnd;
  }

  private static void checkSize(int size, int maxSize, String what) {
    if (size > maxSize) {
      throw ZstdDecoder.corrupt(
          what, size + " literals exceed the block maximum of " + maxSize + " bytes");
    }
  }

  private void set(byte[] b, int s, int e, int limit) {
    bytes = b;
    start = s;
    end = e;
    readLimit = limit;
  }
}
