package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;

/**
 * A range {@code start:stop:step} of one dimension, with Python's meaning: a missing start or stop
 * means the dimension's beginning or end, negative values count from the end, and bounds beyond the
 * dimension are clipped. Zarr supports positive steps only.
 *
 * @param start first position, or {@code null} for the beginning
 * @param stop position after the last, or {@code null} for the end
 * @param step distance between selected positions, at least 1
 */
public record Slice(Long start, Long stop, long step) implements DimSelector {
  private static final Slice ALL = new Slice(null, null, 1);

  /** Validates the step. */
  public Slice {
    if (step < 1) {
      throw new InvalidSelectionException(
          "slice step must be at least 1 (zarr supports only positive steps), got " + step);
    }
  }

  /** {@code :}, the whole dimension. */
  public static Slice all() {
    return ALL;
  }

  /** {@code start:stop}. */
  public static Slice of(long start, long stop) {
    return new Slice(start, stop, 1);
  }

  /** {@code start:stop:step}. */
  public static Slice of(long start, long stop, long step) {
    return new Slice(start, stop, step);
  }

  /** {@code start:}, from a position to the end. */
  public static Slice from(long start) {
    return new Slice(start, null, 1);
  }

  /** {@code :stop}, from the beginning to a position. */
  public static Slice to(long stop) {
    return new Slice(null, stop, 1);
  }

  /**
   * The concrete first position and count of selected positions in a dimension of {@code length},
   * as Python's {@code slice.indices} computes them: {@code [start, count]}.
   */
  public long[] resolve(long length) {
    long s;
    if (start == null) {
      s = 0;
    } else {
      s = start < 0 ? Math.max(0, start + length) : Math.min(start, length);
    }
    long e;
    if (stop == null) {
      e = length;
    } else {
      e = stop < 0 ? Math.max(0, stop + length) : Math.min(stop, length);
    }
    long count = e <= s ? 0 : (e - s + step - 1) / step;
    return new long[] {s, count};
  }

  @Override
  public String toString() {
    return (start == null ? "" : start.toString())
        + ":"
        + (stop == null ? "" : stop.toString())
        + (step == 1 ? "" : ":" + step);
  }
}
