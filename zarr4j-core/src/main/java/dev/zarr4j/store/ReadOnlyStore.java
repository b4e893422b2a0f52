package dev.zarr4j.store;

import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Any readable store seen as a {@link Store} that refuses every write (zarr-python's {@code
 * ReadOnlyStore}): arrays and groups open on it for reading, and every write throws a {@link
 * ReadOnlyException} naming the store. A store that implements only {@link ReadableStore} (a web
 * server, an archive) needs this to be opened as a hierarchy; it lists keys when it is also a
 * {@link ListableStore}, and otherwise says it cannot (open such stores through consolidated
 * metadata).
 */
public final class ReadOnlyStore implements Store {
  private final ReadableStore inner;

  /**
   * A read-only view of {@code inner} (which the caller still owns; closing the view closes it).
   */
  public ReadOnlyStore(ReadableStore inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /** {@code store} itself when it is a {@link Store} already, else a read-only view of it. */
  public static Store of(ReadableStore store) {
    return store instanceof Store s ? s : new ReadOnlyStore(store);
  }

  /** The store this view reads. */
  public ReadableStore inner() {
    return inner;
  }

  @Override
  public StoreCapabilities capabilities() {
    StoreCapabilities c = inner.capabilities();
    return new StoreCapabilities(
        false,
        inner instanceof ListableStore,
        c.partialReads(),
        c.persistent(),
        false,
        c.latencyBound());
  }

  @Override
  public Optional<ByteSource> open(String key) {
    return inner.open(key);
  }

  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    return inner.get(key, range);
  }

  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    return inner.getInto(key, allocator);
  }

  @Override
  public Optional<ByteBuffer> getReplacedInto(String key, IntFunction<ByteBuffer> allocator) {
    return inner.getReplacedInto(key, allocator);
  }

  @Override
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    return inner.getMany(requests);
  }

  @Override
  public boolean contains(String key) {
    return inner.contains(key);
  }

  @Override
  public long size(String key) {
    return inner.size(key);
  }

  @Override
  public void set(String key, ByteBuffer value) {
    throw refused("write '" + key + "'");
  }

  /** Refused, before any part is read. */
  @Override
  public void set(String key, ValueParts value) {
    throw refused("write '" + key + "'");
  }

  @Override
  public void delete(String key) {
    throw refused("delete '" + key + "'");
  }

  @Override
  public void deletePrefix(String prefix) {
    throw refused("delete '" + prefix + "'");
  }

  @Override
  public void rename(String from, String to) {
    throw refused("rename '" + from + "' to '" + to + "'");
  }

  @Override
  public List<String> listPrefix(String prefix) {
    return listable().listPrefix(prefix);
  }

  @Override
  public List<String> listDir(String prefix) {
    return listable().listDir(prefix);
  }

  private ListableStore listable() {
    if (inner instanceof ListableStore l) {
      return l;
    }
    throw new StoreException(
        "store "
            + inner
            + " cannot list its keys; open its hierarchy through consolidated metadata");
  }

  private ReadOnlyException refused(String what) {
    return new ReadOnlyException("cannot " + what + ": store " + inner + " is read-only");
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "ReadOnlyStore(" + inner + ")";
  }
}
