package dev.zarr4j.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits an N-dimensional box of elements into blocks that are each contiguous in the box's memory
 * order and hold at most a byte budget, visiting them in that order, so a {@code .npy} file can be
 * read or written block after block with bounded memory.
 *
 * <p>In C order a contiguous block fixes one index in each leading dimension, takes a range of the
 * <em>split dimension</em>, and takes every trailing dimension whole. The split dimension is the
 * first one whose trailing part (one index of it, everything after it) fits the budget; each block
 * then takes as many indices of it as fit. Fortran order is the same with the dimensions reversed.
 *
 * <p>Blocks may be aligned: given a granule and phase per dimension, a block that has to stop
 * before the end of the split dimension stops at the last position {@code p} with {@code p ≡ phase
 * (mod granule)} that keeps it within budget, if there is one. Aligning blocks with chunk
 * boundaries means each chunk is read (or written) by one block only.
 */
final class BlockPlan implements Iterable<BlockPlan.Block> {

  /**
   * One block.
   *
   * @param start first index in each dimension
   * @param count number of indices in each dimension
   * @param offset position of the first element in the box's memory order (elements, not bytes)
   */
  record Block(long[] start, long[] count, long offset) {
    /** Number of elements. */
    long size() {
      long n = 1;
      for (long c : count) {
        n *= c;
      }
      return n;
    }

    /** The count as ints (blocks are budget-bounded, so they fit). */
    int[] intCount() {
      int[] out = new int[count.length];
      for (int i = 0; i < count.length; i++) {
        out[i] = Math.toIntExact(count[i]);
      }
      return out;
    }

    @Override
    public String toString() {
      return "Block[start="
          + Arrays.toString(start)
          + ", count="
          + Arrays.toString(count)
          + ", offset="
          + offset
          + "]";
    }
  }

  private final long[] shape; // in iteration order (reversed for Fortran order)
  private final long[] granule;
  private final long[] phase;
  private final boolean fortran;
  private final int split;
  private final long maxLength;
  private final long total;

  private BlockPlan(
      long[] shape, long itemSize, long budget, long[] granule, long[] phase, boolean fortran) {
    int n = shape.length;
    if (itemSize < 1) {
      throw new IllegalArgumentException("item size must be positive, got " + itemSize);
    }
    if (granule.length != n || phase.length != n) {
      throw new IllegalArgumentException("granule and phase need one entry per dimension");
    }
    this.fortran = fortran;
    this.shape = fortran ? reversed(shape) : shape.clone();
    this.granule = fortran ? reversed(granule) : granule.clone();
    this.phase = fortran ? reversed(phase) : phase.clone();
    long b = Math.max(budget, itemSize);
    long t = 1;
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative length in shape " + Arrays.toString(shape));
      }
      t = s == 0 || t == 0 ? 0 : Math.multiplyExact(t, s);
    }
    this.total = t;
    // trailing bytes of one index of dimension d: itemSize * product of later dimensions
    int k = Math.max(0, n - 1);
    long trailingBytes = itemSize;
    for (int d = n - 1; d >= 0; d--) {
      if (trailingBytes > b) {
        break;
      }
      k = d;
      if (d > 0) {
        trailingBytes = multiplySaturated(trailingBytes, this.shape[d]);
      }
    }
    this.split = k;
    long rowBytes = itemSize;
    for (int d = k + 1; d < n; d++) {
      rowBytes = multiplySaturated(rowBytes, this.shape[d]);
    }
    this.maxLength = rowBytes == 0 ? 1 : Math.max(1, b / rowBytes); // 0: an empty box
    for (int d = 0; d < n; d++) {
      if (this.granule[d] < 1) {
        throw new IllegalArgumentException("granule must be positive: " + Arrays.toString(granule));
      }
      this.phase[d] = Math.floorMod(this.phase[d], this.granule[d]);
    }
  }

  /**
   * Blocks contiguous in C (row-major) order.
   *
   * @param shape the box's shape
   * @param itemSize bytes per element
   * @param budget most bytes per block (raised to {@code itemSize} if smaller)
   * @param granule alignment granule per dimension (1: no alignment)
   * @param phase alignment phase per dimension
   */
  static BlockPlan cOrder(long[] shape, long itemSize, long budget, long[] granule, long[] phase) {
    return new BlockPlan(shape, itemSize, budget, granule, phase, false);
  }

  /** Blocks contiguous in C order, without alignment. */
  static BlockPlan cOrder(long[] shape, long itemSize, long budget) {
    return cOrder(shape, itemSize, budget, ones(shape.length), new long[shape.length]);
  }

  /** Blocks contiguous in Fortran (column-major) order; offsets count in Fortran order. */
  static BlockPlan fOrder(long[] shape, long itemSize, long budget, long[] granule, long[] phase) {
    return new BlockPlan(shape, itemSize, budget, granule, phase, true);
  }

  /** Blocks contiguous in Fortran order, without alignment. */
  static BlockPlan fOrder(long[] shape, long itemSize, long budget) {
    return fOrder(shape, itemSize, budget, ones(shape.length), new long[shape.length]);
  }

  static long[] ones(int n) {
    long[] g = new long[n];
    Arrays.fill(g, 1);
    return g;
  }

  /** Number of elements in the box. */
  long totalElements() {
    return total;
  }

  /** The split dimension, in the caller's dimension numbering. */
  int splitDimension() {
    return fortran ? shape.length - 1 - split : split;
  }

  /** Most indices of the split dimension one block takes. */
  long maxSplitLength() {
    return maxLength;
  }

  @Override
  public Iterator<Block> iterator() {
    return new Iterator<>() {
      private final int n = shape.length;
      private final long[] outer = new long[n]; // indices of dimensions before the split one
      private long pos; // next start along the split dimension
      private long offset;
      private boolean done = total == 0;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public Block next() {
        if (done) {
          throw new NoSuchElementException();
        }
        long[] start = new long[n];
        long[] count = new long[n];
        if (n == 0) {
          done = true;
          return new Block(start, count, 0);
        }
        for (int d = 0; d < split; d++) {
          start[d] = outer[d];
          count[d] = 1;
        }
        long len = shape[split];
        long end = Math.min(len, pos + maxLength);
        long g = granule[split];
        if (end < len && g > 1) {
          long boundary = end - Math.floorMod(end - phase[split], g);
          if (boundary > pos) {
            end = boundary;
          }
        }
        start[split] = pos;
        count[split] = end - pos;
        for (int d = split + 1; d < n; d++) {
          start[d] = 0;
          count[d] = shape[d];
        }
        Block block =
            fortran
                ? new Block(reversed(start), reversed(count), offset)
                : new Block(start, count, offset);
        offset += block.size();
        pos = end;
        if (pos >= len) {
          pos = 0;
          int d = split - 1;
          while (d >= 0) {
            if (++outer[d] < shape[d]) {
              break;
            }
            outer[d] = 0;
            d--;
          }
          if (d < 0) {
            done = true;
          }
        }
        return block;
      }
    };
  }

  /** {@code a * b} for non-negative factors, {@link Long#MAX_VALUE} when it overflows. */
  static long multiplySaturated(long a, long b) {
    long r = a * b;
    long hi = Math.multiplyHigh(a, b);
    if ((hi != 0 || r < 0) && a != 0 && b != 0) {
      return Long.MAX_VALUE;
    }
    return r;
  }

  private static long[] reversed(long[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[a.length - 1 - i];
    }
    return out;
  }
}
