package dev.zarr4j.internal.json;

/** Placeholder until the Python float formatter lands; replaced on merge. */
public final class PythonFloat {
  private PythonFloat() {}

  /** Python's repr of a float (temporary approximation). */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return Double.toString(v);
  }
}
