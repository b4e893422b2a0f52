package dev.zarr4j.metadata.n5;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.metadata.ChunkKeyEncoding;

/**
 * N5's block keys: the chunk's grid coordinates in N5 order (the reverse of Zarr's) joined by
 * {@code "/"}, so Zarr chunk {@code (1, 2, 3)} is stored at {@code "3/2/1"} below the dataset. A
 * 0-dimensional array's one chunk is {@code "0"}, as zarr-python's {@code N5Store} stores it (N5
 * itself has no 0-dimensional datasets).
 */
public final class N5ChunkKeyEncoding implements ChunkKeyEncoding {

  /** The one instance. */
  public static final N5ChunkKeyEncoding INSTANCE = new N5ChunkKeyEncoding();

  private N5ChunkKeyEncoding() {}

  @Override
  public String encode(long[] coords) {
    if (coords.length == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder(coords.length * 3);
    for (int i = coords.length - 1; i >= 0; i--) {
      sb.append(coords[i]);
      if (i > 0) {
        sb.append('/');
      }
    }
    return sb.toString();
  }

  /**
   * The grid coordinates (Zarr order) of the chunk stored at {@code key}.
   *
   * @throws InvalidKeyException if {@code key} is not a chunk key of an array with {@code ndim}
   *     dimensions
   */
  @Override
  public long[] decode(String key, int ndim) {
    if (!isChunkKey(key, ndim)) {
      throw new InvalidKeyException(
          "'" + key + "' is not an N5 block key of a " + ndim + "-dimensional dataset");
    }
    long[] coords = new long[ndim];
    if (ndim == 0) {
      return coords;
    }
    String[] parts = key.split("/", -1);
    for (int i = 0; i < ndim; i++) {
      try {
        coords[ndim - 1 - i] = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw new InvalidKeyException(
            "'" + key + "': block coordinate '" + parts[i] + "' does not fit a long");
      }
    }
    return coords;
  }

  /**
   * Whether {@code key} is {@code ndim} runs of decimal digits joined by {@code "/"}, or {@code
   * "0"} for a 0-dimensional array.
   */
  @Override
  public boolean isChunkKey(String key, int ndim) {
    return ChunkKeyEncoding.isJoinedDigits(key, ndim, '/');
  }

  @Override
  public String separator() {
    return "/";
  }

  @Override
  public String toString() {
    return "N5ChunkKeyEncoding";
  }
}
