package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A 1-d or 2-d basic selection of a boolean, integer or float array as CSV text: one line per row
 * (per element for 1-d), values separated by commas, no header. Integers are written in decimal,
 * floats as NumPy prints a scalar of their type ({@code 0.1}, {@code 1e-05}, {@code nan}, {@code
 * inf}), booleans as {@code True} and {@code False}. Rows are read in blocks bounded by a budget.
 */
final class CsvExport {
  private CsvExport() {}

  /** Whether CSV can hold arrays of this type. */
  static boolean supports(DataType t) {
    return switch (t.kind()) {
      case BOOL, INT, UINT, FLOAT -> true;
      default -> false;
    };
  }

  /** One dimension of the selection: a dropped index, or positions start + i * step. */
  private record Dim(Long index, long start, long step, long count) {}

  /**
   * Writes the selection to {@code out}.
   *
   * @throws CliException if the selection is not 1-d or 2-d
   */
  static NpyExport.Summary write(
      ZarrArray array,
      BasicSelection selection,
      WritableByteChannel out,
      long budget,
      LongConsumer progress)
      throws IOException {
    long[] shape = array.shape();
    List<DimSelector> items = selection.expand(shape.length);
    List<Dim> dims = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      DimSelector s = items.get(d);
      if (s instanceof DimSelector.Index i) {
        dims.add(new Dim(i.index() < 0 ? i.index() + shape[d] : i.index(), 0, 1, 1));
      } else {
        Slice slice = (Slice) s;
        long[] r = slice.resolve(shape[d]);
        dims.add(new Dim(null, r[0], slice.step(), r[1]));
        kept.add(d);
      }
    }
    if (kept.size() != 1 && kept.size() != 2) {
      throw new CliException(
          "CSV holds 1-d and 2-d data; this selection has "
              + kept.size()
              + " dimensions (select fewer, or export to .npy)");
    }
    int rowDim = kept.get(0);
    long rows = dims.get(rowDim).count();
    long cols = kept.size() == 2 ? dims.get(kept.get(1)).count() : 1;
    long rowBytes = Math.max(1, cols * Math.max(1, array.dtype().itemSize()) * 3);
    long block = Math.max(1, Math.min(rows, budget / rowBytes));
    long bytes = 0;
    long blocks = 0;
    for (long r0 = 0; r0 < rows; r0 += block) {
      long k = Math.min(block, rows - r0);
      Object[] sel = new Object[shape.length];
      for (int d = 0; d < shape.length; d++) {
        Dim dim = dims.get(d);
        if (dim.index() != null) {
          sel[d] = dim.index();
        } else if (d == rowDim) {
          long first = dim.start() + r0 * dim.step();
          sel[d] = Slice.of(first, first + (k - 1) * dim.step() + 1, dim.step());
        } else {
          sel[d] =
              dim.count() == 0
                  ? Slice.of(0, 0)
                  : Slice.of(
                      dim.start(), dim.start() + (dim.count() - 1) * dim.step() + 1, dim.step());
        }
      }
      NdArray values = array.get(BasicSelection.of(sel));
      StringBuilder text = new StringBuilder();
      int n = values.size();
      for (int i = 0; i < n; i++) {
        text.append(cell(values, i));
        text.append((i + 1) % cols == 0 ? '\n' : ',');
      }
      ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      bytes += buf.remaining();
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      blocks++;
      progress.accept((r0 + k) * cols);
    }
    long[] outShape = kept.size() == 2 ? new long[] {rows, cols} : new long[] {rows};
    return new NpyExport.Summary(outShape, array.dtype(), bytes, blocks);
  }

  private static String cell(NdArray a, int i) {
    Object v = a.getFlat(i);
    DataType t = a.dtype();
    return switch (t.kind()) {
      case BOOL -> (Boolean) v ? "True" : "False";
      case UINT -> t.itemSize() == 8 ? Long.toUnsignedString((Long) v) : v.toString();
      case FLOAT -> NumpyPrint.floatScalar((Double) v, t.itemSize());
      default -> v.toString();
    };
  }
}
