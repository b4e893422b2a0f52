package dev.zarr4j.metadata;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidKeyException;

/**
 * Zarr v3's {@code default} chunk key encoding: {@code "c"} followed by each coordinate, all joined
 * by the separator ({@code "c/0/1"}, or {@code "c.0.1"}); {@code "c"} for a 0-dimensional array.
 *
 * @param separator {@code "/"} (the default) or {@code "."}
 */
public record DefaultChunkKeyEncoding(String separator) implements ChunkKeyEncoding {

  /** Keys like {@code "c/0/1"}. */
  public static final DefaultChunkKeyEncoding SLASH = new DefaultChunkKeyEncoding("/");

  /** Keys like {@code "c.0.1"}. */
  public static final DefaultChunkKeyEncoding DOT = new DefaultChunkKeyEncoding(".");

  private static final String PREFIX = "c";

  /** Validates the separator. */
  public DefaultChunkKeyEncoding {
    if (!".".equals(separator) && !"/".equals(separator)) {
      throw new InvalidArrayException(
          "chunk key separator must be '.' or '/', got '" + separator + "'");
    }
  }

  /** The encoding for a separator. */
  public static DefaultChunkKeyEncoding of(String separator) {
    return "/".equals(separator)
        ? SLASH
        : ".".equals(separator) ? DOT : new DefaultChunkKeyEncoding(separator);
  }

  @Override
  public String encode(long[] coords) {
    StringBuilder sb = new StringBuilder(1 + coords.length * 3).append(PREFIX);
    for (long c : coords) {
      sb.append(separator).append(c);
    }
    return sb.toString();
  }

  @Override
  public boolean isChunkKey(String key, int ndim) {
    if (ndim == 0) {
      return key.equals(PREFIX);
    }
    return key.length() > 2
        && key.startsWith(PREFIX + separator)
        && ChunkKeyEncoding.isJoinedDigits(key.substring(2), ndim, separator.charAt(0));
  }

  @Override
  public long[] decode(String key, int ndim) {
    if (!isChunkKey(key, ndim)) {
      throw new InvalidKeyException(
          "'" + key + "' is not a chunk key of a " + ndim + "-dimensional array");
    }
    return ChunkKeyEncoding.parseJoinedDigits(
        key, ndim == 0 ? "" : key.substring(2), ndim, separator);
  }
}
