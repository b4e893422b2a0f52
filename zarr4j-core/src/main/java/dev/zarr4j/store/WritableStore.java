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

  /**
   * Moves the value under {@code from} and every key below {@code from + "/"} to the same place
   * under {@code to} (zarr-python's {@code rename(src_path, dst_path)}, on keys and prefixes
   * alike): {@code rename("a/b", "c")} moves {@code a/b} to {@code c} and {@code a/b/x/0} to {@code
   * c/x/0}. Nothing stored at or below {@code from} moves nothing. Stores that can ({@link
   * StoreCapabilities#rename()}) move the values; {@link Store}'s default copies each value and
   * then deletes the original, so a failure part way leaves some keys moved and the others in
   * place, never a key lost; a directory store moves the file or directory in one step.
   *
   * <p>Unlike zarr-python, which overwrites, a destination that holds anything (a value under
   * {@code to} or any key below it) is refused before anything moves, so no stored value is lost.
   *
   * @param from a valid key or prefix, not empty
   * @param to a valid key or prefix, not empty, neither equal to {@code from} nor inside it, nor
   *     {@code from} inside it
   * @throws dev.zarr4j.exceptions.InvalidKeyException if a path is not valid, is empty (the root),
   *     or one lies inside the other
   * @throws dev.zarr4j.exceptions.StoreException naming {@code to} if something is stored there
   * @throws dev.zarr4j.exceptions.ReadOnlyException if the store is read-only
   * @throws UnsupportedOperationException if the store cannot rename (see {@link
   *     StoreCapabilities#rename()}); the default throws it
   */
  default void rename(String from, String to) {
    throw new UnsupportedOperationException(
        "store " + this + " cannot rename '" + from + "' to '" + to + "'");
  }
}
