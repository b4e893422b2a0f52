package dev.zarr4j.compression.zstd;

/**
 * A finite-state-entropy decoding table (RFC 8878 section 4.1): for each state, the symbol it
 * emits, the number of bits to read for the next state and the baseline those bits are added to.
 *
 * <p>Entries are packed in one int each: {@code baseline << 16 | bitCount << 8 | symbol}. A table
 * is rebuilt in place from a distribution description, an RLE symbol or a fixed distribution.
 */
final class ZstdFseTable {
  /** The packed entries; only the first {@code 1 << accuracyLog} are meaningful. */
  final int[] entries;

  /** log2 of the number of states. */
  int accuracyLog;

  /**
   * The entries again, with the symbol replaced by the value it stands for, as {@link #expand} made
   * them: {@code valueBase << 32 | extraBits << 24 | bitCount << 16 | baseline}. The sequence
   * decoder reads these so that a state gives its value without a second lookup.
   */
  final long[] expanded;

  private final short[] counts = new short[256];
  private final int[] nextState = new int[256];

  ZstdFseTable(int maxAccuracyLog) {
    entries = new int[1 << maxAccuracyLog];
    expanded = new long[1 << maxAccuracyLog];
  }

  /**
   * A table built from a fixed distribution (the predefined ones of RFC 8878 section 3.1.1.3.2).
   */
  static ZstdFseTable of(int accuracyLog, short... distribution) {
    ZstdFseTable t = new ZstdFseTable(accuracyLog);
    System.arraycopy(distribution, 0, t.counts, 0, distribution.length);
    t.build(distribution.length, accuracyLog, "predefined table");
    return t;
  }

  /**
   * Fills {@link #expanded} from the entries: symbol {@code s} stands for {@code valueBase[s]} plus
   * {@code extraBits[s]} bits read from the stream. Both arrays must cover every symbol the table
   * may emit; call after each rebuild.
   */
  void expand(int[] valueBase, int[] extraBits) {
    for (int state = 0, size = 1 << accuracyLog; state < size; state++) {
      int e = entries[state];
      int s = e & 0xFF;
      expanded[state] =
          (long) valueBase[s] << 32
              | (long) extraBits[s] << 24
              | ((e >>> 8) & 0xFF) << 16
              | e >>> 16;
    }
  }

  /** Makes this the table of a single repeated symbol: one state, no bits read. */
  void setRle(int symbol) {
    accuracyLog = 0;
    entries[0] = symbol;
  }

  /**
   * Reads a distribution description from {@code src[p, end)} and builds the table from it.
   *
   * @param maxSymbol the largest symbol the table may emit
   * @param maxLog the largest accuracy log allowed
   * @param name names the table in error messages
   * @return the offset just past the description
   */
  int read(byte[] src, int p, int end, int maxSymbol, int maxLog, String what, String name) {
    if (p >= end) {
      throw ZstdDecoder.corrupt(what, name + " table description is missing");
    }
    int log = (src[p] & 0x0F) + 5;
    if (log > maxLog) {
      throw ZstdDecoder.corrupt(
          what, name + " table accuracy log " + log + " exceeds the maximum of " + maxLog);
    }
    int bit = 4;
    int remaining = (1 << log) + 1;
    int threshold = 1 << log;
    int width = log + 1;
    int symbol = 0;
    while (remaining > 1 && symbol <= maxSymbol) {
      int v = peek(src, p, end, bit);
      int max = 2 * threshold - 1 - remaining;
      int value;
      if ((v & (threshold - 1)) < max) {
        value = v & (threshold - 1);
        bit += width - 1;
      } else {
        value = v & (2 * threshold - 1);
        if (value >= threshold) {
          value -= max;
        }
        bit += width;
      }
      int count = value - 1;
      remaining -= count < 0 ? -count : count;
      counts[symbol++] = (short) count;
      if (count == 0) {
        while (true) {
          int repeat = peek(src, p, end, bit) & 3;
          bit += 2;
          if (symbol + repeat > maxSymbol + 1) {
            throw ZstdDecoder.corrupt(what, name + " table describes too many symbols");
          }
          for (int i = 0; i < repeat; i++) {
            counts[symbol++] = 0;
          }
          if (repeat != 3) {
            break;
          }
        }
      }
      while (remaining < threshold) {
        width--;
        threshold >>>= 1;
      }
    }
    if (remaining != 1) {
      throw ZstdDecoder.corrupt(what, name + " table probabilities do not add up");
    }
    int used = (bit + 7) >>> 3;
    if (used > end - p) {
      throw ZstdDecoder.corrupt(what, name + " table description runs past its section");
    }
    build(symbol, log, what);
    return p + used;
  }

  /** Up to 32 bits from bit {@code bit} of {@code src[p, end)} on, with zeros past the end. */
  private static int peek(byte[] src, int p, int end, int bit) {
    int q = p + (bit >>> 3);
    long v = 0;
    for (int i = 0; i < 5 && q + i < end; i++) {
      v |= (long) (src[q + i] & 0xFF) << (8 * i);
    }
    return (int) (v >>> (bit & 7));
  }

  /** Spreads symbols {@code [0, symbolCount)} with {@link #counts} over {@code 1 << log} states. */
  private void build(int symbolCount, int log, String what) {
    int size = 1 << log;
    int high = size - 1;
    for (int s = 0; s < symbolCount; s++) {
      int c = counts[s];
      if (c == -1) {
        entries[high--] = s;
        nextState[s] = 1;
      } else {
        nextState[s] = c;
      }
    }
    int step = (size >>> 1) + (size >>> 3) + 3;
    int mask = size - 1;
    int pos = 0;
    for (int s = 0; s < symbolCount; s++) {
      for (int i = counts[s]; i > 0; i--) {
        entries[pos] = s;
        do {
          pos = (pos + step) & mask;
        } while (pos > high);
      }
    }
    if (pos != 0) {
      throw ZstdDecoder.corrupt(what, "FSE table does not fill its states");
    }
    for (int state = 0; state < size; state++) {
      int s = entries[state] & 0xFF;
      int x = nextState[s]++;
      int bits = log - (31 - Integer.numberOfLeadingZeros(x));
      entries[state] = ((x << bits) - size) << 16 | bits << 8 | s;
    }
    accuracyLog = log;
  }
}
