package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.List;

/**
 * An orthogonal (outer) selection, zarr-python's {@code oindex}: each dimension is selected on its
 * own by an integer, a slice, a list of positions or a boolean mask, and the result is the outer
 * product of those choices. Integer-selected dimensions are dropped from the result.
 *
 * <p>{@code z.getOrthogonalSelection(OrthogonalSelection.of(new long[] {0, 2}, Slice.all()))} is
 * zarr-python's {@code z.oindex[[0, 2], :]}.
 *
 * @param items one selector per dimension; at most one {@link DimSelector.Ellipsis}
 */
public record OrthogonalSelection(List<DimSelector> items) implements Selection {

  /** Copies the items and checks there is at most one ellipsis. */
  public OrthogonalSelection {
    items = List.copyOf(items);
    long ellipses = items.stream().filter(d -> d instanceof DimSelector.Ellipsis).count();
    if (ellipses > 1) {
      throw new InvalidSelectionException("a selection may contain only one '...', got " + items);
    }
  }

  /**
   * Builds a selection from Java values: integers, {@link Slice}s, {@code long[]} or {@code int[]}
   * position lists, {@code boolean[]} masks and {@link DimSelector.Ellipsis#INSTANCE}.
   */
  public static OrthogonalSelection of(Object... items) {
    return new OrthogonalSelection(Selections.toSelectors(items));
  }

  /**
   * Parses NumPy's text form as zarr-python's {@code z.oindex[...]} reads it: every item, lists
   * included, selects its own dimension, so {@code "[0, 2], [1, 3]"} takes rows 0 and 2 crossed
   * with columns 1 and 3 (on the array itself that text is a coordinate selection). The grammar is
   * {@link Selection#parse(String)}'s, without field names or a whole-array mask.
   *
   * @param ndim the number of dimensions of the array it will select from
   * @throws InvalidSelectionException if the text does not parse, names fields or is a mask over
   *     several dimensions
   */
  public static OrthogonalSelection parse(String text, int ndim) {
    Selection s = Selection.parse(text, ndim);
    if (s instanceof BasicSelection b) {
      return new OrthogonalSelection(b.items());
    }
    if (s instanceof OrthogonalSelection o) {
      return o;
    }
    if (s instanceof MaskSelection m && m.mask().ndim() == 1) {
      return new OrthogonalSelection(
          List.of(new DimSelector.BoolMask((boolean[]) m.mask().data())));
    }
    if (s instanceof CoordinateSelection c) {
      List<DimSelector> items = new java.util.ArrayList<>();
      for (dev.zarr4j.ndarray.NdArray idx : c.indices()) {
        items.add(
            idx.ndim() == 0
                ? new DimSelector.Index(idx.getLong())
                : new DimSelector.IndexList(idx.toLongArray()));
      }
      return new OrthogonalSelection(items);
    }
    throw new InvalidSelectionException(
        "oindex takes one 1-d list or mask per dimension; '"
            + text
            + "' is a mask over the whole array");
  }

  /** The selectors expanded to exactly {@code ndim} entries. */
  public List<DimSelector> expand(int ndim) {
    return Selections.expand(items, ndim, this);
  }

  /** Whether every item is an integer, slice or ellipsis (so it is also a basic selection). */
  public boolean isBasic() {
    for (DimSelector d : items) {
      if (d instanceof DimSelector.IndexList || d instanceof DimSelector.BoolMask) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return Selections.text(items);
  }
}
