package dev.zarr4j.store.mongodb;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Opens a {@link MongoDBStore} for a {@code mongodb://} URL: {@code
 * mongodb://[user:password@]host[:port][,host2...]/database/collection[?driver options]}. A missing
 * collection or database takes zarr-python's default ({@code zarr_collection}, {@code
 * mongodb_zarr}). The query goes to the driver as the options of a MongoDB connection string
 * ({@code authSource}, {@code replicaSet}, ...), and the user information as its credentials.
 *
 * <p>Storage options: {@code timeout_ms} (server selection, connect and answer timeout, 10000 by
 * default). Any other option is refused, naming it.
 */
public final class MongoDBStoreProvider implements StoreProvider {
  /** The timeout in milliseconds. */
  public static final String TIMEOUT_MS = "timeout_ms";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public MongoDBStoreProvider() {}

  /** {@code mongodb}. */
  @Override
  public Set<String> schemes() {
    return Set.of("mongodb");
  }

  /**
   * Connects to the servers the URL names.
   *
   * @throws StoreException if the URL or an option is not valid (the message names it), or no
   *     server can be reached (naming {@code host:port})
   */
  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      throw new StoreException(
          "MongoDB URL '" + uri + "' names no server; expected mongodb://host:port/db/collection");
    }
    if (uri.getRawFragment() != null) {
      throw new StoreException(
          "MongoDB URL '" + uri + "' has a fragment, which means nothing here");
    }
    MongoDBStore.Builder builder = MongoDBStore.builder();
    for (Map.Entry<String, Object> option : options.entrySet()) {
      if (!TIMEOUT_MS.equals(option.getKey())) {
        throw new StoreException(
            "unknown storage option '"
                + option.getKey()
                + "' for "
                + uri
                + "; a MongoDB store knows: "
                + TIMEOUT_MS
                + " (driver options go in the URL's query)");
      }
      builder.timeout(Duration.ofMillis(millis(uri, option.getValue())));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String trimmed = path.replaceFirst("^/", "").replaceFirst("/$", "");
    String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    for (String part : parts) {
      if (parts.length > 2 || part.isEmpty()) {
        throw new StoreException(
            "the path of MongoDB URL '"
                + uri
                + "' must be /database/collection, got '"
                + path
                + "'");
      }
    }
    if (parts.length >= 1) {
      builder.database(decode(parts[0]));
    }
    if (parts.length == 2) {
      builder.collection(decode(parts[1]));
    }
    String query = uri.getRawQuery();
    builder.connectionString(
        "mongodb://" + uri.getRawAuthority() + "/" + (query == null ? "" : "?" + query));
    return builder.build();
  }

  private static long millis(URI uri, Object value) {
    try {
      long n = Long.parseLong(String.valueOf(value).trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new StoreException(
        "storage option '"
            + TIMEOUT_MS
            + "' for "
            + uri
            + " must be a whole number of milliseconds >= 1, got '"
            + value
            + "'");
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
