package dev.zarr4j.internal.codec;

import dev.zarr4j.exceptions.CodecException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads a codec's JSON configuration strictly: unknown keys and values of the wrong type or out of
 * range fail with a {@link CodecException} naming the codec, the key and the value.
 */
public final class ConfigReader {
  private final String id;
  private final Map<String, Object> config;

  private ConfigReader(String id, Map<String, Object> config) {
    this.id = id;
    this.config = config;
  }

  /**
   * Checks that {@code config} has {@code "id": id} (or no id) and no key outside {@code allowed}.
   */
  public static ConfigReader of(String id, Map<String, Object> config, List<String> allowed) {
    if (config == null) {
      throw new CodecException("codec '" + id + "': configuration must not be null");
    }
    Object actualId = config.get("id");
    if (actualId != null && !id.equals(actualId)) {
      throw new CodecException(
          "codec '" + id + "': configuration has a different id: " + describe(actualId));
    }
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String key = e.getKey();
      if (!"id".equals(key) && !allowed.contains(key)) {
        throw new CodecException(
            "codec '"
                + id
                + "': unknown configuration key '"
                + key
                + "' (value "
                + describe(e.getValue())
                + "); allowed keys: "
                + String.join(", ", allowed));
      }
    }
    return new ConfigReader(id, config);
  }

  /** Whether the key is present (even with a null value). */
  public boolean has(String key) {
    return config.containsKey(key);
  }

  /** An integer value in {@code [min, max]}, or {@code def} when the key is absent. */
  public int getInt(String key, int def, int min, int max) {
    if (!config.containsKey(key)) {
      return def;
    }
    Object v = config.get(key);
    long value;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      value = ((Number) v).longValue();
    } else if (v instanceof BigInteger b && b.bitLength() < 63) {
      value = b.longValue();
    } else {
      throw bad(key, v, "an integer");
    }
    if (value < min || value > max) {
      throw bad(key, v, "an integer in [" + min + ", " + max + "]");
    }
    return (int) value;
  }

  /** A string value, or {@code def} when the key is absent. */
  public String getString(String key, String def) {
    if (!config.containsKey(key)) {
      return def;
    }
    Object v = config.get(key);
    if (!(v instanceof String s)) {
      throw bad(key, v, "a string");
    }
    return s;
  }

  /** A boolean value, or {@code def} when the key is absent. */
  public boolean getBoolean(String key, boolean def) {
    if (!config.containsKey(key)) {
      return def;
    }
    Object v = config.get(key);
    if (!(v instanceof Boolean b)) {
      throw bad(key, v, "a boolean");
    }
    return b;
  }

  /** An exception naming the key, the value and what was expected. */
  public CodecException bad(String key, Object value, String expected) {
    return new CodecException(
        "codec '"
            + id
            + "': invalid value "
            + describe(value)
            + " for configuration key '"
            + key
            + "' (expected "
            + expected
            + ")");
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    return v + " (" + v.getClass().getSimpleName() + ")";
  }
}
