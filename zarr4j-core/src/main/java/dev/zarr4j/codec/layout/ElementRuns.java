package dev.zarr4j.codec.layout;

import dev.zarr4j.ndarray.StridedBox;
import java.util.Arrays;

/**
 * The runs of a chunk's C-order layout that a part of the chunk occupies, for the partial decoders
 * of layouts where element {@code e} sits at {@code e * unit} ({@code unit} = the item size for raw
 * bytes, 1 for element indices): start/end pairs, ascending, neighbours merged.
 */
final class ElementRuns {
  /** Most runs read at once; a part needing more is decoded whole. */
  static final int MAX_RUNS = 1 << 13;

  private ElementRuns() {}

  /**
   * The runs of a strided box, in the units of {@code strides} (the chunk's C-order strides times
   * {@code unit}), or null when there would be more than {@link #MAX_RUNS} of them.
   */
  static long[] ofBox(StridedBox box, long[] strides, long unit) {
    int nd = strides.length;
    long elements = box.size();
    if (elements == 0) {
      return new long[0];
    }
    if (nd == 0) {
      return new long[] {0, unit};
    }
    int[] start = box.start();
    int[] step = box.step();
    long[] count = box.count();
    int inner = nd - 1;
    boolean contiguous = step[inner] == 1;
    long runLen = contiguous ? count[inner] * unit : unit;
    long nruns = contiguous ? elements / count[inner] : elements;
    if (nruns > MAX_RUNS) {
      return null;
    }
    long[] runs = new long[(int) (2 * nruns)];
    int n = 0;
    long[] pos = new long[nd];
    long base = 0;
    for (int d = 0; d < nd; d++) {
      base += start[d] * strides[d];
    }
    long innerStride = strides[inner] * step[inner];
    long innerCount = contiguous ? 1 : count[inner];
    while (true) {
      long off = base;
      for (int d = 0; d < inner; d++) {
        off += pos[d] * step[d] * strides[d];
      }
      for (long k = 0; k < innerCount; k++) {
        long a = off + k * innerStride;
        long b = a + runLen;
        if (n > 0 && runs[2 * n - 1] == a) {
          runs[2 * n - 1] = b;
        } else {
          runs[2 * n] = a;
          runs[2 * n + 1] = b;
          n++;
        }
      }
      int d = nd - 2;
      while (true) {
        if (d < 0) {
          return Arrays.copyOf(runs, 2 * n);
        }
        if (++pos[d] < count[d]) {
          break;
        }
        pos[d] = 0;
        d--;
      }
    }
  }

  /**
   * Where each of {@code count} points lies: the dot product of its coordinates ({@code positions},
   * {@code nd = strides.length} per point) with {@code strides}.
   */
  static long[] offsetsOf(int[] positions, long[] strides, int count) {
    int nd = strides.length;
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      long o = 0;
      for (int d = 0; d < nd; d++) {
        o += positions[i * nd + d] * strides[d];
      }
      offsets[i] = o;
    }
    return offsets;
  }

  /**
   * The runs holding elements at the given offsets (in units where an element is {@code unit} long;
   * any order, repeats allowed), with {@code packedAt[i]} set to where element {@code i} lands when
   * the distinct elements are laid out one after another, {@code item} bytes each.
   */
  static long[] ofPoints(long[] offsets, long unit, int item, long[] packedAt) {
    int count = offsets.length;
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      keys[i] = offsets[i] << 32 | i; // offsets within a chunk stay below 2^31
    }
    Arrays.sort(keys);
    long[] runs = new long[2 * count];
    int n = 0;
    long at = -item;
    long last = -1;
    for (long k : keys) {
      long o = k >>> 32;
      if (o != last) {
        at += item;
        if (n > 0 && runs[2 * n - 1] == o) {
          runs[2 * n - 1] = o + unit;
        } else {
          runs[2 * n] = o;
          runs[2 * n + 1] = o + unit;
          n++;
        }
        last = o;
      }
      packedAt[(int) k] = at;
    }
    return Arrays.copyOf(runs, 2 * n);
  }

  /** Total length of the runs. */
  static long length(long[] runs) {
    long n = 0;
    for (int r = 0; r + 1 < runs.length; r += 2) {
      n += runs[r + 1] - runs[r];
    }
    return n;
  }

  /** Strides of a box's elements laid out one after another in C order, {@code item} each. */
  static long[] packedStrides(long[] count, int item) {
    long[] strides = new long[count.length];
    long acc = item;
    for (int d = count.length - 1; d >= 0; d--) {
      strides[d] = acc;
      acc *= count[d];
    }
    return strides;
  }
}
