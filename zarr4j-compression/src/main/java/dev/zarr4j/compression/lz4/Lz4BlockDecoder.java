package dev.zarr4j.compression.lz4;

import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.compression.MatchCopier;

/**
 * A pure-Java decoder of raw LZ4 blocks, used where lz4-java's JNI build is not loaded.
 *
 * <p>It exists for speed: aircompressor's and lz4-java's Java decoders copy literal runs a few
 * bytes at a time, so a block of incompressible data (the common case for the noisy low bytes of
 * shuffled floating-point chunks) decodes at a fifth of memory speed. Here long literal runs and
 * non-overlapping matches are single {@link System#arraycopy} calls, short ones move eight bytes at
 * a time, and overlapping matches are filled by doubling copies (matches go through {@link
 * MatchCopier}, shared with the Zstandard decoder).
 *
 * <p>Every length and offset is checked before it is used: nothing is read outside {@code src[sOff,
 * sOff+sLen)} nor written outside {@code dst[dOff, dOff+dLen)}, and any malformed block is reported
 * as a {@link DecompressionException}. The block must be consumed exactly.
 */
public final class Lz4BlockDecoder {
  private Lz4BlockDecoder() {}

  /** LZ4's minimum match length, added to the token's match nibble. */
  private static final int MIN_MATCH = 4;

  /** Literal runs up to this length are copied with two wide moves when room allows. */
  private static final int SHORT_RUN = 16;

  /** Input bytes that must remain after a token for the short-sequence path. */
  private static final int FAST_INPUT = 18;

  /** Output room that must remain for the short-sequence path (14 literals, 24-byte match move). */
  private static final int FAST_OUTPUT = 40;

  /**
   * Decodes one block.
   *
   * @param src the compressed bytes
   * @param sOff where the block starts
   * @param sLen the block's exact length
   * @param dst where the decoded bytes go
   * @param dOff the first byte to write
   * @param dLen the room available from {@code dOff}
   * @param what names the data in error messages
   * @return the number of bytes written
   * @throws DecompressionException if the block is malformed or does not fit in {@code dLen} bytes
   */
  public static int decode(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int dLen, String what) {
    if (sOff < 0
        || sLen < 0
        || sOff > src.length - sLen
        || dOff < 0
        || dLen < 0
        || dOff > dst.length - dLen) {
      throw new IllegalArgumentException("lz4: bad bounds");
    }
    final int sEnd = sOff + sLen;
    final int dEnd = dOff + dLen;
    int s = sOff;
    int d = dOff;
    if (sLen == 0) {
      throw corrupt(what, "empty block", s - sOff);
    }
    while (true) {
      int token = src[s++] & 0xFF;
      if (s <= sEnd - FAST_INPUT
          && d <= dEnd - FAST_OUTPUT
          && token < 0xF0
          && (token & 0x0F) != 0x0F) {
        // the common short sequence with room on both sides: at most 14 literals (never the last
        // sequence, which ends the input) and a match of at most 18 bytes, moved in wide steps
        int lit = token >>> 4;
        LittleEndian.putLong(dst, d, LittleEndian.getLong(src, s));
        LittleEndian.putLong(dst, d + 8, LittleEndian.getLong(src, s + 8));
        s += lit;
        d += lit;
        int offset = (src[s] & 0xFF) | (src[s + 1] & 0xFF) << 8;
        s += 2;
        if (offset >= 8 && offset <= d - dOff) {
          int from = d - offset;
          LittleEndian.putLong(dst, d, LittleEndian.getLong(dst, from));
          LittleEndian.putLong(dst, d + 8, LittleEndian.getLong(dst, from + 8));
          LittleEndian.putLong(dst, d + 16, LittleEndian.getLong(dst, from + 16));
          d += (token & 0x0F) + MIN_MATCH;
          continue;
        }
        if (offset == 0 || offset > d - dOff) {
          throw corrupt(what, "match offset " + offset + " points before the output", s - sOff);
        }
        int len = (token & 0x0F) + MIN_MATCH;
        MatchCopier.copy(dst, d - offset, d, len, offset, dEnd);
        d += len;
        continue;
      }
      // literals
      int lit = token >>> 4;
      if (lit == 15) {
        int b;
        do {
          if (s >= sEnd) {
            throw corrupt(what, "literal length runs past the end", s - sOff);
          }
          b = src[s++] & 0xFF;
          lit += b;
          if (lit > dLen) {
            throw corrupt(what, "literal run longer than the output", s - sOff);
          }
        } while (b == 255);
      }
      if (lit > sEnd - s) {
        throw corrupt(what, "literal run of " + lit + " bytes runs past the input", s - sOff);
      }
      if (lit > dEnd - d) {
        throw corrupt(what, "literal run of " + lit + " bytes overflows the output", s - sOff);
      }
      if (lit <= SHORT_RUN && sEnd - s >= SHORT_RUN && dEnd - d >= SHORT_RUN) {
        LittleEndian.putLong(dst, d, LittleEndian.getLong(src, s));
        LittleEndian.putLong(dst, d + 8, LittleEndian.getLong(src, s + 8));
      } else {
        System.arraycopy(src, s, dst, d, lit);
      }
      s += lit;
      d += lit;
      if (s == sEnd) {
        return d - dOff; // the last sequence holds literals only
      }
      // match
      if (sEnd - s < 2) {
        throw corrupt(what, "match offset cut off", s - sOff);
      }
      int offset = (src[s] & 0xFF) | (src[s + 1] & 0xFF) << 8;
      s += 2;
      if (offset == 0 || offset > d - dOff) {
        throw corrupt(what, "match offset " + offset + " points before the output", s - sOff);
      }
      int len = token & 0x0F;
      if (len == 15) {
        int b;
        do {
          if (s >= sEnd) {
            throw corrupt(what, "match length runs past the end", s - sOff);
          }
          b = src[s++] & 0xFF;
          len += b;
          if (len > dLen) {
            throw corrupt(what, "match longer than the output", s - sOff);
          }
        } while (b == 255);
      }
      len += MIN_MATCH;
      if (len > dEnd - d) {
        throw corrupt(what, "match of " + len + " bytes overflows the output", s - sOff);
      }
      MatchCopier.copy(dst, d - offset, d, len, offset, dEnd);
      d += len;
      if (s == sEnd) {
        throw corrupt(what, "block ends with a match instead of literals", s - sOff);
      }
    }
  }

  private static DecompressionException corrupt(String what, String problem, int at) {
    return new DecompressionException(
        what + ": corrupt LZ4 data: " + problem + " (at input byte " + at + ")");
  }
}
