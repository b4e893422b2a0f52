package dev.zarr4j.codec.blosc;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import java.util.Arrays;

/**
 * Blosc's own LZ77 codec, BloscLZ: a written-from-the-format encoder and a bounds-checked decoder.
 *
 * <p>The stream is a sequence of tokens, each starting with a control byte {@code c}:
 *
 * <ul>
 *   <li>{@code c < 32}: a literal run; the next {@code c + 1} bytes are copied.
 *   <li>{@code c >= 32}: a match. {@code c >>> 5} (1..7) encodes the length; for 7, further bytes
 *       are added to it until one is not 255. Then one byte {@code lo}; the distance is {@code ((c
 *       & 31) << 8 | lo) + 1}, except that {@code c & 31 == 31} with {@code lo == 255} announces a
 *       far match whose distance is {@code 8192 +} the next two bytes (big-endian). The copied
 *       length is {@code (c >>> 5) + 2 +} the added bytes.
 * </ul>
 *
 * The first token is always a literal run and the decoder ignores the top three bits of the first
 * byte (the reference encoder sets bit 5 there as a marker). The reference decoder drops a match
 * that ends the stream, so this encoder always ends with a literal run.
 */
final class BloscLz {
  private static final int MAX_COPY = 32;
  private static final int MAX_NEAR = 8191; // largest near distance
  private static final int MAX_FAR = 65535 + 8192; // largest far distance
  private static final int MIN_MATCH = 4;

  /** Bytes at the end of a stream that are always emitted as literals. */
  private static final int TAIL = 12;

  private static final ThreadLocal<int[][]> TABLES = ThreadLocal.withInitial(() -> new int[17][]);

  private BloscLz() {}

  private static int hashLog(int clevel) {
    if (clevel <= 2) {
      return 12;
    }
    if (clevel <= 5) {
      return 13;
    }
    return 14;
  }

  /**
   * Compresses {@code src[sOff, sOff+len)} into {@code dst} starting at {@code dOff}, writing at
   * most {@code maxOut} bytes.
   *
   * @return the compressed size, or -1 if the result would not fit in {@code maxOut} bytes
   */
  static int compress(int clevel, byte[] src, int sOff, int len, byte[] dst, int dOff, int maxOut) {
    if (len < TAIL + MIN_MATCH + 2 || maxOut < 4) {
      return -1;
    }
    int hlog = hashLog(clevel);
    int[][] tables = TABLES.get();
    int[] table = tables[hlog];
    if (table == null) {
      table = new int[1 << hlog];
      tables[hlog] = table;
    } else {
      Arrays.fill(table, 0);
    }
    int shift = 32 - hlog;
    int end = sOff + len;
    int matchLimit = end - TAIL; // matches never reach into the tail
    int opLimit = dOff + maxOut;
    int op = dOff;
    int anchor = sOff;
    int ip = sOff + 1; // the first byte is always a literal
    int misses = 0;
    int farMin = clevel >= 5 ? 5 : 7;
    // After the first eighth of the input, give up if it saved less than about 6%: such a stream
    // is stored raw anyway, and compressing the rest would only cost time.
    int probe = len >= 32 * 1024 ? sOff + (len >>> 3) : end;
    while (ip < matchLimit - MIN_MATCH) {
      if (ip >= probe) {
        int consumed = ip - sOff;
        if (op - dOff > consumed - (consumed >>> 4)) {
          return -1;
        }
        probe = end;
      }
      int seq = LittleEndian.getInt(src, ip);
      int h = (seq * 0x9E3779B1) >>> shift;
      int ref = table[h] - 1 + sOff; // table holds (position - sOff + 1), 0 = empty
      table[h] = ip - sOff + 1;
      int dist = ip - ref;
      if (ref < sOff || dist > MAX_FAR || LittleEndian.getInt(src, ref) != seq) {
        misses++;
        ip += 1 + (misses >>> 6);
        continue;
      }
      int mlen = MIN_MATCH;
      int maxLen = matchLimit - ip;
      while (mlen + 8 <= maxLen
          && LittleEndian.getLong(src, ip + mlen) == LittleEndian.getLong(src, ref + mlen)) {
        mlen += 8;
      }
      while (mlen < maxLen && src[ip + mlen] == src[ref + mlen]) {
        mlen++;
      }
      if (dist > MAX_NEAR && mlen < farMin) {
        misses++;
        ip++;
        continue;
      }
      misses = 0;
      op = literals(src, anchor, ip - anchor, dst, op, opLimit);
      if (op < 0) {
        return -1;
      }
      op = match(mlen, dist, dst, op, opLimit);
      if (op < 0) {
        return -1;
      }
      ip += mlen;
      anchor = ip;
      if (ip < matchLimit - MIN_MATCH) {
        // seed the table with the position just before the next search
        int p = ip - 2;
        table[(LittleEndian.getInt(src, p) * 0x9E3779B1) >>> shift] = p - sOff + 1;
      }
    }
    op = literals(src, anchor, end - anchor, dst, op, opLimit);
    if (op < 0) {
      return -1;
    }
    dst[dOff] |= 0x20; // the reference encoder's marker in the first control byte
    return op - dOff;
  }

  private static int literals(byte[] src, int from, int count, byte[] dst, int op, int opLimit) {
    while (count > 0) {
      int run = Math.min(count, MAX_COPY);
      if (op + run + 1 > opLimit) {
        return -1;
      }
      dst[op++] = (byte) (run - 1);
      System.arraycopy(src, from, dst, op, run);
      op += run;
      from += run;
      count -= run;
    }
    return op;
  }

  private static int match(int mlen, int dist, byte[] dst, int op, int opLimit) {
    int code = mlen - 2; // 2..: length field before the 7-and-more extension
    int d = dist - 1;
    boolean far = d >= MAX_NEAR;
    int extra = code >= 7 ? (code - 7) / 255 + 1 : 0;
    if (op + 1 + extra + (far ? 3 : 1) > opLimit) {
      return -1;
    }
    int hi = far ? 31 : d >>> 8;
    if (code < 7) {
      dst[op++] = (byte) ((code << 5) | hi);
    } else {
      dst[op++] = (byte) ((7 << 5) | hi);
      int rest = code - 7;
      while (rest >= 255) {
        dst[op++] = (byte) 255;
        rest -= 255;
      }
      dst[op++] = (byte) rest;
    }
    if (far) {
      int f = dist - 8192;
      dst[op++] = (byte) 255;
      dst[op++] = (byte) (f >>> 8);
      dst[op++] = (byte) f;
    } else {
      dst[op++] = (byte) d;
    }
    return op;
  }

  /**
   * Decompresses {@code src[sOff, sOff+len)} into exactly {@code dLen} bytes at {@code dst[dOff]}.
   *
   * @throws CodecException if the stream is malformed, reads outside itself, or decodes to another
   *     size
   */
  static void decompressExact(
      byte[] src, int sOff, int len, byte[] dst, int dOff, int dLen, String what) {
    if (len <= 0) {
      throw new CodecException(what + ": empty blosclz stream");
    }
    int ip = sOff;
    int ipEnd = sOff + len;
    int op = dOff;
    int opEnd = dOff + dLen;
    int ctrl = src[ip++] & 31;
    while (true) {
      if (ctrl < 32) {
        int run = ctrl + 1;
        if (run > opEnd - op || run > ipEnd - ip) {
          throw corrupt(what, "literal run overruns the block");
        }
        System.arraycopy(src, ip, dst, op, run);
        op += run;
        ip += run;
      } else {
        int mlen = (ctrl >>> 5) + 2;
        int hi = ctrl & 31;
        if ((ctrl >>> 5) == 7) {
          int b;
          do {
            if (ip >= ipEnd) {
              throw corrupt(what, "truncated match length");
            }
            b = src[ip++] & 0xFF;
            mlen += b;
          } while (b == 255 && mlen <= dLen);
        }
        if (ip >= ipEnd) {
          throw corrupt(what, "truncated match distance");
        }
        int lo = src[ip++] & 0xFF;
        int dist;
        if (hi == 31 && lo == 255) {
          if (ipEnd - ip < 2) {
            throw corrupt(what, "truncated far match distance");
          }
          dist = ((src[ip] & 0xFF) << 8 | (src[ip + 1] & 0xFF)) + 8192;
          ip += 2;
        } else {
          dist = (hi << 8 | lo) + 1;
        }
        if (mlen > opEnd - op) {
          throw corrupt(what, "match overruns the block");
        }
        if (dist > op - dOff) {
          throw corrupt(what, "match refers before the start of the block");
        }
        int ref = op - dist;
        if (dist == 1) {
          Arrays.fill(dst, op, op + mlen, dst[ref]);
        } else if (dist >= mlen) {
          System.arraycopy(dst, ref, dst, op, mlen);
        } else {
          // overlapping: copy in pieces of the distance, which doubles each time
          int done = 0;
          int step = dist;
          while (done < mlen) {
            int chunk = Math.min(step, mlen - done);
            System.arraycopy(dst, ref, dst, op + done, chunk);
            done += chunk;
            step += chunk;
          }
        }
        op += mlen;
      }
      if (ip >= ipEnd) {
        break;
      }
      ctrl = src[ip++] & 0xFF;
    }
    if (op != opEnd) {
      throw new CodecException(
          what + ": blosclz stream decoded to " + (op - dOff) + " bytes, expected " + dLen);
    }
  }

  private static CodecException corrupt(String what, String detail) {
    return new CodecException(what + ": corrupt blosclz stream: " + detail);
  }
}
