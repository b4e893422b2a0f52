package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /**
   * {@inheritDoc}
   *
   * <p>The default lists what is stored at and below {@code from}, checks the destination holds
   * nothing, then copies each value to its new key and deletes the original, one key at a time: not
   * atomic (a concurrent reader may see a key in both places, or some keys moved and others not),
   * and a failure part way leaves every value in one place or the other. Stores that move values
   * natively override it.
   */
  @Override
  default void rename(String from, String to) {
    StoreKeys.validateRename(from, to);
    requireNothingAt(this, to, from);
    List<String> keys = new ArrayList<>();
    if (contains(from)) {
      keys.add(from);
    }
    keys.addAll(listPrefix(from));
    for (String key : keys) {
      Optional<ByteBuffer> value = get(key);
      if (value.isPresent()) {
        set(to + key.substring(from.length()), value.get());
        delete(key);
      }
    }
  }

  /**
   * Throws a {@link StoreException} naming {@code to} when {@code store} holds a value under it or
   * any key below it: the check {@link #rename} makes before moving anything from {@code from}.
   */
  static void requireNothingAt(Store store, String to, String from) {
    if (store.contains(to) || !store.listPrefix(to).isEmpty()) {
      throw new StoreException(
          "cannot rename '"
              + from
              + "' to '"
              + to
              + "': something is already stored at '"
              + to
              + "' in "
              + store);
    }
  }

  /** Releases resources; the store may not be used afterwards. Idempotent. */
  @Override
  default void close() {}
}
