package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.List;

/**
 * A basic selection: one {@link DimSelector} per dimension (integers, slices), with at most one
 * {@link DimSelector.Ellipsis}. Missing trailing dimensions are selected whole, as in NumPy.
 *
 * @param items the selectors in dimension order
 */
public record BasicSelection(List<DimSelector> items) implements Selection {
  static final BasicSelection ALL = new BasicSelection(List.of(DimSelector.Ellipsis.INSTANCE));

  /** Validates that there is at most one ellipsis. */
  public BasicSelection {
    items = List.copyOf(items);
    int ellipses = 0;
    for (DimSelector d : items) {
      if (d instanceof DimSelector.Ellipsis) {
        ellipses++;
      }
      if (d instanceof DimSelector.IndexList || d instanceof DimSelector.BoolMask) {
        throw new InvalidSelectionException(
            "a basic selection takes integers, slices and '...'; "
                + d
                + " needs an orthogonal (oindex) or coordinate (vindex) selection");
      }
    }
    if (ellipses > 1) {
      throw new InvalidSelectionException("a selection may contain only one '...', got " + items);
    }
  }

  /**
   * Builds a selection from Java values: {@code Integer}/{@code Long} positions, {@link Slice}s and
   * {@link DimSelector.Ellipsis#INSTANCE}.
   */
  public static BasicSelection of(Object... items) {
    return new BasicSelection(Selections.toSelectors(items));
  }

  /**
   * The selectors expanded to exactly {@code ndim} entries: the ellipsis replaced by full slices
   * and missing trailing dimensions filled with full slices.
   *
   * @throws InvalidSelectionException if there are more selectors than dimensions
   */
  public List<DimSelector> expand(int ndim) {
    return Selections.expand(items, ndim, this);
  }

  /** NumPy's text form, e.g. {@code 0:10, ::2, ...}. */
  @Override
  public String toString() {
    return Selections.text(items);
  }
}
