package dev.zarr4j.cli;

import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads CSV text as {@code zarr4j export} writes it (and as NumPy's {@code savetxt} and most
 * spreadsheets do): numbers or {@code True}/{@code False} separated by commas, one row per line, no
 * header. One value on every line gives a 1-d array, more a 2-d one. Without a data type given,
 * booleans become {@code bool}, integers {@code int64} and anything else {@code float64} ({@code
 * nan}, {@code inf} and {@code -inf} included). The file is read whole.
 */
final class CsvImport {
  private CsvImport() {}

  /**
   * The array in {@code csv}, read from the file shown as {@code name}, as {@code type} or, when
   * that is null, the type the values imply.
   *
   * @throws CliException naming the file, line and value at fault
   */
  static NdArray read(byte[] csv, String name, DataType type) {
    String text = new String(csv, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int last = lines.length;
    while (last > 0 && lines[last - 1].isBlank()) {
      last--;
    }
    int width = -1;
    for (int l = 0; l < last; l++) {
      String[] cells = lines[l].split(",", -1);
      if (width >= 0 && cells.length != width) {
        throw new CliException(
            name
                + ": line "
                + (l + 1)
                + " has "
                + cells.length
                + " values but line 1 has "
                + width
                + " (CSV import takes a rectangle of values)");
      }
      width = cells.length;
      for (int c = 0; c < cells.length; c++) {
        cells[c] = cells[c].strip();
      }
      rows.add(cells);
    }
    DataType t = type == null ? infer(rows, name) : type;
    int nrows = rows.size();
    int ncols = Math.max(width, 0);
    NdArray out = ncols <= 1 ? NdArray.zeros(t, nrows) : NdArray.zeros(t, nrows, ncols);
    for (int r = 0; r < nrows; r++) {
      String[] cells = rows.get(r);
      for (int c = 0; c < cells.length; c++) {
        try {
          out.setFlat(r * Math.max(ncols, 1) + c, parse(cells[c], t));
        } catch (IllegalArgumentException | ArithmeticException e) {
          throw new CliException(
              name
                  + ": line "
                  + (r + 1)
                  + ", value "
                  + (c + 1)
                  + ": '"
                  + cells[c]
                  + "' is not a "
                  + t
                  + " (CSV import takes numbers or True/False, no header)");
        }
      }
    }
    return out;
  }

  private static DataType infer(List<String[]> rows, String name) {
    boolean bools = true;
    boolean ints = true;
    for (String[] row : rows) {
      for (String cell : row) {
        bools &= cell.equals("True") || cell.equals("False");
        ints &= isLong(cell);
      }
    }
    if (rows.isEmpty()) {
      return DataType.FLOAT64;
    }
    return bools ? DataType.BOOL : ints ? DataType.INT64 : DataType.FLOAT64;
  }

  private static boolean isLong(String s) {
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Object parse(String cell, DataType t) {
    switch (t.kind()) {
      case BOOL:
        if (cell.equals("True") || cell.equals("1")) {
          return Boolean.TRUE;
        }
        if (cell.equals("False") || cell.equals("0")) {
          return Boolean.FALSE;
        }
        throw new IllegalArgumentException(cell);
      case INT:
      case UINT:
        {
          int bits = 8 * t.itemSize();
          if (t.kind() == DataType.Kind.UINT && bits == 64) {
            if (cell.startsWith("-")) {
              throw new IllegalArgumentException(cell);
            }
            return Long.parseUnsignedLong(cell);
          }
          long v = Long.parseLong(cell);
          long min =
              t.kind() == DataType.Kind.UINT
                  ? 0
                  : bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
          long max =
              t.kind() == DataType.Kind.UINT
                  ? (1L << bits) - 1
                  : bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
          if (v < min || v > max) {
            throw new IllegalArgumentException(cell); // out of the type's range: never wrapped
          }
          return v;
        }
      case FLOAT:
        return switch (cell.toLowerCase(Locale.ROOT)) {
          case "nan" -> Double.NaN;
          case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
          case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
          default -> {
            if (!cell.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
              throw new IllegalArgumentException(cell);
            }
            yield Double.parseDouble(cell);
          }
        };
      default:
        throw new CliException("CSV import takes boolean, integer and float types, not " + t);
    }
  }
}
