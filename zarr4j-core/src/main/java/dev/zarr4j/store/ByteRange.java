package dev.zarr4j.store;

/**
 * Which bytes of a stored value to read. A range that reaches past the end of the value is clipped
 * to the value, as HTTP range requests are.
 */
public sealed interface ByteRange {

  /** The whole value. */
  ByteRange FULL = new Full();

  /** The whole value. */
  record Full() implements ByteRange {}

  /** {@code length} bytes starting at {@code offset}. */
  record Bounded(long offset, long length) implements ByteRange {
    /** Validates that offset and length are not negative. */
    public Bounded {
      if (offset < 0 || length < 0) {
        throw new IllegalArgumentException(
            "byte range offset and length must be >= 0, got offset="
                + offset
                + ", length="
                + length);
      }
    }
  }

  /** Every byte from {@code offset} to the end. */
  record FromOffset(long offset) implements ByteRange {
    /** Validates that offset is not negative. */
    public FromOffset {
      if (offset < 0) {
        throw new IllegalArgumentException("byte range offset must be >= 0, got " + offset);
      }
    }
  }

  /** The last {@code length} bytes. */
  record Suffix(long length) implements ByteRange {
    /** Validates that length is not negative. */
    public Suffix {
      if (length < 0) {
        throw new IllegalArgumentException("suffix length must be >= 0, got " + length);
      }
    }
  }

  /** {@code length} bytes from {@code offset}. */
  static ByteRange of(long offset, long length) {
    return new Bounded(offset, length);
  }

  /**
   * The start offset of this range inside a value of {@code size} bytes, clipped to {@code [0,
   * size]}.
   */
  default long start(long size) {
    if (this instanceof Bounded b) {
      return Math.min(b.offset(), size);
    } else if (this instanceof FromOffset f) {
      return Math.min(f.offset(), size);
    } else if (this instanceof Suffix s) {
      return Math.max(0, size - s.length());
    }
    return 0;
  }

  /** The end offset (exclusive) of this range inside a value of {@code size} bytes, clipped. */
  default long end(long size) {
    if (this instanceof Bounded b) {
      long start = Math.min(b.offset(), size);
      // compare lengths rather than add them, so a huge length cannot overflow
      return start + Math.min(b.length(), size - start);
    }
    return size;
  }
}
