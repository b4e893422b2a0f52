package dev.zarr4j.store.sqlite;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreProvider;
import dev.zarr4j.store.StoreUrls;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens a {@link SQLiteStore} for a {@code sqlite:} URL, through {@link
 * dev.zarr4j.store.Stores#open}.
 *
 * <p>Accepted forms: {@code sqlite:/data/a.sqlite} and {@code sqlite:///data/a.sqlite} (absolute,
 * {@code %}-escapes decoded), {@code sqlite://localhost/data/a.sqlite}, and {@code
 * sqlite:data/a.sqlite} (relative to the working directory). The one storage option is {@code
 * read_only} (a boolean, or the text {@code true} or {@code false}); any other is refused, naming
 * it.
 */
public final class SQLiteStoreProvider implements StoreProvider {

  /** The storage option that opens the database read-only. */
  public static final String READ_ONLY = "read_only";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public SQLiteStoreProvider() {}

  /** {@code sqlite}. */
  @Override
  public Set<String> schemes() {
    return Set.of("sqlite");
  }

  /**
   * Opens the database file the URL names (created when missing, unless read-only).
   *
   * @throws StoreException if the URL names no local file, an option is unknown or not a boolean,
   *     or the database cannot be opened
   */
  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    boolean readOnly = false;
    for (Map.Entry<String, Object> option : options.entrySet()) {
      if (!READ_ONLY.equals(option.getKey())) {
        throw new StoreException(
            "unknown storage option '"
                + option.getKey()
                + "' for "
                + uri
                + "; an SQLite store knows: "
                + READ_ONLY);
      }
      readOnly = StoreUrls.booleanOption(uri, option.getKey(), option.getValue());
    }
    return new SQLiteStore(StoreUrls.localPath(uri), readOnly);
  }
}
