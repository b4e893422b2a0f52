package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;

/**
 * A mask selection, zarr-python's {@code get_mask_selection} / {@code vindex} with a boolean array:
 * a boolean array of the array's shape selects the elements where it is true, in C order; the
 * result is 1-dimensional.
 *
 * @param mask a {@code bool} array with the same shape as the array it selects from
 */
public record MaskSelection(NdArray mask) implements Selection {

  /** Checks the mask is boolean. */
  public MaskSelection {
    if (mask.dtype().kind() != DataType.Kind.BOOL) {
      throw new InvalidSelectionException(
          "a mask selection needs a bool array, got " + mask.dtype());
    }
  }

  @Override
  public String toString() {
    return "mask" + java.util.Arrays.toString(mask.shape());
  }
}
