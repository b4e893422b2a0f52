package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedCopy;
import java.util.Arrays;

/** Turning what a caller writes into an array of the right type, broadcast to a selection. */
final class ArrayValues {
  private ArrayValues() {}

  /** {@code value} as an array of {@code dtype}'s representation (a scalar as a 0-d array). */
  static NdArray asArray(Object value, DataType dtype) {
    if (value instanceof NdArray a) {
      return sameRepresentation(a.dtype(), dtype) ? a : a.astype(dtype);
    }
    return NdArray.scalar(dtype, value);
  }

  /** Whether two data types hold Java values the same way (byte order does not matter here). */
  private static boolean sameRepresentation(DataType a, DataType b) {
    return a.kind() == b.kind()
        && a.itemSize() == b.itemSize()
        && java.util.Objects.equals(a.unit(), b.unit())
        && a.fields().equals(b.fields())
        && a.miniFloat() == b.miniFloat()
        && a.bits() == b.bits()
        && (a.byteOrder() == null) == (b.byteOrder() == null)
        && (a.kind() != DataType.Kind.UNICODE || a.byteOrder().equals(b.byteOrder()));
  }

  /** Strides (in elements) of the value per selection dimension, 0 where it broadcasts. */
  static long[] broadcastStrides(NdArray v, long[] selShape, Selection selection) {
    int[] vs = v.shape();
    int extra = vs.length - selShape.length;
    for (int i = 0; i < extra; i++) {
      if (vs[i] != 1) {
        throw cannotBroadcast(vs, selShape, selection);
      }
    }
    long[] vShape = new long[vs.length];
    for (int i = 0; i < vs.length; i++) {
      vShape[i] = vs[i];
    }
    long[] vStrides = StridedCopy.cStrides(vShape);
    long[] out = new long[selShape.length];
    for (int d = 0; d < selShape.length; d++) {
      int vd = d - (selShape.length - vs.length);
      if (vd < 0) {
        out[d] = 0;
      } else if (vs[vd] == selShape[d]) {
        out[d] = vs[vd] == 1 ? 0 : vStrides[vd];
      } else if (vs[vd] == 1) {
        out[d] = 0;
      } else {
        throw cannotBroadcast(vs, selShape, selection);
      }
    }
    return out;
  }

  private static InvalidSelectionException cannotBroadcast(
      int[] valueShape, long[] selShape, Selection selection) {
    return new InvalidSelectionException(
        "value of shape "
            + Arrays.toString(valueShape)
            + " cannot be broadcast to the shape "
            + Arrays.toString(selShape)
            + " of selection "
            + selection);
  }

  /** Strides given per selection dimension spread over the array's dimensions (0 where dropped). */
  static long[] perArrayDimension(boolean[] dropped, long[] selStrides) {
    long[] out = new long[dropped.length];
    int k = 0;
    for (int d = 0; d < dropped.length; d++) {
      out[d] = dropped[d] ? 0 : selStrides[k++];
    }
    return out;
  }

  /** The shape of a selection as an in-memory array, or an error if it cannot be held at once. */
  static int[] inMemoryShape(long[] selShape, Selection selection) {
    int[] outShape = new int[selShape.length];
    long total = 1;
    for (int i = 0; i < selShape.length; i++) {
      if (selShape[i] > Integer.MAX_VALUE
          || (selShape[i] > 0 && total > Integer.MAX_VALUE / selShape[i])) {
        throw tooLarge(selShape, selection);
      }
      total *= selShape[i];
      outShape[i] = (int) selShape[i];
    }
    if (total > Integer.MAX_VALUE) {
      throw tooLarge(selShape, selection);
    }
    return outShape;
  }

  private static InvalidSelectionException tooLarge(long[] selShape, Selection selection) {
    return new InvalidSelectionException(
        "selection "
            + selection
            + " of shape "
            + Arrays.toString(selShape)
            + " is too large to hold in memory at once (over 2^31 elements); read it in parts");
  }

  /**
   * The axis {@code data} is appended along (negative counts from the end), after checking that
   * every other dimension matches the array's.
   */
  static int appendAxis(long[] shape, NdArray data, int axis) {
    int n = shape.length;
    int ax = axis < 0 ? axis + n : axis;
    if (ax < 0 || ax >= n) {
      throw new InvalidSelectionException(
          "axis " + ax + " is out of range for an array of " + n + " dimensions");
    }
    if (data.ndim() != n) {
      throw new dev.zarr4j.exceptions.InvalidArrayException(
          "data to append has " + data.ndim() + " dimensions but the array has " + n);
    }
    for (int d = 0; d < n; d++) {
      if (d != ax && data.shape(d) != shape[d]) {
        throw new dev.zarr4j.exceptions.InvalidArrayException(
            "data to append has length "
                + data.shape(d)
                + " in dimension "
                + d
                + " but the array has "
                + shape[d]
                + "; only the append axis "
                + ax
                + " may differ");
      }
    }
    return ax;
  }
}
