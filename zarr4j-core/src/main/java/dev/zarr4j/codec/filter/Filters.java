package dev.zarr4j.codec.filter;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonFloat;
import java.math.BigInteger;
import java.util.Map;

/** Helpers shared by the filter codecs: configuration values, sizes and bounds. */
final class Filters {
  private Filters() {}

  /** Parses a NumPy dtype spelling into a data type, or fails naming the codec and key. */
  static DataType parseType(String codec, String key, Object value) {
    if (!(value instanceof String s)) {
      throw new CodecException(
          "codec '"
              + codec
              + "': configuration key '"
              + key
              + "' must be a dtype string, got "
              + value);
    }
    try {
      return DataType.parse(s);
    } catch (ZarrException e) {
      throw new CodecException(
          "codec '"
              + codec
              + "': invalid dtype '"
              + s
              + "' for key '"
              + key
              + "': "
              + e.getMessage(),
          e);
    }
  }

  /** A numeric dtype given as a string under {@code key}, which must be present. */
  static DataType requiredType(String codec, Map<String, Object> config, String key) {
    if (config == null || !config.containsKey(key) || config.get(key) == null) {
      throw new CodecException("codec '" + codec + "': configuration key '" + key + "' is missing");
    }
    DataType t = parseType(codec, key, config.get(key));
    NumType.of(t, codec);
    return t;
  }

  /** A numeric dtype under {@code key}, or {@code def} when absent or null. */
  static DataType optionalType(String codec, Map<String, Object> config, String key, DataType def) {
    if (!config.containsKey(key) || config.get(key) == null) {
      return def;
    }
    DataType t = parseType(codec, key, config.get(key));
    NumType.of(t, codec);
    return t;
  }

  /** Checks the configuration's id and keys (see {@link ConfigReader#of}). */
  static ConfigReader reader(String id, Map<String, Object> config, java.util.List<String> keys) {
    return ConfigReader.of(id, config, keys);
  }

  /**
   * A Python number from a JSON configuration: a {@code Long} for an integer, a {@code Double} for
   * a float.
   */
  static Number pythonNumber(String codec, String key, Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    throw new CodecException(
        "codec '"
            + codec
            + "': configuration key '"
            + key
            + "' must be a number (an integer within int64, or a float), got "
            + v);
  }

  /** Python's {@code str()} of an int or float. */
  static String pythonStr(Number n) {
    return n instanceof Double d ? PythonFloat.repr(d) : n.toString();
  }

  /** The JSON value for a Python number: an {@code Integer} when it fits, else as is. */
  static Object jsonNumber(Number n) {
    if (n instanceof Long l && l == l.intValue()) {
      return l.intValue();
    }
    return n;
  }

  /** The number of elements of {@code itemSize} bytes in {@code in}, or a CodecException. */
  static int count(String codec, ByteSlice in, int itemSize, String typestr) {
    if (in.length() % itemSize != 0) {
      throw new CodecException(
          codec
              + ": a buffer of "
              + in.length()
              + " bytes is not a whole number of '"
              + typestr
              + "' elements ("
              + itemSize
              + " bytes each)");
    }
    return in.length() / itemSize;
  }

  /** Fails unless an output of {@code size} bytes fits under {@code max}. */
  static int bounded(String codec, long size, int max) {
    if (size > max) {
      throw new CodecException(
          codec + ": decoded size " + size + " bytes exceeds the limit of " + max + " bytes");
    }
    return (int) size;
  }

  /** Fails unless an encoded output of {@code size} bytes fits in a Java array. */
  static int encodable(String codec, long size) {
    if (size > Integer.MAX_VALUE - 16) {
      throw new CodecException(codec + ": encoded size " + size + " bytes is too large");
    }
    return (int) size;
  }
}
