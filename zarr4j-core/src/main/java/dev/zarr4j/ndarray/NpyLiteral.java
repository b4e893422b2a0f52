package dev.zarr4j.ndarray;

import dev.zarr4j.python.PythonText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Python literal syntax a {@code .npy} header uses ({@code ast.literal_eval} on a
 * dictionary), and Python's {@code repr} for strings.
 *
 * <p>Parsed values: {@link String}, {@link BigInteger}, {@link Double}, {@link Boolean}, {@code
 * null} for {@code None}, {@link ArrayList} for lists, {@link Tuple} for tuples and {@link
 * LinkedHashMap} for dictionaries (a repeated key keeps its last value, as in Python).
 */
final class NpyLiteral {
  /**
   * Deepest nesting of brackets accepted: far more than any dtype needs, small enough for the
   * stack.
   */
  static final int MAX_DEPTH = 200;

  /** Longest digit run accepted, as Python's default limit on integer string conversion. */
  static final int MAX_DIGITS = 4300;

  /** A Python tuple, kept apart from lists because the header's shape must be a tuple. */
  record Tuple(List<Object> items) {}

  private final String text;
  private final boolean allowLongSuffix;
  private int pos;

  private NpyLiteral(String text, boolean allowLongSuffix) {
    this.text = text;
    this.allowLongSuffix = allowLongSuffix;
  }

  /**
   * Parses one Python literal that makes up the whole text (surrounding whitespace and comments
   * allowed).
   *
   * @param text the header text
   * @param allowLongSuffix accept Python 2's {@code L} suffix on integers (numpy strips it from
   *     format 1.0 and 2.0 headers)
   */
  static Object parse(String text, boolean allowLongSuffix) {
    NpyLiteral p = new NpyLiteral(text, allowLongSuffix);
    p.skipSpace();
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("unexpected " + p.describeHere() + " after the header dictionary");
    }
    return value;
  }

  // ---------------------------------------------------------------------------------------------

  private NpyFormatException error(String what) {
    return new NpyFormatException(
        "cannot parse .npy header: " + what + " at character " + pos + " of " + excerpt(text));
  }

  static String excerpt(String text) {
    String t = text.stripTrailing();
    if (t.length() > 300) {
      t = t.substring(0, 300) + "...";
    }
    return repr(t);
  }

  private String describeHere() {
    if (pos >= text.length()) {
      return "end of header";
    }
    return repr(new String(Character.toChars(text.codePointAt(pos))));
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pos++;
      } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
        pos += 2; // explicit line continuation
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void expect(char c, String context) {
    skipSpace();
    if (atEnd() || peek() != c) {
      throw error("expected '" + c + "' " + context + " but found " + describeHere());
    }
    pos++;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("brackets nested deeper than " + MAX_DEPTH);
    }
    skipSpace();
    if (atEnd()) {
      throw error("expected a value but found end of header");
    }
    char c = peek();
    switch (c) {
      case '{':
        return dict(depth);
      case '[':
        return list(depth);
      case '(':
        return parenthesised(depth);
      case '\'':
      case '"':
        return strings();
      case '+':
      case '-':
        {
          pos++;
          skipSpace();
          if (atEnd() || !(Character.isDigit(peek()) || peek() == '.')) {
            throw error("expected a number after '" + c + "' but found " + describeHere());
          }
          Object n = number();
          if (c == '+') {
            return n;
          }
          return n instanceof BigInteger ? ((BigInteger) n).negate() : -((Double) n);
        }
      default:
        break;
    }
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        pos++;
      }
      String word = text.substring(start, pos);
      if (pos < text.length() && (peek() == '\'' || peek() == '"')) {
        pos = start;
        return strings();
      }
      switch (word) {
        case "True":
          return Boolean.TRUE;
        case "False":
          return Boolean.FALSE;
        case "None":
          return null;
        default:
          pos = start;
          throw error("unknown name " + repr(word) + " (only literals are allowed)");
      }
    }
    throw error("expected a value but found " + describeHere());
  }

  private Map<Object, Object> dict(int depth) {
    pos++; // '{'
    Map<Object, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (!atEnd() && peek() == '}') {
        pos++;
        return map;
      }
      Object key = value(depth + 1);
      if (key instanceof List || key instanceof Map) {
        throw error("unhashable dictionary key " + key);
      }
      expect(':', "after a dictionary key");
      Object v = value(depth + 1);
      map.put(key, v); // as in Python, a repeated key keeps its place and takes the new value
      skipSpace();
      if (!atEnd() && peek() == ',') {
        pos++;
      } else if (atEnd() || peek() != '}') {
        throw error("expected ',' or '}' in a dictionary but found " + describeHere());
      }
    }
  }

  private List<Object> list(int depth) {
    pos++; // '['
    List<Object> items = new ArrayList<>();
    while (true) {
      skipSpace();
      if (!atEnd() && peek() == ']') {
        pos++;
        return items;
      }
      items.add(value(depth + 1));
      skipSpace();
      if (!atEnd() && peek() == ',') {
        pos++;
      } else if (atEnd() || peek() != ']') {
        throw error("expected ',' or ']' in a list but found " + describeHere());
      }
    }
  }

  /** {@code ()} and {@code (x,)} and {@code (x, y)} are tuples; {@code (x)} is just {@code x}. */
  private Object parenthesised(int depth) {
    pos++; // '('
    List<Object> items = new ArrayList<>();
    boolean sawComma = false;
    while (true) {
      skipSpace();
      if (!atEnd() && peek() == ')') {
        pos++;
        if (items.size() == 1 && !sawComma) {
          return items.get(0);
        }
        return new Tuple(Collections.unmodifiableList(items));
      }
      items.add(value(depth + 1));
      skipSpace();
      if (!atEnd() && peek() == ',') {
        pos++;
        sawComma = true;
      } else if (atEnd() || peek() != ')') {
        throw error("expected ',' or ')' in a tuple but found " + describeHere());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers

  private Object number() {
    int start = pos;
    if (peek() == '0' && pos + 1 < text.length()) {
      char x = Character.toLowerCase(text.charAt(pos + 1));
      int radix = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
      if (radix != 0) {
        pos += 2;
        String digits = digitRun(radix);
        if (digits.isEmpty()) {
          pos = start;
          throw error("malformed number");
        }
        skipLongSuffix();
        return new BigInteger(digits, radix);
      }
    }
    String intPart = digitRun(10);
    boolean isFloat = false;
    StringBuilder literal = new StringBuilder(intPart);
    if (!atEnd() && peek() == '.') {
      isFloat = true;
      pos++;
      literal.append('.').append(digitRun(10));
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      int save = pos;
      pos++;
      StringBuilder exp = new StringBuilder("e");
      if (!atEnd() && (peek() == '+' || peek() == '-')) {
        exp.append(peek());
        pos++;
      }
      String digits = digitRun(10);
      if (digits.isEmpty()) {
        pos = save;
        throw error("malformed exponent");
      }
      isFloat = true;
      literal.append(exp).append(digits);
    }
    if (!atEnd() && (peek() == 'j' || peek() == 'J')) {
      throw error("complex numbers are not valid in a .npy header");
    }
    if (isFloat) {
      if (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        throw error("malformed number");
      }
      return Double.parseDouble(literal.toString());
    }
    if (intPart.length() > 1
        && intPart.charAt(0) == '0'
        && !intPart.chars().allMatch(ch -> ch == '0')) {
      pos = start;
      throw error("leading zeros in a decimal integer are not allowed");
    }
    skipLongSuffix();
    return new BigInteger(intPart);
  }

  private void skipLongSuffix() {
    if (allowLongSuffix && !atEnd() && peek() == 'L') {
      pos++;
    }
    if (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      throw error("malformed number");
    }
  }

  /** Digits of the radix with single underscores between them; returns the digits alone. */
  private String digitRun(int radix) {
    StringBuilder sb = new StringBuilder();
    while (!atEnd()) {
      if (sb.length() > MAX_DIGITS) {
        throw error("number literal too long (more than " + MAX_DIGITS + " digits)");
      }
      char c = peek();
      if (Character.digit(c, radix) >= 0 && c < 128) {
        sb.append(c);
        pos++;
      } else if (c == '_'
          && sb.length() > 0
          && pos + 1 < text.length()
          && Character.digit(text.charAt(pos + 1), radix) >= 0) {
        pos++;
      } else {
        break;
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /** One or more adjacent string literals, concatenated as Python does. */
  private String strings() {
    StringBuilder sb = new StringBuilder();
    do {
      stringLiteral(sb);
      skipSpace();
    } while (!atEnd() && (peek() == '\'' || peek() == '"' || startsPrefixedString()));
    return sb.toString();
  }

  private boolean startsPrefixedString() {
    int i = pos;
    while (i < text.length() && i - pos < 2 && Character.isLetter(text.charAt(i))) {
      i++;
    }
    return i > pos && i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"');
  }

  private void stringLiteral(StringBuilder sb) {
    int start = pos;
    boolean raw = false;
    while (!atEnd() && Character.isLetter(peek())) {
      char p = Character.toLowerCase(peek());
      if (p == 'r') {
        raw = true;
      } else if (p == 'b') {
        throw error("bytes literals are not valid in a .npy header");
      } else if (p != 'u') {
        throw error("unsupported string prefix");
      }
      pos++;
    }
    if (pos - start > 2) {
      pos = start;
      throw error("unsupported string prefix");
    }
    char quote = peek();
    boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
    pos += triple ? 3 : 1;
    while (true) {
      if (atEnd()) {
        pos = start;
        throw error("unterminated string");
      }
      char c = peek();
      if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
        pos += triple ? 3 : 1;
        return;
      }
      if (c == '\n' && !triple) {
        throw error("end of line inside a string");
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      if (pos + 1 >= text.length()) {
        pos = start;
        throw error("unterminated string");
      }
      char e = text.charAt(pos + 1);
      if (raw) {
        // A raw string keeps the backslash; it only stops the next character ending the string.
        sb.append('\\').append(e);
        pos += 2;
        continue;
      }
      pos += 2;
      switch (e) {
        case '\n':
          break;
        case '\\':
        case '\'':
        case '"':
          sb.append(e);
          break;
        case 'a':
          sb.append('\u0007');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'v':
          sb.append('\u000b');
          break;
        case 'x':
          sb.appendCodePoint(hexEscape(2));
          break;
        case 'u':
          sb.appendCodePoint(hexEscape(4));
          break;
        case 'U':
          {
            int cp = hexEscape(8);
            if (cp > Character.MAX_CODE_POINT) {
              throw error("\\U escape beyond U+10FFFF");
            }
            sb.appendCodePoint(cp);
            break;
          }
        case 'N':
          sb.appendCodePoint(namedEscape());
          break;
        default:
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int i = 0; i < 2 && !atEnd() && peek() >= '0' && peek() <= '7'; i++) {
              value = value * 8 + (peek() - '0');
              pos++;
            }
            sb.append((char) value);
          } else {
            sb.append('\\').append(e); // Python keeps unknown escapes as written
          }
      }
    }
  }

  private int hexEscape(int n) {
    if (pos + n > text.length()) {
      throw error("truncated \\x, \\u or \\U escape");
    }
    int value = 0;
    for (int i = 0; i < n; i++) {
      int d = Character.digit(text.charAt(pos + i), 16);
      if (d < 0 || text.charAt(pos + i) > 127) {
        throw error("malformed \\x, \\u or \\U escape");
      }
      value = value * 16 + d;
    }
    pos += n;
    return value;
  }

  private int namedEscape() {
    if (atEnd() || peek() != '{') {
      throw error("malformed \\N{...} escape");
    }
    int close = text.indexOf('}', pos);
    if (close < 0) {
      throw error("malformed \\N{...} escape");
    }
    String name = text.substring(pos + 1, close);
    try {
      int cp = Character.codePointOf(name);
      pos = close + 1;
      return cp;
    } catch (IllegalArgumentException e) {
      throw error("unknown character name " + repr(name));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // repr

  /**
   * Python's {@code repr(str)}: single quotes unless the text has a single quote and no double
   * quote; backslash escapes for the quote, backslash, tab, newline and carriage return; {@code
   * \xNN}, {@code \}{@code uNNNN} or {@code \UNNNNNNNN} for other characters Python does not
   * consider printable.
   */
  static String repr(String s) {
    return PythonText.repr(s);
  }
}
