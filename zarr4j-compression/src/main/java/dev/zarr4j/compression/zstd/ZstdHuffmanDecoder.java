package dev.zarr4j.compression.zstd;

import dev.zarr4j.compression.LittleEndian;

/**
 * Zstandard's Huffman-coded literals (RFC 8878 section 4.2): reads a tree description into a flat
 * decoding table and decodes one or four interleaved streams with it.
 *
 * <p>The table has 2048 entries indexed by the next 11 bits of a stream (the longest code the
 * format allows; shorter codes own several entries); each is a char holding {@code codeLength << 8
 * | symbol} (a narrow load, and a byte store takes the symbol as it is). The constant index width
 * spares the hot loop a variable shift. That loop keeps each stream's bits left-aligned in a 64-bit
 * register with a marker bit below the unread ones: a symbol is a table lookup on the top bits and
 * a shift by its code length, and the count of consumed bits is the number of trailing zeros. One
 * 8-byte read refills at least 56 bits, enough for five symbols at the maximum code length of 11,
 * so the four streams each decode five symbols per refill while all of them have 8 bytes of input
 * left; the rest of each stream is decoded with full checks.
 */
final class ZstdHuffmanDecoder {
  /** The longest code (and so the largest table) the format allows. */
  static final int MAX_TABLE_LOG = 11;

  /**
   * Four-stream sections with fewer literals go one stream at a time. Besides costing little, this
   * keeps {@link #fourStreams} for long runs only: compiled after many short calls (Blosc's small
   * streams), its loop ran 10-15% slower on long ones.
   */
  private static final int FOUR_STREAM_LOOP_MIN = 16 << 10;

  private static final int MAX_FSE_LOG = 6;
  private static final int MAX_WEIGHTS = 255;

  /** Shifts a stream's register down to the 11 bits that index the table. */
  private static final int INDEX_SHIFT = 64 - MAX_TABLE_LOG;

  /** The decoding table: {@code codeLength << 8 | symbol} for each 11-bit index. */
  private final char[] lengthSymbol = new char[1 << MAX_TABLE_LOG];

  private boolean ready;

  private final byte[] weights = new byte[MAX_WEIGHTS + 1];
  private final int[] rankCount = new int[MAX_TABLE_LOG + 2];
  private final int[] rankStart = new int[MAX_TABLE_LOG + 2];
  private final ZstdFseTable weightTable = new ZstdFseTable(MAX_FSE_LOG);

  /** Forgets the table, as at the start of a frame. */
  void reset() {
    ready = false;
  }

  /** Whether a table has been read in this frame (for treeless literals). */
  boolean ready() {
    return ready;
  }

  /**
   * Reads a tree description from {@code src[p, end)} and builds the decoding table.
   *
   * @return the offset just past the description
   */
  int readTable(byte[] src, int p, int end, String what) {
    if (p >= end) {
      throw ZstdDecoder.corrupt(what, "Huffman tree description is missing");
    }
    int header = src[p++] & 0xFF;
    int count;
    if (header >= 128) {
      count = header - 127;
      int bytes = (count + 1) >>> 1;
      if (bytes > end - p) {
        throw ZstdDecoder.corrupt(what, "Huffman weights run past the literals section");
      }
      for (int i = 0; i < count; i++) {
        int b = src[p + (i >>> 1)] & 0xFF;
        weights[i] = (byte) ((i & 1) == 0 ? b >>> 4 : b & 0x0F);
      }
      p += bytes;
    } else {
      if (header == 0 || header > end - p) {
        throw ZstdDecoder.corrupt(what, "Huffman weights of bad size " + header);
      }
      int wEnd = p + header;
      int streamStart =
          weightTable.read(src, p, wEnd, MAX_WEIGHTS, MAX_FSE_LOG, what, "Huffman weight");
      count = decodeWeights(src, streamStart, wEnd, what);
      p = wEnd;
    }
    buildTable(count, what);
    return p;
  }

  /** Decodes FSE-compressed weights with two interleaved states; returns their number. */
  private int decodeWeights(byte[] src, int start, int end, String what) {
    int bitPos = ZstdBitStreams.bitCount(src, start, end, what, "Huffman weight stream");
    int[] t = weightTable.entries;
    int log = weightTable.accuracyLog;
    int state1 = ZstdBitStreams.bitsBelow(src, start, bitPos, log);
    bitPos -= log;
    int state2 = ZstdBitStreams.bitsBelow(src, start, bitPos, log);
    bitPos -= log;
    if (bitPos < 0) {
      throw ZstdDecoder.corrupt(what, "Huffman weight stream is too short");
    }
    int n = 0;
    while (true) {
      if (n >= MAX_WEIGHTS - 1) {
        throw ZstdDecoder.corrupt(what, "too many Huffman weights");
      }
      int e = t[state1];
      weights[n++] = (byte) e;
      int nb = (e >>> 8) & 0xFF;
      state1 = (e >>> 16) + ZstdBitStreams.bitsBelow(src, start, bitPos, nb);
      bitPos -= nb;
      if (bitPos < 0) {
        weights[n++] = (byte) t[state2];
        return n;
      }
      if (n >= MAX_WEIGHTS - 1) {
        throw ZstdDecoder.corrupt(what, "too many Huffman weights");
      }
      e = t[state2];
      weights[n++] = (byte) e;
      nb = (e >>> 8) & 0xFF;
      state2 = (e >>> 16) + ZstdBitStreams.bitsBelow(src, start, bitPos, nb);
      bitPos -= nb;
      if (bitPos < 0) {
        weights[n++] = (byte) t[state1];
        return n;
      }
    }
  }

  /** Completes the weights with the implied last one and fills the decoding table. */
  private void buildTable(int count, String what) {
    java.util.Arrays.fill(rankCount, 0);
    int sum = 0;
    for (int i = 0; i < count; i++) {
      int w = weights[i];
      if (w > MAX_TABLE_LOG) {
        throw ZstdDecoder.corrupt(what, "Huffman weight " + w + " is too large");
      }
      rankCount[w]++;
      if (w > 0) {
        sum += 1 << (w - 1);
      }
    }
    if (sum == 0) {
      throw ZstdDecoder.corrupt(what, "Huffman weights are all zero");
    }
    int log = 32 - Integer.numberOfLeadingZeros(sum);
    if (log > MAX_TABLE_LOG) {
      throw ZstdDecoder.corrupt(what, "Huffman codes longer than " + MAX_TABLE_LOG + " bits");
    }
    int rest = (1 << log) - sum;
    if ((rest & (rest - 1)) != 0) {
      throw ZstdDecoder.corrupt(what, "Huffman weights do not form a complete code");
    }
    int last = 32 - Integer.numberOfLeadingZeros(rest);
    weights[count] = (byte) last;
    rankCount[last]++;
    if (rankCount[1] < 2 || (rankCount[1] & 1) != 0) {
      throw ZstdDecoder.corrupt(what, "Huffman weights do not form a valid tree");
    }
    // the table is indexed by 11 bits whatever the code lengths: a code of n bits owns the
    // 1 << (11 - n) entries it prefixes
    int spread = MAX_TABLE_LOG - log;
    int start = 0;
    for (int w = 1; w <= log; w++) {
      rankStart[w] = start;
      start += rankCount[w] << (w - 1 + spread);
    }
    for (int s = 0; s <= count; s++) {
      int w = weights[s];
      if (w == 0) {
        continue;
      }
      int len = 1 << (w - 1 + spread);
      int from = rankStart[w];
      java.util.Arrays.fill(lengthSymbol, from, from + len, (char) ((log + 1 - w) << 8 | s));
      rankStart[w] = from + len;
    }
    ready = true;
  }

  /** Decodes one stream {@code src[start, end)} into exactly {@code dst[op, opEnd)}. */
  void decode1(byte[] src, int start, int end, byte[] dst, int op, int opEnd, String what) {
    if (end - start >= 8) {
      int ip = end - 8;
      finish(src, start, ip, initialBits(src, ip, what), dst, op, opEnd, what);
    } else {
      int bitPos = ZstdBitStreams.bitCount(src, start, end, what, "Huffman stream");
      decodeTail(src, start, bitPos, dst, op, opEnd, what);
    }
  }

  /**
   * Decodes four streams {@code src[start, end)} (a 6-byte jump table, then the streams) into
   * exactly {@code dst[op, op + len)}.
   */
  void decode4(byte[] src, int start, int end, byte[] dst, int op, int len, String what) {
    if (end - start < 10) {
      throw ZstdDecoder.corrupt(what, "4-stream Huffman literals too short for their jump table");
    }
    int start1 = start + 6;
    int start2 = start1 + (LittleEndian.getShort(src, start) & 0xFFFF);
    int start3 = start2 + (LittleEndian.getShort(src, start + 2) & 0xFFFF);
    int start4 = start3 + (LittleEndian.getShort(src, start + 4) & 0xFFFF);
    if (start4 >= end) {
      throw ZstdDecoder.corrupt(what, "Huffman jump table points past the literals");
    }
    int segment = (len + 3) >>> 2;
    int op2 = op + segment;
    int op3 = op2 + segment;
    int op4 = op3 + segment;
    int opEnd = op + len;
    if (op4 > opEnd) {
      throw ZstdDecoder.corrupt(what, "too few literals (" + len + ") for four Huffman streams");
    }
    int op1 = op;
    if (len < FOUR_STREAM_LOOP_MIN
        || start2 - start1 < 8
        || start3 - start2 < 8
        || start4 - start3 < 8
        || end - start4 < 8) {
      decode1(src, start1, start2, dst, op1, op2, what);
      decode1(src, start2, start3, dst, op2, op3, what);
      decode1(src, start3, start4, dst, op3, op4, what);
      decode1(src, start4, end, dst, op4, opEnd, what);
      return;
    }
    fourStreams(src, start1, start2, start3, start4, end, dst, op1, segment, opEnd, what);
  }

  /**
   * Decodes the four streams in rounds of five symbols per stream (five codes take at most 55 bits,
   * and a refill guarantees 56 while 8 input bytes remain), then finishes each.
   *
   * <p>The round is written out one stream after another: measured on this JIT, that beats
   * interleaving the streams symbol by symbol (fewer live registers) and an inner loop over the
   * symbols of a round by about 1.5x. Keeping the loop in a method of its own, apart from the jump
   * table checks, was worth another 10-15% (950 against 800-850 MB/s on the benchmark's chunks).
   */
  private void fourStreams(
      byte[] src,
      int start1,
      int start2,
      int start3,
      int start4,
      int end,
      byte[] dst,
      int op1,
      int segment,
      int opEnd,
      String what) {
    final int end1 = op1 + segment;
    final int end2 = end1 + segment;
    final int end3 = end2 + segment;
    int op2 = end1;
    int op3 = end2;
    int op4 = end3;
    int ip1 = start2 - 8;
    int ip2 = start3 - 8;
    int ip3 = start4 - 8;
    int ip4 = end - 8;
    long b1 = initialBits(src, ip1, what);
    long b2 = initialBits(src, ip2, what);
    long b3 = initialBits(src, ip3, what);
    long b4 = initialBits(src, ip4, what);
    // (indexing a copy of known length, which drops the bounds checks, measured 3% slower here)
    final char[] t = lengthSymbol;
    // Stream 4 has the fewest symbols, so its output bound holds for all four.
    while (ip1 >= start1 + 7
        && ip2 >= start2 + 7
        && ip3 >= start3 + 7
        && ip4 >= start4 + 7
        && op4 <= opEnd - 5) {
      // stream 1
      int e10 = t[(int) (b1 >>> INDEX_SHIFT)];
      b1 <<= e10 >>> 8;
      dst[op1 + 0] = (byte) e10;
      int e11 = t[(int) (b1 >>> INDEX_SHIFT)];
      b1 <<= e11 >>> 8;
      dst[op1 + 1] = (byte) e11;
      int e12 = t[(int) (b1 >>> INDEX_SHIFT)];
      b1 <<= e12 >>> 8;
      dst[op1 + 2] = (byte) e12;
      int e13 = t[(int) (b1 >>> INDEX_SHIFT)];
      b1 <<= e13 >>> 8;
      dst[op1 + 3] = (byte) e13;
      int e14 = t[(int) (b1 >>> INDEX_SHIFT)];
      b1 <<= e14 >>> 8;
      dst[op1 + 4] = (byte) e14;
      op1 += 5;
      int c1 = Long.numberOfTrailingZeros(b1);
      ip1 -= c1 >>> 3;
      b1 = (LittleEndian.getLong(src, ip1) | 1) << (c1 & 7);
      // stream 2
      int e20 = t[(int) (b2 >>> INDEX_SHIFT)];
      b2 <<= e20 >>> 8;
      dst[op2 + 0] = (byte) e20;
      int e21 = t[(int) (b2 >>> INDEX_SHIFT)];
      b2 <<= e21 >>> 8;
      dst[op2 + 1] = (byte) e21;
      int e22 = t[(int) (b2 >>> INDEX_SHIFT)];
      b2 <<= e22 >>> 8;
      dst[op2 + 2] = (byte) e22;
      int e23 = t[(int) (b2 >>> INDEX_SHIFT)];
      b2 <<= e23 >>> 8;
      dst[op2 + 3] = (byte) e23;
      int e24 = t[(int) (b2 >>> INDEX_SHIFT)];
      b2 <<= e24 >>> 8;
      dst[op2 + 4] = (byte) e24;
      op2 += 5;
      int c2 = Long.numberOfTrailingZeros(b2);
      ip2 -= c2 >>> 3;
      b2 = (LittleEndian.getLong(src, ip2) | 1) << (c2 & 7);
      // stream 3
      int e30 = t[(int) (b3 >>> INDEX_SHIFT)];
      b3 <<= e30 >>> 8;
      dst[op3 + 0] = (byte) e30;
      int e31 = t[(int) (b3 >>> INDEX_SHIFT)];
      b3 <<= e31 >>> 8;
      dst[op3 + 1] = (byte) e31;
      int e32 = t[(int) (b3 >>> INDEX_SHIFT)];
      b3 <<= e32 >>> 8;
      dst[op3 + 2] = (byte) e32;
      int e33 = t[(int) (b3 >>> INDEX_SHIFT)];
      b3 <<= e33 >>> 8;
      dst[op3 + 3] = (byte) e33;
      int e34 = t[(int) (b3 >>> INDEX_SHIFT)];
      b3 <<= e34 >>> 8;
      dst[op3 + 4] = (byte) e34;
      op3 += 5;
      int c3 = Long.numberOfTrailingZeros(b3);
      ip3 -= c3 >>> 3;
      b3 = (LittleEndian.getLong(src, ip3) | 1) << (c3 & 7);
      // stream 4
      int e40 = t[(int) (b4 >>> INDEX_SHIFT)];
      b4 <<= e40 >>> 8;
      dst[op4 + 0] = (byte) e40;
      int e41 = t[(int) (b4 >>> INDEX_SHIFT)];
      b4 <<= e41 >>> 8;
      dst[op4 + 1] = (byte) e41;
      int e42 = t[(int) (b4 >>> INDEX_SHIFT)];
      b4 <<= e42 >>> 8;
      dst[op4 + 2] = (byte) e42;
      int e43 = t[(int) (b4 >>> INDEX_SHIFT)];
      b4 <<= e43 >>> 8;
      dst[op4 + 3] = (byte) e43;
      int e44 = t[(int) (b4 >>> INDEX_SHIFT)];
      b4 <<= e44 >>> 8;
      dst[op4 + 4] = (byte) e44;
      op4 += 5;
      int c4 = Long.numberOfTrailingZeros(b4);
      ip4 -= c4 >>> 3;
      b4 = (LittleEndian.getLong(src, ip4) | 1) << (c4 & 7);
    }
    finish(src, start1, ip1, b1, dst, op1, end1, what);
    finish(src, start2, ip2, b2, dst, op2, end2, what);
    finish(src, start3, ip3, b3, dst, op3, end3, what);
    finish(src, start4, ip4, b4, dst, op4, opEnd, what);
  }

  /**
   * The register of a stream whose last 8 bytes start at {@code ip}: the padding shifted out and a
   * marker bit appended below the data.
   */
  private static long initialBits(byte[] src, int ip, String what) {
    int last = src[ip + 7] & 0xFF;
    if (last == 0) {
      throw ZstdDecoder.corrupt(what, "Huffman stream does not end with a marker bit");
    }
    return (LittleEndian.getLong(src, ip) | 1) << (Integer.numberOfLeadingZeros(last) - 23);
  }

  /**
   * Decodes the rest of one stream from register state {@code (ip, bits)}: five symbols per refill
   * while 8 input bytes remain, then with full checks; the stream must end exactly.
   */
  private void finish(
      byte[] src, int start, int ip, long bits, byte[] dst, int op, int opEnd, String what) {
    final char[] t = lengthSymbol;
    while (ip >= start + 7 && op <= opEnd - 5) {
      for (int k = 0; k < 5; k++) {
        int e = t[(int) (bits >>> INDEX_SHIFT)];
        bits <<= e >>> 8;
        dst[op + k] = (byte) e;
      }
      op += 5;
      int c = Long.numberOfTrailingZeros(bits);
      ip -= c >>> 3;
      bits = (LittleEndian.getLong(src, ip) | 1) << (c & 7);
    }
    int bitPos = 8 * (ip - start) + 64 - Long.numberOfTrailingZeros(bits);
    decodeTail(src, start, bitPos, dst, op, opEnd, what);
  }

  /** Decodes symbols one at a time with bounds checks until {@code opEnd}. */
  private void decodeTail(
      byte[] src, int start, int bitPos, byte[] dst, int op, int opEnd, String what) {
    final char[] t = lengthSymbol;
    while (op < opEnd) {
      int e = t[ZstdBitStreams.bitsBelow(src, start, bitPos, MAX_TABLE_LOG)];
      int nb = e >>> 8;
      if (nb > bitPos) {
        throw ZstdDecoder.corrupt(what, "Huffman stream ends before its literals");
      }
      bitPos -= nb;
      dst[op++] = (byte) e;
    }
    if (bitPos != 0) {
      throw ZstdDecoder.corrupt(what, "Huffman stream has " + bitPos + " bits left over");
    }
  }
}
