package dev.zarr4j.indexing;

import dev.zarr4j.InvalidSelectionException;
import dev.zarr4j.ndarray.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses NumPy's text form of a selection: integers, slices {@code start:stop:step}, {@code ...},
 * position lists {@code [0, 2]}, boolean lists {@code [True, False]} and quoted field names {@code
 * 'foo'}; then classifies it as zarr-python 2.17's {@code Array.__getitem__} does.
 */
final class SelectionParser {
  private SelectionParser() {}

  static ParsedSelection parse(String text, int ndim) {
    if (text == null) {
      throw new InvalidSelectionException("selection text must not be null");
    }
    String t = text.strip();
    if (t.startsWith("(") && t.endsWith(")")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    List<DimSelector> items = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    if (!t.isEmpty()) {
      List<String> parts = split(t, text);
      for (int i = 0; i < parts.size(); i++) {
        String p = parts.get(i).strip();
        if (p.isEmpty()) {
          if (i == parts.size() - 1 && i > 0) {
            break; // trailing comma, as in "1,"
          }
          throw new InvalidSelectionException(
              "empty item at position " + i + " in selection '" + text + "'");
        }
        if (p.startsWith("'") || p.startsWith("\"")) {
          if (p.length() < 2 || p.charAt(p.length() - 1) != p.charAt(0)) {
            throw new InvalidSelectionException("unterminated field name " + p + " in '" + text + "'");
          }
          fields.add(p.substring(1, p.length() - 1));
          continue;
        }
        if (!fields.isEmpty()) {
          throw new InvalidSelectionException(
              "field names must come after the selection in '" + text + "'");
        }
        items.add(parseItem(p, text));
      }
    }
    return new ParsedSelection(classify(items, ndim < 0 ? items.size() : ndim), fields);
  }

  /** Splits on commas that are not inside brackets or quotes. */
  private static List<String> split(String t, String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        if (--depth < 0) {
          throw new InvalidSelectionException("unbalanced ']' in selection '" + text + "'");
        }
      } else if (c == ',' && depth == 0) {
        parts.add(t.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0 || quote != 0) {
      throw new InvalidSelectionException("unbalanced brackets or quotes in selection '" + text + "'");
    }
    parts.add(t.substring(start));
    return parts;
  }

  private static DimSelector parseItem(String p, String text) {
    if (p.equals("...") || p.equals("Ellipsis")) {
      return DimSelector.Ellipsis.INSTANCE;
    }
    if (p.startsWith("[")) {
      if (!p.endsWith("]")) {
        throw new InvalidSelectionException("invalid list " + p + " in selection '" + text + "'");
      }
      String inner = p.substring(1, p.length() - 1).strip();
      if (inner.isEmpty()) {
        return new DimSelector.IndexList(new long[0]);
      }
      String[] elems = inner.split(",", -1);
      if (elems[elems.length - 1].isBlank()) {
        elems = java.util.Arrays.copyOf(elems, elems.length - 1);
      }
      String first = elems[0].strip();
      if (first.equals("True") || first.equals("False") || first.equals("true") || first.equals("false")) {
        boolean[] mask = new boolean[elems.length];
        for (int i = 0; i < elems.length; i++) {
          String e = elems[i].strip();
          switch (e) {
            case "True":
            case "true":
              mask[i] = true;
              break;
            case "False":
            case "false":
              mask[i] = false;
              break;
            default:
              throw new InvalidSelectionException(
                  "a boolean list may hold only True and False, got '" + e + "' in '" + text + "'");
          }
        }
        return new DimSelector.BoolMask(mask);
      }
      long[] idx = new long[elems.length];
      for (int i = 0; i < elems.length; i++) {
        idx[i] = parseLong(elems[i].strip(), text);
      }
      return new DimSelector.IndexList(idx);
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

  /**
   * zarr-python 2.17: pure fancy indexing (integers and position lists only, one item per
   * dimension, at least one list; or a single list for a 1-d array) is a coordinate selection; at
   * most one list or mask with otherwise integers and slices is orthogonal; the rest is basic.
   */
  static Selection classify(List<DimSelector> items, int ndim) {
    int lists = 0;
    int masks = 0;
    boolean sliced = false;
    for (DimSelector d : items) {
      if (d instanceof DimSelector.IndexList) {
        lists++;
      } else if (d instanceof DimSelector.BoolMask) {
        masks++;
      } else if (d instanceof Slice || d instanceof DimSelector.Ellipsis) {
        sliced = true;
      }
    }
    if (lists == 0 && masks == 0) {
      return new BasicSelection(items);
    }
    boolean pureFancy =
        masks == 0
            && lists > 0
            && !sliced
            && (items.size() == ndim || (ndim == 1 && items.size() == 1));
    if (pureFancy) {
      List<NdArray> idx = new ArrayList<>();
      for (DimSelector d : items) {
        if (d instanceof DimSelector.Index i) {
          idx.add(NdArray.wrap(dev.zarr4j.ndarray.DataType.INT64, new long[] {i.index()}));
        } else {
          idx.add(NdArray.of(((DimSelector.IndexList) d).indices()));
        }
      }
      return new CoordinateSelection(idx);
    }
    return new OrthogonalSelection(items);
  }
}
