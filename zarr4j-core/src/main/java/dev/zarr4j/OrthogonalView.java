package dev.zarr4j;

import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.ndarray.NdArray;

/**
 * zarr-python's {@code z.oindex}: reads and writes orthogonal selections, where each dimension is
 * selected on its own by an integer, a {@link dev.zarr4j.indexing.Slice}, a position list ({@code
 * long[]}) or a boolean mask ({@code boolean[]}) and the result is their outer product. Obtained
 * from {@link ZarrArray#oindex()}.
 */
public final class OrthogonalView {
  private final ZarrArray array;

  OrthogonalView(ZarrArray array) {
    this.array = array;
  }

  /**
   * {@code z.oindex[items]}: integers, slices, {@code long[]} positions, {@code boolean[]} masks.
   */
  public NdArray get(Object... items) {
    return array.get(OrthogonalSelection.of(items));
  }

  /** {@code z.oindex["[0, 2], :"]}: NumPy's text form, every item taken orthogonally. */
  public NdArray get(String selection) {
    return array.get(OrthogonalSelection.parse(selection, array.ndim()));
  }

  /** {@code z.oindex[items] = value}. */
  public void set(Object value, Object... items) {
    array.set(OrthogonalSelection.of(items), value);
  }

  /** {@code z.oindex["..."] = value}. */
  public void set(String selection, Object value) {
    array.set(OrthogonalSelection.parse(selection, array.ndim()), value);
  }
}
