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

  /**
   * File name endings (lower case, with the dot: {@code ".zip"}) of local paths this provider
   * opens: {@link Stores#open} hands a plain path or {@code file:} URL that ends so (and is not a
   * directory) to this provider, as the chained URL {@code <scheme>::file:///...}. The default is
   * none.
   */
  default Set<String> extensions() {
    return Set.of();
  }

  /**
   * Opens the one object {@code uri} names (a file, an object in a bucket) for random reads, so
   * that a chained URL can read through it: {@code zip::s3://bucket/data.zip} has the zip provider
   * read the archive from the {@code s3} provider's source with ranged reads (see {@link
   * Stores#openObject}). The default refuses: a provider that can serve single objects overrides
   * it.
   *
   * @param uri an absolute URI of one of {@link #schemes()}
   * @param options storage options, as for {@link #open}
   * @return a source over the object, which the caller closes
   * @throws dev.zarr4j.exceptions.StoreException if the object is missing or cannot be read, or the
   *     provider cannot open single objects
   */
  default ByteSource openObject(URI uri, Map<String, Object> options) {
    throw new dev.zarr4j.exceptions.StoreException(
        "the store provider for '"
            + uri.getScheme()
            + "' cannot open the single object '"
            + uri
            + "', so it cannot be chained (as in zip::"
            + uri
            + ")");
  }
}
