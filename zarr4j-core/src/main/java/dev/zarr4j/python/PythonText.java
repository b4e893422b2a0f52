package dev.zarr4j.python;

/**
 * Python's text for values that zarr-python prints: shared by info, tree, copy logs and the CLI.
 */
public final class PythonText {
  private PythonText() {}

  /** Python's tuple text: {@code (10, 10)}, {@code (5,)}, {@code ()}. */
  public static String tuple(long[] values) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values[i]);
    }
    if (values.length == 1) {
      sb.append(',');
    }
    return sb.append(')').toString();
  }

  /** Python's tuple text of ints. */
  public static String tuple(int[] values) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values[i]);
    }
    if (values.length == 1) {
      sb.append(',');
    }
    return sb.append(')').toString();
  }

  /**
   * Python's {@code repr(str)}: single quotes unless the text holds a single quote and no double
   * quote; backslash escapes for the quote in use, backslash, tab, newline and carriage return;
   * {@code \xNN}, {@code \}{@code uNNNN} or {@code \UNNNNNNNN} for characters Python does not
   * print.
   */
  public static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        sb.append('\\').append((char) cp);
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp >= ' ' && cp < 0x7f) {
        sb.append((char) cp);
      } else if (cp >= 0x80 && printable(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xff) {
        hex(sb, 'x', cp, 2);
      } else if (cp <= 0xffff) {
        hex(sb, 'u', cp, 4);
      } else {
        hex(sb, 'U', cp, 8);
      }
    }
    return sb.append(quote).toString();
  }

  private static void hex(StringBuilder sb, char kind, int cp, int digits) {
    String h = Integer.toHexString(cp);
    sb.append('\\').append(kind);
    for (int k = h.length(); k < digits; k++) {
      sb.append('0');
    }
    sb.append(h);
  }

  /**
   * Python's {@code str.isprintable()} for one character beyond ASCII: every character except those
   * of the categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs. (Java's Unicode tables may be a version
   * behind or ahead of Python's for newly assigned characters.)
   */
  private static boolean printable(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
