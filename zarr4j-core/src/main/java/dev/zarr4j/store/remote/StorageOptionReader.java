package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.StoreUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads the storage options of one network store URL, as the stores' providers take them (a map of
 * names to values, values possibly given as text): each reader returns the value of one option or
 * throws a {@link StoreException} naming the option and the URL. An option that is neither the
 * store's own nor one of {@link RemoteOptions#STORAGE_OPTION_KEYS} is refused, naming it and every
 * known one.
 */
public final class StorageOptionReader {
  private final URI url;
  private final String store;
  private final Set<String> known;

  /**
   * @param url the URL whose options are read, for messages
   * @param store the kind of store, for messages ({@code "an S3 store"})
   * @param own the options the store knows besides the network options
   */
  public StorageOptionReader(URI url, String store, Set<String> own) {
    this.url = url;
    this.store = store;
    this.known = new TreeSet<>(own);
    this.known.addAll(RemoteOptions.STORAGE_OPTION_KEYS);
  }

  /**
   * Checks that {@code name} is an option the store knows.
   *
   * @throws StoreException naming the option, the URL and the known options otherwise
   */
  public void checkKnown(String name) {
    if (!known.contains(name)) {
      throw new StoreException(
          "unknown storage option '" + name + "' for " + url + "; " + store + " knows: " + known);
    }
  }

  /**
   * A text option's value.
   *
   * @throws StoreException if the value is null
   */
  public String text(String name, Object value) {
    if (value == null) {
      throw new StoreException("storage option '" + name + "' of '" + url + "' is null");
    }
    return String.valueOf(value);
  }

  /**
   * A boolean option's value: a {@link Boolean}, or {@code true} / {@code false} as text.
   *
   * @throws StoreException otherwise
   */
  public boolean bool(String name, Object value) {
    return StoreUrls.booleanOption(url, name, value);
  }

  /**
   * A number of bytes: a whole number, or its text.
   *
   * @throws StoreException otherwise
   */
  public long bytes(String name, Object value) {
    try {
      if (value instanceof Integer || value instanceof Long) {
        return ((Number) value).longValue();
      }
      return Long.parseLong(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new StoreException(
          "storage option '" + name + "' of '" + url + "' must be a number of bytes, got " + value);
    }
  }

  /**
   * A number of bytes that fits an {@code int}.
   *
   * @throws StoreException otherwise
   */
  public int intBytes(String name, Object value) {
    long n = bytes(name, value);
    if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
      throw new StoreException(
          "storage option '"
              + name
              + "' of '"
              + url
              + "' must be a number of bytes up to "
              + Integer.MAX_VALUE
              + ", got "
              + value);
    }
    return (int) n;
  }

  /**
   * An endpoint: an absolute URL with a scheme and a host.
   *
   * @throws StoreException otherwise
   */
  public URI endpoint(String name, Object value) {
    try {
      URI e = new URI(text(name, value));
      if (e.getScheme() == null || e.getHost() == null) {
        throw new URISyntaxException(String.valueOf(value), "not an absolute http(s) URL");
      }
      return e;
    } catch (URISyntaxException e) {
      throw new StoreException(
          "storage option '" + name + "' of '" + url + "' is not a URL: " + e.getMessage(), e);
    }
  }

  /**
   * The network options among {@code options} ({@link RemoteOptions#fromStorageOptions}).
   *
   * @throws StoreException naming an option whose value is not valid
   */
  public RemoteOptions remote(Map<String, Object> options) {
    return RemoteOptions.fromStorageOptions(options, url.toString());
  }

  /**
   * The store's options, built by {@code build}; an {@link IllegalArgumentException} it throws (the
   * options do not fit together) becomes a {@link StoreException} naming the URL.
   */
  public <T> T build(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new StoreException("storage options of '" + url + "': " + e.getMessage(), e);
    }
  }
}
