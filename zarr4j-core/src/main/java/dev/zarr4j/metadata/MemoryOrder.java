package dev.zarr4j.metadata;

/** The order of elements inside each stored chunk: C (row-major) or F (column-major, Fortran). */
public enum MemoryOrder {
  /** Row-major: the last index varies fastest. */
  C,
  /** Column-major: the first index varies fastest. */
  F;

  /**
   * Parses {@code "C"} or {@code "F"} (either case).
   *
   * @throws dev.zarr4j.exceptions.InvalidArrayException for anything else
   */
  public static MemoryOrder parse(String s) {
    if (s != null) {
      switch (s.strip().toUpperCase(java.util.Locale.ROOT)) {
        case "C":
          return C;
        case "F":
          return F;
        default:
          break;
      }
    }
    throw new dev.zarr4j.exceptions.InvalidArrayException(
        "order must be 'C' or 'F', got '" + s + "'");
  }
}
