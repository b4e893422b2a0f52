package dev.zarr4j.store;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A store that keeps every value in memory, in a concurrent sorted map.
 *
 * <p>Values are copied when they are set and again when they are read (except by {@link
 * ByteSource#readAll()} of an opened value, which returns a read-only view), so neither the
 * caller's buffer nor a returned buffer can change what is stored. Each single operation is atomic;
 * {@link #deletePrefix} and the listings are not snapshots when other threads write at the same
 * time.
 *
 * <p>The store is {@link Serializable} and its data travels with it. Two memory stores are {@link
 * #equals equal} when they hold the same keys with the same bytes.
 *
 * <p>A memory store holds no resource: {@link #close()} does nothing and the store stays usable
 * afterwards, so a store can be handed from one user to the next without copying.
 *
 * <p>Unlike a file system, a memory store can hold a value under {@code a} and others under {@code
 * a/b} at the same time.
 */
public final class MemoryStore implements Store, Serializable {
  private static final long serialVersionUID = 1L;

  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, false);

  /** Key to a private copy of the value; never exposed. */
  private final ConcurrentSkipListMap<String, byte[]> data = new ConcurrentSkipListMap<>();

  /** Creates an empty store. */
  public MemoryStore() {}

  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * A source over the stored value itself, without copying it: stored values are never changed in
   * place ({@link #set} stores a new array), so the source keeps reading the value it was opened on
   * whatever is set or deleted afterwards. {@link ByteSource#readAll()} returns a read-only view of
   * it; every other read copies.
   */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    byte[] value = data.get(key);
    return value == null
        ? Optional.empty()
        : Optional.of(ByteSource.of(ByteBuffer.wrap(value).asReadOnlyBuffer()));
  }

  @Override
  public boolean contains(String key) {
    StoreKeys.validate(key);
    return data.containsKey(key);
  }

  @Override
  public long size(String key) {
    StoreKeys.validate(key);
    byte[] value = data.get(key);
    return value == null ? -1 : value.length;
  }

  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    byte[] copy = new byte[value.remaining()];
    value.duplicate().get(copy);
    data.put(key, copy);
  }

  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    data.remove(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    if (prefix.isEmpty()) {
      data.clear();
      return;
    }
    data.remove(prefix);
    SortedKeys.below(data, prefix).clear();
  }

  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    return SortedKeys.listPrefix(data, prefix);
  }

  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    return SortedKeys.listDir(data, prefix);
  }

  /** Number of keys stored. */
  public int keyCount() {
    return data.size();
  }

  /** Does nothing: a memory store holds no resource and stays usable after closing. */
  @Override
  public void close() {}

  /** Equal to another memory store holding the same keys with the same bytes. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MemoryStore other)) {
      return false;
    }
    Iterator<Map.Entry<String, byte[]>> a = data.entrySet().iterator();
    Iterator<Map.Entry<String, byte[]>> b = other.data.entrySet().iterator();
    while (a.hasNext() && b.hasNext()) {
      Map.Entry<String, byte[]> x = a.next();
      Map.Entry<String, byte[]> y = b.next();
      if (!x.getKey().equals(y.getKey()) || !Arrays.equals(x.getValue(), y.getValue())) {
        return false;
      }
    }
    return !a.hasNext() && !b.hasNext();
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, byte[]> e : data.entrySet()) {
      h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "MemoryStore[" + data.size() + " keys]";
  }
}
