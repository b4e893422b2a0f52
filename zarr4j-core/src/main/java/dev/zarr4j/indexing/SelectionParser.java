package dev.zarr4j.indexing;

import dev.zarr4j.InvalidSelectionException;
import java.util.ArrayList;
import java.util.List;

/** Parses NumPy's text form of a selection. */
final class SelectionParser {
  private SelectionParser() {}

  static Selection parse(String text) {
    if (text == null) {
      throw new InvalidSelectionException("selection text must not be null");
    }
    String t = text.strip();
    if (t.startsWith("(") && t.endsWith(")")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    List<DimSelector> items = new ArrayList<>();
    if (t.isEmpty()) {
      return new BasicSelection(items);
    }
    String[] parts = t.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        if (i == parts.length - 1 && i > 0) {
          break; // trailing comma, as in "1,"
        }
        throw new InvalidSelectionException(
            "empty item at position " + i + " in selection '" + text + "'");
      }
      items.add(parseItem(p, text));
    }
    return new BasicSelection(items);
  }

  private static DimSelector parseItem(String p, String text) {
    if (p.equals("...") || p.equals("Ellipsis")) {
      return DimSelector.Ellipsis.INSTANCE;
    }
    if (p.indexOf(':') < 0) {
      return new DimSelector.Index(parseLong(p, text));
    }
    String[] f = p.split(":", -1);
    if (f.length > 3) {
      throw new InvalidSelectionException("invalid slice '" + p + "' in selection '" + text + "'");
    }
    Long start = f[0].isBlank() ? null : parseLong(f[0].strip(), text);
    Long stop = f.length < 2 || f[1].isBlank() ? null : parseLong(f[1].strip(), text);
    long step = f.length < 3 || f[2].isBlank() ? 1 : parseLong(f[2].strip(), text);
    return new Slice(start, stop, step);
  }

  private static long parseLong(String s, String text) {
    String v = s.replace("_", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new InvalidSelectionException(
          "cannot parse '" + s + "' as an integer in selection '" + text + "'");
    }
  }
}
