package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Another way to store a new value ({@link ValueParts#inPlaceUpdate()}): positional writes into the
 * stored value that {@link #base()} opened, applied in order, instead of writing the new value
 * whole. The codec that builds one orders the writes so that the stored value stays a valid value
 * after each of them: the writes before {@link #publishAt()} only add bytes that nothing refers to
 * yet, and the write at {@code publishAt} (and any after it) switches readers to the new value. A
 * shard updated this way grows: the bytes it no longer refers to stay in it until a whole write.
 *
 * <p>A store may apply an update only when the stored value is still the one {@code base} opened
 * (the same size, and the same bytes at {@link #checkOffset()}), while no other writer of the same
 * store can update that value, and after making the writes before {@code publishAt} durable when it
 * makes anything durable. A store that cannot applies the whole value instead; every store may
 * ignore the update. {@link DirectoryStore} applies them (see {@link DirectoryStore#set(String,
 * ValueParts)}).
 */
public final class InPlaceUpdate {
  /** One positional write: {@code bytes} (remaining) at {@code offset} of the stored value. */
  public record Write(long offset, ByteBuffer bytes) {
    /**
     * A write.
     *
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public Write {
      Objects.requireNonNull(bytes, "bytes");
      if (offset < 0) {
        throw new IllegalArgumentException("negative write offset " + offset);
      }
      bytes = bytes.slice();
    }
  }

  private final ByteSource base;
  private final long baseSize;
  private final long checkOffset;
  private final ByteBuffer checkBytes;
  private final List<Write> writes;
  private final int publishAt;

  private InPlaceUpdate(
      ByteSource base, long checkOffset, ByteBuffer checkBytes, List<Write> writes, int publishAt) {
    this.base = base;
    this.baseSize = base.size();
    this.checkOffset = checkOffset;
    this.checkBytes = checkBytes;
    this.writes = writes;
    this.publishAt = publishAt;
  }

  /**
   * An update of the value {@code base} opened.
   *
   * @param base the stored value the writes edit (open until the update is stored)
   * @param checkOffset where {@code checkBytes} lie in the stored value
   * @param checkBytes bytes the stored value must still hold at {@code checkOffset} (for example
   *     the index the update was computed from), besides its size, for the update to apply
   * @param writes the writes, in the order to apply them
   * @param publishAt the index in {@code writes} of the first write that readers see the new value
   *     through; the earlier writes add bytes nothing refers to
   * @throws IllegalArgumentException if {@code publishAt} is not an index of {@code writes} or the
   *     check range is not inside the stored value
   */
  public static InPlaceUpdate of(
      ByteSource base, long checkOffset, ByteBuffer checkBytes, List<Write> writes, int publishAt) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(checkBytes, "checkBytes");
    Objects.checkIndex(publishAt, writes.size());
    ByteBuffer check = checkBytes.slice();
    if (checkOffset < 0 || checkOffset + check.remaining() > base.size()) {
      throw new IllegalArgumentException(
          "check range ["
              + checkOffset
              + ", "
              + (checkOffset + check.remaining())
              + ") is not inside the stored value ("
              + base.size()
              + " bytes)");
    }
    return new InPlaceUpdate(base, checkOffset, check, List.copyOf(writes), publishAt);
  }

  /** The stored value the writes edit, as it was opened. */
  public ByteSource base() {
    return base;
  }

  /** The stored value's size when it was opened: the update applies only at this size. */
  public long baseSize() {
    return baseSize;
  }

  /** Where {@link #checkBytes()} lie in the stored value. */
  public long checkOffset() {
    return checkOffset;
  }

  /** Bytes the stored value must still hold at {@link #checkOffset()} (a read-only view). */
  public ByteBuffer checkBytes() {
    return checkBytes.asReadOnlyBuffer();
  }

  /** The writes, in the order to apply them. */
  public List<Write> writes() {
    return writes;
  }

  /** The index in {@link #writes()} of the first write that readers see the new value through. */
  public int publishAt() {
    return publishAt;
  }

  /** The stored value's size once every write is applied. */
  public long sizeAfter() {
    long size = baseSize;
    for (Write w : writes) {
      size = Math.max(size, w.offset() + w.bytes().remaining());
    }
    return size;
  }

  @Override
  public String toString() {
    long bytes = writes.stream().mapToLong(w -> w.bytes().remaining()).sum();
    return "InPlaceUpdate("
        + writes.size()
        + " writes, "
        + bytes
        + " bytes, "
        + baseSize
        + " -> "
        + sizeAfter()
        + " bytes)";
  }
}
