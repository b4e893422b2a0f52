package com.example.zarrstores;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreProvider;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider from outside zarr4j, registered in this module's test {@code META-INF/services}, that
 * opens named in-memory stores for the scheme {@code memtest} ({@code memtest://name}). With the
 * option {@code read_only} it returns a store that implements only {@link ReadableStore}: {@code
 * open} and {@code capabilities}, no write method.
 */
public final class MemTestStoreProvider implements StoreProvider {
  /** The stores opened so far, by name. */
  public static final Map<String, MemoryStore> STORES = new ConcurrentHashMap<>();

  /** Called by {@link java.util.ServiceLoader}. */
  public MemTestStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("MemTest"); // declared in mixed case: schemes compare ignoring case
  }

  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    boolean readOnly = false;
    for (Map.Entry<String, Object> option : options.entrySet()) {
      if (!option.getKey().equals("read_only")) {
        throw new StoreException("unknown storage option '" + option.getKey() + "' for " + uri);
      }
      readOnly = Boolean.TRUE.equals(option.getValue());
    }
    String name = uri.getHost() != null ? uri.getHost() : uri.getSchemeSpecificPart();
    MemoryStore store = STORES.computeIfAbsent(name, n -> new MemoryStore());
    return readOnly ? new ReadOnlyView(store) : store;
  }

  /** A read-only store: the two methods of the read seam, nothing else. */
  public static final class ReadOnlyView implements ReadableStore {
    private final MemoryStore store;

    ReadOnlyView(MemoryStore store) {
      this.store = store;
    }

    @Override
    public Optional<ByteSource> open(String key) {
      return store.open(key);
    }

    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(false, false, true, false);
    }

    @Override
    public String toString() {
      return "ReadOnlyView[" + store + "]";
    }
  }
}
