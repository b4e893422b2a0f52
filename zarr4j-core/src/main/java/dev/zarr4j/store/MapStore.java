package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A store over any {@code java.util.Map<String, byte[]>} (zarr-python's {@code KVStore}, which
 * wraps any {@code MutableMapping}): each key of the store is a key of the map, each value a byte
 * array. The map may be anything that holds byte arrays by string keys: a {@link
 * java.util.concurrent.ConcurrentHashMap}, a {@link java.util.concurrent.ConcurrentSkipListMap}
 * (whose order makes listings cheaper), or a map backed by a file or a database.
 *
 * <p><b>Copies.</b> A value is copied when it is set and again when it is read or opened, so
 * neither the caller's buffers nor the arrays in the map can change what the other sees, as long as
 * nothing else changes the arrays in the map in place.
 *
 * <p><b>Thread safety and isolation depend on the map.</b> The store adds no locking: it is
 * thread-safe when the map is (a concurrent map; not a plain {@link java.util.HashMap}, which
 * concurrent writers corrupt), each operation is as atomic as the map's own {@code get}, {@code
 * put} and {@code remove}, and listings and {@link #deletePrefix} are not snapshots while others
 * write. A value opened with {@link #open} is a copy taken when it is opened, so it keeps reading
 * the bytes it was opened on whatever the map does later.
 *
 * <p>Like zarr-python's {@code KVStore} (and unlike a file system), a map can hold a value under
 * {@code a} and others under {@code a/b} at the same time. Closing the store does nothing to the
 * map, which the caller owns; the store stays usable.
 */
public final class MapStore implements Store {
  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, false);

  private final Map<String, byte[]> map;

  /**
   * A store over {@code map}, which it reads and changes in place (the caller keeps owning it).
   *
   * @throws IllegalArgumentException if {@code map} is null
   */
  public MapStore(Map<String, byte[]> map) {
    if (map == null) {
      throw new IllegalArgumentException("map must not be null");
    }
    this.map = map;
  }

  /** The map this store reads and writes. */
  public Map<String, byte[]> map() {
    return map;
  }

  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  private byte[] value(String key) {
    StoreKeys.validate(key);
    Object v = map.get(key);
    if (v == null || v instanceof byte[]) {
      return (byte[]) v;
    }
    throw new StoreException(
        "the map of " + this + " holds a " + v.getClass().getName() + " under '" + key + "'");
  }

  /** A source over a copy of the value taken now. */
  @Override
  public Optional<ByteSource> open(String key) {
    byte[] v = value(key);
    return v == null ? Optional.empty() : Optional.of(ByteSource.of(ByteBuffer.wrap(v.clone())));
  }

  /** Copies only the bytes of {@code range} out of the map's array. */
  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    if (range == null) {
      throw new IllegalArgumentException("byte range must not be null (key '" + key + "')");
    }
    byte[] v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    int start = (int) range.start(v.length);
    int end = (int) range.end(v.length);
    byte[] out = new byte[end - start];
    System.arraycopy(v, start, out, 0, out.length);
    return Optional.of(ByteBuffer.wrap(out));
  }

  @Override
  public boolean contains(String key) {
    return value(key) != null;
  }

  @Override
  public long size(String key) {
    byte[] v = value(key);
    return v == null ? -1 : v.length;
  }

  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    if (value == null) {
      throw new IllegalArgumentException("value for key '" + key + "' must not be null");
    }
    byte[] copy = new byte[value.remaining()];
    value.duplicate().get(copy);
    map.put(key, copy);
  }

  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    map.remove(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    if (prefix.isEmpty()) {
      map.clear();
      return;
    }
    map.remove(prefix);
    for (String key : listPrefix(prefix)) {
      map.remove(key);
    }
  }

  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    if (map instanceof NavigableMap<String, byte[]> sorted
        && Objects.equals(sorted.comparator(), null)) {
      return SortedKeys.listPrefix(sorted, prefix);
    }
    String p = prefix.isEmpty() ? "" : prefix + "/";
    List<String> keys = new ArrayList<>();
    for (String key : new ArrayList<>(map.keySet())) {
      if (key.startsWith(p)) {
        keys.add(key);
      }
    }
    Collections.sort(keys);
    return keys;
  }

  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    int skip = prefix.isEmpty() ? 0 : prefix.length() + 1;
    TreeSet<String> names = new TreeSet<>();
    for (String key : listPrefix(prefix)) {
      int slash = key.indexOf('/', skip);
      names.add(slash < 0 ? key.substring(skip) : key.substring(skip, slash));
    }
    return new ArrayList<>(names);
  }

  /** Does nothing: the map belongs to the caller, and the store stays usable. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "MapStore[" + map.getClass().getSimpleName() + "]";
  }
}
