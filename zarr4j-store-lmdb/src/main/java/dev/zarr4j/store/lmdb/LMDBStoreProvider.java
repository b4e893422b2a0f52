package dev.zarr4j.store.lmdb;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreProvider;
import dev.zarr4j.store.StoreUrls;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens an {@link LMDBStore} for an {@code lmdb:} URL, through {@link
 * dev.zarr4j.store.Stores#open}.
 *
 * <p>Accepted forms: {@code lmdb:/data/a.mdb} and {@code lmdb:///data/a.mdb} (absolute, {@code
 * %}-escapes decoded), {@code lmdb://localhost/data/a.mdb}, and {@code lmdb:data/a.mdb} (relative
 * to the working directory). Storage options, as zarr-python's {@code lmdb.open} keywords: {@code
 * read_only} and {@code subdir} (booleans, or the text {@code true} or {@code false}; {@code
 * subdir} is true by default) and {@code map_size} (a positive number of bytes); any other is
 * refused, naming it.
 */
public final class LMDBStoreProvider implements StoreProvider {

  /** The storage option that opens the environment read-only. */
  public static final String READ_ONLY = "read_only";

  /** The storage option that says whether the path is a directory (true, the default). */
  public static final String SUBDIR = "subdir";

  /** The storage option for the map size in bytes. */
  public static final String MAP_SIZE = "map_size";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public LMDBStoreProvider() {}

  /** {@code lmdb}. */
  @Override
  public Set<String> schemes() {
    return Set.of("lmdb");
  }

  /**
   * Opens the environment the URL names (created when missing, unless read-only).
   *
   * @throws StoreException if the URL names no local path, an option is unknown or of the wrong
   *     kind, or the environment cannot be opened
   */
  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    boolean readOnly = false;
    boolean subdir = true;
    long mapSize = LMDBStore.DEFAULT_MAP_SIZE;
    for (Map.Entry<String, Object> option : options.entrySet()) {
      String name = option.getKey();
      Object value = option.getValue();
      switch (name) {
        case READ_ONLY -> readOnly = StoreUrls.booleanOption(uri, name, value);
        case SUBDIR -> subdir = StoreUrls.booleanOption(uri, name, value);
        case MAP_SIZE -> mapSize = sizeOption(uri, name, value);
        default ->
            throw new StoreException(
                "unknown storage option '"
                    + name
                    + "' for "
                    + uri
                    + "; an LMDB store knows: "
                    + String.join(", ", READ_ONLY, SUBDIR, MAP_SIZE));
      }
    }
    return new LMDBStore(StoreUrls.localPath(uri), readOnly, subdir, mapSize);
  }

  private static long sizeOption(URI uri, String name, Object value) {
    long size = -1;
    if (value instanceof Integer || value instanceof Long) {
      size = ((Number) value).longValue();
    } else if (value instanceof String s) {
      try {
        size = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        size = -1;
      }
    }
    if (size <= 0) {
      throw new StoreException(
          "storage option '"
              + name
              + "' for "
              + uri
              + " must be a positive number of bytes, got "
              + (value instanceof String ? "'" + value + "'" : String.valueOf(value)));
    }
    return size;
  }
}
