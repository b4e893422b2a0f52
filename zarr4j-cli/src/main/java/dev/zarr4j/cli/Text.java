package dev.zarr4j.cli;

import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.Datetimes;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonFloat;
import dev.zarr4j.python.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python-looking text for what the command prints: tuples, values and NumPy array reprs. */
final class Text {
  /** NumPy summarises arrays with more elements than this. */
  private static final int THRESHOLD = 1000;

  /** Items shown at each end of a summarised dimension. */
  private static final int EDGE = 3;

  /** Types NumPy leaves out of an array's repr. */
  private static final Set<String> DEFAULT_TYPES = Set.of("int64", "float64", "bool");

  private Text() {}

  /**
   * Python's repr of a JSON value: {@code 'bar'}, {@code [1, 4, 7, 12]}, {@code True}, {@code
   * None}.
   */
  static String py(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof String s) {
      return PythonText.repr(s);
    }
    if (v instanceof Double d) {
      return PythonFloat.repr(d);
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      for (Object o : l) {
        items.add(py(o));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> items = new ArrayList<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        items.add(py(e.getKey()) + ": " + py(e.getValue()));
      }
      return "{" + String.join(", ", items) + "}";
    }
    return String.valueOf(v);
  }

  /**
   * NumPy's repr of a scalar element: {@code 42}, {@code 1.5}, {@code
   * numpy.datetime64('2007-07-13')}.
   */
  static String scalar(NdArray a) {
    Object v = a.get();
    DataType t = a.dtype();
    if (t.kind() == DataType.Kind.DATETIME) {
      return "numpy.datetime64('" + Datetimes.format((Long) v, t.unit()) + "')";
    }
    return element(v, t);
  }

  /**
   * NumPy's repr of a 1-d or 2-d array, summarised as NumPy does past 1000 elements: {@code array([
   * 0, 1, 2, ..., 9997, 9998, 9999], dtype=int32)}.
   */
  static String array(NdArray a) {
    DataType t = a.dtype();
    boolean summarise = a.size() > THRESHOLD;
    List<List<String>> rows = new ArrayList<>();
    int width = 0;
    if (a.ndim() == 1) {
      rows.add(cells(a, -1, summarise));
    } else if (a.ndim() == 2) {
      for (int r : shown(a.shape(0), summarise)) {
        rows.add(r < 0 ? null : cells(a, r, summarise));
      }
    } else {
      return a.toString();
    }
    for (List<String> row : rows) {
      if (row != null) {
        for (String c : row) {
          width = Math.max(width, c.length());
        }
      }
    }
    StringBuilder sb = new StringBuilder("array(");
    String indent = " ".repeat("array(".length());
    if (a.ndim() == 1) {
      sb.append(line(rows.get(0), width));
    } else {
      sb.append('[');
      for (int i = 0; i < rows.size(); i++) {
        if (i > 0) {
          sb.append(",\n").append(indent).append(' ');
        }
        sb.append(rows.get(i) == null ? "..." : line(rows.get(i), width));
      }
      sb.append(']');
    }
    String type = t.kind() == DataType.Kind.DATETIME ? "'" + t + "'" : t.toString();
    if (!DEFAULT_TYPES.contains(t.toString())) {
      sb.append(", dtype=").append(type);
    }
    return sb.append(')').toString();
  }

  private static String line(List<String> cells, int width) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String c = cells.get(i);
      sb.append(c.equals("...") ? c : " ".repeat(width - c.length()) + c);
    }
    return sb.append(']').toString();
  }

  private static List<Integer> shown(int n, boolean summarise) {
    List<Integer> idx = new ArrayList<>();
    if (!summarise || n <= 2 * EDGE) {
      for (int i = 0; i < n; i++) {
        idx.add(i);
      }
      return idx;
    }
    for (int i = 0; i < EDGE; i++) {
      idx.add(i);
    }
    idx.add(-1);
    for (int i = n - EDGE; i < n; i++) {
      idx.add(i);
    }
    return idx;
  }

  private static List<String> cells(NdArray a, int row, boolean summarise) {
    int n = a.shape(a.ndim() - 1);
    List<String> out = new ArrayList<>();
    for (int i : shown(n, summarise)) {
      if (i < 0) {
        out.add("...");
        continue;
      }
      Object v = row < 0 ? a.get(i) : a.get(row, i);
      if (a.dtype().kind() == DataType.Kind.DATETIME) {
        out.add("'" + Datetimes.format((Long) v, a.dtype().unit()) + "'");
      } else {
        out.add(element(v, a.dtype()));
      }
    }
    return out;
  }

  private static String element(Object v, DataType t) {
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double d) {
      String r = PythonFloat.repr(d);
      return r.endsWith(".0") ? r.substring(0, r.length() - 1) : r;
    }
    if (v instanceof Complex c) {
      return "(" + PythonFloat.repr(c.re()) + "+" + PythonFloat.repr(c.im()) + "j)";
    }
    if (v instanceof String s) {
      return py(s);
    }
    if (v instanceof Long l && t.kind() == DataType.Kind.UINT && t.itemSize() == 8) {
      return Long.toUnsignedString(l);
    }
    return String.valueOf(v);
  }
}
