package dev.zarr4j.ndarray;

/**
 * Copies a box of elements between two storage arrays of the same type, each addressed by an offset
 * and per-dimension strides (in elements). A stride of 0 on the source broadcasts.
 *
 * <p>Dimensions of length 1 are dropped and adjacent dimensions that are contiguous on both sides
 * are merged first, so a contiguous block becomes one {@link System#arraycopy} and a chunk row
 * inside a larger array becomes one call per row.
 *
 * <p>Either side may instead be a {@link java.nio.ByteBuffer} of typed values, as {@link RawCopy}
 * describes them (slots in the buffer's byte order), when the other side is a primitive storage
 * array, whose type gives the slot size.
 */
public final class StridedCopy {
  private StridedCopy() {}

  /**
   * Copies {@code counts} elements.
   *
   * @param src source storage array
   * @param srcOff offset of the first element, in elements
   * @param srcStrides source stride per dimension, in elements (0 to broadcast)
   * @param dst destination storage array (same type as {@code src})
   * @param dstOff offset of the first destination element
   * @param dstStrides destination stride per dimension
   * @param counts elements per dimension
   * @param width storage slots per element (2 for complex, item size for fixed-size bytes)
   */
  public static void copy(
      Object src,
      long srcOff,
      long[] srcStrides,
      Object dst,
      long dstOff,
      long[] dstStrides,
      long[] counts,
      int width) {
    Dims d = Dims.compact(counts, srcStrides, dstStrides);
    if (d == null) {
      return;
    }
    int n = d.counts.length;
    if (n == 0) {
      run(src, srcOff, 1, dst, dstOff, 1, 1, width);
      return;
    }
    long inner = d.counts[n - 1];
    long ss = d.a[n - 1];
    long ds = d.b[n - 1];
    if (n == 1) {
      run(src, srcOff, ss, dst, dstOff, ds, inner, width);
      return;
    }
    long[] idx = new long[n - 1];
    long s = srcOff;
    long t = dstOff;
    while (true) {
      run(src, s, ss, dst, t, ds, inner, width);
      int k = n - 2;
      while (k >= 0) {
        idx[k]++;
        s += d.a[k];
        t += d.b[k];
        if (idx[k] < d.counts[k]) {
          break;
        }
        s -= d.a[k] * d.counts[k];
        t -= d.b[k] * d.counts[k];
        idx[k] = 0;
        k--;
      }
      if (k < 0) {
        return;
      }
    }
  }

  private static void run(
      Object src, long s, long ss, Object dst, long d, long ds, long count, int width) {
    if (src instanceof java.nio.ByteBuffer || dst instanceof java.nio.ByteBuffer) {
      bufferRun(src, s, ss, dst, d, ds, count, width);
      return;
    }
    if (ss == 1 && ds == 1) {
      System.arraycopy(src, (int) (s * width), dst, (int) (d * width), (int) (count * width));
      return;
    }
    if (width == 1) {
      typedRun(src, (int) s, (int) ss, dst, (int) d, (int) ds, (int) count);
      return;
    }
    for (long i = 0; i < count; i++) {
      System.arraycopy(src, (int) ((s + i * ss) * width), dst, (int) ((d + i * ds) * width), width);
    }
  }

  private static void typedRun(Object src, int s, int ss, Object dst, int d, int ds, int count) {
    if (src instanceof float[] a) {
      float[] b = (float[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    } else if (src instanceof double[] a) {
      double[] b = (double[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    } else if (src instanceof int[] a) {
      int[] b = (int[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    } else if (src instanceof long[] a) {
      long[] b = (long[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    } else if (src instanceof short[] a) {
      short[] b = (short[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    } else if (src instanceof byte[] a) {
      byte[] b = (byte[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    } else if (src instanceof boolean[] a) {
      boolean[] b = (boolean[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    } else {
      Object[] a = (Object[]) src;
      Object[] b = (Object[]) dst;
      for (int i = 0; i < count; i++, s += ss, d += ds) {
        b[d] = a[s];
      }
    }
  }

  /**
   * A run where one side is a buffer of typed values and the other a primitive storage array: slot
   * by slot, through the buffer's absolute typed accessors.
   */
  private static void bufferRun(
      Object src, long s, long ss, Object dst, long d, long ds, long count, int width) {
    boolean fromBuffer = src instanceof java.nio.ByteBuffer;
    Object array = fromBuffer ? dst : src;
    java.nio.ByteBuffer buf = (java.nio.ByteBuffer) (fromBuffer ? src : dst);
    if (array instanceof java.nio.ByteBuffer || array instanceof Object[]) {
      throw new IllegalArgumentException(
          "a typed buffer is copied only to or from a primitive storage array, not "
              + array.getClass().getSimpleName());
    }
    int slot = slotBytes(array);
    for (long i = 0; i < count; i++) {
      int a = (int) (((fromBuffer ? d : s) + i * (fromBuffer ? ds : ss)) * width);
      int b = (int) (((fromBuffer ? s : d) + i * (fromBuffer ? ss : ds)) * width) * slot;
      for (int w = 0; w < width; w++, a++, b += slot) {
        if (fromBuffer) {
          slotFromBuffer(buf, b, array, a);
        } else {
          slotToBuffer(array, a, buf, b);
        }
      }
    }
  }

  /** Bytes per slot of a primitive storage array in a typed buffer. */
  static int slotBytes(Object array) {
    if (array instanceof short[]) {
      return 2;
    } else if (array instanceof int[] || array instanceof float[]) {
      return 4;
    } else if (array instanceof long[] || array instanceof double[]) {
      return 8;
    }
    return 1;
  }

  private static void slotToBuffer(Object array, int i, java.nio.ByteBuffer buf, int at) {
    if (array instanceof float[] a) {
      buf.putFloat(at, a[i]);
    } else if (array instanceof double[] a) {
      buf.putDouble(at, a[i]);
    } else if (array instanceof int[] a) {
      buf.putInt(at, a[i]);
    } else if (array instanceof long[] a) {
      buf.putLong(at, a[i]);
    } else if (array instanceof short[] a) {
      buf.putShort(at, a[i]);
    } else if (array instanceof byte[] a) {
      buf.put(at, a[i]);
    } else {
      buf.put(at, ((boolean[]) array)[i] ? (byte) 1 : (byte) 0);
    }
  }

  private static void slotFromBuffer(java.nio.ByteBuffer buf, int at, Object array, int i) {
    if (array instanceof float[] a) {
      a[i] = buf.getFloat(at);
    } else if (array instanceof double[] a) {
      a[i] = buf.getDouble(at);
    } else if (array instanceof int[] a) {
      a[i] = buf.getInt(at);
    } else if (array instanceof long[] a) {
      a[i] = buf.getLong(at);
    } else if (array instanceof short[] a) {
      a[i] = buf.getShort(at);
    } else if (array instanceof byte[] a) {
      a[i] = buf.get(at);
    } else {
      ((boolean[]) array)[i] = buf.get(at) != 0;
    }
  }

  /**
   * Copies one element ({@code width} slots) from element {@code s} of {@code src} to element
   * {@code d} of {@code dst}; either may be a buffer of typed values.
   */
  public static void copyElement(Object src, long s, Object dst, long d, int width) {
    if (src instanceof java.nio.ByteBuffer || dst instanceof java.nio.ByteBuffer) {
      bufferRun(src, s, 1, dst, d, 1, 1, width);
    } else {
      System.arraycopy(src, (int) (s * width), dst, (int) (d * width), width);
    }
  }

  /** C-order strides (in elements) of a shape. */
  public static long[] cStrides(long[] shape) {
    long[] st = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= shape[i];
    }
    return st;
  }

  /** Fortran-order strides (in elements) of a shape. */
  public static long[] fStrides(long[] shape) {
    long[] st = new long[shape.length];
    long acc = 1;
    for (int i = 0; i < shape.length; i++) {
      st[i] = acc;
      acc *= shape[i];
    }
    return st;
  }

  /** Dimension lists after dropping length-1 dimensions and merging contiguous neighbours. */
  static final class Dims {
    final long[] counts;
    final long[] a;
    final long[] b;

    private Dims(long[] counts, long[] a, long[] b) {
      this.counts = counts;
      this.a = a;
      this.b = b;
    }

    /** Returns null when some count is zero (nothing to copy). */
    static Dims compact(long[] counts, long[] a, long[] b) {
      int n = counts.length;
      long[] c = new long[n];
      long[] x = new long[n];
      long[] y = new long[n];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (counts[i] == 0) {
          return null;
        }
        if (counts[i] == 1) {
          continue;
        }
        if (m > 0 && x[m - 1] == a[i] * counts[i] && y[m - 1] == b[i] * counts[i]) {
          // previous (outer) dimension is contiguous with this one on both sides: merge
          c[m - 1] *= counts[i];
          x[m - 1] = a[i];
          y[m - 1] = b[i];
          continue;
        }
        c[m] = counts[i];
        x[m] = a[i];
        y[m] = b[i];
        m++;
      }
      return new Dims(
          java.util.Arrays.copyOf(c, m),
          java.util.Arrays.copyOf(x, m),
          java.util.Arrays.copyOf(y, m));
    }
  }
}
