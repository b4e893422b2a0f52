package dev.zarr4j.metadata;

/** Checks shared by the chunk key encodings. */
final class ChunkKeys {
  private ChunkKeys() {}

  /**
   * Whether {@code key} is {@code ndim} runs of decimal digits joined by {@code sep}, or {@code
   * "0"} when {@code ndim} is 0.
   */
  static boolean isJoinedDigits(String key, int ndim, char sep) {
    if (ndim == 0) {
      return key.equals("0");
    }
    int parts = 1;
    boolean digit = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == sep && digit) {
        parts++;
        digit = false;
      } else {
        return false;
      }
    }
    return digit && parts == ndim;
  }
}
