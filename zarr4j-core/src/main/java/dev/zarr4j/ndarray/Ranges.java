package dev.zarr4j.ndarray;

import java.util.Arrays;

/** Equality, hashing and pattern checks over storage arrays of any primitive or object type. */
final class Ranges {
  private Ranges() {}

  /**
   * Whether slots {@code [from, to)} of {@code data} repeat the slots of {@code pattern} (whose
   * length is one element's slot count), comparing bit patterns.
   */
  static boolean allSlotsEqual(Object data, int from, int to, Object pattern) {
    if (data instanceof float[] f) {
      float[] p = (float[]) pattern;
      if (p.length == 1) {
        int bits = Float.floatToRawIntBits(p[0]);
        for (int i = from; i < to; i++) {
          if (Float.floatToRawIntBits(f[i]) != bits) {
            return false;
          }
        }
        return true;
      }
    } else if (data instanceof double[] d) {
      double[] p = (double[]) pattern;
      if (p.length == 1) {
        long bits = Double.doubleToRawLongBits(p[0]);
        for (int i = from; i < to; i++) {
          if (Double.doubleToRawLongBits(d[i]) != bits) {
            return false;
          }
        }
        return true;
      }
    } else if (data instanceof int[] a) {
      int v = ((int[]) pattern)[0];
      for (int i = from; i < to; i++) {
        if (a[i] != v) {
          return false;
        }
      }
      return true;
    } else if (data instanceof long[] a) {
      long v = ((long[]) pattern)[0];
      for (int i = from; i < to; i++) {
        if (a[i] != v) {
          return false;
        }
      }
      return true;
    } else if (data instanceof short[] a) {
      short v = ((short[]) pattern)[0];
      for (int i = from; i < to; i++) {
        if (a[i] != v) {
          return false;
        }
      }
      return true;
    } else if (data instanceof boolean[] a) {
      boolean v = ((boolean[]) pattern)[0];
      for (int i = from; i < to; i++) {
        if (a[i] != v) {
          return false;
        }
      }
      return true;
    } else if (data instanceof byte[] a) {
      byte[] p = (byte[]) pattern;
      int w = p.length;
      for (int i = from; i < to; i++) {
        if (a[i] != p[(i - from) % w]) {
          return false;
        }
      }
      return true;
    } else if (data instanceof Object[] a) {
      Object v = ((Object[]) pattern)[0];
      for (int i = from; i < to; i++) {
        if (!java.util.Objects.deepEquals(a[i], v)) {
          return false;
        }
      }
      return true;
    }
    // multi-slot floating pattern (complex)
    int w = java.lang.reflect.Array.getLength(pattern);
    if (data instanceof float[] f) {
      float[] p = (float[]) pattern;
      for (int i = from; i < to; i++) {
        if (Float.floatToRawIntBits(f[i]) != Float.floatToRawIntBits(p[(i - from) % w])) {
          return false;
        }
      }
      return true;
    }
    double[] d = (double[]) data;
    double[] p = (double[]) pattern;
    for (int i = from; i < to; i++) {
      if (Double.doubleToRawLongBits(d[i]) != Double.doubleToRawLongBits(p[(i - from) % w])) {
        return false;
      }
    }
    return true;
  }

  static boolean deepEquals(Object a, Object b) {
    if (a instanceof float[] x && b instanceof float[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof double[] x && b instanceof double[] y) {
      return Arrays.equals(x, y);
    }
    return java.util.Objects.deepEquals(a, b);
  }

  static int deepHash(Object a) {
    return Arrays.deepHashCode(new Object[] {a});
  }
}
