package dev.zarr4j.codec.object;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code textwrap.fill(text, width, break_long_words=False, subsequent_indent=...)} with
 * the other options at their defaults (tabs expanded, whitespace replaced by spaces, whitespace
 * dropped at line ends, breaks after hyphens in hyphenated words), as numcodecs' {@code JSON} repr
 * uses it.
 */
final class TextWrap {
  private TextWrap() {}

  private static final String WS = "[\\t\\n\\x0b\\x0c\\r ]";
  private static final String NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
  private static final String WORD_PUNCT = "[\\w!\"'&.,?]";
  private static final String LETTER = "[^\\d\\W]";

  /** textwrap's {@code wordsep_re}: whitespace runs, em-dashes, and words split after hyphens. */
  private static final Pattern WORDSEP =
      Pattern.compile(
          "("
              + WS
              + "+"
              + "|(?<="
              + WORD_PUNCT
              + ")-{2,}(?=\\w)"
              + "|"
              + NWS
              + "+?(?:"
              + "-(?:(?<="
              + LETTER
              + "{2}-)|(?<="
              + LETTER
              + "-"
              + LETTER
              + "-))(?="
              + LETTER
              + "-?"
              + LETTER
              + ")"
              + "|(?="
              + WS
              + "|\\z)"
              + "|(?<="
              + WORD_PUNCT
              + ")(?=-{2,}\\w)"
              + "))",
          Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * Wraps {@code text} to lines of at most {@code width} characters (code points), where words
   * allow, joined by newlines.
   */
  static String fill(String text, int width, String subsequentIndent) {
    List<String> chunks = split(munge(text));
    List<String> lines = new ArrayList<>();
    int next = 0;
    while (next < chunks.size()) {
      String indent = lines.isEmpty() ? "" : subsequentIndent;
      int room = width - length(indent);
      if (!lines.isEmpty() && isBlank(chunks.get(next))) {
        next++;
      }
      List<String> line = new ArrayList<>();
      int len = 0;
      while (next < chunks.size()) {
        int l = length(chunks.get(next));
        if (len + l <= room) {
          line.add(chunks.get(next++));
          len += l;
        } else {
          break;
        }
      }
      // break_long_words=False: a word longer than the line goes alone on a line of its own.
      if (next < chunks.size() && length(chunks.get(next)) > room && line.isEmpty()) {
        line.add(chunks.get(next++));
      }
      if (!line.isEmpty() && isBlank(line.get(line.size() - 1))) {
        line.remove(line.size() - 1);
      }
      if (!line.isEmpty()) {
        lines.add(indent + String.join("", line));
      }
    }
    return String.join("\n", lines);
  }

  private static String munge(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    int column = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        // expandtabs(8), then the tab's spaces are whitespace like any other
        int spaces = 8 - column % 8;
        sb.append(" ".repeat(spaces));
        column += spaces;
      } else if (c == '\n' || c == '\r') {
        sb.append(' ');
        column = 0;
      } else if (c == 0x0b || c == 0x0c) {
        sb.append(' ');
        column++;
      } else {
        sb.append(c);
        column++;
      }
    }
    return sb.toString();
  }

  private static List<String> split(String text) {
    List<String> chunks = new ArrayList<>();
    Matcher m = WORDSEP.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      if (m.start() > last) {
        chunks.add(text.substring(last, m.start()));
      }
      chunks.add(m.group(1));
      last = m.end();
    }
    if (last < text.length()) {
      chunks.add(text.substring(last));
    }
    return chunks;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Python's {@code s.strip() == ''}. */
  private static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)
          && !Character.isSpaceChar(c)
          && c != 0x1c
          && c != 0x1d
          && c != 0x1e
          && c != 0x1f
          && c != 0x85) {
        return false;
      }
    }
    return true;
  }
}
