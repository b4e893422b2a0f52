package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

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
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws dev.zarr4j.exceptions.StoreException if the store cannot be read
   */
  Optional<ByteBuffer> get(String key, ByteRange range);

  /** Reads the whole value stored under {@code key}; empty when absent. */
  default Optional<ByteBuffer> get(String key) {
    return get(key, ByteRange.FULL);
  }

  /**
   * Reads the whole value stored under {@code key}, into memory the caller provides when the store
   * can read straight into it (a directory store reads the file into it), so that a caller reading
   * many values can reuse its buffers instead of allocating one per value. Stores that cannot do so
   * return {@link #get(String)} and never call {@code allocator}; either way the caller owns the
   * result.
   *
   * @param allocator called with the value's length, for a buffer with at least that many bytes
   *     remaining; the store fills it from its position
   * @return the value as the remaining bytes of the allocator's buffer or of a buffer of the
   *     store's own, or empty when the key is absent
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws dev.zarr4j.exceptions.StoreException if the store cannot be read
   */
  default Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    return get(key);
  }

  /**
   * Opens the value under {@code key} for several reads of parts of it (a chunk's header, then some
   * of its blocks). Stores whose {@link StoreCapabilities#partialReads} is true read only the bytes
   * asked for (a directory store opens the file once and reads at positions); the default reads the
   * whole value with {@link #get(String)} and serves the parts from memory.
   *
   * @return a reader the caller must close, or empty when the key is absent
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws dev.zarr4j.exceptions.StoreException if the store cannot be read
   */
  default Optional<RangeReader> openReader(String key) {
    return get(key).map(RangeReader::of);
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
