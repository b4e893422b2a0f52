package dev.zarr4j.codec.sharding;

import dev.zarr4j.ndarray.StridedBox;
import java.util.Arrays;

/**
 * How a strided box of a shard falls over the shard's inner chunks: per dimension, the inner chunks
 * (grid positions) the box's positions land in, and for each the first box position in it, how many
 * box positions fall in it and where the first lies inside it. A step that jumps over an inner
 * chunk leaves it out. Reading and writing parts of a shard both cut a box this way.
 */
final class BoxSplit {

  /** One inner chunk's share of the box. */
  interface Visitor {
    /**
     * @param inner the inner chunk's index (C order)
     * @param first per dimension, the box index of the share's first position
     * @param start the share's first position inside the inner chunk (the share's box starts there,
     *     with the box's steps)
     * @param count the share's positions per dimension
     * @param complete whether the share is every position of the inner chunk
     */
    void visit(int inner, long[] first, int[] start, long[] count, boolean complete);
  }

  private BoxSplit() {}

  /** Calls {@code v} for each inner chunk the box touches, in C order of the inner grid. */
  static void forEach(ShardLayout layout, StridedBox box, Visitor v) {
    int nd = layout.grid.length;
    int[] start = box.start();
    int[] step = box.step();
    long[] count = box.count();
    for (long c : count) {
      if (c == 0) {
        return;
      }
    }
    int[][] cell = new int[nd][];
    long[][] first = new long[nd][];
    long[][] n = new long[nd][];
    int[][] local = new int[nd][];
    for (int d = 0; d < nd; d++) {
      int cs = layout.innerShape[d];
      long lo = start[d];
      long hi = lo + (count[d] - 1) * step[d];
      int c0 = (int) (lo / cs);
      int c1 = (int) (hi / cs);
      int len = c1 - c0 + 1;
      int[] ce = new int[len];
      long[] fi = new long[len];
      long[] cn = new long[len];
      int[] lc = new int[len];
      int m = 0;
      for (int c = c0; c <= c1; c++) {
        long cellLo = (long) c * cs;
        long cellHi = cellLo + cs - 1;
        long kLo = Math.max(0, Math.floorDiv(cellLo - lo + step[d] - 1, step[d]));
        long kHi = Math.min(count[d] - 1, Math.floorDiv(cellHi - lo, step[d]));
        if (kLo > kHi) {
          continue; // the step jumps over this inner chunk
        }
        ce[m] = c;
        fi[m] = kLo;
        cn[m] = kHi - kLo + 1;
        lc[m] = (int) (lo + kLo * step[d] - cellLo);
        m++;
      }
      cell[d] = Arrays.copyOf(ce, m);
      first[d] = Arrays.copyOf(fi, m);
      n[d] = Arrays.copyOf(cn, m);
      local[d] = Arrays.copyOf(lc, m);
    }
    int[] pos = new int[nd];
    while (true) {
      int inner = 0;
      long[] f = new long[nd];
      int[] subStart = new int[nd];
      long[] subCount = new long[nd];
      boolean complete = true;
      for (int d = 0; d < nd; d++) {
        int j = pos[d];
        inner += (int) (cell[d][j] * layout.gridStrides[d]);
        f[d] = first[d][j];
        subStart[d] = local[d][j];
        subCount[d] = n[d][j];
        int cs = layout.innerShape[d];
        complete &= subStart[d] == 0 && subCount[d] == cs && (step[d] == 1 || cs == 1);
      }
      v.visit(inner, f, subStart, subCount, complete);
      int d = nd - 1;
      while (d >= 0 && ++pos[d] == cell[d].length) {
        pos[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }
}
