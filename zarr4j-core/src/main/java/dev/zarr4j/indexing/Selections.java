package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the per-dimension selection kinds. */
final class Selections {
  private Selections() {}

  /**
   * Java values to selectors: integers, {@code long[]}/{@code int[]} lists, {@code boolean[]}
   * masks, selectors.
   */
  static List<DimSelector> toSelectors(Object... items) {
    List<DimSelector> list = new ArrayList<>(items.length);
    for (Object o : items) {
      if (o instanceof DimSelector d) {
        list.add(d);
      } else if (o instanceof Integer
          || o instanceof Long
          || o instanceof Short
          || o instanceof Byte) {
        list.add(new DimSelector.Index(((Number) o).longValue()));
      } else if (o instanceof long[] l) {
        list.add(new DimSelector.IndexList(l));
      } else if (o instanceof int[] l) {
        long[] c = new long[l.length];
        for (int i = 0; i < l.length; i++) {
          c[i] = l[i];
        }
        list.add(new DimSelector.IndexList(c));
      } else if (o instanceof boolean[] m) {
        list.add(new DimSelector.BoolMask(m));
      } else {
        throw new InvalidSelectionException(
            "unsupported selection item "
                + o
                + (o == null ? "" : " of type " + o.getClass().getSimpleName())
                + "; use an integer, a Slice, DimSelector.Ellipsis.INSTANCE, a long[] of positions"
                + " or a boolean[] mask");
      }
    }
    return list;
  }

  /** Replaces the ellipsis and pads missing trailing dimensions with full slices. */
  static List<DimSelector> expand(List<DimSelector> items, int ndim, Object selection) {
    int explicit = 0;
    int ellipses = 0;
    for (DimSelector d : items) {
      if (d instanceof DimSelector.Ellipsis) {
        ellipses++;
      } else {
        explicit++;
      }
    }
    if (ellipses > 1) {
      throw new InvalidSelectionException(
          "a selection may contain only one '...', got " + selection);
    }
    if (explicit > ndim) {
      throw new InvalidSelectionException(
          "too many indices for array: array has "
              + ndim
              + " dimension"
              + (ndim == 1 ? "" : "s")
              + " but the selection "
              + selection
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

  /** NumPy's text form of a list of selectors. */
  static String text(List<DimSelector> items) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(items.get(i));
    }
    return sb.toString();
  }

  /** A position normalised against a dimension, or an out-of-bounds error naming the dimension. */
  static long normalize(long index, long length, int dim) {
    long i = index < 0 ? index + length : index;
    if (i < 0 || i >= length) {
      throw new dev.zarr4j.exceptions.SelectionOutOfBoundsException(
          dim,
          "index " + index + " is out of bounds for dimension " + dim + " with length " + length);
    }
    return i;
  }
}
