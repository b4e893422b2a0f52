package dev.zarr4j.compression.zstd;

import dev.zarr4j.compression.LittleEndian;
import java.util.Arrays;

/**
 * Writes the literals section of a Zstandard block (RFC 8878 section 3.1.1.3.1): Huffman-coded with
 * a length-limited canonical code when that pays, otherwise as raw bytes, or as a single byte when
 * every literal is the same.
 *
 * <p>The code is built from the histogram by the two-queue Huffman construction; lengths over 11
 * bits are clamped and the Kraft sum repaired by lengthening the rarest codes and then shortening
 * the most frequent ones while room remains, which keeps the code complete as the format requires.
 * The code is described by FSE-compressed weights or, when smaller and allowed, by 4-bit weights.
 * Up to 255 literals use one stream, more use four. An instance holds the work arrays and is reused
 * by one thread; it is not thread-safe.
 */
final class ZstdHuffmanEncoder {
  /** The format's longest Huffman code. */
  static final int MAX_BITS = 11;

  /** Fewer literals than this are stored raw: a code description would cost more than it saves. */
  private static final int MIN_LITERALS = 64;

  /** The largest accuracy log for the FSE-compressed weights. */
  private static final int WEIGHTS_TABLE_LOG = 6;

  private static final int RAW = 0;
  private static final int RLE = 1;
  private static final int COMPRESSED = 2;

  private final int[] count = new int[256];
  private final int[] count8 = new int[8 * 256];
  private final long[] sorted = new long[256];
  private final int[] nodeCount = new int[512];
  private final int[] parent = new int[512];
  private final int[] depth = new int[512];
  private final byte[] weight = new byte[256];
  private final int[] rankStart = new int[MAX_BITS + 2];
  private final long[] codes = new long[256];
  private final int[] weightCount = new int[MAX_BITS + 2];
  private final short[] norm = new short[MAX_BITS + 2];
  private final ZstdFseEncoder weightTable = new ZstdFseEncoder();
  private final byte[] description = new byte[512];

  /**
   * Writes the literals section for {@code lit[off..off+n)} at {@code out[pos]}; {@code out} must
   * have room for {@code n + 200} bytes from {@code pos}.
   *
   * @param compress whether Huffman coding may be tried (zstd's negative levels store raw)
   * @return the position after the section
   */
  int write(byte[] lit, int off, int n, byte[] out, int pos, boolean compress) {
    if (!compress || n < MIN_LITERALS) {
      return writeRaw(lit, off, n, out, pos);
    }
    int maxSymbol = histogram(lit, off, n);
    int largest = 0;
    int distinct = 0;
    for (int s = 0; s <= maxSymbol; s++) {
      int c = count[s];
      if (c > largest) {
        largest = c;
      }
      if (c != 0) {
        distinct++;
      }
    }
    if (largest == n) {
      int p = writeSizeHeader(RLE, n, out, pos);
      out[p] = lit[off];
      return p + 1;
    }
    if (largest <= (n >>> 7) + 4) {
      return writeRaw(lit, off, n, out, pos); // close to uniform: not worth a code
    }
    long totalBits = buildCode(maxSymbol, distinct);
    int descriptionSize = describe(maxSymbol);
    if (descriptionSize < 0) {
      return writeRaw(lit, off, n, out, pos);
    }
    boolean four = n >= 256;
    int estimate = descriptionSize + (int) ((totalBits + 7) >>> 3) + (four ? 6 + 4 : 1);
    int rawSize = n + rawHeaderSize(n);
    int minGain = (n >>> 6) + 2;
    int sizes = Math.max(n, estimate);
    int headerSize = !four ? 3 : sizes < 1024 ? 3 : sizes < 16384 ? 4 : 5;
    if (headerSize + estimate >= rawSize - minGain || (!four && sizes >= 1024)) {
      return writeRaw(lit, off, n, out, pos);
    }
    int start = pos + headerSize;
    System.arraycopy(description, 0, out, start, descriptionSize);
    int p = start + descriptionSize;
    if (!four) {
      p = encodeStream(lit, off, off + n, out, p);
    } else {
      int segment = (n + 3) >>> 2;
      int jump = p;
      p += 6;
      for (int k = 0; k < 4; k++) {
        int streamStart = p;
        p = encodeStream(lit, off + k * segment, off + (k == 3 ? n : (k + 1) * segment), out, p);
        if (k < 3) {
          LittleEndian.putShort(out, jump + 2 * k, (short) (p - streamStart));
        }
      }
    }
    int compressedSize = p - start;
    if (p - pos >= rawSize) {
      return writeRaw(lit, off, n, out, pos);
    }
    int sizeFormat = !four ? 0 : headerSize - 2;
    int fieldBits = headerSize == 3 ? 10 : headerSize == 4 ? 14 : 18;
    long header =
        COMPRESSED
            | (long) sizeFormat << 2
            | (long) n << 4
            | (long) compressedSize << (4 + fieldBits);
    for (int i = 0; i < headerSize; i++) {
      out[pos + i] = (byte) (header >>> (8 * i));
    }
    return p;
  }

  private static int rawHeaderSize(int n) {
    return n < 32 ? 1 : n < 4096 ? 2 : 3;
  }

  private static int writeSizeHeader(int type, int n, byte[] out, int pos) {
    if (n < 32) {
      out[pos] = (byte) (type | n << 3);
      return pos + 1;
    }
    if (n < 4096) {
      LittleEndian.putShort(out, pos, (short) (type | 1 << 2 | n << 4));
      return pos + 2;
    }
    int v = type | 3 << 2 | n << 4;
    out[pos] = (byte) v;
    out[pos + 1] = (byte) (v >>> 8);
    out[pos + 2] = (byte) (v >>> 16);
    return pos + 3;
  }

  private static int writeRaw(byte[] lit, int off, int n, byte[] out, int pos) {
    int p = writeSizeHeader(RAW, n, out, pos);
    System.arraycopy(lit, off, out, p, n);
    return p + n;
  }

  /**
   * Counts the literals into {@link #count}; returns the largest literal value present. Each of the
   * eight bytes of a wide read has its own counters, so that equal bytes close together (the
   * exponent bytes of floating-point data, say) do not wait on each other's increments.
   */
  private int histogram(byte[] lit, int off, int n) {
    int[] c = count8;
    Arrays.fill(c, 0);
    int i = off;
    int end = off + n;
    for (; i <= end - 8; i += 8) {
      long v = LittleEndian.getLong(lit, i);
      c[(int) v & 0xFF]++;
      c[256 + ((int) (v >>> 8) & 0xFF)]++;
      c[512 + ((int) (v >>> 16) & 0xFF)]++;
      c[768 + ((int) (v >>> 24) & 0xFF)]++;
      c[1024 + ((int) (v >>> 32) & 0xFF)]++;
      c[1280 + ((int) (v >>> 40) & 0xFF)]++;
      c[1536 + ((int) (v >>> 48) & 0xFF)]++;
      c[1792 + (int) (v >>> 56)]++;
    }
    for (; i < end; i++) {
      c[lit[i] & 0xFF]++;
    }
    int maxSymbol = 0;
    for (int s = 0; s < 256; s++) {
      int total =
          c[s]
              + c[256 + s]
              + c[512 + s]
              + c[768 + s]
              + c[1024 + s]
              + c[1280 + s]
              + c[1536 + s]
              + c[1792 + s];
      count[s] = total;
      if (total != 0) {
        maxSymbol = s;
      }
    }
    return maxSymbol;
  }

  /**
   * Builds the length-limited canonical code for the counted literals (at least two distinct):
   * fills {@link #weight} and {@link #codes}.
   *
   * @return the number of bits the literals take with the code
   */
  private long buildCode(int maxSymbol, int distinct) {
    int m = 0;
    for (int s = 0; s <= maxSymbol; s++) {
      if (count[s] != 0) {
        sorted[m++] = (long) count[s] << 8 | s;
      }
    }
    Arrays.sort(sorted, 0, m);
    for (int i = 0; i < m; i++) {
      nodeCount[i] = (int) (sorted[i] >>> 8);
    }
    // two queues: leaves in ascending order, and inner nodes, which are made in ascending order
    int leaf = 0;
    int inner = m;
    for (int next = m; next < 2 * m - 1; next++) {
      int a;
      if (leaf < m && (inner >= next || nodeCount[leaf] <= nodeCount[inner])) {
        a = leaf++;
      } else {
        a = inner++;
      }
      int b;
      if (leaf < m && (inner >= next || nodeCount[leaf] <= nodeCount[inner])) {
        b = leaf++;
      } else {
        b = inner++;
      }
      nodeCount[next] = nodeCount[a] + nodeCount[b];
      parent[a] = next;
      parent[b] = next;
    }
    int root = 2 * m - 2;
    depth[root] = 0;
    for (int k = root - 1; k >= 0; k--) {
      depth[k] = depth[parent[k]] + 1;
    }
    // depth[0..m) now holds each leaf's code length (leaf i is sorted[i])
    int longest = 0;
    for (int i = 0; i < m; i++) {
      longest = Math.max(longest, depth[i]);
    }
    if (longest > MAX_BITS) {
      limitLengths(m);
      longest = 0;
      for (int i = 0; i < m; i++) {
        longest = Math.max(longest, depth[i]);
      }
    }
    int maxBits = longest;
    Arrays.fill(weight, 0, maxSymbol + 1, (byte) 0);
    Arrays.fill(rankStart, 0);
    long totalBits = 0;
    for (int i = 0; i < m; i++) {
      int s = (int) sorted[i] & 0xFF;
      int w = maxBits + 1 - depth[i];
      weight[s] = (byte) w;
      rankStart[w]++;
      totalBits += (long) nodeCount[i] * depth[i];
    }
    // canonical order: lower weights (longer codes) first, by symbol within a weight
    int next = 0;
    for (int w = 1; w <= maxBits; w++) {
      int c = rankStart[w];
      rankStart[w] = next;
      next += c << (w - 1);
    }
    for (int s = 0; s <= maxSymbol; s++) {
      int w = weight[s];
      if (w != 0) {
        int code = rankStart[w] >>> (w - 1);
        rankStart[w] += 1 << (w - 1);
        int length = maxBits + 1 - w;
        codes[s] = (long) code << (64 - length) | length;
      }
    }
    return totalBits;
  }

  /** Brings every length in {@code depth[0..m)} to at most {@link #MAX_BITS}, code complete. */
  private void limitLengths(int m) {
    int target = 1 << MAX_BITS;
    int kraft = 0;
    for (int i = 0; i < m; i++) {
      if (depth[i] > MAX_BITS) {
        depth[i] = MAX_BITS;
      }
      kraft += 1 << (MAX_BITS - depth[i]);
    }
    while (kraft > target) {
      // lengthen the rarest code that can still grow: the smallest loss of coding efficiency
      int i = 0;
      while (depth[i] >= MAX_BITS) {
        i++;
      }
      depth[i]++;
      kraft -= 1 << (MAX_BITS - depth[i]);
    }
    for (int i = m - 1; i >= 0 && kraft < target; i--) {
      // shorten the most frequent codes while the sum stays within one
      while (depth[i] > 1 && kraft + (1 << (MAX_BITS - depth[i])) <= target) {
        kraft += 1 << (MAX_BITS - depth[i]);
        depth[i]--;
      }
    }
  }

  /**
   * Writes the Huffman tree description (the weights of literals {@code 0..maxSymbol-1}) into
   * {@link #description}.
   *
   * @return its size, or -1 if the weights can be described neither way
   */
  private int describe(int maxSymbol) {
    int nbWeights = maxSymbol;
    int size = -1;
    Arrays.fill(weightCount, 0);
    for (int s = 0; s < nbWeights; s++) {
      weightCount[weight[s]]++;
    }
    int largest = 0;
    int maxWeight = 0;
    int distinct = 0;
    for (int w = 0; w < weightCount.length; w++) {
      int c = weightCount[w];
      if (c != 0) {
        distinct++;
        maxWeight = w;
        largest = Math.max(largest, c);
      }
    }
    if (nbWeights >= 2 && largest < nbWeights && largest > 1) {
      int log = ZstdFseEncoder.optimalTableLog(WEIGHTS_TABLE_LOG, nbWeights, maxWeight, distinct);
      ZstdFseEncoder.normalize(weightCount, maxWeight, nbWeights, log, norm);
      int p = ZstdFseEncoder.writeHeader(norm, maxWeight, log, description, 1);
      weightTable.build(norm, maxWeight, log);
      p = weightTable.encodeTwoStates(weight, nbWeights, description, p);
      if (p - 1 < 128) {
        description[0] = (byte) (p - 1);
        size = p;
      }
    }
    int directSize = 1 + ((nbWeights + 1) >>> 1);
    if (nbWeights <= 128 && (size < 0 || directSize < size)) {
      description[0] = (byte) (127 + nbWeights);
      for (int s = 0; s < nbWeights; s += 2) {
        int hi = weight[s];
        int lo = s + 1 < nbWeights ? weight[s + 1] : 0;
        description[1 + (s >>> 1)] = (byte) (hi << 4 | lo);
      }
      size = directSize;
    }
    return size;
  }

  /**
   * Huffman-codes {@code lit[from..to)} as one stream, last literal first, at {@code out[p]}.
   *
   * <p>The bit container fills from the top: each code is shifted in by moving the container right
   * by its length, the code's table entry carrying the code in its top bits and its length in its
   * low bits (which land below the live bits and are shifted out before they matter; the live bits
   * never exceed 56 between flushes). The entry's low 32 bits are exactly the length. A flush
   * writes the live bits, oldest first, as whole bytes.
   */
  private int encodeStream(byte[] lit, int from, int to, byte[] out, int p) {
    long[] t = codes;
    long acc = 0;
    int bits = 0;
    int i = to;
    while (i - from >= 8) {
      // eight literals from one wide read, the highest address first
      long v = LittleEndian.getLong(lit, i - 8);
      long e = t[(int) (v >>> 56)];
      acc = acc >>> e | e;
      bits += (int) e;
      e = t[(int) (v >>> 48) & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      e = t[(int) (v >>> 40) & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      e = t[(int) (v >>> 32) & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      LittleEndian.putLong(out, p, acc >>> -bits);
      p += bits >>> 3;
      bits &= 7;
      e = t[(int) (v >>> 24) & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      e = t[(int) (v >>> 16) & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      e = t[(int) (v >>> 8) & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      e = t[(int) v & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      i -= 8;
      LittleEndian.putLong(out, p, acc >>> -bits);
      p += bits >>> 3;
      bits &= 7;
    }
    while (i > from) {
      long e = t[lit[--i] & 0xFF];
      acc = acc >>> e | e;
      bits += (int) e;
      LittleEndian.putLong(out, p, acc >>> -bits);
      p += bits >>> 3;
      bits &= 7;
    }
    // the end mark: a 1 above the last code, then zero padding to the byte
    acc = acc >>> 1 | Long.MIN_VALUE;
    bits++;
    LittleEndian.putLong(out, p, acc >>> -bits);
    return p + ((bits + 7) >>> 3);
  }
}
