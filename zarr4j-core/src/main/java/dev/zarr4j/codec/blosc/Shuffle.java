package dev.zarr4j.codec.blosc;

import dev.zarr4j.internal.codec.LittleEndian;

/**
 * Blosc's byte shuffle and bit shuffle of one block, and their inverses.
 *
 * <p>Byte shuffle of a block of {@code n = size / ts} elements writes byte {@code b} of element
 * {@code i} to {@code b * n + i}; the {@code size % ts} trailing bytes are copied unchanged. Bit
 * shuffle (Blosc1 format) applies only when {@code n} is a multiple of 8, otherwise the block is
 * copied unchanged; it writes, for each byte {@code b} and bit {@code k}, a row of {@code n / 8}
 * bytes whose bit {@code j} of byte {@code m} is bit {@code k} of byte {@code b} of element {@code
 * 8m + j}; trailing bytes are copied unchanged.
 */
final class Shuffle {
  private Shuffle() {}

  /** Byte-shuffles {@code src[sOff, sOff+size)} into {@code dst[dOff, dOff+size)}. */
  static void shuffle(int ts, byte[] src, int sOff, int size, byte[] dst, int dOff) {
    int n = size / ts;
    switch (ts) {
      case 2 -> shuffle2(src, sOff, n, dst, dOff);
      case 4 -> shuffle4(src, sOff, n, dst, dOff);
      case 8 -> shuffle8(src, sOff, n, dst, dOff);
      default -> shuffleGeneric(ts, src, sOff, n, dst, dOff);
    }
    int done = n * ts;
    System.arraycopy(src, sOff + done, dst, dOff + done, size - done);
  }

  /** Inverse of {@link #shuffle}. */
  static void unshuffle(int ts, byte[] src, int sOff, int size, byte[] dst, int dOff) {
    int n = size / ts;
    switch (ts) {
      case 2 -> unshuffle2(src, sOff, n, dst, dOff);
      case 4 -> unshuffle4(src, sOff, n, dst, dOff);
      case 8 -> unshuffle8(src, sOff, n, dst, dOff);
      default -> unshuffleGeneric(ts, src, sOff, n, dst, dOff);
    }
    int done = n * ts;
    System.arraycopy(src, sOff + done, dst, dOff + done, size - done);
  }

  private static void shuffle2(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    int d1 = dOff + n;
    for (int i = 0; i < n; i++) {
      short v = LittleEndian.getShort(src, sOff + 2 * i);
      dst[dOff + i] = (byte) v;
      dst[d1 + i] = (byte) (v >> 8);
    }
  }

  private static void shuffle4(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    int d1 = dOff + n;
    int d2 = d1 + n;
    int d3 = d2 + n;
    for (int i = 0; i < n; i++) {
      int v = LittleEndian.getInt(src, sOff + 4 * i);
      dst[dOff + i] = (byte) v;
      dst[d1 + i] = (byte) (v >> 8);
      dst[d2 + i] = (byte) (v >> 16);
      dst[d3 + i] = (byte) (v >> 24);
    }
  }

  private static void shuffle8(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    for (int i = 0; i < n; i++) {
      long v = LittleEndian.getLong(src, sOff + 8 * i);
      int p = dOff + i;
      dst[p] = (byte) v;
      dst[p + n] = (byte) (v >> 8);
      dst[p + 2 * n] = (byte) (v >> 16);
      dst[p + 3 * n] = (byte) (v >> 24);
      dst[p + 4 * n] = (byte) (v >> 32);
      dst[p + 5 * n] = (byte) (v >> 40);
      dst[p + 6 * n] = (byte) (v >> 48);
      dst[p + 7 * n] = (byte) (v >> 56);
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

  private static void unshuffle2(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    int s1 = sOff + n;
    for (int i = 0; i < n; i++) {
      int v = (src[sOff + i] & 0xFF) | (src[s1 + i] << 8);
      LittleEndian.putShort(dst, dOff + 2 * i, (short) v);
    }
  }

  private static void unshuffle4(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    int s1 = sOff + n;
    int s2 = s1 + n;
    int s3 = s2 + n;
    for (int i = 0; i < n; i++) {
      int v =
          (src[sOff + i] & 0xFF)
              | (src[s1 + i] & 0xFF) << 8
              | (src[s2 + i] & 0xFF) << 16
              | src[s3 + i] << 24;
      LittleEndian.putInt(dst, dOff + 4 * i, v);
    }
  }

  private static void unshuffle8(byte[] src, int sOff, int n, byte[] dst, int dOff) {
    for (int i = 0; i < n; i++) {
      int p = sOff + i;
      long lo =
          (src[p] & 0xFFL)
              | (src[p + n] & 0xFFL) << 8
              | (src[p + 2 * n] & 0xFFL) << 16
              | (src[p + 3 * n] & 0xFFL) << 24;
      long hi =
          (src[p + 4 * n] & 0xFFL)
              | (src[p + 5 * n] & 0xFFL) << 8
              | (src[p + 6 * n] & 0xFFL) << 16
              | (src[p + 7 * n] & 0xFFL) << 24;
      LittleEndian.putLong(dst, dOff + 8 * i, lo | hi << 32);
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

  // ---- bit shuffle ----

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
    for (int b = 0; b < ts; b++) {
      int in = rOff + b * n;
      int out = dOff + b * 8 * rowLen;
      for (int m = 0; m < rowLen; m++) {
        long x = transposeBits(LittleEndian.getLong(rows, in + 8 * m));
        int o = out + m;
        dst[o] = (byte) x;
        dst[o + rowLen] = (byte) (x >>> 8);
        dst[o + 2 * rowLen] = (byte) (x >>> 16);
        dst[o + 3 * rowLen] = (byte) (x >>> 24);
        dst[o + 4 * rowLen] = (byte) (x >>> 32);
        dst[o + 5 * rowLen] = (byte) (x >>> 40);
        dst[o + 6 * rowLen] = (byte) (x >>> 48);
        dst[o + 7 * rowLen] = (byte) (x >>> 56);
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
    for (int b = 0; b < ts; b++) {
      int in = sOff + b * 8 * rowLen;
      int out = rOff + b * n;
      for (int m = 0; m < rowLen; m++) {
        int i = in + m;
        long x =
            (src[i] & 0xFFL)
                | (src[i + rowLen] & 0xFFL) << 8
                | (src[i + 2 * rowLen] & 0xFFL) << 16
                | (src[i + 3 * rowLen] & 0xFFL) << 24
                | (src[i + 4 * rowLen] & 0xFFL) << 32
                | (src[i + 5 * rowLen] & 0xFFL) << 40
                | (src[i + 6 * rowLen] & 0xFFL) << 48
                | (src[i + 7 * rowLen] & 0xFFL) << 56;
        LittleEndian.putLong(rows, out + 8 * m, transposeBits(x));
      }
    }
    if (ts != 1) {
      unshuffle(ts, tmp, 0, n * ts, dst, dOff);
    }
    int done = n * ts;
    System.arraycopy(src, sOff + done, dst, dOff + done, size - done);
  }
}
