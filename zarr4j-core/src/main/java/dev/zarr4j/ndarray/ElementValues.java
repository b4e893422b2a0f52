package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and writes single elements of an {@link NdArray}'s storage array, converting between the
 * stored representation and the Java value users see.
 *
 * <p>Java values by kind: {@code Boolean} for bool; {@code Long} for every integer kind (uint64
 * holds the unsigned bits) and for datetime/timedelta counts; {@code Double} for floats; {@link
 * Complex}; {@code String} for unicode; {@code byte[]} for byte strings (trailing NULs removed, as
 * NumPy does) and for raw bytes and records (all bytes); any object for object arrays.
 *
 * <p>Datetimes are also written from {@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}
 * (in UTC), {@code LocalDateTime}, {@code LocalDate}, {@code YearMonth}, {@code Year} and ISO text;
 * timedeltas from {@code Duration} and {@code Period}; {@code null} writes NaT to either, as NumPy
 * converts {@code None}.
 */
final class ElementValues {
  private ElementValues() {}

  static Object read(DataType dtype, Object data, int element) {
    if (dtype.kind() == DataType.Kind.COMPLEX && dtype.itemSize() <= 4) {
      // complex of small floats or float16: each part read as its own type reads it
      DataType part = dtype.componentType();
      return new Complex(
          (Double) read(part, data, 2 * element), (Double) read(part, data, 2 * element + 1));
    }
    switch (dtype.storage()) {
      case BOOLEAN:
        return ((boolean[]) data)[element];
      case BYTE:
        {
          byte b = ((byte[]) data)[element];
          if (dtype.miniFloat() != null) {
            return dtype.miniFloat().toDouble(b);
          }
          int unused = 32 - dtype.bits(); // int2, int4, uint2, uint4: only the low bits count
          return dtype.kind() == DataType.Kind.UINT
              ? (long) ((b << unused) >>> unused)
              : (long) ((b << unused) >> unused);
        }
      case SHORT:
        {
          short s = ((short[]) data)[element];
          if (dtype.miniFloat() != null) {
            return dtype.miniFloat().toDouble(s);
          }
          if (dtype.kind() == DataType.Kind.FLOAT) {
            return (double) Float16.toFloat(s);
          }
          return dtype.kind() == DataType.Kind.UINT ? (long) (s & 0xffff) : (long) s;
        }
      case INT:
        {
          int i = ((int[]) data)[element];
          return dtype.kind() == DataType.Kind.UINT ? (i & 0xffffffffL) : (long) i;
        }
      case LONG:
        return ((long[]) data)[element];
      case FLOAT:
        {
          float[] f = (float[]) data;
          if (dtype.kind() == DataType.Kind.COMPLEX) {
            return new Complex(f[2 * element], f[2 * element + 1]);
          }
          return (double) f[element];
        }
      case DOUBLE:
        {
          double[] d = (double[]) data;
          if (dtype.kind() == DataType.Kind.COMPLEX) {
            return new Complex(d[2 * element], d[2 * element + 1]);
          }
          return d[element];
        }
      case FIXED_BYTES:
        return readFixed(dtype, (byte[]) data, element);
      default:
        return ((Object[]) data)[element];
    }
  }

  private static Object readFixed(DataType dtype, byte[] data, int element) {
    int size = dtype.itemSize();
    int off = element * size;
    if (dtype.kind() == DataType.Kind.BYTES) {
      int end = off + size;
      while (end > off && data[end - 1] == 0) {
        end--;
      }
      return Arrays.copyOfRange(data, off, end);
    }
    if (dtype.kind() == DataType.Kind.UNICODE) {
      ByteBuffer bb = ByteBuffer.wrap(data, off, size).order(dtype.byteOrder());
      int n = size / 4;
      int[] cps = new int[n];
      int len = 0;
      for (int i = 0; i < n; i++) {
        cps[i] = bb.getInt(off + 4 * i);
        if (cps[i] != 0) {
          len = i + 1;
        }
      }
      StringBuilder sb = new StringBuilder(len);
      for (int i = 0; i < len; i++) {
        if (!Character.isValidCodePoint(cps[i])) {
          sb.append('\uFFFD');
        } else {
          sb.appendCodePoint(cps[i]);
        }
      }
      return sb.toString();
    }
    return Arrays.copyOfRange(data, off, off + size);
  }

  static void write(DataType dtype, Object data, int element, Object value) {
    if (dtype.kind() == DataType.Kind.COMPLEX && dtype.itemSize() <= 4) {
      // complex of small floats or float16: each part written (and checked) as its own type
      Complex c = toComplex(value, dtype);
      DataType part = dtype.componentType();
      double re = c.re();
      double im = c.im();
      Object pair = dtype.storage() == DataType.Storage.BYTE ? new byte[2] : new short[2];
      try { // both parts converted first, so a refused value leaves the element as it was
        write(part, pair, 0, re);
        write(part, pair, 1, im);
      } catch (InvalidArrayException e) {
        throw new InvalidArrayException(
            "cannot write " + c + " to data type " + dtype + ": " + e.getMessage());
      }
      System.arraycopy(pair, 0, data, 2 * element, 2);
      return;
    }
    switch (dtype.storage()) {
      case BOOLEAN:
        ((boolean[]) data)[element] = toBoolean(value, dtype);
        break;
      case BYTE:
        if (dtype.miniFloat() != null) {
          ((byte[]) data)[element] = (byte) dtype.miniFloat().fromDouble(toDouble(value, dtype));
        } else if (dtype.bits() < 8) {
          ((byte[]) data)[element] = (byte) subByteInteger(toLong(value, dtype), dtype);
        } else {
          ((byte[]) data)[element] = (byte) toLong(value, dtype);
        }
        break;
      case SHORT:
        if (dtype.miniFloat() != null) {
          ((short[]) data)[element] = (short) dtype.miniFloat().fromDouble(toDouble(value, dtype));
        } else if (dtype.kind() == DataType.Kind.FLOAT) {
          ((short[]) data)[element] = Float16.fromDouble(toDouble(value, dtype));
        } else {
          ((short[]) data)[element] = (short) toLong(value, dtype);
        }
        break;
      case INT:
        ((int[]) data)[element] = (int) toLong(value, dtype);
        break;
      case LONG:
        ((long[]) data)[element] = toLong(value, dtype);
        break;
      case FLOAT:
        if (dtype.kind() == DataType.Kind.COMPLEX) {
          Complex c = toComplex(value, dtype);
          ((float[]) data)[2 * element] = (float) c.re();
          ((float[]) data)[2 * element + 1] = (float) c.im();
        } else {
          ((float[]) data)[element] = (float) toDouble(value, dtype);
        }
        break;
      case DOUBLE:
        if (dtype.kind() == DataType.Kind.COMPLEX) {
          Complex c = toComplex(value, dtype);
          ((double[]) data)[2 * element] = c.re();
          ((double[]) data)[2 * element + 1] = c.im();
        } else {
          ((double[]) data)[element] = toDouble(value, dtype);
        }
        break;
      case FIXED_BYTES:
        {
          byte[] bytes = toFixedBytes(value, dtype);
          System.arraycopy(bytes, 0, data, element * dtype.itemSize(), dtype.itemSize());
          break;
        }
      default:
        ((Object[]) data)[element] = value;
    }
  }

  /**
   * A value of {@code int2}, {@code int4}, {@code uint2} or {@code uint4}, checked to be in range
   * (NumPy would wrap it; these types refuse rather than store another number).
   */
  private static long subByteInteger(long v, DataType dtype) {
    int bits = dtype.bits();
    long min = dtype.kind() == DataType.Kind.UINT ? 0 : -(1L << (bits - 1));
    long max = dtype.kind() == DataType.Kind.UINT ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
    if (v < min || v > max) {
      throw new InvalidArrayException(
          "cannot store " + v + " in data type " + dtype + ": its range is " + min + ".." + max);
    }
    return v;
  }

  /** The stored bytes of one fixed-size element (S, U, V or record) for {@code value}. */
  static byte[] toFixedBytes(Object value, DataType dtype) {
    int size = dtype.itemSize();
    byte[] out = new byte[size];
    if (dtype.kind() == DataType.Kind.UNICODE) {
      if (!(value instanceof CharSequence)) {
        throw cannotConvert(value, dtype);
      }
      ByteBuffer bb = ByteBuffer.wrap(out).order(dtype.byteOrder());
      String s = value.toString();
      int n = size / 4;
      int i = 0;
      for (int off = 0; off < s.length() && i < n; ) {
        int cp = s.codePointAt(off);
        bb.putInt(4 * i++, cp);
        off += Character.charCount(cp);
      }
      return out;
    }
    byte[] src;
    if (value instanceof byte[] b) {
      src = b;
    } else if (value instanceof CharSequence cs && dtype.kind() == DataType.Kind.BYTES) {
      String s = cs.toString();
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) > 127) {
          throw new InvalidArrayException(
              "cannot store non-ASCII text '" + s + "' in byte-string type " + dtype);
        }
      }
      src = s.getBytes(StandardCharsets.US_ASCII);
    } else if (value instanceof Number n
        && n.doubleValue() == 0
        && dtype.kind() == DataType.Kind.VOID) {
      return out;
    } else if (value instanceof Number n && dtype.kind() == DataType.Kind.BYTES) {
      src = numberText(n).getBytes(StandardCharsets.US_ASCII);
    } else {
      throw cannotConvert(value, dtype);
    }
    if (dtype.kind() == DataType.Kind.VOID && src.length != size && dtype.isStructured()) {
      throw new InvalidArrayException(
          "a record of type " + dtype + " needs " + size + " bytes, got " + src.length);
    }
    System.arraycopy(src, 0, out, 0, Math.min(size, src.length));
    return out;
  }

  private static String numberText(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return dev.zarr4j.python.PythonFloat.repr(n.doubleValue());
    }
    return n.toString();
  }

  static boolean toBoolean(Object value, DataType dtype) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0 || (n instanceof Double d && d.isNaN());
    }
    throw cannotConvert(value, dtype);
  }

  static long toLong(Object value, DataType dtype) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      if (b.bitLength() > 64 || (b.signum() < 0 && b.bitLength() > 63)) {
        throw new InvalidArrayException("integer " + b + " does not fit in data type " + dtype);
      }
      return b.longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d)) {
        if (dtype.kind() == DataType.Kind.DATETIME || dtype.kind() == DataType.Kind.TIMEDELTA) {
          return Datetimes.NAT;
        }
        throw new InvalidArrayException("cannot store NaN in integer data type " + dtype);
      }
      if (dtype.kind() == DataType.Kind.UINT && dtype.itemSize() == 8 && d >= 0x1p63) {
        return new BigDecimal(d).toBigInteger().longValue();
      }
      return (long) d;
    }
    if (value instanceof BigDecimal bd) {
      return bd.toBigInteger().longValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof CharSequence cs
        && (dtype.kind() == DataType.Kind.DATETIME || dtype.kind() == DataType.Kind.TIMEDELTA)) {
      String s = cs.toString().strip();
      if (dtype.kind() == DataType.Kind.DATETIME) {
        return Datetimes.parse(s, dtype.unit());
      }
      if (s.equals("NaT")) {
        return Datetimes.NAT;
      }
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw cannotConvert(value, dtype);
      }
    }
    if (dtype.kind() == DataType.Kind.DATETIME) {
      Long count = Datetimes.fromTemporal(value, dtype.unit());
      if (count != null) {
        return count;
      }
    }
    if (value instanceof java.time.temporal.TemporalAmount a
        && dtype.kind() == DataType.Kind.TIMEDELTA
        && (a instanceof java.time.Duration || a instanceof java.time.Period)) {
      return Datetimes.fromAmount(a, dtype.unit());
    }
    if (value == null
        && (dtype.kind() == DataType.Kind.DATETIME || dtype.kind() == DataType.Kind.TIMEDELTA)) {
      return Datetimes.NAT; // as NumPy converts None
    }
    throw cannotConvert(value, dtype);
  }

  static double toDouble(Object value, DataType dtype) {
    if (value instanceof Number n) {
      if (value instanceof BigInteger || value instanceof BigDecimal) {
        return n.doubleValue();
      }
      if (value instanceof Long l && (dtype.kind() == DataType.Kind.FLOAT)) {
        return (double) l;
      }
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof CharSequence cs) {
      switch (cs.toString().strip()) {
        case "NaN":
        case "nan":
          return Double.NaN;
        case "Infinity":
        case "inf":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
        case "-inf":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(cs.toString());
          } catch (NumberFormatException e) {
            throw cannotConvert(value, dtype);
          }
      }
    }
    throw cannotConvert(value, dtype);
  }

  static Complex toComplex(Object value, DataType dtype) {
    if (value instanceof Complex c) {
      return c;
    }
    return new Complex(toDouble(value, dtype), 0);
  }

  static InvalidArrayException cannotConvert(Object value, DataType dtype) {
    String shown =
        value instanceof byte[] b ? "bytes of length " + b.length : String.valueOf(value);
    return new InvalidArrayException(
        "cannot convert "
            + (value == null ? "null" : value.getClass().getSimpleName() + " " + shown)
            + " to data type "
            + dtype);
  }

  /** Allocates a zeroed storage array for {@code count} elements. */
  static Object allocate(DataType dtype, int count) {
    long slots = (long) count * dtype.slotsPerElement();
    if (slots > Integer.MAX_VALUE - 8) {
      throw new InvalidArrayException(
          "an in-memory array of "
              + count
              + " elements of "
              + dtype
              + " exceeds the Java array limit; select a smaller region");
    }
    int n = (int) slots;
    switch (dtype.storage()) {
      case BOOLEAN:
        return new boolean[n];
      case BYTE:
      case FIXED_BYTES:
        return new byte[n];
      case SHORT:
        return new short[n];
      case INT:
        return new int[n];
      case LONG:
        return new long[n];
      case FLOAT:
        return new float[n];
      case DOUBLE:
        return new double[n];
      default:
        return new Object[n];
    }
  }

  /** The number of slots of a storage array. */
  static int slotCount(Object data) {
    return java.lang.reflect.Array.getLength(data);
  }
}
