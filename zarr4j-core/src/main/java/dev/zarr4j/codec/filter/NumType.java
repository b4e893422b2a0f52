package dev.zarr4j.codec.filter;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteOrder;

/**
 * The NumPy numeric scalar types the filters compute with, and NumPy 1.x's type promotion rules
 * between them (including the legacy value-based rules for Python scalars that numcodecs 0.11
 * relies on through {@code arr - offset}).
 */
enum NumType {
  B1('b', 1),
  I1('i', 1),
  I2('i', 2),
  I4('i', 4),
  I8('i', 8),
  U1('u', 1),
  U2('u', 2),
  U4('u', 4),
  U8('u', 8),
  F2('f', 2),
  F4('f', 4),
  F8('f', 8);

  final char kind;
  final int size;

  NumType(char kind, int size) {
    this.kind = kind;
    this.size = size;
  }

  boolean isFloat() {
    return kind == 'f';
  }

  boolean isSigned() {
    return kind == 'i';
  }

  boolean isUnsigned() {
    return kind == 'u';
  }

  /** Integer or bool: values are carried as longs. */
  boolean isIntegral() {
    return kind != 'f';
  }

  static NumType signed(int size) {
    return switch (size) {
      case 1 -> I1;
      case 2 -> I2;
      case 4 -> I4;
      default -> I8;
    };
  }

  static NumType unsigned(int size) {
    return switch (size) {
      case 1 -> U1;
      case 2 -> U2;
      case 4 -> U4;
      default -> U8;
    };
  }

  static NumType floating(int size) {
    return switch (size) {
      case 2 -> F2;
      case 4 -> F4;
      default -> F8;
    };
  }

  /**
   * The numeric type of a data type, or a {@link CodecException} naming the codec when the type is
   * not a bool, integer or float.
   */
  static NumType of(DataType t, String codec) {
    int s = t.itemSize();
    switch (t.isNumpyType() ? t.kind() : DataType.Kind.OBJECT) {
      case BOOL:
        return B1;
      case INT:
        if (s == 1 || s == 2 || s == 4 || s == 8) {
          return signed(s);
        }
        break;
      case UINT:
        if (s == 1 || s == 2 || s == 4 || s == 8) {
          return unsigned(s);
        }
        break;
      case FLOAT:
        if (s == 2 || s == 4 || s == 8) {
          return floating(s);
        }
        break;
      default:
        break;
    }
    throw new CodecException(
        codec
            + ": data type '"
            + t.typestr()
            + "' is not supported (only bool, integer and float types)");
  }

  /** Whether multi-byte elements of {@code t} are big-endian. */
  static boolean bigEndian(DataType t) {
    return t.itemSize() > 1 && t.byteOrder() == ByteOrder.BIG_ENDIAN;
  }

  /** NumPy's {@code promote_types(a, b)}. */
  static NumType promote(NumType a, NumType b) {
    if (a == b) {
      return a;
    }
    if (a == B1) {
      return b;
    }
    if (b == B1) {
      return a;
    }
    if (a.isFloat() || b.isFloat()) {
      if (a.isFloat() && b.isFloat()) {
        return a.size >= b.size ? a : b;
      }
      NumType f = a.isFloat() ? a : b;
      NumType i = a.isFloat() ? b : a;
      NumType needed = i.size == 1 ? F2 : i.size == 2 ? F4 : F8;
      return f.size >= needed.size ? f : needed;
    }
    if (a.kind == b.kind) {
      return a.size >= b.size ? a : b;
    }
    NumType s = a.isSigned() ? a : b;
    NumType u = a.isSigned() ? b : a;
    if (s.size > u.size) {
      return s;
    }
    return u.size < 8 ? signed(u.size * 2) : F8;
  }

  /**
   * NumPy 1.x's result type of an operation between an array of type {@code arr} and a Python
   * {@code int} (value-based casting: the scalar counts with the smallest type that holds it).
   */
  static NumType withPythonInt(NumType arr, long v) {
    if (arr == B1) {
      return I8; // a Python int is of a higher kind than bool: its default type wins
    }
    NumType min;
    boolean smallUnsigned = false;
    if (v >= 0) {
      if (v < 1L << 8) {
        min = U1;
        smallUnsigned = v <= Byte.MAX_VALUE;
      } else if (v < 1L << 16) {
        min = U2;
        smallUnsigned = v <= Short.MAX_VALUE;
      } else if (v < 1L << 32) {
        min = U4;
        smallUnsigned = v <= Integer.MAX_VALUE;
      } else {
        min = U8;
        smallUnsigned = true;
      }
    } else if (v >= Byte.MIN_VALUE) {
      min = I1;
    } else if (v >= Short.MIN_VALUE) {
      min = I2;
    } else if (v >= Integer.MIN_VALUE) {
      min = I4;
    } else {
      min = I8;
    }
    if (smallUnsigned && arr.isSigned()) {
      min = signed(min.size);
    }
    return promote(arr, min);
  }

  /**
   * NumPy 1.x's result type of an operation between an array of type {@code arr} and a Python
   * {@code float}: an integer array gives float64; a float array meets the smallest float type
   * whose range holds the value (NumPy's thresholds are 65000 and 3.4e38).
   */
  static NumType withPythonFloat(NumType arr, double v) {
    if (!arr.isFloat()) {
      return F8;
    }
    NumType min;
    if (v > -65000 && v < 65000) {
      min = F2;
    } else if (v > -3.4e38 && v < 3.4e38) {
      min = F4;
    } else {
      min = F8;
    }
    return promote(arr, min);
  }

  /** The type of this as NumPy spells it ({@code int32}, {@code float16} ...), for messages. */
  String numpyName() {
    return switch (kind) {
      case 'b' -> "bool";
      case 'i' -> "int" + size * 8;
      case 'u' -> "uint" + size * 8;
      default -> "float" + size * 8;
    };
  }
}
