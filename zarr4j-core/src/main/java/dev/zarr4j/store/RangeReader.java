package dev.zarr4j.store;

/**
 * One stored value opened for several reads of parts of it, from {@link ReadableStore#openReader}:
 * a directory store keeps the file open between reads, so that reading a chunk's header and then a
 * few of its blocks costs one open and a few positional reads. Not thread-safe; close it when done.
 */
public interface RangeReader extends AutoCloseable {

  /** The value's size in bytes (when opened). */
  long size();

  /**
   * Copies the value's bytes {@code [offset, offset + len)} into {@code dst[off, off + len)}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside the value or the destination
   * @throws dev.zarr4j.exceptions.StoreException if the bytes cannot be read (for example, the
   *     value was truncated in place since it was opened)
   */
  void read(long offset, byte[] dst, int off, int len);

  /** Releases what the reader holds. Idempotent. */
  @Override
  void close();

  /** A reader over bytes in memory (the remaining bytes of {@code value}, which it keeps). */
  static RangeReader of(java.nio.ByteBuffer value) {
    java.nio.ByteBuffer v = value.slice();
    return new RangeReader() {
      @Override
      public long size() {
        return v.remaining();
      }

      @Override
      public void read(long offset, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        java.util.Objects.checkFromIndexSize(offset, len, v.remaining());
        v.get((int) offset, dst, off, len);
      }

      @Override
      public void close() {}
    };
  }
}
