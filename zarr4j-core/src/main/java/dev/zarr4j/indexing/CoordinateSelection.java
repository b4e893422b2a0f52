package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A coordinate (point, "fancy") selection, zarr-python's {@code vindex} / {@code
 * get_coordinate_selection}: one integer index array per dimension; the arrays broadcast together
 * (NumPy rules) and each position of the broadcast shape selects one element. The result has the
 * broadcast shape. Coordinates may be unsorted and repeated; negative ones count from the end.
 *
 * <p>{@code CoordinateSelection.of(new long[] {1, 4}, new long[] {1, 4})} is {@code z.vindex[[1,
 * 4], [1, 4]]}.
 *
 * @param indices one integer {@link NdArray} per dimension
 */
public record CoordinateSelection(List<NdArray> indices) implements Selection {

  /** Checks the index arrays hold integers. */
  public CoordinateSelection {
    indices = List.copyOf(indices);
    for (int d = 0; d < indices.size(); d++) {
      DataType.Kind k = indices.get(d).dtype().kind();
      if (k != DataType.Kind.INT && k != DataType.Kind.UINT) {
        throw new InvalidSelectionException(
            "coordinate selection for dimension "
                + d
                + " must hold integers, got "
                + indices.get(d).dtype());
      }
    }
  }

  /**
   * One 1-dimensional position list per dimension (all the same length, or length 1 to broadcast).
   */
  public static CoordinateSelection of(long[]... perDimension) {
    List<NdArray> list = new ArrayList<>(perDimension.length);
    for (long[] p : perDimension) {
      list.add(NdArray.of(p.clone()));
    }
    return new CoordinateSelection(list);
  }

  /**
   * One item per dimension from Java values: an {@code Integer} or {@code Long} (a 0-dimensional
   * index that broadcasts against the others, as in {@code z[1, [1, 3]]}), a {@code long[]} or
   * {@code int[]} position list, or an integer {@link NdArray}.
   *
   * @throws InvalidSelectionException for any other kind of item
   */
  public static CoordinateSelection of(Object... perDimension) {
    List<NdArray> list = new ArrayList<>(perDimension.length);
    for (Object o : perDimension) {
      if (o instanceof Integer || o instanceof Long) {
        list.add(NdArray.scalar(DataType.INT64, ((Number) o).longValue()));
      } else if (o instanceof long[] l) {
        list.add(NdArray.of(l.clone()));
      } else if (o instanceof int[] l) {
        list.add(NdArray.of(java.util.Arrays.stream(l).asLongStream().toArray()));
      } else if (o instanceof NdArray a) {
        list.add(a);
      } else {
        throw new InvalidSelectionException(
            "unsupported coordinate item "
                + o
                + (o == null ? "" : " of type " + o.getClass().getSimpleName())
                + "; use an integer, a long[] or int[] of positions or an integer NdArray");
      }
    }
    return new CoordinateSelection(list);
  }

  /** One integer array per dimension, of shapes that broadcast together. */
  public static CoordinateSelection of(NdArray... perDimension) {
    return new CoordinateSelection(List.of(perDimension));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < indices.size(); d++) {
      sb.append(d > 0 ? ", " : "").append(new DimSelector.IndexList(indices.get(d).toLongArray()));
    }
    return sb.toString();
  }
}
