package dev.zarr4j.compression.lz4;

import dev.zarr4j.compression.LittleEndian;

/**
 * A pure-Java encoder of raw LZ4 blocks in LZ4's fast mode, used where lz4-java's JNI build is not
 * loaded.
 *
 * <p>It follows the block format's rules (the last 5 bytes are literals, no match starts in the
 * last 12 bytes, offsets below 65536) and LZ4's usual greedy search: a small table of positions
 * keyed by a hash of the next 5 bytes, and a step that grows the longer no match is found, so
 * incompressible data is skipped quickly. Long literal runs, common in the noisy bytes of
 * floating-point chunks, are single {@link System#arraycopy} calls. Thread-safe: the hash table is
 * per thread.
 */
public final class Lz4BlockEncoder {
  private Lz4BlockEncoder() {}

  private static final int MIN_MATCH = 4;

  /** No match may start within this many bytes of the end. */
  private static final int MF_LIMIT = 12;

  /** The block always ends with at least this many literals. */
  private static final int LAST_LITERALS = 5;

  private static final int MAX_DISTANCE = 65535;

  /** log2 of the hash table's entries: 16 KiB of ints, which stay in the L1 cache. */
  private static final int HASH_LOG = 12;

  /** The search step grows by one every 2^SKIP_TRIGGER failed attempts. */
  private static final int SKIP_TRIGGER = 6;

  private static final long PRIME_5_BYTES = 889523592379L;

  /** The largest block {@code n} input bytes can give (LZ4_COMPRESSBOUND). */
  public static int maxCompressedLength(int n) {
    return n + n / 255 + 16;
  }

  /**
   * Encodes {@code src[sOff, sOff+sLen)} as one LZ4 block.
   *
   * @param acceleration LZ4's acceleration (at least 1): larger skips faster and finds fewer
   *     matches
   * @return the number of bytes written to {@code dst} from {@code dOff}
   * @throws IllegalArgumentException if the ranges are out of bounds or {@code dst} has fewer than
   *     {@link #maxCompressedLength} bytes of room
   */
  public static int encode(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int dLen, int acceleration) {
    if (sOff < 0
        || sLen < 0
        || sOff > src.length - sLen
        || dOff < 0
        || dLen < 0
        || dOff > dst.length - dLen
        || dLen < maxCompressedLength(sLen)
        || acceleration < 1) {
      throw new IllegalArgumentException("lz4: bad bounds or acceleration");
    }
    final int sEnd = sOff + sLen;
    final int dEnd = dOff + dLen;
    int d = dOff;
    int anchor = sOff;
    if (sLen >= MF_LIMIT + 1) {
      // each entry holds a position (relative to sOff) in its low half and the 4 bytes found there
      // in its high half, so a candidate is tested without loading it; every entry starts as
      // position 0 with its true bytes. A fresh array of constant length lets the JIT drop the
      // table's bounds checks, and costs little next to the input it indexes.
      long[] table = new long[1 << HASH_LOG];
      final int mfLimit = sEnd - MF_LIMIT;
      final int matchLimit = sEnd - LAST_LITERALS;
      int ip = sOff;
      long first = LittleEndian.getLong(src, ip);
      java.util.Arrays.fill(table, entryOf(first, 0));
      ip++;
      long forwardWord = LittleEndian.getLong(src, ip);
      search:
      while (true) {
        // find a match: positions whose 4 bytes equal those at ip, within 64 KiB
        int match;
        int forward = ip;
        int step = 1;
        int attempts = acceleration << SKIP_TRIGGER;
        while (true) {
          long word = forwardWord;
          ip = forward;
          forward += step;
          step = attempts++ >>> SKIP_TRIGGER;
          if (forward > mfLimit) {
            break search;
          }
          int h = hashOf(word);
          long entry = table[h];
          forwardWord = LittleEndian.getLong(src, forward);
          table[h] = entryOf(word, ip - sOff);
          match = (int) entry + sOff;
          if ((int) (entry >>> 32) == (int) word && ip - match <= MAX_DISTANCE) {
            break;
          }
        }
        // extend backwards over equal bytes not yet emitted
        while (ip > anchor && match > sOff && src[ip - 1] == src[match - 1]) {
          ip--;
          match--;
        }
        // the literals before the match
        int litLen = ip - anchor;
        int token = d++;
        if (litLen >= 15) {
          dst[token] = (byte) 0xF0;
          d = writeLength(dst, d, litLen - 15);
        } else {
          dst[token] = (byte) (litLen << 4);
        }
        d = copyLiterals(src, anchor, litLen, dst, d, dEnd);
        while (true) {
          // offset, then the match length beyond the first 4 bytes
          int offset = ip - match;
          dst[d] = (byte) offset;
          dst[d + 1] = (byte) (offset >>> 8);
          d += 2;
          int extra = commonLength(src, ip + MIN_MATCH, match + MIN_MATCH, matchLimit);
          ip += MIN_MATCH + extra;
          if (extra >= 15) {
            dst[token] |= 0x0F;
            d = writeLength(dst, d, extra - 15);
          } else {
            dst[token] |= (byte) extra;
          }
          anchor = ip;
          if (ip > mfLimit) {
            break search;
          }
          long before = LittleEndian.getLong(src, ip - 2);
          table[hashOf(before)] = entryOf(before, ip - 2 - sOff);
          // an immediate next match needs no literals
          long word = LittleEndian.getLong(src, ip);
          int h = hashOf(word);
          long entry = table[h];
          table[h] = entryOf(word, ip - sOff);
          match = (int) entry + sOff;
          if ((int) (entry >>> 32) != (int) word || ip - match > MAX_DISTANCE) {
            break;
          }
          token = d++;
          dst[token] = 0;
        }
        ip++;
        forwardWord = LittleEndian.getLong(src, ip);
      }
    }
    // the last literals
    int litLen = sEnd - anchor;
    if (litLen >= 15) {
      dst[d++] = (byte) 0xF0;
      d = writeLength(dst, d, litLen - 15);
    } else {
      dst[d++] = (byte) (litLen << 4);
    }
    System.arraycopy(src, anchor, dst, d, litLen);
    return d + litLen - dOff;
  }

  /** A table entry: the first 4 bytes of {@code word} above the relative position {@code rel}. */
  private static long entryOf(long word, int rel) {
    return word << 32 | rel;
  }

  /** The table slot of the 5 low bytes of {@code word}. */
  private static int hashOf(long word) {
    return (int) (((word << 24) * PRIME_5_BYTES) >>> (64 - HASH_LOG));
  }

  /** Writes the bytes of a length beyond 15: runs of 255 and a final byte below 255. */
  private static int writeLength(byte[] dst, int d, int rest) {
    while (rest >= 255) {
      dst[d++] = (byte) 0xFF;
      rest -= 255;
    }
    dst[d++] = (byte) rest;
    return d;
  }

  /**
   * Copies literals; short runs move as two 8-byte words when 16 bytes can be read and written (the
   * bytes past the run are overwritten later).
   */
  private static int copyLiterals(byte[] src, int from, int len, byte[] dst, int d, int dEnd) {
    if (len <= 16 && from + 16 <= src.length && d + 16 <= dEnd) {
      LittleEndian.putLong(dst, d, LittleEndian.getLong(src, from));
      LittleEndian.putLong(dst, d + 8, LittleEndian.getLong(src, from + 8));
    } else {
      System.arraycopy(src, from, dst, d, len);
    }
    return d + len;
  }

  /**
   * The number of equal bytes at {@code a} and {@code b}, comparing {@code a} up to {@code limit}.
   */
  private static int commonLength(byte[] s, int a, int b, int limit) {
    int start = a;
    while (a <= limit - 8) {
      long x = LittleEndian.getLong(s, a) ^ LittleEndian.getLong(s, b);
      if (x != 0) {
        return a - start + (Long.numberOfTrailingZeros(x) >>> 3);
      }
      a += 8;
      b += 8;
    }
    while (a < limit && s[a] == s[b]) {
      a++;
      b++;
    }
    return a - start;
  }
}
