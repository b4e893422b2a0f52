package dev.zarr4j.codec.filter;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.ndarray.Float16;

/**
 * NumPy 1.x element arithmetic on x86-64, for the filters that compute on numbers.
 *
 * <p>A value of a {@link NumType} travels in a {@code long} "carrier": integers and bools as their
 * value (uint64 as its raw bits), floats as the raw bits of the {@code double} equal to the value
 * (float32 and float16 values are exactly representable as doubles). Conversions follow NumPy's
 * unsafe casts as compiled for x86-64 (integers wrap; floats to integers truncate, with the
 * processor's "integer indefinite" result for NaN and values out of range), and float arithmetic
 * rounds like NumPy's loops: float16 operations are computed in float32 and rounded to float16.
 */
final class Num {
  private static final double TWO63 = 9.223372036854775808E18;

  private Num() {}

  // ------------------------------------------------------------------ element I/O

  /** Reads one element of type {@code t} at {@code off}. */
  static long read(byte[] a, int off, NumType t, boolean big) {
    long raw = readRaw(a, off, t.size, big);
    return switch (t) {
      case B1 -> raw != 0 ? 1 : 0;
      case I1 -> (byte) raw;
      case I2 -> (short) raw;
      case I4 -> (int) raw;
      case I8, U1, U2, U4, U8 -> raw;
      case F2 -> Double.doubleToRawLongBits(Float16.toFloat((short) raw));
      case F4 -> Double.doubleToRawLongBits(Float.intBitsToFloat((int) raw));
      case F8 -> raw;
    };
  }

  /** Writes one element of type {@code t} (a carrier already of that type) at {@code off}. */
  static void write(byte[] a, int off, NumType t, boolean big, long v) {
    long raw =
        switch (t) {
          case F2 -> halfBits(Double.longBitsToDouble(v));
          case F4 -> Float.floatToRawIntBits((float) Double.longBitsToDouble(v));
          default -> v;
        };
    writeRaw(a, off, t.size, big, raw);
  }

  /** The {@code size} bytes at {@code off} as an unsigned number. */
  static long readRaw(byte[] a, int off, int size, boolean big) {
    switch (size) {
      case 1:
        return a[off] & 0xFFL;
      case 2:
        {
          short s = LittleEndian.getShort(a, off);
          return (big ? Short.reverseBytes(s) : s) & 0xFFFFL;
        }
      case 4:
        {
          int i = LittleEndian.getInt(a, off);
          return (big ? Integer.reverseBytes(i) : i) & 0xFFFFFFFFL;
        }
      default:
        {
          long l = LittleEndian.getLong(a, off);
          return big ? Long.reverseBytes(l) : l;
        }
    }
  }

  /** Writes the low {@code size} bytes of {@code v} at {@code off}. */
  static void writeRaw(byte[] a, int off, int size, boolean big, long v) {
    switch (size) {
      case 1 -> a[off] = (byte) v;
      case 2 -> LittleEndian.putShort(a, off, big ? Short.reverseBytes((short) v) : (short) v);
      case 4 -> LittleEndian.putInt(a, off, big ? Integer.reverseBytes((int) v) : (int) v);
      default -> LittleEndian.putLong(a, off, big ? Long.reverseBytes(v) : v);
    }
  }

  // ------------------------------------------------------------------ carriers

  static double dbl(long carrier) {
    return Double.longBitsToDouble(carrier);
  }

  static long ofDouble(double d) {
    return Double.doubleToRawLongBits(d);
  }

  /** The value of a carrier as a double (for tests and messages; uint64 read as unsigned). */
  static double toDouble(long v, NumType t) {
    if (t.isFloat()) {
      return dbl(v);
    }
    return t == NumType.U8 ? unsignedToDouble(v) : (double) v;
  }

  // ------------------------------------------------------------------ casts

  /** NumPy's unsafe cast of a value from {@code from} to {@code to} ({@code ndarray.astype}). */
  static long cast(long v, NumType from, NumType to) {
    if (from == to) {
      return v;
    }
    if (from.isIntegral()) {
      if (to.isIntegral()) {
        return wrap(v, to);
      }
      return ofDouble(intToFloat(v, from, to));
    }
    double d = dbl(v);
    if (to.isIntegral()) {
      return floatToInt(d, to);
    }
    return ofDouble(roundTo(d, to));
  }

  /**
   * NumPy's cast of one element by item assignment ({@code a[0] = b[0]}), which differs from {@link
   * #cast} only for integers to float32/float16: the value goes through a double first.
   */
  static long castItem(long v, NumType from, NumType to) {
    if (from.isIntegral() && from != NumType.B1 && to.isFloat() && to != NumType.F8) {
      double d = from == NumType.U8 ? unsignedToDouble(v) : (double) v;
      return ofDouble(roundTo(d, to));
    }
    return cast(v, from, to);
  }

  /** Truncates an integer to the width of {@code to} (sign- or zero-extending); bools to 0/1. */
  static long wrap(long v, NumType to) {
    return switch (to) {
      case B1 -> v != 0 ? 1 : 0;
      case I1 -> (byte) v;
      case I2 -> (short) v;
      case I4 -> (int) v;
      case U1 -> v & 0xFFL;
      case U2 -> v & 0xFFFFL;
      case U4 -> v & 0xFFFFFFFFL;
      default -> v;
    };
  }

  private static double intToFloat(long v, NumType from, NumType to) {
    boolean unsigned64 = from == NumType.U8 && v < 0;
    switch (to) {
      case F8:
        return unsigned64 ? unsignedToDouble(v) : (double) v;
      case F4:
        return unsigned64 ? unsignedToFloat(v) : (float) v;
      default:
        // NumPy converts integers to float16 through float32
        float f = unsigned64 ? unsignedToFloat(v) : (float) v;
        return roundTo(f, NumType.F2);
    }
  }

  /** A uint64 (raw bits) to the nearest double, as the compiled C conversion does. */
  static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    return (double) ((v >>> 1) | (v & 1)) * 2.0;
  }

  private static float unsignedToFloat(long v) {
    if (v >= 0) {
      return v;
    }
    return (float) ((v >>> 1) | (v & 1)) * 2.0f;
  }

  /** x86-64's truncating conversion to int32: NaN and out-of-range give Integer.MIN_VALUE. */
  private static long cvtt32(double d) {
    if (Double.isNaN(d) || d >= 2147483648.0 || d <= -2147483649.0) {
      return Integer.MIN_VALUE;
    }
    return (int) d;
  }

  /** x86-64's truncating conversion to int64: NaN and out-of-range give Long.MIN_VALUE. */
  private static long cvtt64(double d) {
    if (Double.isNaN(d) || d >= TWO63 || d < -TWO63) {
      return Long.MIN_VALUE;
    }
    return (long) d;
  }

  /** A float to an integer type, as NumPy's C casts compile on x86-64. */
  static long floatToInt(double d, NumType to) {
    return switch (to) {
      case B1 -> d != 0 ? 1 : 0;
      case I1, I2, U1, U2 -> wrap(cvtt32(d), to);
      case I4 -> cvtt32(d);
      case U4 -> wrap(cvtt64(d), to);
      case I8 -> cvtt64(d);
      default -> d < TWO63 ? cvtt64(d) : cvtt64(d - TWO63) ^ Long.MIN_VALUE;
    };
  }

  /** Rounds a double to the nearest value of float type {@code to} (ties to even). */
  static double roundTo(double d, NumType to) {
    return switch (to) {
      case F8 -> d;
      case F4 -> (float) d;
      default -> Double.isNaN(d) ? d : Float16.toFloat((short) halfBits(d));
    };
  }

  /**
   * The float16 bits nearest to {@code d}, rounding ties to even, as NumPy's {@code
   * npy_doublebits_to_halfbits}: overflow gives infinity, NaN keeps its sign and top payload bits.
   */
  static int halfBits(double d) {
    long b = Double.doubleToRawLongBits(d);
    int sign = (int) (b >>> 48) & 0x8000;
    int exp = (int) (b >>> 52) & 0x7FF;
    long mant = b & 0xF_FFFF_FFFF_FFFFL;
    if (exp == 0x7FF) {
      if (mant == 0) {
        return sign | 0x7C00;
      }
      int r = 0x7C00 + (int) (mant >>> 42);
      return sign | (r == 0x7C00 ? 0x7C01 : r);
    }
    int e = exp - 1023;
    if (e >= 16) {
      return sign | 0x7C00;
    }
    if (e < -25) {
      return sign;
    }
    long m = mant | (1L << 52);
    int shift = e >= -14 ? 42 : 28 - e;
    long q = m >>> shift;
    long rem = m & ((1L << shift) - 1);
    long halfway = 1L << (shift - 1);
    if (rem > halfway || (rem == halfway && (q & 1) != 0)) {
      q++;
    }
    int bits = e >= -14 ? ((e + 15) << 10) + (int) q - 1024 : (int) q;
    return sign | bits;
  }

  // ------------------------------------------------------------------ arithmetic in one type

  private static long floatResult(double exact, NumType t) {
    return switch (t) {
      case F8 -> ofDouble(exact);
      case F4 -> ofDouble((float) exact);
      default -> ofDouble(roundTo((float) exact, NumType.F2));
    };
  }

  static long add(long a, long b, NumType t) {
    if (t.isIntegral()) {
      return wrap(a + b, t);
    }
    double x = dbl(a);
    double y = dbl(b);
    return floatResult(x != x || y != y ? firstNaN(x, y) : x + y, t);
  }

  static long sub(long a, long b, NumType t) {
    if (t.isIntegral()) {
      return wrap(a - b, t);
    }
    double x = dbl(a);
    double y = dbl(b);
    return floatResult(x != x || y != y ? firstNaN(x, y) : x - y, t);
  }

  static long mul(long a, long b, NumType t) {
    if (t.isIntegral()) {
      return wrap(a * b, t);
    }
    double x = dbl(a);
    double y = dbl(b);
    return floatResult(x != x || y != y ? firstNaN(x, y) : x * y, t);
  }

  /** True division in float type {@code t}. */
  static long div(long a, long b, NumType t) {
    double x = dbl(a);
    double y = dbl(b);
    return floatResult(x != x || y != y ? firstNaN(x, y) : x / y, t);
  }

  /**
   * The NaN an x86 float operation returns when an operand is NaN: the first operand's if it is
   * NaN, else the second's (so NumPy's payload bits are reproduced). Chosen explicitly because the
   * JIT may reorder the operands of a commutative operation.
   */
  private static double firstNaN(double x, double y) {
    return x != x ? x : y;
  }

  /** {@code np.around(x)} (decimals 0): round half to even for floats, identity for integers. */
  static long rint(long a, NumType t) {
    return t.isIntegral() ? a : ofDouble(Math.rint(dbl(a)));
  }
}
