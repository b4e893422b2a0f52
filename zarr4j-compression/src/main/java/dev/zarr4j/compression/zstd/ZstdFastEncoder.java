package dev.zarr4j.compression.zstd;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.compression.XxHash64;
import java.util.Arrays;

/**
 * A pure-Java Zstandard encoder (RFC 8878) following zstd's "fast" strategy, the one the C library
 * uses for levels 1 and 2 and for negative levels.
 *
 * <p>Matches are found greedily with a single hash table holding the last position seen for each
 * hash of the next seven bytes. Before each table lookup the most recent offset is tried one byte
 * ahead, and after each match the second most recent offset is tried right away, so runs and
 * periodic data turn into cheap repeat-offset sequences. Where nothing matches the search steps
 * ahead faster and faster (one more byte per step for every {@code 2^strength} bytes without a
 * match), which keeps incompressible stretches cheap. Negative levels also step faster from the
 * start and store literals raw, as zstd does.
 *
 * <p>Frames record the content size and, when asked, the content checksum. Inputs up to 8 MiB are
 * written as single-segment frames (the window is the content); larger ones declare an 8 MiB window
 * and matches stay within it. Input is cut into blocks of 128 KiB; a block is stored raw (or as a
 * run of one byte) when compressing it would not make it smaller. Literals are Huffman-coded
 * ({@link ZstdHuffmanEncoder}) and sequences FSE-coded ({@link ZstdSequenceEncoder}). Thread-safe:
 * each thread works in its own {@link ZstdEncoderWorkspace}.
 */
public final class ZstdFastEncoder {
  private static final int MAGIC = 0xFD2FB528;

  /** The window of frames too large to be single-segment, in bits. */
  private static final int WINDOW_LOG = 23;

  /** Frames up to this size are single-segment; it is also the largest match offset. */
  private static final int MAX_WINDOW = 1 << WINDOW_LOG;

  /** An odd 64-bit multiplier whose high product bits mix every input byte. */
  private static final long HASH_PRIME = 0x9E3779B185EBCA87L;

  /** Matches are at least this long. */
  private static final int MIN_MATCH = 4;

  /** The search stops this many bytes before the block's end (it reads 8 bytes at a time). */
  private static final int TAIL = 8;

  private static final int BLOCK_RAW = 0;
  private static final int BLOCK_RLE = 1;
  private static final int BLOCK_COMPRESSED = 2;

  private ZstdFastEncoder() {}

  /**
   * Compresses {@code src[sOff, sOff+sLen)} into one frame at {@code dst[dOff]}, which must have
   * room for the whole frame: the frame header and checksum take at most 14 bytes and each block of
   * up to 128 KiB at most 3 bytes more than its input (it is stored raw when compressing does not
   * make it smaller), so zstd's {@code ZSTD_COMPRESSBOUND(sLen)} bytes are always enough.
   *
   * @param level 1 or 2 (level 2 keeps a larger table and skips ahead more slowly), or a negative
   *     level: the more negative, the faster the search skips ahead, and literals are stored raw; 0
   *     is taken as 1 and levels above 2 as 2
   * @param checksum whether to end the frame with the content checksum
   * @return the compressed size
   */
  public static int compress(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int level, boolean checksum) {
    ZstdEncoderWorkspace ws = ZstdEncoderWorkspace.get();
    int p = dOff;
    LittleEndian.putInt(dst, p, MAGIC);
    p += 4;
    boolean singleSegment = sLen <= MAX_WINDOW;
    int sizeFlag = singleSegment && sLen < 256 ? 0 : singleSegment && sLen < 65536 + 256 ? 1 : 2;
    dst[p++] = (byte) (sizeFlag << 6 | (singleSegment ? 0x20 : 0) | (checksum ? 0x04 : 0));
    if (!singleSegment) {
      dst[p++] = (byte) ((WINDOW_LOG - 10) << 3);
    }
    if (sizeFlag == 0) {
      dst[p++] = (byte) sLen;
    } else if (sizeFlag == 1) {
      LittleEndian.putShort(dst, p, (short) (sLen - 256));
      p += 2;
    } else {
      LittleEndian.putInt(dst, p, sLen);
      p += 4;
    }
    if (sLen == 0) {
      p = writeBlockHeader(dst, p, true, BLOCK_RAW, 0);
    } else {
      Params params = Params.of(level, sLen);
      Arrays.fill(ws.hashTable, 0, 1 << params.hashLog, 0);
      ws.repeats[0] = 1;
      ws.repeats[1] = 4;
      ws.repeats[2] = 8;
      int end = sOff + sLen;
      for (int b = sOff; b < end; ) {
        int bEnd =
            end - b > ZstdEncoderWorkspace.MAX_BLOCK ? b + ZstdEncoderWorkspace.MAX_BLOCK : end;
        p = writeBlock(src, sOff, b, bEnd, bEnd == end, dst, p, ws, params);
        b = bEnd;
      }
    }
    if (checksum) {
      LittleEndian.putInt(dst, p, XxHash64.zstdChecksum(src, sOff, sLen));
      p += 4;
    }
    return p - dOff;
  }

  /** The search parameters of a level. */
  private static final class Params {
    final int hashLog;
    final int minMatch;
    final int step;
    final int strength;
    final boolean huffman;

    private Params(int hashLog, int minMatch, int step, int strength, boolean huffman) {
      this.hashLog = hashLog;
      this.minMatch = minMatch;
      this.step = step;
      this.strength = strength;
      this.huffman = huffman;
    }

    static Params of(int level, int sLen) {
      int hashLog;
      int minMatch;
      int step = 1;
      int strength;
      boolean huffman = true;
      if (level >= 2) {
        hashLog = 16;
        minMatch = 7;
        strength = 8;
      } else if (level >= 0) {
        hashLog = 14;
        minMatch = 7;
        strength = 7;
      } else {
        hashLog = 13;
        minMatch = 6;
        strength = 6;
        step = 1 + Math.min(-level, 1 << 16);
        huffman = false;
      }
      // no larger than the input needs
      int inputLog = 32 - Integer.numberOfLeadingZeros(Math.max(sLen - 1, 1));
      hashLog = Math.max(8, Math.min(hashLog, inputLog + 1));
      hashLog = Math.min(hashLog, ZstdEncoderWorkspace.MAX_HASH_LOG);
      return new Params(hashLog, minMatch, step, strength, huffman);
    }
  }

  private static int writeBlockHeader(byte[] dst, int p, boolean last, int type, int size) {
    int h = (last ? 1 : 0) | type << 1 | size << 3;
    dst[p] = (byte) h;
    dst[p + 1] = (byte) (h >>> 8);
    dst[p + 2] = (byte) (h >>> 16);
    return p + 3;
  }

  private static int writeBlock(
      byte[] src,
      int frameStart,
      int b,
      int bEnd,
      boolean last,
      byte[] dst,
      int p,
      ZstdEncoderWorkspace ws,
      Params params) {
    int[] reps = ws.repeats;
    int rep1 = reps[0];
    int rep2 = reps[1];
    int rep3 = reps[2];
    int nbSeq = findSequences(src, frameStart, b, bEnd, ws, params);
    byte[] out = ws.block;
    int size;
    if (nbSeq == 0) {
      // the whole block is literals: code them where they are
      size = ws.literalsEncoder.write(src, b, bEnd - b, out, 0, params.huffman);
    } else {
      size = ws.literalsEncoder.write(ws.literals, 0, ws.literalCount, out, 0, params.huffman);
    }
    size =
        ws.sequencesEncoder.write(
            ws.litLengths, ws.matchLengths, ws.offsetValues, nbSeq, out, size, true);
    int bLen = bEnd - b;
    boolean smaller = size < bLen;
    if ((!smaller || size <= 32) && isRun(src, b, bEnd)) {
      // the decoder will not see this block's sequences: their offsets leave the history
      reps[0] = rep1;
      reps[1] = rep2;
      reps[2] = rep3;
      p = writeBlockHeader(dst, p, last, BLOCK_RLE, bLen);
      dst[p] = src[b];
      return p + 1;
    }
    if (smaller) {
      p = writeBlockHeader(dst, p, last, BLOCK_COMPRESSED, size);
      System.arraycopy(out, 0, dst, p, size);
      return p + size;
    }
    reps[0] = rep1;
    reps[1] = rep2;
    reps[2] = rep3;
    p = writeBlockHeader(dst, p, last, BLOCK_RAW, bLen);
    System.arraycopy(src, b, dst, p, bLen);
    return p + bLen;
  }

  private static boolean isRun(byte[] src, int from, int to) {
    byte first = src[from];
    for (int i = from + 1; i < to; i++) {
      if (src[i] != first) {
        return false;
      }
    }
    return true;
  }

  /**
   * Finds the block's sequences: fills the workspace's sequence arrays, literals and literal count
   * (unless there are no sequences: then the literals are the block itself) and updates its
   * repeat-offset history.
   *
   * @return the number of sequences
   */
  private static int findSequences(
      byte[] src, int frameStart, int bStart, int bEnd, ZstdEncoderWorkspace ws, Params params) {
    int[] table = ws.hashTable;
    byte[] lit = ws.literals;
    int[] litLengths = ws.litLengths;
    int[] matchLengths = ws.matchLengths;
    int[] offsetValues = ws.offsetValues;
    int[] reps = ws.repeats;
    int rep1 = reps[0];
    int rep2 = reps[1];
    int rep3 = reps[2];
    int shiftLeft = 64 - 8 * params.minMatch;
    int shiftRight = 64 - params.hashLog;
    int step = params.step;
    int strength = params.strength;
    int maxDistance = MAX_WINDOW;
    int nbSeq = 0;
    int litCount = 0;
    int anchor = bStart;
    int ip = bStart == frameStart ? bStart + 1 : bStart;
    int limit = bEnd - TAIL;
    while (ip < limit) {
      long v = LittleEndian.getLong(src, ip);
      int h = (int) (((v << shiftLeft) * HASH_PRIME) >>> shiftRight);
      int candidate = table[h] + frameStart;
      table[h] = ip - frameStart;
      int matchStart;
      int offset;
      int length;
      if (ip + 1 - rep1 >= frameStart
          && LittleEndian.getInt(src, ip + 1 - rep1) == (int) (v >>> 8)) {
        matchStart = ip + 1;
        offset = rep1;
        length =
            MIN_MATCH
                + matchLength(src, matchStart + MIN_MATCH, matchStart + MIN_MATCH - offset, bEnd);
      } else if (ip - candidate < maxDistance && LittleEndian.getInt(src, candidate) == (int) v) {
        matchStart = ip;
        int m = candidate;
        length = MIN_MATCH + matchLength(src, ip + MIN_MATCH, m + MIN_MATCH, bEnd);
        while (matchStart > anchor && m > frameStart && src[matchStart - 1] == src[m - 1]) {
          matchStart--;
          m--;
          length++;
        }
        offset = matchStart - m;
      } else {
        ip += ((ip - anchor) >> strength) + step;
        continue;
      }
      // store the sequence, coding its offset against the history as the decoder will see it
      int ll = matchStart - anchor;
      if (ll <= 16 && anchor <= src.length - 16) {
        // short runs: two wide moves (the literal buffer has room to spare) beat a call
        LittleEndian.putLong(lit, litCount, LittleEndian.getLong(src, anchor));
        LittleEndian.putLong(lit, litCount + 8, LittleEndian.getLong(src, anchor + 8));
      } else {
        System.arraycopy(src, anchor, lit, litCount, ll);
      }
      litCount += ll;
      int offsetValue;
      // offset codes 1-3 name the repeat offsets; with no literals they shift: 1 is the second, 2
      // the third, 3 the first - 1. Any offset other than the first (with literals) becomes the
      // new first, and the ones before it move down.
      if (ll != 0 && offset == rep1) {
        offsetValue = 1;
      } else if (offset == rep2) {
        offsetValue = ll != 0 ? 2 : 1;
        rep2 = rep1;
        rep1 = offset;
      } else {
        if (offset == rep3) {
          offsetValue = ll != 0 ? 3 : 2;
        } else if (ll == 0 && offset == rep1 - 1) {
          offsetValue = 3;
        } else {
          offsetValue = offset + 3;
        }
        rep3 = rep2;
        rep2 = rep1;
        rep1 = offset;
      }
      litLengths[nbSeq] = ll;
      matchLengths[nbSeq] = length;
      offsetValues[nbSeq] = offsetValue;
      nbSeq++;
      int searched = ip;
      ip = matchStart + length;
      anchor = ip;
      if (ip <= limit) {
        // remember two positions inside the match, then try the previous offset straight away
        int at = searched + 2;
        table[(int) (((LittleEndian.getLong(src, at) << shiftLeft) * HASH_PRIME) >>> shiftRight)] =
            at - frameStart;
        at = ip - 2;
        table[(int) (((LittleEndian.getLong(src, at) << shiftLeft) * HASH_PRIME) >>> shiftRight)] =
            at - frameStart;
        while (ip <= limit
            && ip - rep2 >= frameStart
            && LittleEndian.getInt(src, ip) == LittleEndian.getInt(src, ip - rep2)) {
          int repLength = MIN_MATCH + matchLength(src, ip + MIN_MATCH, ip + MIN_MATCH - rep2, bEnd);
          table[
                  (int)
                      (((LittleEndian.getLong(src, ip) << shiftLeft) * HASH_PRIME)
                          >>> shiftRight)] =
              ip - frameStart;
          // literal length 0, second offset: code 1, and the two most recent offsets swap
          int t = rep2;
          rep2 = rep1;
          rep1 = t;
          litLengths[nbSeq] = 0;
          matchLengths[nbSeq] = repLength;
          offsetValues[nbSeq] = 1;
          nbSeq++;
          ip += repLength;
          anchor = ip;
        }
      }
    }
    if (nbSeq != 0) {
      int rest = bEnd - anchor;
      System.arraycopy(src, anchor, lit, litCount, rest);
      litCount += rest;
    }
    ws.literalCount = litCount;
    reps[0] = rep1;
    reps[1] = rep2;
    reps[2] = rep3;
    return nbSeq;
  }

  /** How many bytes from {@code a} equal those from {@code b} (b < a), stopping at {@code end}. */
  private static int matchLength(byte[] src, int a, int b, int end) {
    int start = a;
    while (a <= end - 8) {
      long x = LittleEndian.getLong(src, a) ^ LittleEndian.getLong(src, b);
      if (x != 0) {
        return a - start + (Long.numberOfTrailingZeros(x) >>> 3);
      }
      a += 8;
      b += 8;
    }
    while (a < end && src[a] == src[b]) {
      a++;
      b++;
    }
    return a - start;
  }
}
