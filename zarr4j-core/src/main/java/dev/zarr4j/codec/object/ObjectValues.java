package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.util.Map;

/** Small helpers shared by the object codecs: describing values, parsing dtype options. */
final class ObjectValues {
  private ObjectValues() {}

  /**
   * numcodecs' VLen test for "no value": Python's {@code None}, or a value equal to 0 ({@code 0},
   * {@code 0.0}, {@code False}) — what edge chunks of an array with the default fill value 0 hold.
   */
  static boolean isNoneOrZero(Object e) {
    if (e == null) {
      return true;
    }
    if (e instanceof Boolean b) {
      return !b;
    }
    return e instanceof Number n && !(n instanceof Double d && d.isNaN()) && n.doubleValue() == 0;
  }

  /** A short description of a value's type for error messages, e.g. {@code Integer 5}. */
  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof byte[] b) {
      return "byte[" + b.length + "]";
    }
    if (v instanceof NdArray a) {
      return "NdArray of " + a.dtype() + " and shape " + java.util.Arrays.toString(a.shape());
    }
    if (v.getClass().isArray()) {
      return v.getClass().getComponentType().getSimpleName() + "[]";
    }
    if (v instanceof String s) {
      return "String '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
      return v.getClass().getSimpleName() + " " + v;
    }
    return v.getClass().getName();
  }

  /** Parses a dtype given as a string under {@code key}, or fails naming the codec, key, value. */
  static DataType dtype(String codec, String key, Object value) {
    if (!(value instanceof String s)) {
      throw new CodecException(
          "codec '"
              + codec
              + "': invalid value "
              + (value == null ? "null" : describe(value))
              + " for configuration key '"
              + key
              + "' (expected a dtype string such as '<i8')");
    }
    try {
      return DataType.parse(s);
    } catch (ZarrException e) {
      throw new CodecException(
          "codec '"
              + codec
              + "': invalid value '"
              + s
              + "' for configuration key '"
              + key
              + "': "
              + e.getMessage(),
          e);
    }
  }

  /** A required configuration value, or a CodecException naming the missing key. */
  static Object required(String codec, Map<String, Object> config, String key) {
    if (!config.containsKey(key)) {
      throw new CodecException("codec '" + codec + "': configuration key '" + key + "' is missing");
    }
    return config.get(key);
  }

  /** Fails unless an encoded size fits in a Java array. */
  static int encodable(String codec, long size) {
    if (size > VLenFrame.MAX_FRAME) {
      throw new CodecException(
          codec
              + ": the encoded chunk would need "
              + size
              + " bytes, more than a Java array holds");
    }
    return (int) size;
  }

  /** The number of elements of a shape, or a CodecException on overflow or a negative length. */
  static long size(String codec, int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new CodecException(codec + ": negative length " + d + " in shape");
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new CodecException(codec + ": shape has more than 2^31 elements");
      }
    }
    return n;
  }
}
