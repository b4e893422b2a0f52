package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text as Python's {@code json.JSONDecoder(strict=...).decode(text)} does.
 *
 * <p>Yields {@code null}, {@link Boolean}, {@link String}, {@link Long} (or {@link BigInteger}
 * beyond 64 bits), {@link Double}, {@link ArrayList} and {@link LinkedHashMap}{@code <String,
 * Object>}. Like Python it accepts {@code NaN}, {@code Infinity} and {@code -Infinity}, keeps the
 * last value of a repeated key (at the key's first position), accepts escaped unpaired surrogates,
 * reads numbers with a fraction or exponent as doubles ({@code 1e999} is infinity), refuses
 * integers of more than 4300 digits, and with {@code strict} refuses control characters inside
 * strings. Whitespace is space, tab, newline and carriage return. Nesting deeper than {@link
 * #MAX_DEPTH} fails (Python fails on its recursion limit). Every failure is a {@link
 * CodecException} with the character position.
 */
final class PyJsonReader {
  /** The deepest nesting accepted. */
  static final int MAX_DEPTH = 1000;

  /** Python's default limit on the digits of an integer converted from text. */
  static final int MAX_INT_DIGITS = 4300;

  private final String s;
  private final boolean strict;
  private int pos;

  private PyJsonReader(String s, boolean strict) {
    this.s = s;
    this.strict = strict;
  }

  /** Parses one JSON document: one value, optionally surrounded by whitespace. */
  static Object parse(String text, boolean strict) {
    PyJsonReader r = new PyJsonReader(text, strict);
    r.skipWhitespace();
    Object v = r.value(0);
    r.skipWhitespace();
    if (r.pos != text.length()) {
      throw r.error("Extra data");
    }
    return v;
  }

  private CodecException error(String what) {
    return new CodecException("invalid JSON: " + what + " at char " + pos);
  }

  private void skipWhitespace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private boolean startsWith(String word) {
    return s.startsWith(word, pos);
  }

  private Object value(int depth) {
    if (pos >= s.length()) {
      throw error("Expecting value");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '"':
        pos++;
        return string();
      case '{':
        pos++;
        return object(depth + 1);
      case '[':
        pos++;
        return array(depth + 1);
      case 'n':
        if (startsWith("null")) {
          pos += 4;
          return null;
        }
        break;
      case 't':
        if (startsWith("true")) {
          pos += 4;
          return Boolean.TRUE;
        }
        break;
      case 'f':
        if (startsWith("false")) {
          pos += 5;
          return Boolean.FALSE;
        }
        break;
      case 'N':
        if (startsWith("NaN")) {
          pos += 3;
          return Double.NaN;
        }
        break;
      case 'I':
        if (startsWith("Infinity")) {
          pos += 8;
          return Double.POSITIVE_INFINITY;
        }
        break;
      case '-':
        if (startsWith("-Infinity")) {
          pos += 9;
          return Double.NEGATIVE_INFINITY;
        }
        return number();
      default:
        if (c >= '0' && c <= '9') {
          return number();
        }
        break;
    }
    throw error("Expecting value");
  }

  private Object number() {
    int start = pos;
    if (s.charAt(pos) == '-') {
      pos++;
    }
    if (pos < s.length() && s.charAt(pos) >= '1' && s.charAt(pos) <= '9') {
      pos++;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
    } else if (pos < s.length() && s.charAt(pos) == '0') {
      pos++;
    } else {
      pos = start;
      throw error("Expecting value");
    }
    int intEnd = pos;
    boolean isFloat = false;
    if (pos + 1 < s.length() && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
      pos += 2;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
      isFloat = true;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
        pos++;
      }
      int digits = pos;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
      if (pos == digits) {
        pos = save; // not an exponent: the number ends before the 'e'
      } else {
        isFloat = true;
      }
    }
    String text = s.substring(start, pos);
    if (isFloat) {
      return Double.parseDouble(text);
    }
    int digits = intEnd - start - (text.charAt(0) == '-' ? 1 : 0);
    if (digits > MAX_INT_DIGITS) {
      pos = start;
      throw error(
          "an integer of "
              + digits
              + " digits exceeds Python's limit of "
              + MAX_INT_DIGITS
              + " digits");
    }
    if (digits <= 18) {
      return Long.parseLong(text);
    }
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private String string() {
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= s.length()) {
        throw error("Unterminated string starting");
      }
      char c = s.charAt(pos);
      if (c == '"') {
        String result =
            sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
        pos++;
        return result;
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(s, runStart, pos);
        pos++;
        if (pos >= s.length()) {
          throw error("Unterminated string starting");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> sb.append(unicodeEscape());
          default -> {
            pos -= 2;
            throw error("Invalid \\escape");
          }
        }
        runStart = pos;
        continue;
      }
      if (c < 0x20 && strict) {
        throw error("Invalid control character");
      }
      pos++;
    }
  }

  private char unicodeEscape() {
    if (pos + 4 > s.length()) {
      throw error("Invalid \\uXXXX escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(s.charAt(pos + i), 16);
      if (d < 0 || s.charAt(pos + i) > 'f') {
        throw error("Invalid \\uXXXX escape");
      }
      v = v * 16 + d;
    }
    pos += 4;
    // A pair of escaped surrogates joins into one character; Java strings hold them as the same
    // two UTF-16 units, and a lone one stays lone, as in Python.
    return (char) v;
  }

  private List<Object> array(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (pos < s.length() && s.charAt(pos) == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth));
      skipWhitespace();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
      } else if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return list;
      } else {
        throw error("Expecting ',' delimiter");
      }
    }
  }

  private Map<String, Object> object(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (pos < s.length() && s.charAt(pos) == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw error("Expecting property name enclosed in double quotes");
      }
      pos++;
      String key = string();
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) != ':') {
        throw error("Expecting ':' delimiter");
      }
      pos++;
      skipWhitespace();
      map.put(key, value(depth));
      skipWhitespace();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
      } else if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return map;
      } else {
        throw error("Expecting ',' delimiter");
      }
    }
  }
}
