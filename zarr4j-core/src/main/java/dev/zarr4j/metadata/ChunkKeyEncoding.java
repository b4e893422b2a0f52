package dev.zarr4j.metadata;

/**
 * How a chunk's grid coordinates become its store key, relative to the array's path: Zarr v2's
 * coordinates joined by {@code "."} or {@code "/"} ({@link V2ChunkKeyEncoding}), N5's reversed
 * coordinates joined by {@code "/"}, Zarr v3's {@code "c/0/1"}. Implementations are immutable.
 */
public interface ChunkKeyEncoding {

  /** The key of the chunk at {@code coords}, relative to the array's path. */
  String encode(long[] coords);

  /**
   * Whether {@code key} (relative to the array's path) is the key of some chunk of an array with
   * {@code ndim} dimensions: what counting stored chunks ({@code nchunks_initialized}) needs.
   */
  boolean isChunkKey(String key, int ndim);

  /**
   * The grid coordinates of the chunk stored at {@code key} (relative to the array's path), the
   * inverse of {@link #encode}.
   *
   * @throws dev.zarr4j.exceptions.InvalidKeyException if {@code key} is not a chunk key of an array
   *     with {@code ndim} dimensions, or a coordinate does not fit a long
   */
  long[] decode(String key, int ndim);

  /** The separator between coordinates ({@code "."} or {@code "/"}). */
  String separator();

  /**
   * The coordinates in {@code joined}, {@code ndim} runs of decimal digits joined by {@code
   * separator} (already checked by {@link #isJoinedDigits}); {@code key} is named in errors.
   *
   * @throws dev.zarr4j.exceptions.InvalidKeyException if a coordinate does not fit a long
   */
  static long[] parseJoinedDigits(String key, String joined, int ndim, String separator) {
    long[] coords = new long[ndim];
    if (ndim == 0) {
      return coords;
    }
    String[] parts = joined.split(java.util.regex.Pattern.quote(separator), -1);
    for (int i = 0; i < ndim; i++) {
      try {
        coords[i] = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw new dev.zarr4j.exceptions.InvalidKeyException(
            "'" + key + "': chunk coordinate '" + parts[i] + "' does not fit a long");
      }
    }
    return coords;
  }

  /**
   * Whether {@code key} is {@code ndim} runs of decimal digits joined by {@code separator}, or
   * {@code "0"} when {@code ndim} is 0: {@link #isChunkKey} of an encoding that joins the
   * coordinates (Zarr v2's, N5's).
   */
  static boolean isJoinedDigits(String key, int ndim, char separator) {
    if (ndim == 0) {
      return key.equals("0");
    }
    int parts = 1;
    boolean digit = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == separator && digit) {
        parts++;
        digit = false;
      } else {
        return false;
      }
    }
    return digit && parts == ndim;
  }
}
