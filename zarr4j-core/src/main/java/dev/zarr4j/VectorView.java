package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;

/**
 * zarr-python's {@code z.vindex}: reads and writes coordinate selections (one position list per
 * dimension, broadcast together, each position one element) and mask selections (a boolean array of
 * the array's shape). Obtained from {@link ZarrArray#vindex()}.
 */
public final class VectorView {
  private final ZarrArray array;

  VectorView(ZarrArray array) {
    this.array = array;
  }

  /** {@code z.vindex[[...], [...]]}: one position list per dimension. */
  public NdArray get(long[]... coordinates) {
    return array.get(CoordinateSelection.of(coordinates));
  }

  /** {@code z.vindex[mask]} for a bool array, or coordinates for integer arrays. */
  public NdArray get(NdArray... indexArrays) {
    return array.get(vector(indexArrays));
  }

  /** {@code z.vindex["[0, 2], [1, 3]"]}: NumPy's text form with lists and integers only. */
  public NdArray get(String selection) {
    return array.get(asVectorized(selection, array.ndim()));
  }

  /** {@code z.vindex[[...], [...]] = value}. */
  public void set(Object value, long[]... coordinates) {
    array.set(CoordinateSelection.of(coordinates), value);
  }

  /** {@code z.vindex[mask] = value} for a bool array, or coordinates for integer arrays. */
  public void set(Object value, NdArray... indexArrays) {
    array.set(vector(indexArrays), value);
  }

  /** {@code z.vindex["..."] = value}. */
  public void set(String selection, Object value) {
    array.set(asVectorized(selection, array.ndim()), value);
  }

  private static Selection vector(NdArray[] indexArrays) {
    if (indexArrays.length == 1 && indexArrays[0].dtype().kind() == DataType.Kind.BOOL) {
      return new MaskSelection(indexArrays[0]);
    }
    return CoordinateSelection.of(indexArrays);
  }

  /** What {@code z.vindex[text]} takes: coordinates, or a mask over the whole array. */
  private static Selection asVectorized(String text, int ndim) {
    Selection s = Selection.parse(text, ndim);
    if (s instanceof CoordinateSelection || s instanceof MaskSelection) {
      return s;
    }
    throw new InvalidSelectionException(
        "vindex takes integers and position lists only, one per dimension, or a boolean mask of"
            + " the array's shape; '"
            + text
            + "' is not a coordinate selection (use oindex for slices and masks)");
  }
}
