package dev.zarr4j.store;

/**
 * A key-value store holding Zarr metadata and chunks: readable, writable and listable. Keys are
 * {@code /}-separated strings validated by {@link StoreKeys#validate}. Stores are thread-safe and
 * {@link AutoCloseable}; closing a store that holds no resource does nothing.
 *
 * <p>What a store can do ({@link #capabilities()}) and how it is read ({@link #open} and the reads
 * built on it) belong to its readable side, {@link ReadableStore}: code that only reads needs only
 * that, and a read-only store need implement nothing more.
 */
public interface Store extends ReadableStore, WritableStore, ListableStore, AutoCloseable {

  /**
   * Total bytes stored under {@code prefix} (every key below it, as {@link #listPrefix}), or under
   * the whole store for {@code ""}.
   */
  default long totalSize(String prefix) {
    long total = 0;
    for (String key : listPrefix(prefix)) {
      long s = size(key);
      if (s > 0) {
        total += s;
      }
    }
    return total;
  }

  /** Releases resources; the store may not be used afterwards. Idempotent. */
  @Override
  default void close() {}
}
