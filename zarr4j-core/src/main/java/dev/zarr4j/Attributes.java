package dev.zarr4j;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.store.Store;
import dev.zarr4j.sync.Synchronizer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * The user attributes of an array or group: a JSON object stored where the hierarchy's format keeps
 * it (Zarr v2's {@code .zattrs}, N5's {@code attributes.json}). Values are JSON values as plain
 * Java objects ({@code Map}, {@code List}, {@code String}, numbers, {@code Boolean}, {@code null});
 * what {@link #get} returns is a copy.
 *
 * <p>With caching on (the default) the document is read once and kept; with caching off it is read
 * again on every access. Every change rewrites the document (read, modify, write).
 */
public final class Attributes {
  private final Store store;
  private final String path;
  private final NodeFormat format;
  private final boolean readOnly;
  private final boolean cache;
  private final Synchronizer synchronizer;
  private final Object lock = new Object();
  private Map<String, Object> cached;

  /**
   * @param store where the node lives
   * @param path the node's path
   * @param format the hierarchy's metadata format, which says where attributes are kept
   * @param readOnly refuse changes
   * @param cache keep the document after the first read
   */
  public Attributes(Store store, String path, NodeFormat format, boolean readOnly, boolean cache) {
    this(store, path, format, readOnly, cache, null);
  }

  /**
   * Attributes whose changes hold the synchronizer's lock for the node's attribute document ({@link
   * NodeFormat#attributesLockKey}) while they read, modify and write it, as zarr-python's
   * attributes do, so that writers in other threads or processes lose no change.
   *
   * @param store where the node lives
   * @param path the node's path
   * @param format the hierarchy's metadata format, which says where attributes are kept
   * @param readOnly refuse changes
   * @param cache keep the document after the first read
   * @param synchronizer the node's synchronizer, or null for none
   */
  public Attributes(
      Store store,
      String path,
      NodeFormat format,
      boolean readOnly,
      boolean cache,
      Synchronizer synchronizer) {
    this.store = store;
    this.path = path;
    this.format = format;
    this.readOnly = readOnly;
    this.cache = cache;
    this.synchronizer = synchronizer;
  }

  /** Runs a change of the document under the in-JVM lock and the synchronizer's, if any. */
  private void change(Runnable op) {
    synchronized (lock) {
      Lock held =
          synchronizer == null ? null : synchronizer.lockFor(format.attributesLockKey(path));
      if (held != null) {
        held.lock();
      }
      try {
        op.run();
      } finally {
        if (held != null) {
          held.unlock();
        }
      }
    }
  }

  /** The attribute names. */
  public Set<String> keys() {
    return Collections.unmodifiableSet(read().keySet());
  }

  /** Whether an attribute is set. */
  public boolean contains(String name) {
    return read().containsKey(name);
  }

  /** An attribute's value (a copy), or null when absent (or set to JSON null). */
  public Object get(String name) {
    return deepCopy(read().get(name));
  }

  /** An attribute's value if set. */
  public Optional<Object> find(String name) {
    Map<String, Object> m = read();
    return m.containsKey(name) ? Optional.ofNullable(deepCopy(m.get(name))) : Optional.empty();
  }

  /** Every attribute, as an insertion-ordered copy. */
  public Map<String, Object> asMap() {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy(read());
    return copy;
  }

  /** Number of attributes. */
  public int size() {
    return read().size();
  }

  /**
   * Sets one attribute.
   *
   * @throws ReadOnlyException if read-only
   * @throws MetadataException if the value is not JSON-serialisable
   */
  public void put(String name, Object value) {
    update(Collections.singletonMap(name, value));
  }

  /** Sets several attributes in one write. */
  public void update(Map<String, ?> values) {
    checkWritable();
    Map<String, Object> checked = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      if (e.getKey() == null) {
        throw new MetadataException("attribute names must not be null");
      }
      checked.put(e.getKey(), toJsonValue(e.getValue(), e.getKey()));
    }
    change(
        () -> {
          Map<String, Object> m = new LinkedHashMap<>(load());
          m.putAll(checked);
          write(m);
        });
  }

  /** Removes one attribute; removing an absent one does nothing. */
  public void remove(String name) {
    checkWritable();
    change(
        () -> {
          Map<String, Object> m = new LinkedHashMap<>(load());
          if (m.containsKey(name)) {
            m.remove(name);
            write(m);
          }
        });
  }

  /** Replaces every attribute with {@code values}. */
  public void replaceAll(Map<String, ?> values) {
    checkWritable();
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      m.put(e.getKey(), toJsonValue(e.getValue(), e.getKey()));
    }
    change(() -> write(m));
  }

  /** Whether the document is kept after the first read (zarr-python's {@code attrs.cache}). */
  public boolean cache() {
    return cache;
  }

  /** Forgets the cached document, so the next read goes to the store. */
  public void refresh() {
    synchronized (lock) {
      cached = null;
    }
  }

  private void checkWritable() {
    if (readOnly) {
      throw new ReadOnlyException(
          "attributes of '" + (path.isEmpty() ? "/" : path) + "' are read-only");
    }
  }

  private Map<String, Object> read() {
    synchronized (lock) {
      if (cache && cached != null) {
        return cached;
      }
      return load();
    }
  }

  private Map<String, Object> load() {
    Map<String, Object> m = format.readAttributes(store, path);
    if (cache) {
      cached = m;
    }
    return m;
  }

  private void write(Map<String, Object> m) {
    format.writeAttributes(store, path, m);
    cached = cache ? m : null;
  }

  /** Checks and normalises a value into plain JSON Java values. */
  static Object toJsonValue(Object v, String name) {
    if (v instanceof String str && Zarr.hasUnpairedSurrogate(str)) {
      throw new MetadataException(
          "attribute '"
              + name
              + "' holds text with an unpaired UTF-16 surrogate, which JSON cannot hold");
    }
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Long
        || v instanceof BigInteger) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof BigDecimal bd) {
      return bd.doubleValue();
    }
    if (v instanceof Character c) {
      return c.toString();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getKey() instanceof String k && Zarr.hasUnpairedSurrogate(k)) {
          throw new MetadataException(
              "attribute '" + name + "' has a key with an unpaired UTF-16 surrogate");
        }
        if (!(e.getKey() instanceof String k)) {
          throw new MetadataException(
              "attribute '"
                  + name
                  + "' has a non-string key "
                  + e.getKey()
                  + "; JSON keys are strings");
        }
        out.put(k, toJsonValue(e.getValue(), name));
      }
      return out;
    }
    if (v instanceof Iterable<?> it) {
      List<Object> out = new ArrayList<>();
      for (Object x : it) {
        out.add(toJsonValue(x, name));
      }
      return out;
    }
    if (v.getClass().isArray()) {
      int n = java.lang.reflect.Array.getLength(v);
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(toJsonValue(java.lang.reflect.Array.get(v, i), name));
      }
      return out;
    }
    throw new MetadataException(
        "attribute '"
            + name
            + "' has a value of type "
            + v.getClass().getName()
            + ", which is not JSON-serialisable");
  }

  private static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), deepCopy(e.getValue()));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        out.add(deepCopy(x));
      }
      return out;
    }
    return v;
  }

  @Override
  public String toString() {
    return "Attributes" + read();
  }
}
