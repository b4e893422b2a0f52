package dev.zarr4j.compression.zstd;

import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_BASE;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_BITS;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.LL_DEFAULT_LOG;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_BASE;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_BITS;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.ML_DEFAULT_LOG;
import static dev.zarr4j.compression.zstd.ZstdSequenceCodes.OF_DEFAULT_LOG;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.compression.MatchCopier;
import java.util.Arrays;

/**
 * The sequences section of a compressed Zstandard block (RFC 8878 section 3.1.1.3.2): reads the
 * three code tables, decodes each (literal length, offset, match length) triple from the backward
 * bit stream and executes it at once, copying literals and then the match into the output.
 *
 * <p>Tables and repeat offsets carry over from block to block within a frame; {@link #reset} starts
 * a frame. Every length and offset is checked before use, and the output never goes past the limit
 * given.
 */
final class ZstdSequenceDecoder {
  private static final int MAX_LL_SYMBOL = 35;
  private static final int MAX_ML_SYMBOL = 52;
  private static final int MAX_OF_SYMBOL = 31;
  private static final int MAX_LL_LOG = ZstdSequenceCodes.LL_MAX_LOG;
  private static final int MAX_ML_LOG = ZstdSequenceCodes.ML_MAX_LOG;
  private static final int MAX_OF_LOG = ZstdSequenceCodes.OF_MAX_LOG;

  /** Offset codes above this would point more than 2 GiB back. */
  private static final int MAX_OF_CODE = 30;

  /** Offset code {@code c} stands for {@code 1 << c} plus {@code c} bits (code 31 is refused). */
  private static final int[] OF_BASE = new int[MAX_OF_SYMBOL + 1];

  private static final int[] OF_BITS = new int[MAX_OF_SYMBOL + 1];

  static {
    for (int c = 0; c <= MAX_OF_SYMBOL; c++) {
      OF_BASE[c] = 1 << c;
      OF_BITS[c] = c;
    }
  }

  private static final ZstdFseTable LL_PREDEFINED =
      ZstdFseTable.of(LL_DEFAULT_LOG, ZstdSequenceCodes.LL_DEFAULT);
  private static final ZstdFseTable ML_PREDEFINED =
      ZstdFseTable.of(ML_DEFAULT_LOG, ZstdSequenceCodes.ML_DEFAULT);
  private static final ZstdFseTable OF_PREDEFINED =
      ZstdFseTable.of(OF_DEFAULT_LOG, ZstdSequenceCodes.OF_DEFAULT);

  static {
    LL_PREDEFINED.expand(LL_BASE, LL_BITS);
    ML_PREDEFINED.expand(ML_BASE, ML_BITS);
    OF_PREDEFINED.expand(OF_BASE, OF_BITS);
  }

  private final CodeTables ll =
      new CodeTables("literal length", LL_PREDEFINED, MAX_LL_SYMBOL, MAX_LL_LOG, LL_BASE, LL_BITS);
  private final CodeTables of =
      new CodeTables("offset", OF_PREDEFINED, MAX_OF_SYMBOL, MAX_OF_LOG, OF_BASE, OF_BITS);
  private final CodeTables ml =
      new CodeTables("match length", ML_PREDEFINED, MAX_ML_SYMBOL, MAX_ML_LOG, ML_BASE, ML_BITS);
  private int rep1;
  private int rep2;
  private int rep3;

  /** Holds bit streams shorter than 8 bytes, so that one 8-byte read covers them. */
  private final byte[] shortStream = new byte[16];

  /** Forgets the tables and restores the initial repeat offsets, as at the start of a frame. */
  void reset() {
    ll.current = null;
    of.current = null;
    ml.current = null;
    rep1 = 1;
    rep2 = 4;
    rep3 = 8;
  }

  /**
   * Decodes the sequences section {@code src[p, blockEnd)} and writes the block's output.
   *
   * @param dst the output; bytes {@code [frameStart, d)} are this frame's output so far
   * @param dEnd the output limit
   * @param windowSize the frame's window: no match reaches further back
   * @return the output position after the block
   */
  int execute(
      byte[] src,
      int p,
      int blockEnd,
      ZstdLiteralsDecoder literals,
      byte[] dst,
      int d,
      int dEnd,
      int frameStart,
      long windowSize,
      ZstdDecoder.Limit limit,
      String what) {
    if (p >= blockEnd) {
      throw ZstdDecoder.corrupt(what, "compressed block has no sequences section");
    }
    int b0 = src[p++] & 0xFF;
    int count;
    if (b0 == 0) {
      if (p != blockEnd) {
        throw ZstdDecoder.corrupt(what, "bytes after an empty sequences section");
      }
      return copyLastLiterals(literals, literals.start(), dst, d, dEnd, limit, what);
    } else if (b0 < 128) {
      count = b0;
    } else if (b0 < 255) {
      if (p >= blockEnd) {
        throw ZstdDecoder.corrupt(what, "sequence count is cut off");
      }
      count = ((b0 - 128) << 8) + (src[p++] & 0xFF);
    } else {
      if (blockEnd - p < 2) {
        throw ZstdDecoder.corrupt(what, "sequence count is cut off");
      }
      count = (LittleEndian.getShort(src, p) & 0xFFFF) + 0x7F00;
      p += 2;
    }
    if (p >= blockEnd) {
      throw ZstdDecoder.corrupt(what, "sequence compression modes are missing");
    }
    int modes = src[p++] & 0xFF;
    if ((modes & 3) != 0) {
      throw ZstdDecoder.corrupt(what, "sequence compression modes have reserved bits set");
    }
    p = ll.select(modes >>> 6, src, p, blockEnd, what);
    p = of.select((modes >>> 4) & 3, src, p, blockEnd, what);
    p = ml.select((modes >>> 2) & 3, src, p, blockEnd, what);
    return decode(
        src, p, blockEnd, count, literals, dst, d, dEnd, frameStart, windowSize, limit, what);
  }

  /**
   * One code stream's tables: the predefined one, the block's own (read from an FSE header or a
   * single RLE symbol), and the one in use, which a later block may repeat.
   */
  private static final class CodeTables {
    private final String name;
    private final ZstdFseTable predefined;
    private final ZstdFseTable own;
    private final int maxSymbol;
    private final int maxLog;
    private final int[] base;
    private final int[] bits;
    ZstdFseTable current;

    CodeTables(
        String name, ZstdFseTable predefined, int maxSymbol, int maxLog, int[] base, int[] bits) {
      this.name = name;
      this.predefined = predefined;
      this.own = new ZstdFseTable(maxLog);
      this.maxSymbol = maxSymbol;
      this.maxLog = maxLog;
      this.base = base;
      this.bits = bits;
    }

    /**
     * Applies compression mode {@code mode} (0-3), reading {@code src[p, end)}; returns the end.
     */
    int select(int mode, byte[] src, int p, int end, String what) {
      switch (mode) {
        case 0 -> current = predefined;
        case 1 -> {
          if (p >= end) {
            throw ZstdDecoder.corrupt(what, name + " RLE symbol is missing");
          }
          int symbol = src[p++] & 0xFF;
          if (symbol > maxSymbol) {
            throw ZstdDecoder.corrupt(what, name + " RLE symbol " + symbol + " is out of range");
          }
          own.setRle(symbol);
        }
        case 2 -> p = own.read(src, p, end, maxSymbol, maxLog, what, name);
        default -> {
          if (current == null) {
            throw ZstdDecoder.corrupt(what, name + " table repeated before any was given");
          }
        }
      }
      if (mode == 1 || mode == 2) {
        current = own;
        own.expand(base, bits);
      }
      return p;
    }
  }

  private int decode(
      byte[] src,
      int start,
      int end,
      int count,
      ZstdLiteralsDecoder literals,
      byte[] dst,
      int d,
      int dEnd,
      int frameStart,
      long windowSize,
      ZstdDecoder.Limit limit,
      String what) {
    int size = end - start;
    byte[] in = src;
    if (size < 8) {
      // copy so that 8-byte reads stay inside the stream's own bytes
      Arrays.fill(shortStream, (byte) 0);
      System.arraycopy(src, start, shortStream, 0, size);
      in = shortStream;
      start = 0;
    }
    int bitPos = ZstdBitStreams.bitCount(in, start, start + size, what, "sequence bit stream");
    int winByte = Math.max(0, ((bitPos + 7) >> 3) - 8);
    long win = LittleEndian.getLong(in, start + winByte);
    int winBase = winByte << 3;

    final long[] llT = ll.current.expanded;
    final long[] mlT = ml.current.expanded;
    final long[] ofT = of.current.expanded;
    int llLog = ll.current.accuracyLog;
    int ofLog = of.current.accuracyLog;
    int mlLog = ml.current.accuracyLog;
    bitPos -= llLog;
    int llState = (int) (win >>> (bitPos - winBase)) & ((1 << llLog) - 1);
    bitPos -= ofLog;
    int ofState = (int) (win >>> (bitPos - winBase)) & ((1 << ofLog) - 1);
    bitPos -= mlLog;
    int mlState = (int) (win >>> (bitPos - winBase)) & ((1 << mlLog) - 1);

    final byte[] lit = literals.bytes();
    int litPos = literals.start();
    final int litEnd = literals.end();
    final int litLimit = literals.readLimit();
    int r1 = rep1;
    int r2 = rep2;
    int r3 = rep3;
    final long maxBack = windowSize;

    for (int i = count; i > 0; i--) {
      if (bitPos < 0) {
        throw ZstdDecoder.corrupt(what, "sequence bit stream ends before its sequences");
      }
      // One load gives at least 57 bits (fewer only at the start of the stream, where a valid
      // stream needs no more): enough for the offset and match length extra bits (at most 30 +
      // 16); a second load is needed only if the extra bits exceed 31, as the literal length
      // bits and the three state updates (at most 26 bits) follow.
      winByte = Math.max(0, ((bitPos + 7) >> 3) - 8);
      win = LittleEndian.getLong(in, start + winByte);
      winBase = winByte << 3;

      long llE = llT[llState];
      long mlE = mlT[mlState];
      long ofE = ofT[ofState];
      int ofBits = (int) (ofE >>> 24) & 0xFF;
      int mlBits = (int) (mlE >>> 24) & 0xFF;
      int llBits = (int) (llE >>> 24) & 0xFF;
      if (ofBits > MAX_OF_CODE) {
        throw ZstdDecoder.corrupt(what, "offset code " + ofBits + " is too large");
      }
      bitPos -= ofBits;
      int offsetValue =
          (int) (ofE >>> 32) + ((int) (win >>> (bitPos - winBase)) & ((1 << ofBits) - 1));
      bitPos -= mlBits;
      int ml = (int) (mlE >>> 32) + ((int) (win >>> (bitPos - winBase)) & ((1 << mlBits) - 1));
      if (ofBits + mlBits + llBits > 31) {
        winByte = Math.max(0, ((bitPos + 7) >> 3) - 8);
        win = LittleEndian.getLong(in, start + winByte);
        winBase = winByte << 3;
      }
      bitPos -= llBits;
      int ll = (int) (llE >>> 32) + ((int) (win >>> (bitPos - winBase)) & ((1 << llBits) - 1));

      // Repeat offsets without branches: new offsets and the three repeat codes alternate with
      // no pattern a branch predictor could follow. Slot 4 stands for a new offset; every case
      // makes the offset used the first repeat offset.
      int slot = offsetValue > 3 ? 4 : ll == 0 ? offsetValue : offsetValue - 1;
      int offset =
          slot == 4 ? offsetValue - 3 : slot == 0 ? r1 : slot == 1 ? r2 : slot == 2 ? r3 : r1 - 1;
      if (offset == 0) {
        throw ZstdDecoder.corrupt(what, "repeat offset of 0");
      }
      r3 = slot <= 1 ? r3 : r2;
      r2 = slot == 0 ? r2 : r1;
      r1 = offset;

      if (i > 1) {
        int n = (int) (llE >>> 16) & 0xFF;
        bitPos -= n;
        llState = ((int) llE & 0xFFFF) + ((int) (win >>> (bitPos - winBase)) & ((1 << n) - 1));
        n = (int) (mlE >>> 16) & 0xFF;
        bitPos -= n;
        mlState = ((int) mlE & 0xFFFF) + ((int) (win >>> (bitPos - winBase)) & ((1 << n) - 1));
        n = (int) (ofE >>> 16) & 0xFF;
        bitPos -= n;
        ofState = ((int) ofE & 0xFFFF) + ((int) (win >>> (bitPos - winBase)) & ((1 << n) - 1));
      }

      // literals
      if (ll > litEnd - litPos) {
        throw ZstdDecoder.corrupt(what, "sequence uses more literals than the block has");
      }
      if (ll > dEnd - d) {
        throw limit.exceeded(what);
      }
      if (ll <= 16 && litPos <= litLimit - 16 && d <= dEnd - 16) {
        LittleEndian.putLong(dst, d, LittleEndian.getLong(lit, litPos));
        LittleEndian.putLong(dst, d + 8, LittleEndian.getLong(lit, litPos + 8));
      } else {
        System.arraycopy(lit, litPos, dst, d, ll);
      }
      litPos += ll;
      d += ll;

      // match
      if (offset > d - frameStart || offset > maxBack) {
        throw ZstdDecoder.corrupt(
            what, "match offset " + offset + " reaches before the start of the frame or window");
      }
      if (ml > dEnd - d) {
        throw limit.exceeded(what);
      }
      MatchCopier.copy(dst, d - offset, d, ml, offset, dEnd);
      d += ml;
    }
    if (bitPos != 0) {
      throw ZstdDecoder.corrupt(
          what, "sequence bit stream has " + bitPos + " bits left over or is too short");
    }
    rep1 = r1;
    rep2 = r2;
    rep3 = r3;
    return copyLastLiterals(literals, litPos, dst, d, dEnd, limit, what);
  }

  private static int copyLastLiterals(
      ZstdLiteralsDecoder literals,
      int litPos,
      byte[] dst,
      int d,
      int dEnd,
      ZstdDecoder.Limit limit,
      String what) {
    int n = literals.end() - litPos;
    if (n > dEnd - d) {
      throw limit.exceeded(what);
    }
    System.arraycopy(literals.bytes(), litPos, dst, d, n);
    return d + n;
  }
}
