package dev.zarr4j.cli;

import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.Datetimes;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonFloat;
import dev.zarr4j.python.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python-looking text for what the command prints: tuples, values and NumPy array reprs. */
final class Text {
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
   * NumPy's repr of a scalar element: {@code 42}, {@code 1.5}, {@code 'text'}, {@code
   * numpy.datetime64('2007-07-13')}.
   */
  static String scalar(NdArray a) {
    Object v = a.get();
    DataType t = a.dtype();
    return switch (t.kind()) {
      case DATETIME -> "numpy.datetime64('" + Datetimes.format((Long) v, t.unit()) + "')";
      case UNICODE -> PythonText.repr((String) v);
      case BYTES -> NumpyPrint.bytesRepr((byte[]) v);
      default -> NumpyPrint.supports(t) ? NumpyPrint.scalar(a) : String.valueOf(v);
    };
  }

  /**
   * NumPy's repr of an array ({@link NumpyPrint#repr}), summarised as NumPy does past 1000
   * elements: {@code array([ 0, 1, 2, ..., 9997, 9998, 9999], dtype=int32)}.
   */
  static String array(NdArray a) {
    boolean objects = a.dtype().kind() == DataType.Kind.OBJECT;
    if (!objects && !NumpyPrint.supports(a.dtype())) {
      return a.toString();
    }
    long[] shape = new long[a.ndim()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = a.shape(d);
    }
    try {
      return NumpyPrint.repr(NumpyPrint.edges(a, false), shape);
    } catch (IllegalArgumentException e) {
      return a.toString(); // an object element NumPy's print is not reproduced for
    }
  }
}
