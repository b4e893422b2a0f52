package dev.zarr4j.convenience;

/**
 * What a copy did: the numbers zarr-python's {@code copy}, {@code copy_all} and {@code copy_store}
 * return.
 *
 * @param copied arrays and groups (or store keys) copied, or that a dry run would copy
 * @param skipped arrays and groups (or keys) left alone because they existed
 * @param bytesCopied bytes of data copied: uncompressed array bytes for {@link Convenience#copy},
 *     stored bytes for {@link Convenience#copyStore}; 0 in a dry run
 */
public record CopyResult(long copied, long skipped, long bytesCopied) {

  /** Python's tuple text: {@code (3, 0, 800)}. */
  @Override
  public String toString() {
    return "(" + copied + ", " + skipped + ", " + bytesCopied + ")";
  }
}
