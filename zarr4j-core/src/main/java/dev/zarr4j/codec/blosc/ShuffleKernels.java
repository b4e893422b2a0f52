package dev.zarr4j.codec.blosc;

import dev.zarr4j.compression.LittleEndian;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * Blosc's byte shuffle and bit shuffle of one block, and their inverses.
 *
 * <p>Byte shuffle of a block of {@code n = size / ts} elements writes byte {@code b} of element
 * {@code i} to {@code b * n + i}; the {@code size % ts} trailing bytes are copied unchanged. Bit
 * shuffle (Blosc1 format) applies only when {@code n} is a multiple of 8, otherwise the block is
 * copied unchanged; it writes, for each byte {@code b} and bit {@code k}, a row of {@code n / 8}
 * bytes whose bit {@code j} of byte {@code m} is bit {@code k} of byte {@code b} of element {@code
 * 8m + j}; trailing bytes are copied unchanged.
 *
 * <h2>How the fast kernels work</h2>
 *
 * <p>Java 17 has no SIMD API without flags, but C2 vectorises simple loops over {@code long[]}
 * arrays whose every operation is lane-wise (same index in and out) and whose body is small. Byte
 * and bit transposes are made of such steps: eight elements' bytes of one stream fill one {@code
 * long}, and a transpose of the {@code ts x 8} byte matrix (or an 8 x 8 bit matrix) is a few rounds
 * of "delta swaps" (shift, xor, mask) between longs. So the kernels work on tiles: a tile of each
 * stream (or of whole elements) is loaded into per-thread {@code long[]} arrays, each round of
 * delta swaps runs as its own small loop over the tile (vectorised by C2, to AVX2/AVX-512 or NEON),
 * and the result is written out; only the loads and stores that move whole longs between the
 * layouts are scalar. Short blocks and the elements past the last multiple of 8 use the scalar
 * kernels.
 *
 * <p>Contiguous runs of longs move between {@code byte[]} and the tiles by bulk copies through
 * little-endian {@code LongBuffer} views (one native copy per row, made once per block): as fast as
 * a loop of view-handle accesses once C2 has compiled it, and many times faster before, in the
 * interpreter and C1, where each view-handle access is a chain of calls. The unshuffle interleaves
 * the element rows into a tile of whole elements and copies that out in bulk too, except for type
 * size 2, whose two rows are written straight out with view-handle stores (faster when hot); the
 * shuffle gathers the elements with view-handle loads for the same reason. Consecutive delta-swap
 * steps that touch the same two rows run as one loop ({@code pair2}, {@code pair4}), which C2 still
 * vectorises: fewer passes over the tile.
 */
final class ShuffleKernels {
  private ShuffleKernels() {}

  /**
   * Longs per stream per tile of the byte-shuffle kernels, times the type size (an 8 KiB tile), for
   * type sizes 2 and 4.
   */
  private static final int TILE_LONGS = 1024;

  /**
   * Fewest longs per stream per tile: type sizes 8 and 16 use larger tiles (16 and 32 KiB), so that
   * each bulk copy of a stream's row moves at least 2 KiB.
   */
  private static final int MIN_ROW_LONGS = 256;

  /**
   * Blocks (and runs of a partial decode) of fewer elements use the scalar kernels. A tiled call
   * builds a buffer view per stream and fills whole tiles, which costs more than the scalar kernels
   * below a few hundred elements: the 64-element rows of a 64 x 64 window of a float32 chunk took
   * about 20 ns per element tiled and under 2 ns scalar, and far longer before C2 compiled them.
   */
  static final int MIN_TILED = 512;

  /** Per-thread tiles: up to 16 stream rows, the interleaved elements, and stream pointers. */
  private static final class Work {
    final long[][] rows = new long[16][TILE_LONGS / 2];
    final long[] elements = new long[16 * MIN_ROW_LONGS];
    final byte[][] arrays = new byte[16][];
    final int[] offsets = new int[16];
  }

  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  /** Whether the tiled byte-shuffle kernels handle this type size. */
  private static boolean tiled(int ts, int n) {
    return n >= MIN_TILED && (ts == 2 || ts == 4 || ts == 8 || ts == 16);
  }

  /** Byte-shuffles {@code src[sOff, sOff+size)} into {@code dst[dOff, dOff+size)}. */
  static void shuffle(int ts, byte[] src, int sOff, int size, byte[] dst, int dOff) {
    int n = size / ts;
    if (tiled(ts, n)) {
      int n8 = n & ~7;
      shuffleTiled(ts, src, sOff, n, n8, dst, dOff, WORK.get());
      for (int b = 0; b < ts; b++) {
        for (int i = n8; i < n; i++) {
          dst[dOff + b * n + i] = src[sOff + i * ts + b];
        }
      }
    } else {
      switch (ts) {
        case 2 -> shuffle2(src, sOff, n, dst, dOff);
        case 4 -> shuffle4(src, sOff, n, dst, dOff);
        case 8 -> shuffle8(src, sOff, n, dst, dOff);
        default -> shuffleGeneric(ts, src, sOff, n, dst, dOff);
      }
    }
    int done = n * ts;
    System.arraycopy(src, sOff + done, dst, dOff + done, size - done);
  }

  /** Inverse of {@link #shuffle}. */
  static void unshuffle(int ts, byte[] src, int sOff, int size, byte[] dst, int dOff) {
    int n = size / ts;
    if (tiled(ts, n)) {
      Work w = WORK.get();
      for (int b = 0; b < ts; b++) {
        w.arrays[b] = src;
        w.offsets[b] = sOff + b * n;
      }
      unshuffleStreamsTiled(ts, w.arrays, w.offsets, n, dst, dOff, w);
      java.util.Arrays.fill(w.arrays, null);
    } else {
      switch (ts) {
        case 2 -> unshuffle2(src, sOff, n, dst, dOff);
        case 4 -> unshuffle4(src, sOff, n, dst, dOff);
        case 8 -> unshuffle8(src, sOff, n, dst, dOff);
        default -> unshuffleGeneric(ts, src, sOff, n, dst, dOff);
      }
    }
    int done = n * ts;
    System.arraycopy(src, sOff + done, dst, dOff + done, size - done);
  }

  /**
   * Unshuffles a block whose {@code ts} byte streams of {@code n} bytes each lie in separate
   * places: stream {@code b} at {@code arrays[b][offsets[b]]}. Writes {@code n * ts} bytes.
   */
  static void unshuffleStreams(
      int ts, byte[][] arrays, int[] offsets, int n, byte[] dst, int dOff) {
    if (tiled(ts, n)) {
      unshuffleStreamsTiled(ts, arrays, offsets, n, dst, dOff, WORK.get());
      return;
    }
    switch (ts) {
      case 2 -> unshuffle2(arrays[0], offsets[0], arrays[1], offsets[1], n, dst, dOff);
      case 4 ->
          unshuffle4(
              arrays[0],
              offsets[0],
              arrays[1],
              offsets[1],
              arrays[2],
              offsets[2],
              arrays[3],
              offsets[3],
              n,
              dst,
              dOff);
      case 8 -> unshuffle8(arrays, offsets, n, dst, dOff);
      default -> unshuffleStreamsGeneric(ts, arrays, offsets, 0, n, dst, dOff);
    }
  }

  private static void unshuffleStreamsGeneric(
      int ts, byte[][] arrays, int[] offsets, int from, int to, byte[] dst, int dOff) {
    for (int b = 0; b < ts; b++) {
      byte[] a = arrays[b];
      int s = offsets[b];
      int d = dOff + b;
      for (int i = from; i < to; i++) {
        dst[d + i * ts] = a[s + i];
      }
    }
  }

  // ---------------------------------------------------------------- tiled byte shuffle

  /*
   * Layout of a tile. Lane w of row b holds bytes 8w..8w+7 of stream b (one byte of each of eight
   * elements) as a little-endian long. The transposes turn the ts rows into ts rows of whole
   * elements: lane w of "output row" q holds the q-th long of the 8 * ts bytes of elements
   * 8w..8w+7. ORDER[ts][q] says which row holds output row q after the transpose.
   */

  private static final int[] ORDER2 = {0, 1};
  private static final int[] ORDER4 = {0, 2, 1, 3};
  private static final int[] ORDER8 = {0, 1, 2, 3, 4, 5, 6, 7};
  private static final int[] ORDER16 = {0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15};

  private static int[] order(int ts) {
    return switch (ts) {
      case 2 -> ORDER2;
      case 4 -> ORDER4;
      case 8 -> ORDER8;
      default -> ORDER16;
    };
  }

  /** Longs per stream row of a tile for type size {@code ts}. */
  private static int tileLongs(int ts) {
    return Math.max(TILE_LONGS / ts, MIN_ROW_LONGS);
  }

  private static void unshuffleStreamsTiled(
      int ts, byte[][] arrays, int[] offsets, int n, byte[] dst, int dOff, Work work) {
    long[][] r = work.rows;
    long[] elements = work.elements;
    int n8 = n & ~7;
    int words = n8 >>> 3;
    int tile = tileLongs(ts);
    int[] order = order(ts);
    LongBuffer[] streams = new LongBuffer[ts];
    for (int b = 0; b < ts; b++) {
      streams[b] = longs(arrays[b], offsets[b], words);
    }
    LongBuffer out = longs(dst, dOff, ts * words);
    for (int w0 = 0; w0 < words; w0 += tile) {
      int m = Math.min(tile, words - w0);
      for (int b = 0; b < ts; b++) {
        streams[b].get(w0, r[b], 0, m);
      }
      streamsToElements(ts, r, m);
      if (ts == 2) {
        store2(r[0], r[1], m, dst, dOff + 16 * w0);
      } else {
        interleave(ts, r, order, m, elements);
        out.put(ts * w0, elements, 0, ts * m);
      }
    }
    unshuffleStreamsGeneric(ts, arrays, offsets, n8, n, dst, dOff);
  }

  private static void shuffleTiled(
      int ts, byte[] src, int sOff, int n, int n8, byte[] dst, int dOff, Work work) {
    long[][] r = work.rows;
    int words = n8 >>> 3;
    int tile = tileLongs(ts);
    int[] order = order(ts);
    LongBuffer[] streams = new LongBuffer[ts];
    for (int b = 0; b < ts; b++) {
      streams[b] = longs(dst, dOff + b * n, words);
    }
    for (int w0 = 0; w0 < words; w0 += tile) {
      int m = Math.min(tile, words - w0);
      gather(ts, r, order, m, src, sOff + 8 * ts * w0);
      elementsToStreams(ts, r, m);
      for (int b = 0; b < ts; b++) {
        streams[b].put(w0, r[b], 0, m);
      }
    }
  }

  /** Transposes the tile's ts stream rows into element rows (see {@link #order}). */
  private static void streamsToElements(int ts, long[][] r, int m) {
    switch (ts) {
      case 2 -> pair2(r[0], r[1], m);
      case 4 -> {
        pair4(r[0], r[1], m);
        pair4(r[2], r[3], m);
        swapBetween(r[0], r[2], 16, 0x0000FFFF0000FFFFL, m);
        swapBetween(r[1], r[3], 16, 0x0000FFFF0000FFFFL, m);
      }
      case 8 -> transpose8(r, 0, m);
      default -> {
        transpose8(r, 0, m);
        transpose8(r, 8, m);
      }
    }
  }

  /** Inverse of {@link #pair2}. */
  private static void unpair2(long[] r0, long[] r1, int m) {
    for (int w = 0; w < m; w++) {
      long a = r0[w];
      long b = r1[w];
      long t = (a ^ (a >>> 8)) & 0x0000FF000000FF00L;
      a ^= t ^ (t << 8);
      t = (a ^ (a >>> 16)) & 0x00000000FFFF0000L;
      a ^= t ^ (t << 16);
      t = (b ^ (b >>> 8)) & 0x0000FF000000FF00L;
      b ^= t ^ (t << 8);
      t = (b ^ (b >>> 16)) & 0x00000000FFFF0000L;
      b ^= t ^ (t << 16);
      t = ((a >>> 32) ^ b) & 0x00000000FFFFFFFFL;
      r0[w] = a ^ (t << 32);
      r1[w] = b ^ t;
    }
  }

  /**
   * Type size 2, lane-wise on two stream rows: swaps their high and low halves, then interleaves
   * the 16-bit halves of each ({@code a0 a1 a2 a3 b0 b1 b2 b3} become {@code a0 b0 a1 b1 a2 b2 a3
   * b3}, bytes). One loop instead of three: fewer passes over the tile, still vectorised by C2.
   */
  private static void pair2(long[] r0, long[] r1, int m) {
    for (int w = 0; w < m; w++) {
      long a = r0[w];
      long b = r1[w];
      long t = ((a >>> 32) ^ b) & 0x00000000FFFFFFFFL;
      a ^= t << 32;
      b ^= t;
      t = (a ^ (a >>> 16)) & 0x00000000FFFF0000L;
      a ^= t ^ (t << 16);
      t = (a ^ (a >>> 8)) & 0x0000FF000000FF00L;
      r0[w] = a ^ t ^ (t << 8);
      t = (b ^ (b >>> 16)) & 0x00000000FFFF0000L;
      b ^= t ^ (t << 16);
      t = (b ^ (b >>> 8)) & 0x0000FF000000FF00L;
      r1[w] = b ^ t ^ (t << 8);
    }
  }

  /** Inverse of {@link #pair4}. */
  private static void unpair4(long[] r0, long[] r1, int m) {
    for (int w = 0; w < m; w++) {
      long a = r0[w];
      long b = r1[w];
      long t = (a ^ (a >>> 24)) & 0x00000000FF00FF00L;
      a ^= t ^ (t << 24);
      t = (b ^ (b >>> 24)) & 0x00000000FF00FF00L;
      b ^= t ^ (t << 24);
      t = ((a >>> 32) ^ b) & 0x00000000FFFFFFFFL;
      r0[w] = a ^ (t << 32);
      r1[w] = b ^ t;
    }
  }

  /**
   * Type size 4, lane-wise on two stream rows: swaps their high and low halves, then swaps bytes 1
   * and 4 and bytes 3 and 6 within each (the first two steps of the 4 x 4 byte transpose), in one
   * loop.
   */
  private static void pair4(long[] r0, long[] r1, int m) {
    for (int w = 0; w < m; w++) {
      long a = r0[w];
      long b = r1[w];
      long t = ((a >>> 32) ^ b) & 0x00000000FFFFFFFFL;
      a ^= t << 32;
      b ^= t;
      t = (a ^ (a >>> 24)) & 0x00000000FF00FF00L;
      r0[w] = a ^ t ^ (t << 24);
      t = (b ^ (b >>> 24)) & 0x00000000FF00FF00L;
      r1[w] = b ^ t ^ (t << 24);
    }
  }

  /** Inverse of {@link #streamsToElements}. */
  private static void elementsToStreams(int ts, long[][] r, int m) {
    switch (ts) {
      case 2 -> unpair2(r[0], r[1], m);
      case 4 -> {
        swapBetween(r[0], r[2], 16, 0x0000FFFF0000FFFFL, m);
        swapBetween(r[1], r[3], 16, 0x0000FFFF0000FFFFL, m);
        unpair4(r[0], r[1], m);
        unpair4(r[2], r[3], m);
      }
      case 8 -> transpose8(r, 0, m);
      default -> {
        transpose8(r, 0, m);
        transpose8(r, 8, m);
      }
    }
  }

  /**
   * The {@code m} little-endian longs at {@code a[off..]} as a buffer, for bulk transfers: one
   * native copy per tile row, fast in the interpreter and C1 too (a view-handle read per long is
   * slow until C2 compiles it). Made once per block, so that the hot loops hold no allocation.
   */
  private static LongBuffer longs(byte[] a, int off, int m) {
    return ByteBuffer.wrap(a, off, 8 * m).slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
  }

  /** Interleaves the element rows: lane w's ts longs go to {@code out[ts*w ..]}, in order. */
  private static void interleave(int ts, long[][] r, int[] order, int m, long[] out) {
    switch (ts) {
      case 4 -> interleave4(r[0], r[2], r[1], r[3], m, out);
      case 8 -> interleave8(r, m, out);
      default -> {
        for (int q = 0; q < ts; q++) {
          long[] row = r[order[q]];
          for (int w = 0, o = q; w < m; w++, o += ts) {
            out[o] = row[w];
          }
        }
      }
    }
  }

  /**
   * Writes two element rows interleaved straight into {@code dst} (lane w's two longs at {@code d +
   * 16 * w}). For type size 2 this beat interleaving into a tile and copying it in bulk when hot;
   * the view-handle writes cost more until C2 compiles them.
   */
  private static void store2(long[] a, long[] b, int m, byte[] dst, int d) {
    for (int w = 0; w < m; w++) {
      int p = d + 16 * w;
      LittleEndian.putLong(dst, p, a[w]);
      LittleEndian.putLong(dst, p + 8, b[w]);
    }
  }

  private static void interleave8(long[][] r, int m, long[] out) {
    long[] r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3], r4 = r[4], r5 = r[5], r6 = r[6], r7 = r[7];
    for (int w = 0; w < m; w++) {
      int p = 8 * w;
      out[p] = r0[w];
      out[p + 1] = r1[w];
      out[p + 2] = r2[w];
      out[p + 3] = r3[w];
      out[p + 4] = r4[w];
      out[p + 5] = r5[w];
      out[p + 6] = r6[w];
      out[p + 7] = r7[w];
    }
  }

  private static void interleave4(long[] a, long[] b, long[] c, long[] e, int m, long[] out) {
    for (int w = 0; w < m; w++) {
      int p = 4 * w;
      out[p] = a[w];
      out[p + 1] = b[w];
      out[p + 2] = c[w];
      out[p + 3] = e[w];
    }
  }

  /**
   * Inverse of {@link #interleave}, reading straight from {@code src}: lane w's ts longs from
   * {@code src[s + 8*ts*w ..]}. (Gathering from a tile copied in bulk was slower when hot.)
   */
  private static void gather(int ts, long[][] r, int[] order, int m, byte[] src, int s) {
    int step = 8 * ts;
    for (int q = 0; q < ts; q++) {
      long[] row = r[order[q]];
      int o = s + 8 * q;
      for (int w = 0; w < m; w++) {
        row[w] = LittleEndian.getLong(src, o + step * w);
      }
    }
  }

  /**
   * Lane-wise delta swap between two longs: the bits of {@code b} selected by {@code mask} trade
   * places with the bits of {@code a} {@code s} above them.
   */
  private static void swapBetween(long[] a, long[] b, int s, long mask, int m) {
    for (int w = 0; w < m; w++) {
      long x = a[w];
      long y = b[w];
      long t = ((x >>> s) ^ y) & mask;
      a[w] = x ^ (t << s);
      b[w] = y ^ t;
    }
  }

  /**
   * Lane-wise transpose of the 8 x 8 byte matrices whose rows are {@code r[base..base+7]} (byte c
   * of row k becomes byte k of row c). Its own inverse.
   */
  private static void transpose8(long[][] r, int base, int m) {
    for (int k = 0; k < 8; k += 2) {
      swapBetween(r[base + k], r[base + k + 1], 8, 0x00FF00FF00FF00FFL, m);
    }
    for (int k = 0; k < 8; k += 4) {
      swapBetween(r[base + k], r[base + k + 2], 16, 0x0000FFFF0000FFFFL, m);
      swapBetween(r[base + k + 1], r[base + k + 3], 16, 0x0000FFFF0000FFFFL, m);
    }
    for (int k = 0; k < 4; k++) {
      swapBetween(r[base + k], r[base + k + 4], 32, 0x00000000FFFFFFFFL, m);
    }
  }

  // ---------------------------------------------------------------- scalar byte shuffle

  /**
   * Spreads the low 4 bytes of {@code x} to the even byte positions of the result: bytes {@code b0
   * b1 b2 b3} become {@code b0 0 b1 0 b2 0 b3 0}.
   */
  private static long spreadBytes(long x) {
    x &= 0xFFFFFFFFL;
    x = (x | x << 16) & 0x0000FFFF0000FFFFL;
    return (x | x << 8) & 0x00FF00FF00FF00FFL;
  }

  /** Inverse of {@link #spreadBytes}: gathers the even bytes of {@code x} into the low 4 bytes. */
  private static long gatherBytes(long x) {
    x &= 0x00FF00FF00FF00FFL;
    x = (x | x >>> 8) & 0x0000FFFF0000FFFFL;
    return (x | x >>> 16) & 0xFFFFFFFFL;
  }

  private static void shuffle2(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    int d1 = dOff + n;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long v = LittleEndian.getLong(src, sOff + 2 * i);
      LittleEndian.putInt(dst, dOff + i, (int) gatherBytes(v));
      LittleEndian.putInt(dst, d1 + i, (int) gatherBytes(v >>> 8));
    }
    for (; i < n; i++) {
      dst[dOff + i] = src[sOff + 2 * i];
      dst[d1 + i] = src[sOff + 2 * i + 1];
    }
  }

  private static void unshuffle2(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    unshuffle2(src, sOff, src, sOff + n, n, dst, dOff);
  }

  private static void unshuffle2(
      byte[] a, int aOff, byte[] b, int bOff, int n, byte[] dst, int dOff) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long x = LittleEndian.getInt(a, aOff + i);
      long y = LittleEndian.getInt(b, bOff + i);
      LittleEndian.putLong(dst, dOff + 2 * i, spreadBytes(x) | spreadBytes(y) << 8);
    }
    for (; i < n; i++) {
      dst[dOff + 2 * i] = a[aOff + i];
      dst[dOff + 2 * i + 1] = b[bOff + i];
    }
  }

  // ts = 4: four elements (or four 4-byte stream words) form a 4x4 byte matrix held in two longs,
  // x = rows 0 and 1, y = rows 2 and 3; two rounds of delta swaps transpose it in registers.

  private static void shuffle4(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    int d1 = dOff + n;
    int d2 = d1 + n;
    int d3 = d2 + n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      int p = sOff + 4 * i;
      long x = LittleEndian.getLong(src, p);
      long y = LittleEndian.getLong(src, p + 8);
      long x2 = LittleEndian.getLong(src, p + 16);
      long y2 = LittleEndian.getLong(src, p + 24);
      // transpose elements 0..3 (x, y) and 4..7 (x2, y2) into stream words
      long t = (x ^ (x >>> 24)) & 0x00000000FF00FF00L;
      x ^= t ^ (t << 24);
      t = (y ^ (y >>> 24)) & 0x00000000FF00FF00L;
      y ^= t ^ (t << 24);
      t = ((x >>> 16) ^ y) & 0x0000FFFF0000FFFFL;
      y ^= t;
      x ^= t << 16;
      t = (x2 ^ (x2 >>> 24)) & 0x00000000FF00FF00L;
      x2 ^= t ^ (t << 24);
      t = (y2 ^ (y2 >>> 24)) & 0x00000000FF00FF00L;
      y2 ^= t ^ (t << 24);
      t = ((x2 >>> 16) ^ y2) & 0x0000FFFF0000FFFFL;
      y2 ^= t;
      x2 ^= t << 16;
      // x = stream0 | stream1 << 32 for elements 0..3; x2 the same for elements 4..7
      LittleEndian.putLong(dst, dOff + i, (x & 0xFFFFFFFFL) | x2 << 32);
      LittleEndian.putLong(dst, d1 + i, (x >>> 32) | (x2 & 0xFFFFFFFF00000000L));
      LittleEndian.putLong(dst, d2 + i, (y & 0xFFFFFFFFL) | y2 << 32);
      LittleEndian.putLong(dst, d3 + i, (y >>> 32) | (y2 & 0xFFFFFFFF00000000L));
    }
    for (; i < n; i++) {
      int v = LittleEndian.getInt(src, sOff + 4 * i);
      dst[dOff + i] = (byte) v;
      dst[d1 + i] = (byte) (v >> 8);
      dst[d2 + i] = (byte) (v >> 16);
      dst[d3 + i] = (byte) (v >> 24);
    }
  }

  private static void unshuffle4(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    unshuffle4(src, sOff, src, sOff + n, src, sOff + 2 * n, src, sOff + 3 * n, n, dst, dOff);
  }

  private static void unshuffle4(
      byte[] s0,
      int o0,
      byte[] s1,
      int o1,
      byte[] s2,
      int o2,
      byte[] s3,
      int o3,
      int n,
      byte[] dst,
      int dOff) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long a = LittleEndian.getLong(s0, o0 + i);
      long b = LittleEndian.getLong(s1, o1 + i);
      long c = LittleEndian.getLong(s2, o2 + i);
      long d = LittleEndian.getLong(s3, o3 + i);
      // rows: streams 0..3, four bytes each, for elements 0..3 (x, y) and 4..7 (x2, y2)
      long x = (a & 0xFFFFFFFFL) | b << 32;
      long y = (c & 0xFFFFFFFFL) | d << 32;
      long x2 = (a >>> 32) | (b & 0xFFFFFFFF00000000L);
      long y2 = (c >>> 32) | (d & 0xFFFFFFFF00000000L);
      long t = (x ^ (x >>> 24)) & 0x00000000FF00FF00L;
      x ^= t ^ (t << 24);
      t = (y ^ (y >>> 24)) & 0x00000000FF00FF00L;
      y ^= t ^ (t << 24);
      t = ((x >>> 16) ^ y) & 0x0000FFFF0000FFFFL;
      y ^= t;
      x ^= t << 16;
      t = (x2 ^ (x2 >>> 24)) & 0x00000000FF00FF00L;
      x2 ^= t ^ (t << 24);
      t = (y2 ^ (y2 >>> 24)) & 0x00000000FF00FF00L;
      y2 ^= t ^ (t << 24);
      t = ((x2 >>> 16) ^ y2) & 0x0000FFFF0000FFFFL;
      y2 ^= t;
      x2 ^= t << 16;
      int o = dOff + 4 * i;
      LittleEndian.putLong(dst, o, x);
      LittleEndian.putLong(dst, o + 8, y);
      LittleEndian.putLong(dst, o + 16, x2);
      LittleEndian.putLong(dst, o + 24, y2);
    }
    for (; i < n; i++) {
      int v =
          (s0[o0 + i] & 0xFF)
              | (s1[o1 + i] & 0xFF) << 8
              | (s2[o2 + i] & 0xFF) << 16
              | s3[o3 + i] << 24;
      LittleEndian.putInt(dst, dOff + 4 * i, v);
    }
  }

  /**
   * Transposes an 8x8 byte matrix held as eight little-endian longs (row r = {@code m[r]}, byte c
   * of a row = column c) in place.
   */
  private static void transpose8x8(long[] m) {
    // 1-byte swaps within 2x2 blocks
    for (int r = 0; r < 8; r += 2) {
      long t = (m[r] >>> 8 ^ m[r + 1]) & 0x00FF00FF00FF00FFL;
      m[r + 1] ^= t;
      m[r] ^= t << 8;
    }
    // 2-byte swaps within 4x4 blocks
    for (int r = 0; r < 8; r += 4) {
      for (int k = 0; k < 2; k++) {
        long t = (m[r + k] >>> 16 ^ m[r + k + 2]) & 0x0000FFFF0000FFFFL;
        m[r + k + 2] ^= t;
        m[r + k] ^= t << 16;
      }
    }
    // 4-byte swaps between the halves
    for (int k = 0; k < 4; k++) {
      long t = (m[k] >>> 32 ^ m[k + 4]) & 0x00000000FFFFFFFFL;
      m[k + 4] ^= t;
      m[k] ^= t << 32;
    }
  }

  private static void shuffle8(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    long[] m = new long[8];
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      for (int r = 0; r < 8; r++) {
        m[r] = LittleEndian.getLong(src, sOff + 8 * (i + r));
      }
      transpose8x8(m);
      for (int r = 0; r < 8; r++) {
        LittleEndian.putLong(dst, dOff + r * n + i, m[r]);
      }
    }
    for (; i < n; i++) {
      for (int b = 0; b < 8; b++) {
        dst[dOff + b * n + i] = src[sOff + 8 * i + b];
      }
    }
  }

  private static void unshuffle8(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    byte[][] arrays = new byte[8][];
    int[] offsets = new int[8];
    for (int b = 0; b < 8; b++) {
      arrays[b] = src;
      offsets[b] = sOff + b * n;
    }
    unshuffle8(arrays, offsets, n, dst, dOff);
  }

  private static void unshuffle8(byte[][] arrays, int[] offsets, int n, byte[] dst, int dOff) {
    long[] m = new long[8];
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      for (int r = 0; r < 8; r++) {
        m[r] = LittleEndian.getLong(arrays[r], offsets[r] + i);
      }
      transpose8x8(m);
      for (int r = 0; r < 8; r++) {
        LittleEndian.putLong(dst, dOff + 8 * (i + r), m[r]);
      }
    }
    for (; i < n; i++) {
      for (int b = 0; b < 8; b++) {
        dst[dOff + 8 * i + b] = arrays[b][offsets[b] + i];
      }
    }
  }

  private static void shuffleGeneric(int ts, byte[] src, int sOff, int n, byte[] dst, int dOff) {
    for (int b = 0; b < ts; b++) {
      int d = dOff + b * n;
      int s = sOff + b;
      for (int i = 0; i < n; i++) {
        dst[d + i] = src[s + i * ts];
      }
    }
  }

  private static void unshuffleGeneric(int ts, byte[] src, int sOff, int n, byte[] dst, int dOff) {
    for (int b = 0; b < ts; b++) {
      int s = sOff + b * n;
      int d = dOff + b;
      for (int i = 0; i < n; i++) {
        dst[d + i * ts] = src[s + i];
      }
    }
  }

  // ---------------------------------------------------------------- bit shuffle

  /** Transposes the 8x8 bit matrix held in {@code x}: bit k of byte j becomes bit j of byte k. */
  static long transposeBits(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
    return x ^ t ^ (t << 28);
  }

  /**
   * Bit-shuffles {@code src[sOff, sOff+size)} into {@code dst[dOff, dOff+size)}, using {@code tmp}
   * (at least {@code size} bytes) as scratch.
   */
  static void bitshuffle(int ts, byte[] src, int sOff, int size, byte[] dst, int dOff, byte[] tmp) {
    int n = size / ts;
    if (n % 8 != 0) {
      System.arraycopy(src, sOff, dst, dOff, size);
      return;
    }
    byte[] rows;
    int rOff;
    if (ts == 1) {
      rows = src;
      rOff = sOff;
    } else {
      shuffle(ts, src, sOff, n * ts, tmp, 0);
      rows = tmp;
      rOff = 0;
    }
    int rowLen = n / 8;
    long[] m = new long[8];
    for (int b = 0; b < ts; b++) {
      int in = rOff + b * n;
      int out = dOff + b * 8 * rowLen;
      int g = 0;
      // 64 elements at a time: eight 8x8 bit transposes, then an 8x8 byte transpose so that each
      // bit row is written as one long
      for (; g + 8 <= rowLen; g += 8) {
        for (int k = 0; k < 8; k++) {
          m[k] = transposeBits(LittleEndian.getLong(rows, in + 8 * (g + k)));
        }
        transpose8x8(m);
        for (int k = 0; k < 8; k++) {
          LittleEndian.putLong(dst, out + k * rowLen + g, m[k]);
        }
      }
      for (; g < rowLen; g++) {
        long x = transposeBits(LittleEndian.getLong(rows, in + 8 * g));
        int o = out + g;
        for (int k = 0; k < 8; k++) {
          dst[o + k * rowLen] = (byte) (x >>> (8 * k));
        }
      }
    }
    int done = n * ts;
    System.arraycopy(src, sOff + done, dst, dOff + done, size - done);
  }

  /** Inverse of {@link #bitshuffle}; {@code tmp} needs at least {@code size} bytes. */
  static void bitunshuffle(
      int ts, byte[] src, int sOff, int size, byte[] dst, int dOff, byte[] tmp) {
    int n = size / ts;
    if (n % 8 != 0) {
      System.arraycopy(src, sOff, dst, dOff, size);
      return;
    }
    byte[] rows;
    int rOff;
    if (ts == 1) {
      rows = dst;
      rOff = dOff;
    } else {
      rows = tmp;
      rOff = 0;
    }
    int rowLen = n / 8;
    long[] m = new long[8];
    for (int b = 0; b < ts; b++) {
      int in = sOff + b * 8 * rowLen;
      int out = rOff + b * n;
      int g = 0;
      for (; g + 8 <= rowLen; g += 8) {
        for (int k = 0; k < 8; k++) {
          m[k] = LittleEndian.getLong(src, in + k * rowLen + g);
        }
        transpose8x8(m);
        for (int k = 0; k < 8; k++) {
          LittleEndian.putLong(rows, out + 8 * (g + k), transposeBits(m[k]));
        }
      }
      for (; g < rowLen; g++) {
        int i = in + g;
        long x = 0;
        for (int k = 0; k < 8; k++) {
          x |= (src[i + k * rowLen] & 0xFFL) << (8 * k);
        }
        LittleEndian.putLong(rows, out + 8 * g, transposeBits(x));
      }
    }
    if (ts != 1) {
      unshuffle(ts, tmp, 0, n * ts, dst, dOff);
    }
    int done = n * ts;
    System.arraycopy(src, sOff + done, dst, dOff + done, size - done);
  }
}
