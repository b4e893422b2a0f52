package dev.zarr4j.python;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.zarr4j.exceptions.MetadataException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON into plain Java values and writes it exactly as zarr-python does.
 *
 * <p><b>Reading</b> ({@link #parse(byte[])} and friends) yields {@link LinkedHashMap}{@code
 * <String, Object>} for objects (document order kept), {@link ArrayList}{@code <Object>} for
 * arrays, {@link String}, {@link Boolean}, {@code null}, {@link Long} for integers that fit (else
 * {@link BigInteger}) and {@link Double} for numbers with a fraction or exponent. The bare words
 * {@code NaN}, {@code Infinity} and {@code -Infinity} that Python's {@code json} module writes are
 * accepted. Duplicate keys, anything after the top-level value, and strings holding an unpaired
 * UTF-16 surrogate (which Python would accept from an escape such as {@code \}{@code ud800}) are
 * rejected, as are numbers of more than 4300 digits (Python's own limit for integers) and nesting
 * deeper than 1000 levels. Every failure is a {@link MetadataException} naming the problem and its
 * line and column.
 *
 * <p><b>Writing</b> ({@link #writePython(Object)}) produces what Python's {@code json.dumps(value,
 * indent=4, sort_keys=True, ensure_ascii=True, separators=(',', ': '))} produces for the equivalent
 * Python value: this is zarr-python 2's {@code json_dumps}, used for {@code .zarray}, {@code
 * .zgroup}, {@code .zattrs} and {@code .zmetadata}.
 */
public final class PythonJson {
  private PythonJson() {}

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  // Python refuses integers of more than 4300 digits by default; so do we.
                  .maxNumberLength(4300)
                  .build())
          .build();

  private static final String INDENT = "    ";

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * Parses a JSON document (UTF-8, or UTF-16/32 detected from its first bytes).
   *
   * @param json the document
   * @return its value as plain Java objects (see the class comment)
   * @throws MetadataException if the bytes are not one well-formed JSON value
   */
  public static Object parse(byte[] json) {
    return parse(json, null);
  }

  /**
   * Parses a JSON document, naming it in error messages.
   *
   * @param json the document
   * @param source what the document is, for example the store key {@code "foo/.zarray"}; prefixes
   *     error messages when not {@code null}
   * @return its value as plain Java objects
   * @throws MetadataException if the bytes are not one well-formed JSON value
   */
  public static Object parse(byte[] json, String source) {
    JsonParser p = null;
    try (JsonParser parser = FACTORY.createParser(json)) {
      p = parser;
      return parseDocument(parser, source);
    } catch (IOException e) {
      throw failure(source, e, p);
    }
  }

  /**
   * Parses a JSON document held in a string.
   *
   * @param json the document
   * @return its value as plain Java objects
   * @throws MetadataException if the text is not one well-formed JSON value
   */
  public static Object parse(String json) {
    return parse(json, null);
  }

  /**
   * Parses a JSON document held in a string, naming it in error messages.
   *
   * @param json the document
   * @param source what the document is, prefixed to error messages when not {@code null}
   * @return its value as plain Java objects
   * @throws MetadataException if the text is not one well-formed JSON value
   */
  public static Object parse(String json, String source) {
    JsonParser p = null;
    try (JsonParser parser = FACTORY.createParser(json)) {
      p = parser;
      return parseDocument(parser, source);
    } catch (IOException e) {
      throw failure(source, e, p);
    }
  }

  /**
   * Parses a JSON document that must be an object, as every Zarr metadata document is.
   *
   * @param json the document
   * @param source what the document is, prefixed to error messages when not {@code null}
   * @return the object's members in document order
   * @throws MetadataException if the bytes are not well-formed JSON or not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(byte[] json, String source) {
    Object value = parse(json, source);
    if (!(value instanceof Map)) {
      throw new MetadataException(
          prefix(source) + "expected a JSON object but found " + describe(value));
    }
    return (Map<String, Object>) value;
  }

  private static Object parseDocument(JsonParser p, String source) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new MetadataException(prefix(source) + "invalid JSON: the document is empty");
    }
    Object value = readValue(p, first);
    JsonToken extra = p.nextToken();
    if (extra != null) {
      JsonLocation at = p.currentTokenLocation();
      throw new MetadataException(
          prefix(source)
              + "invalid JSON at "
              + where(at)
              + ": unexpected content after the top-level value");
    }
    return value;
  }

  private static Object readValue(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        {
          LinkedHashMap<String, Object> map = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = checkSurrogates(p, p.currentName());
            map.put(name, readValue(p, p.nextToken()));
          }
          return map;
        }
      case START_ARRAY:
        {
          ArrayList<Object> list = new ArrayList<>();
          JsonToken t;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            list.add(readValue(p, t));
          }
          return list;
        }
      case VALUE_STRING:
        return checkSurrogates(p, p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return p.getBigIntegerValue();
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      default:
        // Jackson reports malformed input itself; any other token here is a bug in this reader.
        throw new IllegalStateException("unexpected JSON token " + token);
    }
  }

  /**
   * Rejects strings with an unpaired UTF-16 surrogate. Python's {@code json} accepts escapes like
   * {@code "\}{@code ud800"}, but Jackson refuses them in some positions and not in others, and is
   * moving towards refusing them everywhere; refusing them always keeps parsing predictable.
   */
  private static String checkSurrogates(JsonParser p, String s) throws JsonProcessingException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new JsonParseException(
            p,
            String.format("unpaired surrogate \\u%04x in a string", (int) c),
            p.currentTokenLocation());
      }
    }
    return s;
  }

  private static MetadataException failure(String source, IOException e, JsonParser p) {
    if (e instanceof JsonProcessingException) {
      JsonProcessingException jpe = (JsonProcessingException) e;
      String message = jpe.getOriginalMessage();
      int newline = message == null ? -1 : message.indexOf('\n');
      if (newline >= 0) {
        message = message.substring(0, newline);
      }
      if (message != null) {
        // Limits name Jackson's configuration methods, which mean nothing to our users.
        message = message.replaceAll(", from `[^`]*`", "");
      }
      JsonLocation at = jpe.getLocation();
      if (at == null && p != null) {
        at = p.currentLocation();
      }
      String location = at == null ? "" : " at " + where(at);
      return new MetadataException(prefix(source) + "invalid JSON" + location + ": " + message, e);
    }
    return new MetadataException(prefix(source) + "cannot read JSON: " + e.getMessage(), e);
  }

  private static String where(JsonLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String prefix(String source) {
    return source == null ? "" : source + ": ";
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes a value as zarr-python's {@code json_dumps} does: indented by four spaces, keys sorted,
   * non-ASCII escaped, floats as Python's {@code repr}.
   *
   * <p>Accepted values: {@link Map} with {@link String} keys, {@link List}, {@code Object[]} and
   * arrays of primitives (written as lists), {@link CharSequence} and {@link Character} (strings),
   * {@link Boolean}, {@code null}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long},
   * {@link BigInteger} (integers), {@link Double} and {@link Float} (the float as a Python {@code
   * float}, that is as a double), and a {@link BigDecimal} with no fractional part (an integer).
   *
   * @param value the value to write
   * @return the JSON text; all characters are ASCII
   * @throws IllegalArgumentException on an unsupported type, a non-string key, or a cycle
   */
  public static String writePython(Object value) {
    return writePython(value, true);
  }

  /**
   * Writes a value as Python's {@code json.dumps(value, indent=4, sort_keys=sortKeys,
   * ensure_ascii=True, separators=(',', ': '))} does.
   *
   * @param value the value to write (see {@link #writePython(Object)})
   * @param sortKeys {@code true} to sort object keys by code point as Python does, {@code false} to
   *     keep each map's iteration order
   * @return the JSON text; all characters are ASCII
   * @throws IllegalArgumentException on an unsupported type, a non-string key, or a cycle
   */
  public static String writePython(Object value, boolean sortKeys) {
    StringBuilder sb = new StringBuilder(256);
    new Writer(sb, sortKeys).write(value, 0);
    return sb.toString();
  }

  /**
   * The ASCII bytes of {@link #writePython(Object)}: exactly what zarr-python stores for the value.
   *
   * @param value the value to write
   * @return the encoded document
   */
  public static byte[] writePythonBytes(Object value) {
    return writePython(value, true).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Appends a string as a JSON string literal with Python's {@code ensure_ascii=True} escaping:
   * {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}, and {@code
   * \}{@code u00xx} (lower-case hex) for every other character outside {@code ' '..'~'}; characters
   * beyond the BMP become their UTF-16 surrogate pair.
   *
   * @param s the string
   * @param sb where to append the quoted literal
   */
  public static void appendQuoted(CharSequence s, StringBuilder sb) {
    sb.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c >= ' ' && c <= '~') {
            sb.append(c);
          } else {
            sb.append("\\u");
            String hex = Integer.toHexString(c);
            for (int pad = hex.length(); pad < 4; pad++) {
              sb.append('0');
            }
            sb.append(hex);
          }
      }
    }
    sb.append('"');
  }

  /**
   * Compares strings as Python compares {@code str}: by Unicode code point. This differs from
   * {@link String#compareTo} for characters beyond the BMP, which Java compares by their UTF-16
   * surrogates (below {@code U+E000}).
   *
   * @param a a string
   * @param b another string
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(i);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
    }
    return Integer.compare(a.length(), b.length());
  }

  private static final class Writer {
    private final StringBuilder sb;
    private final boolean sortKeys;
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    Writer(StringBuilder sb, boolean sortKeys) {
      this.sb = sb;
      this.sortKeys = sortKeys;
    }

    private void newline(int level) {
      sb.append('\n');
      for (int i = 0; i < level; i++) {
        sb.append(INDENT);
      }
    }

    void write(Object value, int level) {
      if (value == null) {
        sb.append("null");
      } else if (value instanceof CharSequence) {
        appendQuoted((CharSequence) value, sb);
      } else if (value instanceof Character) {
        appendQuoted(String.valueOf(value), sb);
      } else if (value instanceof Boolean) {
        sb.append(((Boolean) value) ? "true" : "false");
      } else if (value instanceof Integer
          || value instanceof Long
          || value instanceof Short
          || value instanceof Byte
          || value instanceof BigInteger) {
        sb.append(value);
      } else if (value instanceof Double || value instanceof Float) {
        writeFloat(((Number) value).doubleValue());
      } else if (value instanceof BigDecimal) {
        BigDecimal d = (BigDecimal) value;
        try {
          sb.append(d.toBigIntegerExact());
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException(
              "cannot write a BigDecimal with a fraction as Python JSON: " + d, e);
        }
      } else if (value instanceof Map) {
        writeMap((Map<?, ?>) value, level);
      } else if (value instanceof List) {
        List<?> list = (List<?>) value;
        enter(value);
        writeSequence(list.size(), i -> list.get(i), level);
        open.remove(value);
      } else if (value instanceof Object[]) {
        Object[] array = (Object[]) value;
        enter(value);
        writeSequence(array.length, i -> array[i], level);
        open.remove(value);
      } else if (value.getClass().isArray()) {
        Object array = value;
        writeSequence(
            java.lang.reflect.Array.getLength(array),
            i -> java.lang.reflect.Array.get(array, i),
            level);
      } else {
        throw new IllegalArgumentException(
            "cannot write a " + value.getClass().getName() + " as Python JSON: " + value);
      }
    }

    private void enter(Object container) {
      if (!open.add(container)) {
        throw new IllegalArgumentException("cannot write a value that contains itself as JSON");
      }
    }

    private void writeFloat(double d) {
      if (Double.isNaN(d)) {
        sb.append("NaN");
      } else if (Double.isInfinite(d)) {
        sb.append(d > 0 ? "Infinity" : "-Infinity");
      } else {
        sb.append(PythonFloat.repr(d));
      }
    }

    private void writeSequence(int size, java.util.function.IntFunction<Object> get, int level) {
      if (size == 0) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < size; i++) {
        if (i > 0) {
          sb.append(',');
        }
        newline(level + 1);
        write(get.apply(i), level + 1);
      }
      newline(level);
      sb.append(']');
    }

    private void writeMap(Map<?, ?> map, int level) {
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      enter(map);
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(
              "JSON object keys must be strings, not " + describeKey(e.getKey()));
        }
        entries.add(e);
      }
      if (sortKeys) {
        entries.sort((x, y) -> compareCodePoints((String) x.getKey(), (String) y.getKey()));
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : entries) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(level + 1);
        appendQuoted((String) e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), level + 1);
      }
      newline(level);
      sb.append('}');
      open.remove(map);
    }

    private static String describeKey(Object key) {
      return key == null ? "null" : key.getClass().getName() + " " + key;
    }
  }
}
