package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.ndarray.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses NumPy's text form of a selection: integers, slices {@code start:stop:step}, {@code ...},
 * position lists {@code [0, 2]}, boolean lists {@code [True, False]}, a nested boolean list as a
 * mask over the whole array, and quoted field names {@code 'foo'}; then classifies it as
 * zarr-python 2.17's {@code Array.__getitem__} does. The grammar is described in {@code
 * docs/selections.md}.
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
    MaskSelection mask = null;
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
            throw new InvalidSelectionException(
                "unterminated field name " + p + " in '" + text + "'");
          }
          fields.add(p.substring(1, p.length() - 1));
          continue;
        }
        if (!fields.isEmpty()) {
          throw new InvalidSelectionException(
              "field names must come after the selection in '" + text + "'");
        }
        boolean nested = p.startsWith("[") && p.substring(1).strip().startsWith("[");
        if (mask != null || (nested && i > 0)) {
          throw new InvalidSelectionException(
              "a nested list is a boolean mask over the whole array and must be the only item"
                  + " before any field names, in '"
                  + text
                  + "'");
        }
        if (nested) {
          mask = new MaskReader(p, text).read();
        } else {
          items.add(parseItem(p, text));
        }
      }
    }
    if (mask != null) {
      return new ParsedSelection(mask, fields);
    }
    return new ParsedSelection(classify(items, ndim < 0 ? items.size() : ndim), fields);
  }

  /**
   * Reads a nested list of {@code True}/{@code False} such as {@code [[False, True], [True,
   * False]]} into a mask of the nesting's shape; the lists must be rectangular.
   */
  private static final class MaskReader {
    private final String s;
    private final String text;
    private final List<Integer> lengths = new ArrayList<>();
    private final List<Boolean> flat = new ArrayList<>();
    private int pos;
    private int leafDepth = -1;

    MaskReader(String s, String text) {
      this.s = s;
      this.text = text;
    }

    MaskSelection read() {
      list(0);
      skipSpaces();
      if (pos != s.length()) {
        throw bad("unexpected '" + s.substring(pos) + "' after the mask");
      }
      boolean[] data = new boolean[flat.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = flat.get(i);
      }
      int[] shape = lengths.stream().mapToInt(Integer::intValue).toArray();
      return new MaskSelection(NdArray.of(data, shape));
    }

    private void list(int depth) {
      pos++; // '['
      int n = 0;
      while (true) {
        skipSpaces();
        if (pos < s.length() && s.charAt(pos) == ']') {
          if (n == 0) {
            throw bad("empty list in a mask");
          }
          pos++;
          break;
        }
        if (pos < s.length() && s.charAt(pos) == '[') {
          if (leafDepth >= 0 && depth + 1 >= leafDepth) {
            throw bad("mask lists are nested unevenly");
          }
          list(depth + 1);
        } else {
          leaf(depth + 1);
        }
        n++;
        skipSpaces();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else if (pos >= s.length() || s.charAt(pos) != ']') {
          throw bad("expected ',' or ']' at position " + pos + " of " + s);
        }
      }
      while (lengths.size() <= depth) {
        lengths.add(-1);
      }
      if (lengths.get(depth) < 0) {
        lengths.set(depth, n);
      } else if (lengths.get(depth) != n) {
        throw bad(
            "mask lists at depth "
                + depth
                + " have different lengths ("
                + lengths.get(depth)
                + " and "
                + n
                + ")");
      }
    }

    private void leaf(int depth) {
      if (leafDepth < 0) {
        leafDepth = depth;
      } else if (leafDepth != depth) {
        throw bad("mask lists are nested unevenly");
      }
      int end = pos;
      while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != ']') {
        end++;
      }
      String word = s.substring(pos, end).strip();
      Boolean b = parseBool(word);
      if (b == null) {
        throw bad(
            "a nested list may hold only True and False (a mask), got '"
                + word
                + "'; build multi-dimensional coordinate arrays with CoordinateSelection.of(NdArray...)");
      }
      flat.add(b);
      pos = end;
    }

    private void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private InvalidSelectionException bad(String why) {
      return new InvalidSelectionException(why + " in selection '" + text + "'");
    }
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
      throw new InvalidSelectionException(
          "unbalanced brackets or quotes in selection '" + text + "'");
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
      if (parseBool(elems[0].strip()) != null) {
        boolean[] mask = new boolean[elems.length];
        for (int i = 0; i < elems.length; i++) {
          String e = elems[i].strip();
          Boolean b = parseBool(e);
          if (b == null) {
            throw new InvalidSelectionException(
                "a boolean list may hold only True and False, got '" + e + "' in '" + text + "'");
          }
          mask[i] = b;
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
   * dimension, at least one list; or a single list for a 1-d array) is a coordinate selection; a
   * 1-d array's single boolean list is a mask selection; lists or masks mixed with integers and
   * slices are orthogonal (zarr-python takes at most one there); the rest is basic.
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
    if (ndim == 1 && items.size() == 1 && items.get(0) instanceof DimSelector.BoolMask m) {
      return new MaskSelection(NdArray.of(m.mask())); // a 1-d array's lone boolean list is a mask
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

  /** Python's (or Java's) spelling of a boolean, or null for any other word. */
  private static Boolean parseBool(String word) {
    return switch (word) {
      case "True", "true" -> Boolean.TRUE;
      case "False", "false" -> Boolean.FALSE;
      default -> null;
    };
  }
}
