package dev.zarr4j.store;

/**
 * One stored value opened for several reads of parts of it, from {@link ReadableStore#openReader}:
 * a directory store keeps the file open between reads, so that reading a chunk's header and then a
 * few of its blocks costs one open and a few positional reads. Not thread-safe; close it when done.
 *
 * @deprecated a {@link ByteSource} from {@link ReadableStore#open} does the same and more; this
 *     interface is kept, as an adapter over a source ({@link #over}), only while the engine's read
 *     path still calls {@link ReadableStore#openReader}, and will be deleted with it.
 */
@Deprecated
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

  /**
   * A reader over an opened value: reads and size are the source's; closing the reader closes the
   * source.
   */
  static RangeReader over(ByteSource source) {
    java.util.Objects.requireNonNull(source, "source");
    return new RangeReader() {
      @Override
      public long size() {
        return source.size();
      }

      @Override
      public void read(long offset, byte[] dst, int off, int len) {
        source.read(offset, dst, off, len);
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }

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
