package dev.zarr4j.metadata;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidKeyException;

/**
 * Zarr v2's chunk keys: the coordinates joined by the array's {@code dimension_separator} ({@code
 * "0.1"} or {@code "0/1"}), {@code "0"} for a 0-dimensional array.
 *
 * @param separator {@code "."} or {@code "/"}
 */
public record V2ChunkKeyEncoding(String separator) implements ChunkKeyEncoding {

  /** Keys like {@code "0.1"}. */
  public static final V2ChunkKeyEncoding DOT = new V2ChunkKeyEncoding(".");

  /** Keys like {@code "0/1"}. */
  public static final V2ChunkKeyEncoding SLASH = new V2ChunkKeyEncoding("/");

  /** Validates the separator. */
  public V2ChunkKeyEncoding {
    if (!".".equals(separator) && !"/".equals(separator)) {
      throw new InvalidArrayException(
          "dimension separator must be '.' or '/', got '" + separator + "'");
    }
  }

  /** The encoding for a separator. */
  public static V2ChunkKeyEncoding of(String separator) {
    return "/".equals(separator)
        ? SLASH
        : ".".equals(separator) ? DOT : new V2ChunkKeyEncoding(separator);
  }

  @Override
  public String encode(long[] coords) {
    if (coords.length == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder(coords.length * 3);
    for (int i = 0; i < coords.length; i++) {
      if (i > 0) {
        sb.append(separator);
      }
      sb.append(coords[i]);
    }
    return sb.toString();
  }

  @Override
  public boolean isChunkKey(String key, int ndim) {
    return ChunkKeyEncoding.isJoinedDigits(key, ndim, separator.charAt(0));
  }

  @Override
  public long[] decode(String key, int ndim) {
    if (!isChunkKey(key, ndim)) {
      throw new InvalidKeyException(
          "'" + key + "' is not a chunk key of a " + ndim + "-dimensional array");
    }
    return ChunkKeyEncoding.parseJoinedDigits(key, key, ndim, separator);
  }
}
