package dev.zarr4j.ndarray;

import dev.zarr4j.ndarray.DataType.Kind;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code can_cast(from, to, casting='safe')} for the data types zarr4j supports: whether
 * every value of one type is represented exactly by another. Used by {@code requireDataset} to
 * accept an existing array whose type can hold the requested one, as zarr-python does.
 *
 * <p>The rules follow NumPy 1.24, which the interop tests compare against for every pair of
 * numeric, string and datetime types, multiplied units ({@code 10s}) included.
 */
public final class SafeCast {
  private static final List<String> UNITS =
      List.of("Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as");

  /** For datetime64: the finest unit each unit can move to without overflowing. */
  private static final int[] DATETIME_LIMIT = {12, 12, 9, 9, 10, 11, 11, 12, 12, 12, 12, 12, 12};

  /** For timedelta64: the same, where years and months do not convert to fixed units. */
  private static final int[] TIMEDELTA_LIMIT = {1, 1, 9, 9, 10, 11, 11, 12, 12, 12, 12, 12, 12};

  private static final Pattern UNIT = Pattern.compile("(\\d*)([A-Za-z]+)");

  /** Length of each unit from W on, in attoseconds (Y and M have none). */
  private static final BigInteger[] ATTOSECONDS = new BigInteger[UNITS.size()];

  static {
    BigInteger second = BigInteger.TEN.pow(18);
    long[] seconds = {0, 0, 604800, 86400, 3600, 60, 1};
    for (int k = 2; k <= 6; k++) {
      ATTOSECONDS[k] = second.multiply(BigInteger.valueOf(seconds[k]));
    }
    for (int k = 7; k < UNITS.size(); k++) {
      ATTOSECONDS[k] = second.divide(BigInteger.TEN.pow(3 * (k - 6)));
    }
  }

  private SafeCast() {}

  /**
   * For Zarr v3's small number types (at most 2^16 values): whether every value of {@code from}
   * converts to a number of {@code to} that reads back as the same value (NaN as NaN), tried one by
   * one. A NumPy type converts to a small one only if it is one of them (never, here).
   */
  private static boolean everyValueConverts(DataType from, DataType to) {
    if (from.isNumpyType() || !to.isNumeric() || to.kind() == Kind.BOOL) {
      return false;
    }
    if (from.kind() == Kind.COMPLEX) { // complex_bfloat16, ...: part by part, to complex only
      return to.kind() == Kind.COMPLEX && canCast(from.componentType(), to.componentType());
    }
    NdArray source = NdArray.zeros(from);
    NdArray target = NdArray.zeros(to);
    int patterns = 1 << from.bits();
    for (int p = 0; p < patterns; p++) {
      if (from.storage() == DataType.Storage.SHORT) {
        ((short[]) source.data())[0] = (short) p;
      } else {
        ((byte[]) source.data())[0] = (byte) p;
      }
      Object v = source.get();
      try {
        target.set(v);
      } catch (dev.zarr4j.exceptions.InvalidArrayException e) {
        return false;
      }
      Object back = target.get();
      boolean same =
          v instanceof Double d
              ? (back instanceof Complex c
                  ? c.im() == 0 && sameDouble(d, c.re())
                  : back instanceof Double b && sameDouble(d, b))
              : v.equals(back) || (back instanceof Double b && b == ((Long) v).doubleValue());
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameDouble(double a, double b) {
    return Double.isNaN(a) ? Double.isNaN(b) : Double.compare(a, b) == 0;
  }

  /** Whether every value of {@code from} converts to {@code to} without loss. */
  public static boolean canCast(DataType from, DataType to) {
    if (from.equals(to)) {
      return true;
    }
    if (!from.isNumpyType() || !to.isNumpyType()) {
      return everyValueConverts(from, to);
    }
    Kind f = from.kind();
    Kind t = to.kind();
    if (from.isStructured() || to.isStructured()) {
      return structured(from, to);
    }
    if (t == Kind.VOID) {
      return f != Kind.OBJECT && to.itemSize() >= from.itemSize();
    }
    if (t == Kind.OBJECT) {
      return true;
    }
    if (f == Kind.OBJECT) {
      return false;
    }
    int fs = from.itemSize();
    int ts = to.itemSize();
    switch (f) {
      case BOOL:
        switch (t) {
          case BYTES:
          case UNICODE:
            return chars(to) >= 5;
          case DATETIME:
            return false;
          default:
            return true; // bool, numbers, timedelta
        }
      case INT:
        switch (t) {
          case INT:
            return ts >= fs;
          case FLOAT:
            return ts >= floatFor(fs);
          case COMPLEX:
            return ts >= 2 * floatFor(fs);
          case TIMEDELTA:
            return true;
          case BYTES:
          case UNICODE:
            return chars(to) >= intChars(fs, true);
          default:
            return false;
        }
      case UINT:
        switch (t) {
          case UINT:
            return ts >= fs;
          case INT:
            return ts > fs;
          case FLOAT:
            return ts >= floatFor(fs);
          case COMPLEX:
            return ts >= 2 * floatFor(fs);
          case TIMEDELTA:
            return fs < 8;
          case BYTES:
          case UNICODE:
            return chars(to) >= intChars(fs, false);
          default:
            return false;
        }
      case FLOAT:
        switch (t) {
          case FLOAT:
            return ts >= fs;
          case COMPLEX:
            return ts >= 2 * fs;
          case BYTES:
          case UNICODE:
            return chars(to) >= 32;
          default:
            return false;
        }
      case COMPLEX:
        switch (t) {
          case COMPLEX:
            return ts >= fs;
          case BYTES:
          case UNICODE:
            return chars(to) >= 64;
          default:
            return false;
        }
      case BYTES:
        return (t == Kind.BYTES || t == Kind.UNICODE) && chars(to) >= fs;
      case UNICODE:
        return t == Kind.UNICODE && ts >= fs;
      case DATETIME:
      case TIMEDELTA:
        return t == f && unitCast(from.unit(), to.unit(), f == Kind.DATETIME);
      case VOID:
        return false;
      default:
        return false;
    }
  }

  private static boolean structured(DataType from, DataType to) {
    if (!from.isStructured() || !to.isStructured()) {
      return false;
    }
    List<DataType.Field> a = from.fields();
    List<DataType.Field> b = to.fields();
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).shape().equals(b.get(i).shape())
          || !canCast(a.get(i).type(), b.get(i).type())) {
        return false;
      }
    }
    return true;
  }

  /** The smallest float (in bytes) that holds every integer of {@code size} bytes "safely". */
  private static int floatFor(int size) {
    return size == 1 ? 2 : size == 2 ? 4 : 8;
  }

  /** Characters NumPy reserves for an integer of {@code size} bytes when cast to a string. */
  private static int intChars(int size, boolean signed) {
    switch (size) {
      case 1:
        return signed ? 4 : 3;
      case 2:
        return signed ? 6 : 5;
      case 4:
        return signed ? 11 : 10;
      default:
        return signed ? 21 : 20;
    }
  }

  private static int chars(DataType t) {
    return t.kind() == Kind.UNICODE ? t.itemSize() / 4 : t.itemSize();
  }

  private static boolean unitCast(String from, String to, boolean datetime) {
    if (from == null || to == null) {
      return from == null && to == null;
    }
    if (from.equals(to)) {
      return true;
    }
    Matcher f = UNIT.matcher(from);
    Matcher t = UNIT.matcher(to);
    if (!f.matches() || !t.matches()) {
      return false;
    }
    long mf = f.group(1).isEmpty() ? 1 : Long.parseLong(f.group(1));
    long mt = t.group(1).isEmpty() ? 1 : Long.parseLong(t.group(1));
    int i = UNITS.indexOf(f.group(2));
    int j = UNITS.indexOf(t.group(2));
    if (i < 0 || j < 0) {
      return false;
    }
    int limit = datetime ? DATETIME_LIMIT[i] : TIMEDELTA_LIMIT[i];
    if (j < i || j > limit) {
      return false;
    }
    if (mt == 1) {
      return true;
    }
    // a multiplied target unit holds the values only if the source unit is a whole number of them
    if (i <= 1) { // years and months have no fixed length
      if (j > 1) {
        return true;
      }
      long months = (i == 0 ? 12 : 1) * mf;
      return j == 0 ? mf % mt == 0 : months % mt == 0;
    }
    BigInteger a = ATTOSECONDS[i].multiply(BigInteger.valueOf(mf));
    BigInteger b = ATTOSECONDS[j].multiply(BigInteger.valueOf(mt));
    return a.mod(b).signum() == 0;
  }
}
