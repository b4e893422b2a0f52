package dev.zarr4j.store;

/**
 * A key-value store holding Zarr metadata and chunks: readable, writable and listable. Keys are
 * {@code /}-separated strings validated by {@link StoreKeys#validate}. Stores are thread-safe and
 * {@link AutoCloseable}; closing a store that holds no resource does nothing.
 */
public interface Store extends ReadableStore, WritableStore, ListableStore, AutoCloseable {

  /** What this store can do. */
  StoreCapabilities capabilities();

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
