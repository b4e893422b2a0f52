package dev.zarr4j.convenience;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ndarray.NdArray;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The arrays of a group as a read-only map from name to data, each array read into memory the first
 * time it is asked for and kept afterwards (zarr-python's {@code LazyLoader}, what {@link
 * Convenience#load} returns for a group).
 *
 * <pre>{@code
 * LazyLoader loader = Convenience.loadGroup(Path.of("data/example.zarr"), null);
 * NdArray foo = loader.get("foo");   // read now
 * }</pre>
 *
 * <p>The keys are the names of the group's arrays (member groups are not loadable and are not
 * keys). Iterating over the entries reads each array as its value is taken.
 */
public final class LazyLoader extends AbstractMap<String, NdArray> {
  private final ZarrGroup group;
  private final Map<String, NdArray> cache = new ConcurrentHashMap<>();

  LazyLoader(ZarrGroup group) {
    this.group = group;
  }

  /** The group the arrays come from. */
  public ZarrGroup group() {
    return group;
  }

  /** The data of array {@code key}, read on first use; null when the group has no such array. */
  @Override
  public NdArray get(Object key) {
    if (!(key instanceof String name)) {
      return null;
    }
    NdArray cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    if (!containsKey(name)) {
      return null;
    }
    return cache.computeIfAbsent(name, n -> group.getArray(n).get());
  }

  /** Whether the group has an array named {@code key}. */
  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name
        && !name.contains("/")
        && group.find(name).map(n -> n instanceof ZarrArray).orElse(false);
  }

  /** Whether an array has been read into memory already. */
  public boolean isLoaded(String name) {
    return cache.containsKey(name);
  }

  @Override
  public Set<Map.Entry<String, NdArray>> entrySet() {
    List<String> names = group.arrayKeys();
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, NdArray>> iterator() {
        Iterator<String> it = names.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Map.Entry<String, NdArray> next() {
            String name = it.next();
            return new Map.Entry<>() {
              @Override
              public String getKey() {
                return name;
              }

              @Override
              public NdArray getValue() {
                return LazyLoader.this.get(name);
              }

              @Override
              public NdArray setValue(NdArray value) {
                throw new UnsupportedOperationException("a LazyLoader is read-only");
              }

              @Override
              public boolean equals(Object o) {
                return o instanceof Map.Entry<?, ?> e
                    && name.equals(e.getKey())
                    && getValue().equals(e.getValue());
              }

              @Override
              public int hashCode() {
                return name.hashCode() ^ getValue().hashCode();
              }

              @Override
              public String toString() {
                return name + "=" + getValue();
              }
            };
          }
        };
      }

      @Override
      public int size() {
        return names.size();
      }
    };
  }

  @Override
  public Set<String> keySet() {
    return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(group.arrayKeys()));
  }

  @Override
  public int size() {
    return group.arrayKeys().size();
  }

  /** zarr-python's repr: {@code <LazyLoader: bar, foo>} (array names, sorted). */
  @Override
  public String toString() {
    return "<LazyLoader: " + String.join(", ", group.arrayKeys()) + ">";
  }
}
