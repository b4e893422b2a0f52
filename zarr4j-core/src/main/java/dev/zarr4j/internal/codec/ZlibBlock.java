package dev.zarr4j.internal.codec;

import dev.zarr4j.exceptions.CodecException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflate streams (zlib-wrapped or raw) through {@code java.util.zip}, with one reusable {@link
 * Deflater}/{@link Inflater} per thread. Thread-safe.
 */
public final class ZlibBlock {
  private ZlibBlock() {}

  /** Index: (level + 1) for zlib-wrapped, 11 + (level + 1) for raw. */
  private static final ThreadLocal<Deflater[]> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater[22]);

  private static final ThreadLocal<Inflater[]> INFLATERS =
      ThreadLocal.withInitial(() -> new Inflater[2]);

  /** Whether {@code level} is a valid zlib level (-1 = default, 0..9). */
  public static boolean isValidLevel(int level) {
    return level >= -1 && level <= 9;
  }

  /** An upper bound of the deflate output for {@code n} bytes, zlib header and trailer included. */
  public static int maxCompressedLength(int n) {
    long bound = (long) n + (n >>> 12) + (n >>> 14) + (n >>> 25) + 13 + 6 + 64;
    if (bound > Integer.MAX_VALUE - 16) {
      throw new CodecException("zlib: input of " + n + " bytes is too large to compress");
    }
    return (int) bound;
  }

  private static Deflater deflater(int level, boolean raw) {
    Deflater[] cache = DEFLATERS.get();
    int idx = (raw ? 11 : 0) + level + 1;
    Deflater d = cache[idx];
    if (d == null) {
      d = new Deflater(level, raw);
      cache[idx] = d;
    } else {
      d.reset();
    }
    return d;
  }

  /** A reset {@link Inflater} owned by the calling thread; do not keep it. */
  public static Inflater inflater(boolean raw) {
    Inflater[] cache = INFLATERS.get();
    int idx = raw ? 1 : 0;
    Inflater i = cache[idx];
    if (i == null) {
      i = new Inflater(raw);
      cache[idx] = i;
    } else {
      i.reset();
    }
    return i;
  }

  /**
   * Deflates {@code src} into {@code dst[dOff, dOff+dCap)}.
   *
   * @param raw true for a raw deflate stream, false for zlib's wrapper (header and Adler-32)
   * @return the compressed size, or -1 if it does not fit in {@code dCap} bytes
   */
  public static int deflate(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int dCap, int level, boolean raw) {
    Deflater d = deflater(level, raw);
    d.setInput(src, sOff, sLen);
    d.finish();
    int n = 0;
    while (!d.finished()) {
      if (n == dCap) {
        return -1;
      }
      n += d.deflate(dst, dOff + n, dCap - n);
    }
    return n;
  }

  /**
   * Inflates a zlib (or raw) stream that must expand to exactly {@code dLen} bytes.
   *
   * @throws CodecException if the stream is corrupt, truncated, or of another size
   */
  public static void inflateExact(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int dLen, boolean raw, String what) {
    Inflater inf = inflater(raw);
    inf.setInput(src, sOff, sLen);
    int n = 0;
    int stalls = 0;
    try {
      while (!inf.finished()) {
        if (stalls > 16) {
          throw new CodecException(what + ": deflate decoder made no progress");
        }
        if (n == dLen) {
          byte[] probe = new byte[1];
          if (inf.inflate(probe) > 0) {
            throw new CodecException(
                what + ": deflate data decodes to more than " + dLen + " bytes");
          }
          checkStalled(inf, sLen, what);
          stalls++;
          continue;
        }
        int r = inf.inflate(dst, dOff + n, dLen - n);
        n += r;
        if (r == 0) {
          checkStalled(inf, sLen, what);
          stalls++;
        } else {
          stalls = 0;
        }
      }
    } catch (DataFormatException e) {
      throw new CodecException(what + ": corrupt deflate data: " + e.getMessage(), e);
    }
    if (n != dLen) {
      throw new CodecException(
          what + ": deflate data decoded to " + n + " bytes, expected " + dLen);
    }
  }

  /** The result of {@link #inflate}: the bytes and how much input the stream used. */
  public record Inflated(byte[] data, int length, int inputUsed) {}

  /**
   * Inflates one stream of unknown decoded size, growing the output up to {@code maxDecodedSize}
   * bytes.
   *
   * @param sizeHint the expected size, or -1; used only to size the first buffer
   * @throws CodecException if the stream is corrupt, truncated or decodes to more than the limit
   */
  public static Inflated inflate(
      byte[] src, int sOff, int sLen, boolean raw, int sizeHint, int maxDecodedSize, String what) {
    Inflater inf = inflater(raw);
    inf.setInput(src, sOff, sLen);
    int limit = Math.max(maxDecodedSize, 0);
    long first = sizeHint >= 0 ? sizeHint : Math.max(1024L, 4L * sLen);
    byte[] out = new byte[(int) Math.min(first, limit)];
    byte[] probe = new byte[1];
    int n = 0;
    int stalls = 0;
    try {
      while (!inf.finished()) {
        if (stalls > 16) {
          throw new CodecException(what + ": deflate decoder made no progress");
        }
        if (n == out.length) {
          // Full: see whether anything more comes before growing.
          if (inf.inflate(probe) == 0) {
            checkStalled(inf, sLen, what);
            stalls++;
            continue;
          }
          if (n == limit) {
            throw new CodecException(
                what + ": deflate data decodes to more than the limit of " + limit + " bytes");
          }
          out = Arrays.copyOf(out, (int) Math.min(Math.max(2L * out.length, 64L), limit));
          out[n++] = probe[0];
          stalls = 0;
          continue;
        }
        int r = inf.inflate(out, n, out.length - n);
        n += r;
        if (r == 0) {
          checkStalled(inf, sLen, what);
          stalls++;
        } else {
          stalls = 0;
        }
      }
    } catch (DataFormatException e) {
      throw new CodecException(what + ": corrupt deflate data: " + e.getMessage(), e);
    }
    return new Inflated(out, n, sLen - inf.getRemaining());
  }

  private static void checkStalled(Inflater inf, int sLen, String what) {
    if (inf.finished()) {
      return;
    }
    if (inf.needsDictionary()) {
      throw new CodecException(what + ": deflate data needs a preset dictionary");
    }
    if (inf.needsInput()) {
      throw new CodecException(what + ": truncated deflate data (" + sLen + " bytes)");
    }
  }
}
