package dev.zarr4j.compression;

import java.util.Arrays;

/**
 * Copies an LZ77 match within the output, for the LZ4 and Zstandard decoders: {@code len} bytes
 * from {@code offset} bytes back, where the source may overlap the destination (an offset shorter
 * than the length repeats a period).
 *
 * <p>Matches of up to 64 bytes with an offset of at least 8 are one fixed run of eight 8-byte moves
 * when the room up to {@code limit} allows (a loop whose exit depends on the length is often
 * mispredicted); other short matches move eight bytes at a time; long non-overlapping ones are one
 * {@link System#arraycopy}; short periods are spread by copying from a multiple of the period at
 * least eight back, or by doubling.
 *
 * <p>Public only because the LZ4 and Zstandard decoders live in packages of their own. It does not
 * validate its arguments: callers check the offset and the length against their output first
 * (arguments outside the array end in an {@link IndexOutOfBoundsException}).
 */
public final class MatchCopier {
  private MatchCopier() {}

  /** Matches up to this length are copied eight bytes at a time rather than by one call. */
  private static final int SHORT_MATCH = 32;

  /** Matches up to this length (offset at least 8) are copied as this many bytes at once. */
  private static final int WIDE = 64;

  /** For each offset below 8, its smallest multiple that is at least 8. */
  private static final int[] SPREAD = {0, 8, 8, 9, 8, 10, 12, 14};

  /**
   * Copies {@code a[from, from + len)} forward to {@code a[to, to + len)}, {@code to = from +
   * offset}; bytes up to {@code limit} (exclusive) may be overwritten with scratch values.
   *
   * @param a the output array, holding the match's source before {@code to}
   * @param from where the match's bytes start
   * @param to where they are copied to
   * @param len the match length
   * @param offset {@code to - from}, at least 1
   * @param limit the end of the room that may be written, at least {@code to + len}
   */
  public static void copy(byte[] a, int from, int to, int len, int offset, int limit) {
    if (offset >= 8) {
      if (len <= WIDE && to <= limit - WIDE) {
        // the common short match: a fixed run of moves, with no loop whose exit depends on len
        for (int i = 0; i < WIDE; i += 8) {
          LittleEndian.putLong(a, to + i, LittleEndian.getLong(a, from + i));
        }
        return;
      }
      if ((len <= 2 * SHORT_MATCH || offset < len) && to + len + 8 <= limit) {
        // each 8-byte move reads bytes written at least 8 earlier, so the forward copy is exact
        for (int i = 0; i < len; i += 8) {
          LittleEndian.putLong(a, to + i, LittleEndian.getLong(a, from + i));
        }
      } else if (offset >= len) {
        System.arraycopy(a, from, a, to, len);
      } else {
        for (int i = 0; i < len; i++) {
          a[to + i] = a[from + i];
        }
      }
      return;
    }
    int end = to + len;
    if (len < SHORT_MATCH || offset != 1 && len < 4 * SHORT_MATCH) {
      if (end + 8 > limit) {
        for (int i = 0; i < len; i++) {
          a[to + i] = a[from + i];
        }
        return;
      }
      // the first eight bytes one by one; after them the bytes repeat with period offset, so a
      // copy from a multiple of offset of at least eight back moves eight exact bytes at a time
      for (int i = 0; i < 8; i++) {
        a[to + i] = a[from + i];
      }
      int back = SPREAD[offset];
      for (int p = to + 8; p < end; p += 8) {
        LittleEndian.putLong(a, p, LittleEndian.getLong(a, p - back));
      }
    } else if (offset == 1) {
      Arrays.fill(a, to, end, a[from]);
    } else {
      // a short period repeated: grow the periodic region by doubling copies of itself
      int p = to;
      while (p < end) {
        int n = Math.min(p - from, end - p);
        System.arraycopy(a, from, a, p, n);
        p += n;
      }
    }
  }
}
