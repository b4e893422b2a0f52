package dev.zarr4j.store.bdb;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreProvider;
import dev.zarr4j.store.StoreUrls;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens a {@link DBMStore} for a {@code bdb:} URL, through {@link dev.zarr4j.store.Stores#open}.
 *
 * <p>Accepted forms: {@code bdb:/data/a.bdb} and {@code bdb:///data/a.bdb} (absolute, {@code
 * %}-escapes decoded), {@code bdb://localhost/data/a.bdb}, and {@code bdb:data/a.bdb} (relative to
 * the working directory). The one storage option is {@code read_only} (a boolean, or the text
 * {@code true} or {@code false}); any other is refused, naming it.
 */
public final class DBMStoreProvider implements StoreProvider {

  /** The storage option that opens the environment read-only. */
  public static final String READ_ONLY = "read_only";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public DBMStoreProvider() {}

  /** {@code bdb}. */
  @Override
  public Set<String> schemes() {
    return Set.of("bdb");
  }

  /**
   * Opens the environment directory the URL names (created when missing, unless read-only).
   *
   * @throws StoreException if the URL names no local file, an option is unknown or not a boolean,
   *     or the environment cannot be opened
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
                + "; a DBM store knows: "
                + READ_ONLY);
      }
      readOnly = StoreUrls.booleanOption(uri, option.getKey(), option.getValue());
    }
    return new DBMStore(StoreUrls.localPath(uri), readOnly);
  }
}
