package dev.zarr4j.store;

/**
 * One request of a batched read ({@link ReadableStore#getMany}): the bytes {@code range} of the
 * value under {@code key}.
 *
 * @param key the store key (validated by the store that reads it, see {@link StoreKeys#validate})
 * @param range the bytes wanted, clipped to the value as {@link ByteRange} says
 */
public record KeyRange(String key, ByteRange range) {

  /**
   * Checks that the range is given.
   *
   * @throws IllegalArgumentException if {@code range} is null
   */
  public KeyRange {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
  }

  /** The whole value under {@code key}. */
  public static KeyRange of(String key) {
    return new KeyRange(key, ByteRange.FULL);
  }

  /** The bytes {@code range} of the value under {@code key}. */
  public static KeyRange of(String key, ByteRange range) {
    return new KeyRange(key, range);
  }
}
