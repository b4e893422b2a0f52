package dev.zarr4j.store.http;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreObjectSource;
import dev.zarr4j.store.StoreProvider;
import dev.zarr4j.store.remote.RemoteOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens an {@link HttpStore} for {@code http://} and {@code https://} URLs. Storage options: those
 * of {@link RemoteOptions#STORAGE_OPTION_KEYS} ({@code max_requests_in_flight}, {@code timeout},
 * ...), and {@code headers}, a map of headers sent with every request; any other option is refused,
 * naming it. A single file ({@link #openObject}) is read with ranged GETs, so {@code
 * zip::https://host/data.zip} reads only the archive's directory and the entries it needs.
 */
public final class HttpStoreProvider implements StoreProvider {

  /** The storage option holding extra request headers (a map of names to values). */
  public static final String HEADERS = "headers";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public HttpStoreProvider() {}

  /** {@code http} and {@code https}. */
  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : options.entrySet()) {
      String k = e.getKey();
      if (HEADERS.equals(k)) {
        if (!(e.getValue() instanceof Map<?, ?> m)) {
          throw new StoreException(
              "storage option 'headers' of '" + uri + "' must be a map, got " + e.getValue());
        }
        m.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
      } else if (!RemoteOptions.STORAGE_OPTION_KEYS.contains(k)) {
        Set<String> known = new TreeSet<>(RemoteOptions.STORAGE_OPTION_KEYS);
        known.add(HEADERS);
        throw new StoreException(
            "unknown storage option '" + k + "' for " + uri + "; an HTTP store knows: " + known);
      }
    }
    return HttpStore.at(uri, RemoteOptions.fromStorageOptions(options, uri.toString()), headers);
  }

  /**
   * A source over the one file {@code uri} names, read with ranged GETs of the version a HEAD found
   * (an {@link HttpStore} on the file's directory, the file's name as the key); closing the source
   * stops that store. The options are those of {@link #open}.
   *
   * @throws StoreException if the URL names a directory (ends with {@code /}) or has a query, an
   *     option is unknown, or the file is absent or cannot be read
   */
  @Override
  public ByteSource openObject(URI uri, Map<String, Object> options) {
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StoreException(
          "HTTP URL '" + uri + "' has a query or fragment; give the file's URL");
    }
    String path = uri.getRawPath();
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      throw new StoreException("HTTP URL '" + uri + "' names no file (it ends with '/')");
    }
    int slash = path.lastIndexOf('/');
    String name = URI.create(path.substring(slash)).getPath().substring(1); // %-escapes decoded
    URI parent = uri.resolve(path.substring(0, slash + 1));
    return StoreObjectSource.open(open(parent, options), name, uri.toString());
  }
}
