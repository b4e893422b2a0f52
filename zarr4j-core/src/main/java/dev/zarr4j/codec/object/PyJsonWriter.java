package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.python.PythonFloat;
import dev.zarr4j.python.PythonJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes JSON-like Java values exactly as Python's {@code json.JSONEncoder(skipkeys, ensure_ascii,
 * check_circular, allow_nan, indent, separators, sort_keys).encode(value)} writes the equivalent
 * Python value.
 *
 * <p>Values: {@code null}, {@link Boolean}, {@link String}, {@link Byte}, {@link Short}, {@link
 * Integer}, {@link Long}, {@link BigInteger} (Python {@code int}), {@link Float} and {@link Double}
 * (Python {@code float}: a float is written as the double it converts to), {@link List} and {@code
 * Object[]} (written as arrays), and {@link Map}. Map keys follow Python's rules: strings as they
 * are; integers, floats, booleans and {@code null} converted to {@code "1"}, {@code "1.5"}, {@code
 * "true"}, {@code "null"}; any other key fails, or is skipped when {@code skipkeys}. With {@code
 * sort_keys}, keys must be mutually comparable as in Python: all strings (compared by code point)
 * or all numbers and booleans (compared by value).
 */
final class PyJsonWriter {
  /** Nesting deeper than this fails, as Python's encoder fails on its recursion limit. */
  static final int MAX_DEPTH = 1000;

  private final boolean skipKeys;
  private final boolean ensureAscii;
  private final boolean allowNan;
  private final String indent; // null: no newlines
  private final String itemSeparator;
  private final String keySeparator;
  private final boolean sortKeys;
  private final StringBuilder sb = new StringBuilder(256);
  private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private final boolean checkCircular;

  PyJsonWriter(
      boolean skipKeys,
      boolean ensureAscii,
      boolean checkCircular,
      boolean allowNan,
      String indent,
      String itemSeparator,
      String keySeparator,
      boolean sortKeys) {
    this.skipKeys = skipKeys;
    this.ensureAscii = ensureAscii;
    this.checkCircular = checkCircular;
    this.allowNan = allowNan;
    this.indent = indent;
    this.itemSeparator = itemSeparator;
    this.keySeparator = keySeparator;
    this.sortKeys = sortKeys;
  }

  /** The JSON text of {@code value}; a writer is used once. */
  String write(Object value) {
    value(value, 0);
    return sb.toString();
  }

  private void value(Object v, int level) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      sb.append(floatText(((Number) v).doubleValue()));
    } else if (v instanceof List<?> list) {
      sequence(v, list.size(), list::get, level);
    } else if (v instanceof Object[] array) {
      sequence(v, array.length, i -> array[i], level);
    } else if (v instanceof Map<?, ?> map) {
      object(map, level);
    } else {
      throw new CodecException(
          "Object of type " + ObjectValues.describe(v) + " is not JSON serializable");
    }
  }

  private String floatText(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      if (!allowNan) {
        throw new CodecException(
            "Out of range float values are not JSON compliant (allow_nan=False): " + d);
      }
      return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
    return PythonFloat.repr(d);
  }

  private void string(String s) {
    if (ensureAscii) {
      PythonJson.appendQuoted(s, sb);
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private void enter(Object container, int level) {
    if (level >= MAX_DEPTH) {
      throw new CodecException("values nested deeper than " + MAX_DEPTH + " levels");
    }
    if (!open.add(container)) {
      throw new CodecException(
          checkCircular
              ? "Circular reference detected"
              : "a value contains itself (maximum recursion depth exceeded)");
    }
  }

  private String newlineIndent(int level) {
    return "\n" + indent.repeat(level);
  }

  private void sequence(
      Object container, int size, java.util.function.IntFunction<?> get, int level) {
    if (size == 0) {
      sb.append("[]");
      return;
    }
    enter(container, level);
    sb.append('[');
    String separator = itemSeparator;
    if (indent != null) {
      String nl = newlineIndent(level + 1);
      separator = itemSeparator + nl;
      sb.append(nl);
    }
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(separator);
      }
      value(get.apply(i), level + 1);
    }
    if (indent != null) {
      sb.append(newlineIndent(level));
    }
    sb.append(']');
    open.remove(container);
  }

  private void object(Map<?, ?> map, int level) {
    if (map.isEmpty()) {
      sb.append("{}");
      return;
    }
    enter(map, level);
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    if (sortKeys && entries.size() > 1) {
      sortEntries(entries);
    }
    sb.append('{');
    String separator = itemSeparator;
    if (indent != null) {
      String nl = newlineIndent(level + 1);
      separator = itemSeparator + nl;
      sb.append(nl);
    }
    boolean first = true;
    for (Map.Entry<?, ?> e : entries) {
      String key = keyText(e.getKey());
      if (key == null) {
        continue; // skipkeys
      }
      if (!first) {
        sb.append(separator);
      }
      first = false;
      string(key);
      sb.append(keySeparator);
      value(e.getValue(), level + 1);
    }
    if (indent != null) {
      sb.append(newlineIndent(level));
    }
    sb.append('}');
    open.remove(map);
  }

  /** The key as Python converts it, or null when it is skipped. */
  private String keyText(Object k) {
    if (k instanceof String s) {
      return s;
    }
    if (k instanceof Double || k instanceof Float) {
      return floatText(((Number) k).doubleValue());
    }
    if (k instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (k == null) {
      return "null";
    }
    if (k instanceof Integer
        || k instanceof Long
        || k instanceof Short
        || k instanceof Byte
        || k instanceof BigInteger) {
      return k.toString();
    }
    if (skipKeys) {
      return null;
    }
    throw new CodecException(
        "keys must be str, int, float, bool or None, not " + ObjectValues.describe(k));
  }

  private static void sortEntries(List<Map.Entry<?, ?>> entries) {
    boolean strings = true;
    boolean numbers = true;
    for (Map.Entry<?, ?> e : entries) {
      Object k = e.getKey();
      strings &= k instanceof String;
      numbers &= k instanceof Number || k instanceof Boolean;
    }
    if (strings) {
      entries.sort(
          (a, b) -> PythonJson.compareCodePoints((String) a.getKey(), (String) b.getKey()));
    } else if (numbers) {
      entries.sort((a, b) -> compareNumbers(a.getKey(), b.getKey()));
    } else {
      throw new CodecException(
          "sort_keys: cannot order keys of different types (Python raises TypeError): "
              + entries.stream().map(x -> ObjectValues.describe(x.getKey())).toList());
    }
  }

  private static int compareNumbers(Object a, Object b) {
    return exact(a).compareTo(exact(b));
  }

  private static BigDecimal exact(Object n) {
    if (n instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      double d = ((Number) n).doubleValue();
      if (Double.isNaN(d)) {
        throw new CodecException("sort_keys: a NaN key has no order");
      }
      if (Double.isInfinite(d)) {
        // beyond every finite value; BigDecimal cannot hold infinity
        return d > 0 ? BigDecimal.TEN.pow(400) : BigDecimal.TEN.pow(400).negate();
      }
      return new BigDecimal(d);
    }
    return BigDecimal.valueOf(((Number) n).longValue());
  }
}
