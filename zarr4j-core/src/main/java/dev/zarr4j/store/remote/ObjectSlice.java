package dev.zarr4j.store.remote;

import java.nio.ByteBuffer;

/**
 * The answer to one GET: some bytes of an object and where they sit in it. A server may send more
 * than was asked (the whole object, when it ignores {@code Range}); {@link RemoteReads} cuts out
 * what was wanted.
 *
 * @param bytes the bytes received (position 0, limit their length)
 * @param offset where the first of them sits in the object
 * @param totalSize the object's length, or -1 when the server did not say
 * @param version the object's version tag ({@code ETag}), or {@code null}
 */
public record ObjectSlice(ByteBuffer bytes, long offset, long totalSize, String version) {

  /** Checks the offset. */
  public ObjectSlice {
    if (bytes == null) {
      throw new IllegalArgumentException("slice bytes must not be null");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("slice offset must be >= 0, got " + offset);
    }
  }

  /** The end (exclusive) in the object of the bytes received. */
  public long end() {
    return offset + bytes.remaining();
  }
}
