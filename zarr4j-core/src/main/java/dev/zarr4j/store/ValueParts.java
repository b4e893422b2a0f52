package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A value to store given as its parts in order: new bytes, and byte ranges of values already opened
 * ({@link ByteSource}s). A partial write of a shard is such a value: the inner chunks it re-encodes
 * are new bytes, the others ranges of the stored shard, which a store can copy without bringing
 * them into the JVM ({@link WritableStore#set(String, ValueParts)}; a directory store copies file
 * to file in the kernel). The sources must stay open until the value is stored.
 */
public final class ValueParts {
  /** One part: new bytes, or a range of an opened value. */
  private record Part(ByteBuffer bytes, ByteSource source, long offset, long length) {
    long size() {
      return bytes != null ? bytes.remaining() : length;
    }
  }

  private final List<Part> parts;
  private final long size;
  private final InPlaceUpdate update;

  private ValueParts(List<Part> parts, long size) {
    this(parts, size, null);
  }

  private ValueParts(List<Part> parts, long size, InPlaceUpdate update) {
    this.parts = parts;
    this.size = size;
    this.update = update;
  }

  /** A value of one part: the remaining bytes of {@code bytes} (kept, not copied). */
  public static ValueParts of(ByteBuffer bytes) {
    Objects.requireNonNull(bytes, "bytes");
    ByteBuffer b = bytes.slice();
    return new ValueParts(List.of(new Part(b, null, 0, 0)), b.remaining());
  }

  /** A builder adding parts in order. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ValueParts}; neighbouring ranges of one source are merged into one part. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private long size;

    private Builder() {}

    /** Adds the remaining bytes of {@code bytes} (kept, not copied; empty ones are skipped). */
    public Builder add(ByteBuffer bytes) {
      Objects.requireNonNull(bytes, "bytes");
      if (bytes.hasRemaining()) {
        parts.add(new Part(bytes.slice(), null, 0, 0));
        size += bytes.remaining();
      }
      return this;
    }

    /**
     * Adds {@code length} bytes of {@code source} from {@code offset}, merged into the previous
     * part when that one ends in the same source right at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the source
     */
    public Builder add(ByteSource source, long offset, long length) {
      Objects.requireNonNull(source, "source");
      Objects.checkFromIndexSize(offset, length, source.size());
      if (length == 0) {
        return this;
      }
      int last = parts.size() - 1;
      Part prev = last >= 0 ? parts.get(last) : null;
      if (prev != null && prev.source == source && prev.offset + prev.length == offset) {
        parts.set(last, new Part(null, source, prev.offset, prev.length + length));
      } else {
        parts.add(new Part(null, source, offset, length));
      }
      size += length;
      return this;
    }

    /** The value. */
    public ValueParts build() {
      return new ValueParts(List.copyOf(parts), size);
    }
  }

  /** The value's length in bytes. */
  public long size() {
    return size;
  }

  /**
   * This value with another way to store it: {@code update}'s writes into the stored value it was
   * computed from, which a store may apply instead of writing these parts (see {@link
   * InPlaceUpdate}). The stored value then holds what these parts hold for every reader, laid out
   * differently.
   */
  public ValueParts withInPlaceUpdate(InPlaceUpdate update) {
    return new ValueParts(parts, size, Objects.requireNonNull(update, "update"));
  }

  /** The in-place alternative to writing this value whole, when its codec gave one. */
  public Optional<InPlaceUpdate> inPlaceUpdate() {
    return Optional.ofNullable(update);
  }

  /**
   * The whole value in one buffer (positioned at 0): the one part's bytes when it is a single part
   * of new bytes, else a new buffer the parts are read into.
   *
   * @throws StoreException if the value is too large for one buffer, or a source cannot be read
   */
  public ByteBuffer toBuffer() {
    if (parts.size() == 1 && parts.get(0).bytes != null) {
      return parts.get(0).bytes.duplicate();
    }
    if (size > Integer.MAX_VALUE - 64) {
      throw new StoreException("a value of " + size + " bytes does not fit one buffer");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size);
    for (Part p : parts) {
      if (p.bytes != null) {
        out.put(p.bytes.duplicate());
      } else {
        int at = out.position();
        p.source.read(p.offset, out.slice(at, (int) p.length));
        out.position(at + (int) p.length);
      }
    }
    return out.flip();
  }

  /**
   * Writes the value to {@code target}: new bytes as they are, ranges through {@link
   * ByteSource#transferTo} (a file copied to a file channel never enters the JVM).
   *
   * @throws IOException if the target cannot be written
   * @throws StoreException if a source cannot be read or ends before a range does
   */
  public void writeTo(WritableByteChannel target) throws IOException {
    for (Part p : parts) {
      if (p.bytes != null) {
        ByteBuffer b = p.bytes.duplicate();
        while (b.hasRemaining()) {
          target.write(b);
        }
      } else {
        p.source.transferTo(p.offset, p.length, target);
      }
    }
  }

  @Override
  public String toString() {
    long copied = parts.stream().filter(p -> p.source != null).mapToLong(Part::size).sum();
    return "ValueParts(" + size + " bytes, " + parts.size() + " parts, " + copied + " copied)";
  }
}
