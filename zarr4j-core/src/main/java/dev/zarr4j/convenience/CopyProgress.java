package dev.zarr4j.convenience;

/**
 * Told how far a {@link Convenience#copy} / {@link Convenience#copyAll} has come, array by array,
 * to drive a progress display ({@link CopyOptions.Builder#progress}). Arrays are copied one after
 * another; within one, {@link #chunksCopied} may be called from several threads at once.
 */
public interface CopyProgress {

  /**
   * An array's data starts to be copied.
   *
   * @param path the array's path in the destination store
   * @param chunks how many chunks (stored objects: shards of a sharded array) the copy writes
   */
  void arrayStarted(String path, long chunks);

  /** {@code n} more of the current array's chunks were written. */
  void chunksCopied(long n);

  /** The current array's data is copied. The default does nothing. */
  default void arrayFinished(String path) {}
}
