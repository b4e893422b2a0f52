package dev.zarr4j.store.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups byte ranges of one object into few requests: ranges that overlap or lie at most {@code
 * gap} bytes apart are read as one range covering them all, as long as it stays within {@code
 * maxLength} bytes (a single range longer than that is read alone). Pure computation.
 */
public final class RangeCoalescer {
  private RangeCoalescer() {}

  /**
   * One request: the bytes {@code [start, end)} of the object, holding the ranges {@code members}
   * (indices into the caller's list, in ascending order of their start).
   */
  public record Group(long start, long end, int[] members) {}

  /**
   * Groups the ranges {@code [starts[i], ends[i])}.
   *
   * @param gap the most bytes between two ranges read together
   * @param maxLength the longest group (ranges longer than this are groups of their own)
   * @return the groups in ascending order of start; every range is in exactly one
   * @throws IllegalArgumentException if the arrays differ in length or a range is reversed
   */
  public static List<Group> coalesce(long[] starts, long[] ends, long gap, long maxLength) {
    if (starts.length != ends.length) {
      throw new IllegalArgumentException(
          starts.length + " range starts but " + ends.length + " ends");
    }
    Integer[] order = new Integer[starts.length];
    for (int i = 0; i < order.length; i++) {
      if (starts[i] < 0 || ends[i] < starts[i]) {
        throw new IllegalArgumentException(
            "range " + i + " [" + starts[i] + ", " + ends[i] + ") is not valid");
      }
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> starts[i]).thenComparingInt(i -> i));
    List<Group> out = new ArrayList<>();
    int i = 0;
    while (i < order.length) {
      long start = starts[order[i]];
      long end = ends[order[i]];
      int j = i + 1;
      while (j < order.length) {
        int k = order[j];
        long newEnd = Math.max(end, ends[k]);
        if (starts[k] - end > gap || newEnd - start > maxLength) {
          break;
        }
        end = newEnd;
        j++;
      }
      int[] members = new int[j - i];
      for (int m = i; m < j; m++) {
        members[m - i] = order[m];
      }
      out.add(new Group(start, end, members));
      i = j;
    }
    return out;
  }
}
