package dev.zarr4j.compression.zstd;

import dev.zarr4j.compression.LittleEndian;

/**
 * One Finite State Entropy coding table for the Zstandard encoder (RFC 8878 section 4.1), and the
 * helpers around it: normalizing a histogram to a power-of-two total, writing normalized counts in
 * the format's header form, and encoding symbols.
 *
 * <p>The table is derived from the decoder's: the cells of the state table are spread exactly as
 * the decoder spreads them, and each symbol's cells are listed in the order the decoder numbers
 * them. The encoder keeps its state as {@code X = cell + tableSize}; encoding symbol {@code s}
 * writes the low {@code k} bits of {@code X}, where {@code k} is the number of bits that brings
 * {@code X >> k} into {@code [count(s), 2*count(s))}, and moves to the cell the decoder would have
 * read those bits in. An instance is reused (rebuilt) for every block; it is not thread-safe.
 */
final class ZstdFseEncoder {
  /** The largest accuracy log the encoder builds (literal and match length tables allow 9). */
  static final int MAX_TABLE_LOG = 9;

  /** The smallest accuracy log the header format can express. */
  static final int MIN_TABLE_LOG = 5;

  /** The largest alphabet (match length codes 0..52). */
  static final int MAX_SYMBOLS = 53;

  private final int[] start = new int[MAX_SYMBOLS];

  /** Per symbol, side by side: the bit-count offset ({@link #bits}) and the cell-list offset. */
  private final int[] transform = new int[2 * MAX_SYMBOLS];

  /** Each symbol's cells as encoder states ({@code cell + tableSize}), in decoder order. */
  private final int[] cells = new int[1 << MAX_TABLE_LOG];

  private final byte[] spread = new byte[1 << MAX_TABLE_LOG];
  private final int[] fill = new int[MAX_SYMBOLS];
  private int tableLog;

  /** The accuracy log of the table last built. */
  int tableLog() {
    return tableLog;
  }

  /**
   * Builds the table for normalized counts {@code norm[0..maxSymbol]} summing to {@code 1 <<
   * tableLog}, where -1 stands for a probability below one cell (it takes one cell at the end).
   */
  void build(short[] norm, int maxSymbol, int tableLog) {
    int size = 1 << tableLog;
    int high = size - 1;
    int cumul = 0;
    for (int s = 0; s <= maxSymbol; s++) {
      int c = norm[s];
      if (c == -1) {
        spread[high--] = (byte) s;
        c = 1;
      }
      start[s] = cumul;
      cumul += c;
      if (c > 0) {
        // k = maxBits when X >= count << maxBits, else maxBits - 1 (count 1: always tableLog);
        // kept as one number so that k = (X + transform) >>> 16 without a branch
        int mb = tableLog - (31 - Integer.numberOfLeadingZeros(c - 1));
        transform[2 * s] = (mb << 16) - (c << mb);
        transform[2 * s + 1] = cumul - 2 * c;
      }
    }
    int step = (size >>> 1) + (size >>> 3) + 3;
    int mask = size - 1;
    int pos = 0;
    for (int s = 0; s <= maxSymbol; s++) {
      for (int i = 0; i < norm[s]; i++) {
        spread[pos] = (byte) s;
        do {
          pos = (pos + step) & mask;
        } while (pos > high);
      }
    }
    // the decoder numbers each symbol's cells count, count+1, ... in increasing position order;
    // list them in that order so that next state n of symbol s is cells[start[s] + n - count]
    System.arraycopy(start, 0, fill, 0, maxSymbol + 1);
    for (int u = 0; u < size; u++) {
      cells[fill[spread[u]]++] = u + size;
    }
    this.tableLog = tableLog;
  }

  /** The state (as {@code X = cell + tableSize}) that starts encoding with symbol {@code s}. */
  int initialState(int s) {
    // the symbol's first cell: the one with the most bits, so a decoder reading past it overflows
    return cells[start[s]];
  }

  /** The number of bits that encoding {@code s} from state {@code x} writes. */
  int bits(int x, int s) {
    return (x + transform[2 * s]) >>> 16;
  }

  /** The state after encoding {@code s} from state {@code x}, having written {@code k} bits. */
  int next(int x, int s, int k) {
    return cells[(x >>> k) + transform[2 * s + 1]];
  }

  /**
   * Normalizes {@code count[0..maxSymbol]} (summing to {@code total}, at least two symbols present)
   * to {@code 1 << tableLog}, writing {@code norm}. Symbols whose share is below one cell get -1;
   * the rounding error goes to the most frequent symbol, or, when that would starve it, is spread
   * one cell at a time over the largest counts.
   */
  static void normalize(int[] count, int maxSymbol, int total, int tableLog, short[] norm) {
    int size = 1 << tableLog;
    int sum = 0;
    int largest = 0;
    int largestCount = -1;
    for (int s = 0; s <= maxSymbol; s++) {
      int c = count[s];
      if (c == 0) {
        norm[s] = 0;
        continue;
      }
      long scaled = (long) c << tableLog;
      int n;
      if (scaled < total) {
        n = -1;
        sum += 1;
      } else {
        n = (int) (scaled / total);
        long rem = scaled - (long) n * total;
        if (2 * rem >= total) {
          n++;
        }
        sum += n;
      }
      norm[s] = (short) n;
      if (c > largestCount) {
        largestCount = c;
        largest = s;
      }
    }
    int diff = size - sum;
    if (norm[largest] + diff >= Math.max(1, norm[largest] / 2 + 1)) {
      norm[largest] += (short) diff;
      return;
    }
    while (diff != 0) {
      // take from (or give to) the symbol with the largest normalized count
      int best = -1;
      for (int s = 0; s <= maxSymbol; s++) {
        if (norm[s] > 1 || (diff > 0 && norm[s] > 0)) {
          if (best < 0 || norm[s] > norm[best]) {
            best = s;
          }
        }
      }
      int d = diff > 0 ? 1 : -1;
      norm[best] += (short) d;
      diff -= d;
    }
  }

  /**
   * The accuracy log to use for {@code total} symbols with largest symbol {@code maxSymbol} and
   * {@code distinct} distinct symbols, at most {@code maxLog}.
   */
  static int optimalTableLog(int maxLog, int total, int maxSymbol, int distinct) {
    int log = Math.min(maxLog, (31 - Integer.numberOfLeadingZeros(total - 1)) - 2);
    int minBits =
        Math.min(
            32 - Integer.numberOfLeadingZeros(total), 33 - Integer.numberOfLeadingZeros(maxSymbol));
    log = Math.max(log, minBits);
    while ((1 << log) < distinct) {
      log++;
    }
    return Math.max(MIN_TABLE_LOG, Math.min(maxLog, log));
  }

  /**
   * Writes normalized counts in the FSE table header form (RFC 8878 section 4.1.1) at {@code
   * out[pos]}.
   *
   * @return the position after the header
   */
  static int writeHeader(short[] norm, int maxSymbol, int tableLog, byte[] out, int pos) {
    long acc = tableLog - MIN_TABLE_LOG;
    int n = 4;
    int remaining = (1 << tableLog) + 1;
    int threshold = 1 << tableLog;
    int nbBits = tableLog + 1;
    int s = 0;
    boolean previousZero = false;
    while (remaining > 1) {
      if (previousZero) {
        int first = s;
        while (norm[s] == 0) {
          s++;
        }
        int run = s - first;
        while (run >= 3) {
          acc |= 3L << n;
          n += 2;
          run -= 3;
          if (n >= 32) {
            LittleEndian.putInt(out, pos, (int) acc);
            pos += 4;
            acc >>>= 32;
            n -= 32;
          }
        }
        acc |= (long) run << n;
        n += 2;
      }
      int c = norm[s++];
      int max = (2 * threshold - 1) - remaining;
      remaining -= c < 0 ? -c : c;
      int v = c + 1;
      if (v >= threshold) {
        v += max;
      }
      acc |= (long) v << n;
      n += v < max ? nbBits - 1 : nbBits;
      previousZero = v == 1;
      while (remaining < threshold) {
        nbBits--;
        threshold >>>= 1;
      }
      if (n >= 32) {
        LittleEndian.putInt(out, pos, (int) acc);
        pos += 4;
        acc >>>= 32;
        n -= 32;
      }
    }
    while (n > 0) {
      out[pos++] = (byte) acc;
      acc >>>= 8;
      n -= 8;
    }
    return pos;
  }

  /**
   * Encodes {@code symbols[0..n)} (n >= 2) with two interleaved states, as Huffman weights are
   * encoded (RFC 8878 section 4.2.1.2): even positions use the first state, odd ones the second;
   * the decoder reads the first state first and stops when its input runs out.
   *
   * @return the position after the bitstream
   */
  int encodeTwoStates(byte[] symbols, int n, byte[] out, int pos) {
    long acc = 0;
    int bits = 0;
    int last = n - 1;
    // the last symbol of each parity starts its state without writing bits
    int stateA;
    int stateB;
    if ((last & 1) == 0) {
      stateA = initialState(symbols[last]);
      stateB = initialState(symbols[last - 1]);
    } else {
      stateB = initialState(symbols[last]);
      stateA = initialState(symbols[last - 1]);
    }
    for (int i = last - 2; i >= 0; i--) {
      int s = symbols[i];
      if ((i & 1) == 0) {
        int k = bits(stateA, s);
        acc |= (long) (stateA & ((1 << k) - 1)) << bits;
        bits += k;
        stateA = next(stateA, s, k);
      } else {
        int k = bits(stateB, s);
        acc |= (long) (stateB & ((1 << k) - 1)) << bits;
        bits += k;
        stateB = next(stateB, s, k);
      }
      if (bits >= 32) {
        LittleEndian.putInt(out, pos, (int) acc);
        pos += 4;
        acc >>>= 32;
        bits -= 32;
      }
    }
    int mask = (1 << tableLog) - 1;
    acc |= (long) (stateB & mask) << bits;
    bits += tableLog;
    acc |= (long) (stateA & mask) << bits;
    bits += tableLog;
    acc |= 1L << bits;
    bits++;
    while (bits > 0) {
      out[pos++] = (byte) acc;
      acc >>>= 8;
      bits -= 8;
    }
    return pos;
  }
}
