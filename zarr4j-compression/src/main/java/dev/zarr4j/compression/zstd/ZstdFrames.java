package dev.zarr4j.compression.zstd;

import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.LittleEndian;

/**
 * Walks the frames of a Zstandard stream (RFC 8878) without decoding them, to learn the total
 * decoded size before any buffer is allocated and to reject truncated or foreign input early.
 */
public final class ZstdFrames {
  private static final int MAGIC = 0xFD2FB528;
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;

  private ZstdFrames() {}

  /**
   * Returns the total decoded size of every frame in {@code src[off, off+len)}, or -1 if some frame
   * does not record its size.
   *
   * @throws DecompressionException if the data is not a well-formed sequence of zstd frames
   */
  public static long contentSize(byte[] src, int off, int len, String what) {
    int end = off + len;
    int p = off;
    long total = 0;
    boolean unknown = false;
    if (len == 0) {
      throw new DecompressionException(what + ": empty input is not a zstd frame");
    }
    while (p < end) {
      if (end - p < 4) {
        throw new DecompressionException(
            what + ": truncated zstd frame header at offset " + (p - off));
      }
      int magic = LittleEndian.getInt(src, p);
      if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
        if (end - p < 8) {
          throw new DecompressionException(
              what + ": truncated skippable frame at offset " + (p - off));
        }
        long size = LittleEndian.getInt(src, p + 4) & 0xFFFFFFFFL;
        if (size > end - p - 8) {
          throw new DecompressionException(
              what + ": truncated skippable frame at offset " + (p - off));
        }
        p += 8 + (int) size;
        continue;
      }
      if (magic != MAGIC) {
        throw new DecompressionException(
            what
                + ": not a zstd frame at offset "
                + (p - off)
                + " (magic 0x"
                + Integer.toHexString(magic)
                + ")");
      }
      p += 4;
      if (p >= end) {
        throw new DecompressionException(what + ": truncated zstd frame header");
      }
      int fhd = src[p++] & 0xFF;
      int fcsFlag = fhd >>> 6;
      boolean singleSegment = (fhd & 0x20) != 0;
      boolean checksum = (fhd & 0x04) != 0;
      int dictFlag = fhd & 0x03;
      if ((fhd & 0x08) != 0) {
        throw new DecompressionException(what + ": zstd frame header has the reserved bit set");
      }
      int headerRest =
          (singleSegment ? 0 : 1)
              + (dictFlag == 0 ? 0 : dictFlag == 1 ? 1 : dictFlag == 2 ? 2 : 4)
              + (fcsFlag == 0 ? (singleSegment ? 1 : 0) : fcsFlag == 1 ? 2 : fcsFlag == 2 ? 4 : 8);
      if (end - p < headerRest) {
        throw new DecompressionException(what + ": truncated zstd frame header");
      }
      p +=
          (singleSegment ? 0 : 1) + (dictFlag == 0 ? 0 : dictFlag == 1 ? 1 : dictFlag == 2 ? 2 : 4);
      long fcs;
      switch (fcsFlag) {
        case 0 -> {
          if (singleSegment) {
            fcs = src[p] & 0xFF;
            p += 1;
          } else {
            fcs = -1;
          }
        }
        case 1 -> {
          fcs = (LittleEndian.getShort(src, p) & 0xFFFF) + 256L;
          p += 2;
        }
        case 2 -> {
          fcs = LittleEndian.getInt(src, p) & 0xFFFFFFFFL;
          p += 4;
        }
        default -> {
          fcs = LittleEndian.getLong(src, p);
          p += 8;
          if (fcs < 0) {
            throw new DecompressionException(what + ": zstd frame claims an impossible size");
          }
        }
      }
      // blocks
      while (true) {
        if (end - p < 3) {
          throw new DecompressionException(what + ": truncated zstd block header");
        }
        int bh = (src[p] & 0xFF) | (src[p + 1] & 0xFF) << 8 | (src[p + 2] & 0xFF) << 16;
        p += 3;
        boolean last = (bh & 1) != 0;
        int type = (bh >>> 1) & 3;
        int size = bh >>> 3;
        int stored =
            switch (type) {
              case 0, 2 -> size;
              case 1 -> 1;
              default -> throw new DecompressionException(what + ": zstd block of reserved type");
            };
        if (end - p < stored) {
          throw new DecompressionException(what + ": truncated zstd block");
        }
        p += stored;
        if (last) {
          break;
        }
      }
      if (checksum) {
        if (end - p < 4) {
          throw new DecompressionException(what + ": truncated zstd frame checksum");
        }
        p += 4;
      }
      if (fcs < 0) {
        unknown = true;
      } else {
        total += fcs;
        if (total < 0) {
          throw new DecompressionException(what + ": zstd frames claim an impossible size");
        }
      }
    }
    return unknown ? -1 : total;
  }
}
