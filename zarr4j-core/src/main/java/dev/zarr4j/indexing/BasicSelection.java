package dev.zarr4j.indexing;

import dev.zarr4j.InvalidSelectionException;
import java.util.ArrayList;
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
    List<DimSelector> list = new ArrayList<>(items.length);
    for (Object o : items) {
      if (o instanceof DimSelector d) {
        list.add(d);
      } else if (o instanceof Integer || o instanceof Long || o instanceof Short) {
        list.add(new DimSelector.Index(((Number) o).longValue()));
      } else {
        throw new InvalidSelectionException(
            "unsupported selection item "
                + o
                + (o == null ? "" : " of type " + o.getClass().getSimpleName())
                + "; use an integer, a Slice or DimSelector.Ellipsis.INSTANCE");
      }
    }
    return new BasicSelection(list);
  }

  /**
   * The selectors expanded to exactly {@code ndim} entries: the ellipsis replaced by full slices and
   * missing trailing dimensions filled with full slices.
   *
   * @throws InvalidSelectionException if there are more selectors than dimensions
   */
  public List<DimSelector> expand(int ndim) {
    int explicit = 0;
    for (DimSelector d : items) {
      if (!(d instanceof DimSelector.Ellipsis)) {
        explicit++;
      }
    }
    if (explicit > ndim) {
      throw new InvalidSelectionException(
          "too many indices for array: array has "
              + ndim
              + " dimension"
              + (ndim == 1 ? "" : "s")
              + " but the selection "
              + this
              + " has "
              + explicit);
    }
    List<DimSelector> out = new ArrayList<>(ndim);
    for (DimSelector d : items) {
      if (d instanceof DimSelector.Ellipsis) {
        for (int i = 0; i < ndim - explicit; i++) {
          out.add(Slice.all());
        }
      } else {
        out.add(d);
      }
    }
    while (out.size() < ndim) {
      out.add(Slice.all());
    }
    return out;
  }

  /** NumPy's text form, e.g. {@code 0:10, ::2, ...}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(items.get(i));
    }
    return sb.toString();
  }
}
