package dev.zarr4j.convenience;

/**
 * What a copy does when the destination already holds an object or key (zarr-python's {@code
 * if_exists}).
 */
public enum IfExists {
  /**
   * {@code 'raise'}: stop with a {@link dev.zarr4j.exceptions.CopyException} at the first one (the
   * default).
   */
  RAISE("raise"),
  /** {@code 'replace'}: delete what is there and copy. */
  REPLACE("replace"),
  /** {@code 'skip'}: leave what is there and count it as skipped. */
  SKIP("skip"),
  /**
   * {@code 'skip_initialized'}: skip an existing array only when all its chunks are initialized;
   * replace it otherwise. Arrays only: not valid for {@link Convenience#copyStore}.
   */
  SKIP_INITIALIZED("skip_initialized");

  private final String code;

  IfExists(String code) {
    this.code = code;
  }

  /** zarr-python's spelling. */
  public String code() {
    return code;
  }

  /**
   * Parses zarr-python's spelling.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static IfExists parse(String code) {
    for (IfExists v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "if_exists must be one of 'raise', 'replace', 'skip', 'skip_initialized'; found '"
            + code
            + "'");
  }
}
