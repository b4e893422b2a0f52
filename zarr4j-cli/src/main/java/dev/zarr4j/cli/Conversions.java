package dev.zarr4j.cli;

import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.DataType.Kind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Which data type conversions {@code import --dtype} performs (NumPy's {@code astype}, restricted
 * to conversions whose result is well defined): any change of byte order; between booleans,
 * integers and floats, and from those to complex; complex to complex; between datetimes (or
 * timedeltas) of the same unit and to and from integers; byte strings to byte strings and unicode
 * to unicode of any length (longer values are cut, as NumPy does), unicode to byte strings (ASCII
 * only); raw bytes of the same size. Records only to themselves, with another byte order not
 * allowed, since their fields would not be swapped.
 */
final class Conversions {
  private static final Set<Kind> REAL = EnumSet.of(Kind.BOOL, Kind.INT, Kind.UINT, Kind.FLOAT);
  private static final Set<Kind> TIME = EnumSet.of(Kind.DATETIME, Kind.TIMEDELTA);
  private static final Set<Kind> INTEGER = EnumSet.of(Kind.INT, Kind.UINT);

  private Conversions() {}

  /** Whether values of {@code from} can be imported as {@code to}. */
  static boolean allowed(DataType from, DataType to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.isStructured() || to.isStructured()) {
      return false;
    }
    Kind a = from.kind();
    Kind b = to.kind();
    if (REAL.contains(a)) {
      return REAL.contains(b) || b == Kind.COMPLEX || (INTEGER.contains(a) && TIME.contains(b));
    }
    if (a == Kind.COMPLEX) {
      return b == Kind.COMPLEX;
    }
    if (TIME.contains(a)) {
      return (a == b && Objects.equals(from.unit(), to.unit())) || INTEGER.contains(b);
    }
    if (a == Kind.BYTES) {
      return b == Kind.BYTES;
    }
    if (a == Kind.UNICODE) {
      return b == Kind.UNICODE || b == Kind.BYTES;
    }
    if (a == Kind.VOID) {
      return b == Kind.VOID && from.itemSize() == to.itemSize();
    }
    return false;
  }

  /** Throws a usage error naming {@code --dtype} unless the conversion is {@link #allowed}. */
  static void check(DataType from, DataType to, CommandLine cl) {
    if (!allowed(from, to)) {
      String why = "";
      if (from.isStructured() || to.isStructured()) {
        why = "; structured types import only as themselves";
      } else if (TIME.contains(from.kind()) && from.kind() == to.kind()) {
        why = "; changing the time unit is not supported";
      }
      throw new ParameterException(
          cl,
          "Invalid value for option '--dtype': cannot convert the file's "
              + from
              + " to "
              + to
              + why);
    }
  }
}
