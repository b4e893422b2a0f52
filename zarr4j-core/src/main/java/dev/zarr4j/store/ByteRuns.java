package dev.zarr4j.store;

import java.util.Arrays;

/**
 * Sorted, disjoint, non-empty ranges {@code [start, end)} of a byte sequence: the parts of a value
 * a reader wants. Read "packed", they arrive one after another with nothing in between, so the
 * reader needs no buffer the size of the whole value.
 */
public final class ByteRuns {
  private final long[] bounds; // start0, end0, start1, end1, ...

  private ByteRuns(long[] bounds) {
    this.bounds = bounds;
  }

  /**
   * Runs from start/end pairs.
   *
   * @param bounds {@code start0, end0, start1, end1, ...}: each run non-empty, each starting at or
   *     after the end of the one before
   * @throws IllegalArgumentException if the pairs are not sorted, disjoint and non-empty
   */
  public static ByteRuns of(long... bounds) {
    if (bounds.length % 2 != 0) {
      throw new IllegalArgumentException(
          "runs are start/end pairs, got " + bounds.length + " values");
    }
    long last = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      if (bounds[i] < last || bounds[i + 1] <= bounds[i]) {
        throw new IllegalArgumentException(
            "runs must be sorted, disjoint and non-empty: run "
                + (i / 2)
                + " is ["
                + bounds[i]
                + ", "
                + bounds[i + 1]
                + ") after "
                + last);
      }
      last = bounds[i + 1];
    }
    return new ByteRuns(bounds.clone());
  }

  /** Runs from {@code int} start/end pairs (see {@link #of(long...)}). */
  public static ByteRuns ofInts(int[] bounds, int length) {
    long[] b = new long[length];
    for (int i = 0; i < length; i++) {
      b[i] = bounds[i];
    }
    return of(b);
  }

  /** One run. */
  public static ByteRuns single(long start, long end) {
    return of(start, end);
  }

  /** The number of runs. */
  public int count() {
    return bounds.length / 2;
  }

  /** Where run {@code i} starts. */
  public long start(int i) {
    return bounds[2 * i];
  }

  /** Where run {@code i} ends (exclusive). */
  public long end(int i) {
    return bounds[2 * i + 1];
  }

  /** The number of bytes in all runs: the size of the packed result. */
  public long totalBytes() {
    long n = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      n += bounds[i + 1] - bounds[i];
    }
    return n;
  }

  /** From the start of the first run to the end of the last (0 when there are none). */
  public long span() {
    return bounds.length == 0 ? 0 : bounds[bounds.length - 1] - bounds[0];
  }

  /** The end of the last run (0 when there are none). */
  public long last() {
    return bounds.length == 0 ? 0 : bounds[bounds.length - 1];
  }

  /** The start/end pairs as {@code int}s, for values under 2 GiB. */
  public int[] toIntBounds() {
    int[] out = new int[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      out[i] = Math.toIntExact(bounds[i]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteRuns r && Arrays.equals(bounds, r.bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ByteRuns[");
    for (int i = 0; i < bounds.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('[').append(bounds[i]).append(", ").append(bounds[i + 1]).append(')');
    }
    return sb.append(']').toString();
  }
}
