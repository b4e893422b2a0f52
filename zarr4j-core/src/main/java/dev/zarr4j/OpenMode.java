package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidArrayException;

/** How {@link Zarr#openArray} treats an existing or missing node, as zarr-python's {@code mode}. */
public enum OpenMode {
  /** {@code r}: read only; the array must exist. */
  READ("r"),
  /** {@code r+}: read and write; the array must exist. */
  READ_WRITE("r+"),
  /** {@code a}: read and write; create the array if it does not exist (the default). */
  APPEND("a"),
  /** {@code w}: create, replacing whatever exists at the path. */
  WRITE("w"),
  /** {@code w-} (also {@code x}): create; fail if anything exists at the path. */
  CREATE("w-");

  private final String code;

  OpenMode(String code) {
    this.code = code;
  }

  /** zarr-python's spelling of this mode. */
  public String code() {
    return code;
  }

  /**
   * Parses zarr-python's spelling: {@code r}, {@code r+}, {@code a}, {@code w}, {@code w-} or
   * {@code x}.
   *
   * @throws InvalidArrayException for anything else
   */
  public static OpenMode parse(String mode) {
    if (mode != null) {
      switch (mode) {
        case "r":
          return READ;
        case "r+":
          return READ_WRITE;
        case "a":
          return APPEND;
        case "w":
          return WRITE;
        case "w-":
        case "x":
          return CREATE;
        default:
          break;
      }
    }
    throw new InvalidArrayException(
        "mode must be one of 'r', 'r+', 'a', 'w', 'w-' (or 'x'), got '" + mode + "'");
  }
}
