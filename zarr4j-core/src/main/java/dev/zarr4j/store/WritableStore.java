package dev.zarr4j.store;

import java.nio.ByteBuffer;

/** Write access to a key-value store. Implementations are thread-safe. */
public interface WritableStore {

  /**
   * Stores {@code value} under {@code key}, replacing any previous value. A reader never observes a
   * partly written value. The buffer's remaining bytes are stored; its position is not changed. The
   * store does not keep a reference to {@code value} once this method returns (it copies what it
   * needs), so callers may reuse the buffer; it may be a heap or a direct buffer.
   *
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws dev.zarr4j.exceptions.ReadOnlyException if the store is read-only
   * @throws dev.zarr4j.exceptions.StoreException if the write fails (the previous value, if any, is
   *     kept)
   */
  void set(String key, ByteBuffer value);

  /**
   * Stores under {@code key} the value {@code value}'s parts make, as {@link #set(String,
   * ByteBuffer)} does (atomically, the previous value kept if the write fails). Ranges of opened
   * values are read from those sources, which may be values of this very key: a source keeps
   * reading the bytes it was opened on. The default reads the parts into one buffer and stores it;
   * a directory store writes them to its temporary file directly, copying ranges of files in the
   * kernel.
   *
   * @throws dev.zarr4j.exceptions.InvalidKeyException if the key is not valid
   * @throws dev.zarr4j.exceptions.ReadOnlyException if the store is read-only
   * @throws dev.zarr4j.exceptions.StoreException if the write fails, or a source cannot be read
   */
  default void set(String key, ValueParts value) {
    set(key, value.toBuffer());
  }

  /** Stores a byte array under {@code key}. */
  default void set(String key, byte[] value) {
    set(key, ByteBuffer.wrap(value));
  }

  /**
   * Removes {@code key}. Removing a key that is absent does nothing.
   *
   * @throws dev.zarr4j.exceptions.ReadOnlyException if the store is read-only
   */
  void delete(String key);

  /**
   * Removes every key that starts with {@code prefix} followed by {@code /}, and the key equal to
   * {@code prefix} itself (zarr-python's {@code rmdir}). The empty prefix removes everything.
   */
  void deletePrefix(String prefix);
}
