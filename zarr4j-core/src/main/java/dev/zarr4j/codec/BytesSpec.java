package dev.zarr4j.codec;

import dev.zarr4j.ndarray.DataType;
import java.util.Objects;

/**
 * What a chunk's bytes look like between two bytes stages of a codec chain: how many there can be,
 * and the element type a numcodecs stage would see in them (Blosc's {@code typesize} is its item
 * size). {@link ArrayToBytesCodec#resolve} gives the first one and each {@link BytesToBytesCodec}
 * maps it to the spec of its output ({@link BytesToBytesCodec#resolve}), so a decoder is held to
 * the size its input can have.
 *
 * @param maxSize the most bytes there can be, or {@link #UNBOUNDED} when no bound is known (a
 *     compressor's output, an object codec's)
 * @param exact whether there are always exactly {@code maxSize} bytes
 * @param elementType the element type of the bytes as numcodecs passes them on: the array's data
 *     type after the raw layout, {@code |u1} after a compressor or checksum
 */
public record BytesSpec(long maxSize, boolean exact, DataType elementType) {

  /** The {@code maxSize} of bytes whose size has no known bound. */
  public static final long UNBOUNDED = -1;

  /** Validates the fields. */
  public BytesSpec {
    Objects.requireNonNull(elementType, "elementType");
    if (maxSize < UNBOUNDED) {
      throw new IllegalArgumentException("maxSize must be >= 0 or UNBOUNDED, got " + maxSize);
    }
    if (exact && maxSize == UNBOUNDED) {
      throw new IllegalArgumentException("an exact size needs a maxSize");
    }
  }

  /** Exactly {@code size} bytes holding elements of {@code type}. */
  public static BytesSpec exactly(long size, DataType type) {
    return new BytesSpec(size, true, type);
  }

  /** At most {@code size} bytes holding elements of {@code type}. */
  public static BytesSpec atMost(long size, DataType type) {
    return new BytesSpec(size, false, type);
  }

  /** Any number of plain bytes ({@code |u1}). */
  public static BytesSpec unbounded() {
    return new BytesSpec(UNBOUNDED, false, DataType.UINT8);
  }

  /** Any number of bytes holding elements of {@code type}. */
  public static BytesSpec unbounded(DataType type) {
    return new BytesSpec(UNBOUNDED, false, type);
  }

  /** Whether a bound is known. */
  public boolean isBounded() {
    return maxSize != UNBOUNDED;
  }

  /**
   * The bound as an {@code int} for a decoder's output limit: {@code maxSize} when it is known and
   * fits a Java array, else the largest array size zarr4j allocates.
   */
  public int decodeLimit() {
    long cap = Integer.MAX_VALUE - 64L;
    return (int) (isBounded() ? Math.min(maxSize, cap) : cap);
  }

  /** This spec grown by {@code extra} bytes (no longer exact unless it was), same element type. */
  public BytesSpec plus(long extra, DataType type) {
    return isBounded() ? new BytesSpec(maxSize + extra, exact, type) : unbounded(type);
  }
}
