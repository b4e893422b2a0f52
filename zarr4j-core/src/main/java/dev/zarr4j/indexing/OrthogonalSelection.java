package dev.zarr4j.indexing;

import dev.zarr4j.InvalidSelectionException;
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
