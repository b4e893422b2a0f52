package dev.zarr4j.store.remote;

/**
 * What a HEAD request tells of one stored object.
 *
 * @param size its length in bytes
 * @param version a tag that changes whenever the object does (an HTTP {@code ETag}), or {@code
 *     null} when the server gives none
 */
public record ObjectInfo(long size, String version) {

  /** Checks the size. */
  public ObjectInfo {
    if (size < 0) {
      throw new IllegalArgumentException("object size must be >= 0, got " + size);
    }
  }
}
