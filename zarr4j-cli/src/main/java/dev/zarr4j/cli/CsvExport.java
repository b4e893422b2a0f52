package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
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
    ResolvedSelection resolved = ResolvedSelection.of(selection, array.shape());
    long[] shape = resolved.shape();
    if (shape.length != 1 && shape.length != 2) {
      throw new CliException(
          "CSV holds 1-d and 2-d data; this selection has "
              + shape.length
              + " dimensions (select fewer, or export to .npy)");
    }
    long rows = shape[0];
    long cols = shape.length == 2 ? shape[1] : 1;
    long rowBytes = Math.max(1, cols * Math.max(1, array.dtype().itemSize()) * 3);
    long block = Math.max(1, Math.min(rows, budget / rowBytes));
    long bytes = 0;
    long blocks = 0;
    for (long r0 = 0; r0 < rows && cols > 0; r0 += block) {
      long k = Math.min(block, rows - r0);
      NdArray values =
          array.get(
              shape.length == 2
                  ? resolved.block(new long[] {r0, 0}, new long[] {k, cols})
                  : resolved.block(new long[] {r0}, new long[] {k}));
      StringBuilder text = new StringBuilder();
      int n = values.size();
      for (int i = 0; i < n; i++) {
        text.append(cell(values, i));
        text.append((i + 1) % cols == 0 ? '\n' : ',');
      }
      ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      bytes += NpyExport.writeFully(out, buf);
      blocks++;
      progress.accept((r0 + k) * cols);
    }
    return new NpyExport.Summary(shape, array.dtype(), bytes, blocks);
  }

  private static String cell(NdArray a, int i) {
    Object v = a.getFlat(i);
    DataType t = a.dtype();
    return switch (t.kind()) {
      case BOOL -> (Boolean) v ? "True" : "False";
      case UINT -> t.itemSize() == 8 ? Long.toUnsignedString((Long) v) : v.toString();
      case FLOAT -> NumpyPrint.floatScalar((Double) v, NumpyPrint.floatWidth(t));
      default -> v.toString();
    };
  }
}
