package dev.zarr4j.compression;

/**
 * The 64-bit xxHash of a byte range, as Zstandard frames use for their content checksum (the low 32
 * bits of the hash with seed 0, stored little-endian after the last block).
 */
public final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  /** The hash of {@code a[off, off+len)} with the given seed. */
  public static long hash(byte[] a, int off, int len, long seed) {
    java.util.Objects.checkFromIndexSize(off, len, a.length);
    int p = off;
    int end = off + len;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = end - 32;
      do {
        v1 = round(v1, LittleEndian.getLong(a, p));
        v2 = round(v2, LittleEndian.getLong(a, p + 8));
        v3 = round(v3, LittleEndian.getLong(a, p + 16));
        v4 = round(v4, LittleEndian.getLong(a, p + 24));
        p += 32;
      } while (p <= limit);
      h =
          Long.rotateLeft(v1, 1)
              + Long.rotateLeft(v2, 7)
              + Long.rotateLeft(v3, 12)
              + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    while (p + 8 <= end) {
      h ^= round(0, LittleEndian.getLong(a, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (p + 4 <= end) {
      h ^= (LittleEndian.getInt(a, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < end) {
      h ^= (a[p] & 0xFF) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  /** The Zstandard content checksum of {@code a[off, off+len)}: the hash's low 32 bits. */
  public static int zstdChecksum(byte[] a, int off, int len) {
    return (int) hash(a, off, len, 0);
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long v) {
    acc ^= round(0, v);
    return acc * P1 + P4;
  }
}
