package dev.zarr4j.ndarray;

import java.util.Arrays;

/**
 * A strided box of positions inside an N-dimensional array: per dimension a first position, a
 * distance between positions and a number of positions. A chunk projection names the part of a
 * chunk a selection takes with one.
 *
 * @param start first position per dimension
 * @param step distance between positions per dimension (at least 1)
 * @param count number of positions per dimension (at least 0)
 */
public record StridedBox(int[] start, int[] step, long[] count) {

  /** Validates the lengths and copies the arrays. */
  public StridedBox {
    start = start.clone();
    step = step.clone();
    count = count.clone();
    if (start.length != step.length || start.length != count.length) {
      throw new IllegalArgumentException(
          "start, step and count need one entry per dimension: "
              + Arrays.toString(start)
              + ", "
              + Arrays.toString(step)
              + ", "
              + Arrays.toString(count));
    }
  }

  /** Every position of an array of {@code shape}. */
  public static StridedBox all(int[] shape) {
    int[] step = new int[shape.length];
    long[] count = new long[shape.length];
    Arrays.fill(step, 1);
    for (int i = 0; i < shape.length; i++) {
      count[i] = shape[i];
    }
    return new StridedBox(new int[shape.length], step, count);
  }

  /** The first positions (a copy). */
  @Override
  public int[] start() {
    return start.clone();
  }

  /** The steps (a copy). */
  @Override
  public int[] step() {
    return step.clone();
  }

  /** The counts (a copy). */
  @Override
  public long[] count() {
    return count.clone();
  }

  /** The number of dimensions. */
  public int ndim() {
    return start.length;
  }

  /** The number of positions. */
  public long size() {
    long n = 1;
    for (long c : count) {
      n *= c;
    }
    return n;
  }

  /** The box with its dimensions reordered: dimension {@code i} is this box's {@code order[i]}. */
  public StridedBox permute(int[] order) {
    int[] s = new int[order.length];
    int[] st = new int[order.length];
    long[] c = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      s[i] = start[order[i]];
      st[i] = step[order[i]];
      c[i] = count[order[i]];
    }
    return new StridedBox(s, st, c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StridedBox b
        && Arrays.equals(start, b.start)
        && Arrays.equals(step, b.step)
        && Arrays.equals(count, b.count);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(start) * 961 + Arrays.hashCode(step) * 31 + Arrays.hashCode(count);
  }

  @Override
  public String toString() {
    return "StridedBox[start="
        + Arrays.toString(start)
        + ", step="
        + Arrays.toString(step)
        + ", count="
        + Arrays.toString(count)
        + "]";
  }
}
