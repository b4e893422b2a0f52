package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read access to a key-value store. A missing key is a normal result ({@link Optional#empty()}),
 * never an exception. Implementations are thread-safe.
 */
public interface ReadableStore {

  /**
   * Reads part of the value stored under {@code key}.
   *
   * @param key a valid store key (see {@link StoreKeys#validate})
   * @param range the bytes wanted; clipped to the value's length
   * @return the bytes, positioned at 0 with limit = their length, or empty when the key is absent
   * @throws dev.zarr4j.InvalidKeyException if the key is not valid
   * @throws dev.zarr4j.StoreException if the store cannot be read
   */
  Optional<ByteBuffer> get(String key, ByteRange range);

  /** Reads the whole value stored under {@code key}; empty when absent. */
  default Optional<ByteBuffer> get(String key) {
    return get(key, ByteRange.FULL);
  }

  /** Reads several keys; the result has one entry per key, in order. */
  default List<Optional<ByteBuffer>> getMany(List<String> keys) {
    List<Optional<ByteBuffer>> out = new ArrayList<>(keys.size());
    for (String key : keys) {
      out.add(get(key));
    }
    return out;
  }

  /** Whether a value is stored under {@code key}. */
  default boolean contains(String key) {
    return get(key, ByteRange.of(0, 0)).isPresent();
  }

  /** The size in bytes of the value under {@code key}, or -1 when absent. */
  default long size(String key) {
    return get(key).map(ByteBuffer::remaining).orElse(-1);
  }
}
