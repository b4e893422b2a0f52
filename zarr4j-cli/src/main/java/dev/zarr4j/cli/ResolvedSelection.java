package dev.zarr4j.cli;

import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.Slice;
import java.util.ArrayList;
import java.util.List;

/**
 * A basic selection resolved against an array's shape: per array dimension either a dropped index
 * or the positions {@code start + i * step} for {@code i < count}. It maps a block of the
 * selection's result (in result coordinates) back to the basic selection of the array that reads
 * it, so commands can read a large selection piece by piece.
 */
final class ResolvedSelection {
  /** One array dimension: dropped (an integer index, at {@code start}) or kept. */
  record Dim(boolean dropped, long start, long step, long count) {}

  private final Dim[] dims;
  private final int[] kept;

  private ResolvedSelection(Dim[] dims, int[] kept) {
    this.dims = dims;
    this.kept = kept;
  }

  /** Resolves {@code selection} against {@code shape} (negative indices count from the end). */
  static ResolvedSelection of(BasicSelection selection, long[] shape) {
    List<DimSelector> items = selection.expand(shape.length);
    Dim[] dims = new Dim[shape.length];
    List<Integer> kept = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      DimSelector item = items.get(d);
      if (item instanceof DimSelector.Index idx) {
        long i = idx.index() < 0 ? idx.index() + shape[d] : idx.index();
        dims[d] = new Dim(true, i, 1, 1);
      } else {
        Slice s = (Slice) item;
        long[] r = s.resolve(shape[d]);
        dims[d] = new Dim(false, r[0], s.step(), r[1]);
        kept.add(d);
      }
    }
    return new ResolvedSelection(dims, kept.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The array dimension behind each dimension of the result. */
  int[] kept() {
    return kept.clone();
  }

  /** One array dimension. */
  Dim dim(int arrayDim) {
    return dims[arrayDim];
  }

  /** The shape of the result. */
  long[] shape() {
    long[] s = new long[kept.length];
    for (int j = 0; j < kept.length; j++) {
      s[j] = dims[kept[j]].count();
    }
    return s;
  }

  /**
   * The selection of the array that reads the block of the result starting at {@code start} with
   * {@code count} items per result dimension (each count at least 1).
   */
  BasicSelection block(long[] start, long[] count) {
    Object[] sub = new Object[dims.length];
    for (int d = 0, j = 0; d < dims.length; d++) {
      Dim dim = dims[d];
      if (dim.dropped()) {
        sub[d] = dim.start();
        continue;
      }
      long first = dim.start() + start[j] * dim.step();
      long last = dim.start() + (start[j] + count[j] - 1) * dim.step();
      sub[d] = Slice.of(first, last + 1, dim.step());
      j++;
    }
    return BasicSelection.of(sub);
  }

  /**
   * Per array dimension, what an orthogonal read of the given result positions takes: the dropped
   * index, or the array positions of {@code positions[j]} along result dimension j.
   */
  Object[] orthogonal(int[][] positions) {
    Object[] items = new Object[dims.length];
    for (int d = 0, j = 0; d < dims.length; d++) {
      Dim dim = dims[d];
      if (dim.dropped()) {
        items[d] = dim.start();
        continue;
      }
      long[] at = new long[positions[j].length];
      for (int k = 0; k < at.length; k++) {
        at[k] = dim.start() + positions[j][k] * dim.step();
      }
      items[d] = at;
      j++;
    }
    return items;
  }
}
