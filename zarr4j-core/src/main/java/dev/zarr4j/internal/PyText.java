package dev.zarr4j.internal;

/** Python's text for values that zarr-python prints: shared by info, tree, copy logs and the CLI. */
public final class PyText {
  private PyText() {}

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
}
