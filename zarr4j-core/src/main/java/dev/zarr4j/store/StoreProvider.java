package dev.zarr4j.store;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Service interface through which stores are opened from a URL, found by the URL's scheme through
 * {@link java.util.ServiceLoader}. {@link Stores#open} picks the provider.
 *
 * <p>zarr4j's core registers {@link FileStoreProvider} ({@code file:} URLs and plain paths). A
 * module or application adds a scheme by implementing this interface in a public class with a
 * public no-argument constructor and listing that class in {@code
 * META-INF/services/dev.zarr4j.store.StoreProvider}. Providers are stateless and thread-safe.
 */
public interface StoreProvider {

  /**
   * The URL schemes this provider opens, without the colon, conventionally in lower case: {@code
   * "file"}, {@code "s3"}, {@code "https"}. Schemes are compared ignoring case.
   */
  Set<String> schemes();

  /**
   * Opens the store {@code uri} names.
   *
   * @param uri an absolute URI whose scheme is one of {@link #schemes()} (in any case)
   * @param options storage options, as fsspec's {@code storage_options} (for example credentials,
   *     an endpoint, {@code normalize_keys}); never null, possibly empty. A provider rejects an
   *     option it does not know with a {@link dev.zarr4j.exceptions.StoreException} naming it.
   * @return the store, open; a read-only store implements {@link ReadableStore} only, a writable
   *     one {@link Store}. The caller closes it.
   * @throws dev.zarr4j.exceptions.StoreException if the URI or an option is not valid for this
   *     provider (the message names it), or the store cannot be opened
   */
  ReadableStore open(URI uri, Map<String, Object> options);
}
