package com.example.zarrcodecs;

import dev.zarr4j.exceptions.CodecException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Reading the JSON configurations of this package's codecs: exact keys, typed values. */
final class Configs {
  private Configs() {}

  /**
   * Checks that {@code config} is a configuration of codec {@code id} with no key outside {@code
   * keys} (besides {@code "id"}).
   *
   * @throws CodecException naming the codec and the first unknown key
   */
  static void check(String id, Map<String, Object> config, List<String> keys) {
    if (config == null) {
      throw new CodecException("codec '" + id + "': the configuration must not be null");
    }
    Object given = config.get("id");
    if (!id.equals(given)) {
      throw new CodecException(
          "codec '"
              + id
              + "': the configuration's id is "
              + describe(given)
              + ", not '"
              + id
              + "'");
    }
    for (String k : config.keySet()) {
      if (!"id".equals(k) && !keys.contains(k)) {
        throw new CodecException(
            "codec '"
                + id
                + "': unknown configuration key '"
                + k
                + "' (known: "
                + String.join(", ", keys)
                + ")");
      }
    }
  }

  /**
   * The integer at {@code key}, or {@code dflt} when the key is absent.
   *
   * @throws CodecException naming the codec and key if the value is not an integer (a JSON number
   *     without fraction) in {@code [min, max]}
   */
  static int integer(
      String id, Map<String, Object> config, String key, int dflt, int min, int max) {
    if (!config.containsKey(key)) {
      return dflt;
    }
    Object v = config.get(key);
    BigInteger n;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      n = BigInteger.valueOf(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      n = b;
    } else {
      throw new CodecException(
          "codec '"
              + id
              + "': configuration key '"
              + key
              + "' must be an integer, got "
              + describe(v));
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new CodecException(
          "codec '"
              + id
              + "': configuration key '"
              + key
              + "' must be between "
              + min
              + " and "
              + max
              + ", got "
              + n);
    }
    return n.intValue();
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "'" + s + "' (a string)";
    }
    return v + " (" + v.getClass().getSimpleName() + ")";
  }
}
