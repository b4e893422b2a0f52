package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Random access to one sequence of bytes: a value opened in a store ({@link ReadableStore#open}),
 * or the decoded bytes of a codec stage, which a partial decoder produces only where they are read.
 * Every read sees the same bytes, even if the store's value is replaced meanwhile; a source that
 * finds the bytes it was opened on gone (a file truncated in place by another program) throws a
 * {@link dev.zarr4j.exceptions.StoreException} rather than return other bytes. Not thread-safe;
 * close it when done.
 *
 * <p>A source implements {@link #size()} and {@link #read(long, ByteBuffer)}; the batched forms
 * {@link #read(List)} and {@link #readPacked} loop over it unless the source can do better (read
 * neighbouring ranges in one request, decode only what the ranges need).
 */
public interface ByteSource extends AutoCloseable {

  /** The number of bytes. */
  long size();

  /**
   * Copies bytes {@code [offset, offset + dst.remaining())} into {@code dst}, advancing its
   * position to its limit.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code [0, size())}
   * @throws dev.zarr4j.exceptions.StoreException if the bytes cannot be read
   * @throws dev.zarr4j.exceptions.CodecException if a decoding source finds its input corrupt
   */
  void read(long offset, ByteBuffer dst);

  /** Copies bytes {@code [offset, offset + len)} into {@code dst[off, off + len)}. */
  default void read(long offset, byte[] dst, int off, int len) {
    Objects.checkFromIndexSize(off, len, dst.length);
    read(offset, ByteBuffer.wrap(dst, off, len));
  }

  /** The bytes of one range (clipped to the source, as {@link ByteRange} says) in a new buffer. */
  default ByteBuffer read(ByteRange range) {
    long size = size();
    long start = range.start(size);
    long end = range.end(size);
    if (end - start > Integer.MAX_VALUE - 64) {
      throw new dev.zarr4j.exceptions.StoreException(
          "cannot hold " + (end - start) + " bytes in one buffer; read the value in parts");
    }
    ByteBuffer b = ByteBuffer.allocate((int) (end - start));
    read(start, b);
    return b.flip();
  }

  /**
   * The bytes of several ranges, one buffer each, in order. The default reads them one by one; a
   * source backed by a network store sends them together.
   */
  default List<ByteBuffer> read(List<ByteRange> ranges) {
    List<ByteBuffer> out = new ArrayList<>(ranges.size());
    for (ByteRange r : ranges) {
      out.add(read(r));
    }
    return out;
  }

  /**
   * Copies the bytes of {@code runs} one after another into {@code dst} from {@code off}. The
   * default reads each run on its own; a decoding source decodes only what the runs need.
   *
   * @throws IndexOutOfBoundsException if a run is outside the source or {@code dst} is too small
   */
  default void readPacked(ByteRuns runs, byte[] dst, int off) {
    Objects.checkFromIndexSize(off, runs.totalBytes(), dst.length);
    int at = off;
    for (int i = 0; i < runs.count(); i++) {
      int len = (int) (runs.end(i) - runs.start(i));
      read(runs.start(i), dst, at, len);
      at += len;
    }
  }

  /**
   * All the bytes, positioned at 0 with limit = {@link #size()}. The default reads them into a new
   * heap buffer; a source over bytes in memory may return a view of them instead (read-only where
   * the memory must not change), so callers must not write to the result.
   *
   * @throws dev.zarr4j.exceptions.StoreException if there are more bytes than one buffer holds, or
   *     they cannot be read
   */
  default ByteBuffer readAll() {
    return read(ByteRange.FULL);
  }

  /**
   * The bytes as one buffer when the source already holds all of them in memory (a view: do not
   * modify it), else {@code null}. A decoder reading many small parts then reads them in place.
   */
  default ByteBuffer memory() {
    return null;
  }

  /**
   * Whether {@link #transferTo} moves bytes without bringing them into the JVM (a file copied to a
   * file by the kernel), so that a writer composing a new value from ranges of this one ({@link
   * ValueParts}) should name those ranges rather than read them. The default is {@code false}: the
   * ranges are then best read together with whatever else is read of the value.
   */
  default boolean transfersDirectly() {
    return false;
  }

  /**
   * Writes {@code length} bytes of the value from {@code offset} to {@code target}. The default
   * reads them in pieces of up to 8 MiB and writes each; a file's source copies file to file in the
   * kernel when the target is a file channel.
   *
   * @throws IndexOutOfBoundsException if the range is not inside the value
   * @throws IOException if the target cannot be written
   * @throws StoreException if the value cannot be read
   */
  default void transferTo(long offset, long length, java.nio.channels.WritableByteChannel target)
      throws java.io.IOException {
    Objects.checkFromIndexSize(offset, length, size());
    ByteBuffer piece = ByteBuffer.allocate((int) Math.min(length, 8 << 20));
    long done = 0;
    while (done < length) {
      int n = (int) Math.min(piece.capacity(), length - done);
      piece.clear().limit(n);
      read(offset + done, piece);
      piece.flip();
      while (piece.hasRemaining()) {
        target.write(piece);
      }
      done += n;
    }
  }

  /** Releases what the source holds. Idempotent; reads after closing may fail. */
  @Override
  default void close() {}

  /** A source over the remaining bytes of {@code value} (which it keeps; nothing is copied). */
  static ByteSource of(ByteBuffer value) {
    ByteBuffer v = value.slice();
    return new ByteSource() {
      @Override
      public long size() {
        return v.remaining();
      }

      @Override
      public void read(long offset, ByteBuffer dst) {
        int len = dst.remaining();
        Objects.checkFromIndexSize(offset, len, v.remaining());
        dst.put(v.slice((int) offset, len));
      }

      @Override
      public ByteBuffer readAll() {
        return v.duplicate();
      }

      @Override
      public ByteBuffer memory() {
        return v.duplicate();
      }
    };
  }
}
