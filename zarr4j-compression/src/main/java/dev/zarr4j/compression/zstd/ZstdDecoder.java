package dev.zarr4j.compression.zstd;

import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.compression.XxHash64;
import java.util.Arrays;

/**
 * A pure-Java Zstandard decoder (RFC 8878) for whole inputs: one or more frames, with skippable
 * frames skipped, into a caller's range or into a buffer that grows up to a limit. Dictionaries are
 * not supported.
 *
 * <p>The input may be hostile: nothing is read outside {@code src[sOff, sOff+sLen)}, nothing is
 * written outside the output range, and malformed data is reported as a {@link
 * DecompressionException} naming the data. A decoder keeps its tables between calls to avoid
 * allocating; it is not thread-safe, so use one per thread.
 */
public final class ZstdDecoder {
  /** The largest block the format allows (and so the most literals in a block). */
  static final int MAX_BLOCK_SIZE = 128 << 10;

  private static final int MAGIC = 0xFD2FB528;
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE_MAGIC = 0x184D2A50;

  private final ZstdLiteralsDecoder literals = new ZstdLiteralsDecoder();
  private final ZstdSequenceDecoder sequences = new ZstdSequenceDecoder();
  private final Limit limit = new Limit();

  /** The output: in growing mode it is replaced as it grows. */
  private byte[] out;

  /** The end of the usable part of {@link #out}. */
  private int outEnd;

  /** Whether {@link #out} may grow, up to {@link #growMax}. */
  private boolean growing;

  private int growMax;

  /** Creates a decoder with empty tables. */
  public ZstdDecoder() {}

  /**
   * Decodes every frame in {@code src[sOff, sOff+sLen)} into {@code dst} from {@code dOff}.
   *
   * @param dLen the room in {@code dst}; decoding to more is an error
   * @param what names the data in error messages
   * @return the number of bytes written
   * @throws DecompressionException if the data is malformed or decodes to more than {@code dLen}
   *     bytes
   */
  public int decode(byte[] src, int sOff, int sLen, byte[] dst, int dOff, int dLen, String what) {
    checkRange(src, sOff, sLen, "input");
    checkRange(dst, dOff, dLen, "output");
    out = dst;
    outEnd = dOff + dLen;
    growing = false;
    limit.reset(dLen, false);
    try {
      return decodeFrames(src, sOff, sLen, dOff, what) - dOff;
    } catch (IndexOutOfBoundsException e) {
      throw unexpected(what, e);
    } finally {
      out = null;
    }
  }

  /**
   * Decodes every frame in {@code src[sOff, sOff+sLen)} into a new array of exactly the decoded
   * size, which may not exceed {@code maxSize}; the buffer grows as decoding goes.
   *
   * @throws DecompressionException if the data is malformed or decodes to more than {@code maxSize}
   *     bytes
   */
  public byte[] decodeGrowing(byte[] src, int sOff, int sLen, int maxSize, String what) {
    checkRange(src, sOff, sLen, "input");
    if (maxSize < 0) {
      throw new IllegalArgumentException("zstd: negative size limit");
    }
    out = new byte[(int) Math.min(maxSize, Math.max(1024, 4L * sLen))];
    outEnd = out.length;
    growing = true;
    growMax = maxSize;
    limit.reset(maxSize, true);
    try {
      int n = decodeFrames(src, sOff, sLen, 0, what);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (IndexOutOfBoundsException e) {
      throw unexpected(what, e);
    } finally {
      out = null;
    }
  }

  private static void checkRange(byte[] a, int off, int len, String name) {
    if (off < 0 || len < 0 || off > a.length - len) {
      throw new IllegalArgumentException("zstd: bad " + name + " range");
    }
  }

  /** A last resort: malformed data that slipped past the explicit checks. */
  private static DecompressionException unexpected(String what, IndexOutOfBoundsException e) {
    return new DecompressionException(what + ": corrupt zstd data (" + e.getMessage() + ")", e);
  }

  /** A {@link DecompressionException} for corrupt data. */
  static DecompressionException corrupt(String what, String problem) {
    return new DecompressionException(what + ": corrupt zstd data: " + problem);
  }

  /** Decodes all frames; returns the output position after them. */
  private int decodeFrames(byte[] src, int sOff, int sLen, int d, String what) {
    if (sLen == 0) {
      throw new DecompressionException(what + ": empty input is not a zstd frame");
    }
    int end = sOff + sLen;
    int p = sOff;
    while (p < end) {
      if (end - p < 4) {
        throw corrupt(what, "truncated frame header at input byte " + (p - sOff));
      }
      int magic = LittleEndian.getInt(src, p);
      if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
        if (end - p < 8) {
          throw corrupt(what, "truncated skippable frame at input byte " + (p - sOff));
        }
        long size = LittleEndian.getInt(src, p + 4) & 0xFFFFFFFFL;
        if (size > end - p - 8) {
          throw corrupt(what, "truncated skippable frame at input byte " + (p - sOff));
        }
        p += 8 + (int) size;
        continue;
      }
      if (magic != MAGIC) {
        throw corrupt(
            what,
            "not a zstd frame at input byte "
                + (p - sOff)
                + " (magic 0x"
                + Integer.toHexString(magic)
                + ")");
      }
      p = decodeFrame(src, p + 4, end, d, what);
      d = frameEnd;
    }
    return d;
  }

  /** The output position after the frame last decoded by {@link #decodeFrame}. */
  private int frameEnd;

  /** Decodes one frame whose header starts at {@code p}; returns the input position after it. */
  private int decodeFrame(byte[] src, int p, int end, int d, String what) {
    if (p >= end) {
      throw corrupt(what, "truncated frame header");
    }
    int descriptor = src[p++] & 0xFF;
    int sizeFlag = descriptor >>> 6;
    boolean singleSegment = (descriptor & 0x20) != 0;
    if ((descriptor & 0x08) != 0) {
      throw corrupt(what, "frame header has the reserved bit set");
    }
    boolean checksum = (descriptor & 0x04) != 0;
    int dictIdSize = (1 << (descriptor & 3)) >>> 1; // 0, 1, 2, 4
    int sizeSize = sizeFlag == 0 ? (singleSegment ? 1 : 0) : 1 << sizeFlag;
    if (end - p < (singleSegment ? 0 : 1) + dictIdSize + sizeSize) {
      throw corrupt(what, "truncated frame header");
    }
    long windowSize = 0;
    if (!singleSegment) {
      int w = src[p++] & 0xFF;
      int log = 10 + (w >>> 3);
      long base = 1L << log;
      windowSize = base + (base >>> 3) * (w & 7);
    }
    long dictId = 0;
    for (int i = dictIdSize - 1; i >= 0; i--) {
      dictId = dictId << 8 | (src[p + i] & 0xFF);
    }
    p += dictIdSize;
    if (dictId != 0) {
      throw new DecompressionException(
          what + ": zstd frame needs dictionary " + dictId + "; dictionaries are unsupported");
    }
    long contentSize = -1;
    if (sizeSize > 0) {
      contentSize = 0;
      for (int i = sizeSize - 1; i >= 0; i--) {
        contentSize = contentSize << 8 | (src[p + i] & 0xFF);
      }
      if (sizeSize == 2) {
        contentSize += 256;
      }
      p += sizeSize;
      if (contentSize < 0) {
        throw corrupt(what, "frame claims an impossible size");
      }
    }
    if (singleSegment) {
      windowSize = contentSize;
    }
    if (contentSize >= 0) {
      if (contentSize > outEnd - d && !growing || growing && contentSize > growMax - d) {
        throw limit.frameTooLarge(what, contentSize);
      }
    }
    int blockMax = (int) Math.min(windowSize, MAX_BLOCK_SIZE);
    literals.reset();
    sequences.reset();
    int frameStart = d;
    while (true) {
      if (end - p < 3) {
        throw corrupt(what, "truncated block header");
      }
      int header = (src[p] & 0xFF) | (src[p + 1] & 0xFF) << 8 | (src[p + 2] & 0xFF) << 16;
      p += 3;
      boolean last = (header & 1) != 0;
      int type = (header >>> 1) & 3;
      int size = header >>> 3;
      if (size > blockMax) {
        throw corrupt(what, "block of " + size + " bytes exceeds the maximum of " + blockMax);
      }
      switch (type) {
        case 0 -> {
          if (size > end - p) {
            throw corrupt(what, "truncated raw block");
          }
          reserve(d, size);
          if (size > outEnd - d) {
            throw limit.exceeded(what);
          }
          System.arraycopy(src, p, out, d, size);
          p += size;
          d += size;
        }
        case 1 -> {
          if (p >= end) {
            throw corrupt(what, "truncated RLE block");
          }
          reserve(d, size);
          if (size > outEnd - d) {
            throw limit.exceeded(what);
          }
          Arrays.fill(out, d, d + size, src[p]);
          p += 1;
          d += size;
        }
        case 2 -> {
          if (size > end - p) {
            throw corrupt(what, "truncated compressed block");
          }
          reserve(d, blockMax);
          int blockEnd = p + size;
          int dEnd = outEnd;
          if (dEnd - d > blockMax) {
            dEnd = d + blockMax;
            limit.blockMax = blockMax;
          } else {
            limit.blockMax = -1;
          }
          int litEnd = literals.read(src, p, blockEnd, blockMax, what);
          d =
              sequences.execute(
                  src,
                  litEnd,
                  blockEnd,
                  literals,
                  out,
                  d,
                  dEnd,
                  frameStart,
                  windowSize,
                  limit,
                  what);
          limit.blockMax = -1;
          p = blockEnd;
        }
        default -> throw corrupt(what, "block of reserved type 3");
      }
      if (contentSize >= 0 && d - frameStart > contentSize) {
        throw corrupt(what, "frame decodes to more than its declared " + contentSize + " bytes");
      }
      if (last) {
        break;
      }
    }
    if (contentSize >= 0 && d - frameStart != contentSize) {
      throw corrupt(
          what, "frame decodes to " + (d - frameStart) + " bytes, not its declared " + contentSize);
    }
    if (checksum) {
      if (end - p < 4) {
        throw corrupt(what, "truncated frame checksum");
      }
      int expected = LittleEndian.getInt(src, p);
      p += 4;
      if (XxHash64.zstdChecksum(out, frameStart, d - frameStart) != expected) {
        throw new DecompressionException(what + ": zstd frame checksum mismatch (data is corrupt)");
      }
    }
    frameEnd = d;
    return p;
  }

  /** In growing mode, makes room for {@code n} more bytes from {@code d}, within the limit. */
  private void reserve(int d, int n) {
    if (!growing || n <= outEnd - d) {
      return;
    }
    long want = Math.min((long) growMax, Math.max(2L * out.length, (long) d + n));
    if (want > out.length) {
      out = Arrays.copyOf(out, (int) want);
      outEnd = out.length;
    }
  }

  /** Describes the output limit a block ran into, for error messages. */
  static final class Limit {
    private long outputMax;
    private boolean growing;
    private int blockMax = -1;

    void reset(long max, boolean grow) {
      outputMax = max;
      growing = grow;
      blockMax = -1;
    }

    /** The error for output that would pass the limit of the current block or of the output. */
    DecompressionException exceeded(String what) {
      if (blockMax >= 0) {
        return corrupt(what, "block decodes to more than the maximum of " + blockMax + " bytes");
      }
      return new DecompressionException(
          what
              + ": zstd data decodes to more than "
              + (growing ? "the limit of " : "the expected ")
              + outputMax
              + " bytes");
    }

    DecompressionException frameTooLarge(String what, long size) {
      return new DecompressionException(
          what
              + ": zstd frame declares "
              + size
              + " bytes, more than "
              + (growing ? "the limit of " : "the expected ")
              + outputMax
              + " bytes in all");
    }
  }
}
