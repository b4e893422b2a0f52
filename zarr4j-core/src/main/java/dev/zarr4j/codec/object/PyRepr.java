package dev.zarr4j.codec.object;

import dev.zarr4j.python.PythonText;
import java.util.List;

/** Python's {@code repr()} of the values that appear in numcodecs' codec reprs. */
final class PyRepr {
  private PyRepr() {}

  /**
   * {@code repr(str)}: single quotes unless the text holds a single quote and no double quote;
   * backslash escapes for the quote in use, backslash, tab, newline and carriage return; {@code
   * \xNN}, {@code \}{@code uNNNN} or {@code \UNNNNNNNN} for characters Python does not print.
   */
  static String str(String s) {
    return PythonText.repr(s);
  }

  /** {@code repr(bool)}. */
  static String bool(boolean b) {
    return b ? "True" : "False";
  }

  /** {@code repr(list_of_str)}: {@code ['a', 'b']}. */
  static String strList(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(str(items.get(i)));
    }
    return sb.append(']').toString();
  }
}
