package dev.zarr4j.store.http;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.remote.RemoteCalls;
import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteReadable;
import dev.zarr4j.store.remote.RemoteReads;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * A read-only store over HTTP(S): the value of key {@code a/b} is the file at {@code <base>/a/b}
 * (zarr-python's {@code FSStore} on fsspec's HTTP file system). Reads are ranged GETs ({@code
 * Range: bytes=a-b}, {@code bytes=a-}, suffix {@code bytes=-n}); a server that ignores {@code
 * Range} and answers 200 with the whole file is read correctly (the bytes asked for are cut from
 * it). 404 and 410 mean absent. A value opened with {@link #open} is read with {@code If-Match} on
 * the {@code ETag} the HEAD gave, so a file replaced meanwhile fails rather than mixes versions.
 *
 * <p><b>Listing.</b> HTTP has no listing, so this store is not listable: open a hierarchy through
 * its consolidated metadata ({@code Convenience.openConsolidated(ReadOnlyStore.of(store), ...)}),
 * as with zarr-python over HTTP. Arrays and groups opened by path read without listing.
 *
 * <p><b>Requests.</b> Batched reads ({@link #getMany}, and the ranges of an opened value) keep up
 * to {@link RemoteOptions#maxRequestsInFlight()} requests in flight, and the store reports itself
 * {@linkplain StoreCapabilities#latencyBound() latency-bound}, so an array read fetches its chunks
 * together. Every request has a timeout; server errors, throttling, resets and timeouts are retried
 * with backoff within a deadline, then fail with a {@link StoreException} naming the URL and key
 * (see {@link RemoteOptions}). Thread-safe; close it to stop its I/O threads.
 */
public final class HttpStore implements RemoteReadable {
  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(false, false, true, true).withLatencyBound(true);

  private final URI base;
  private final RemoteReads reads;

  private HttpStore(URI base, RemoteOptions options, Map<String, String> headers) {
    this.base = base;
    this.reads =
        new RemoteReads(
            new HttpObjectClient(base, options, headers),
            new RemoteCalls(options, base.getHost() == null ? "http" : base.getHost()));
  }

  /** The store at {@code url} with the default {@link RemoteOptions}. */
  public static HttpStore at(String url) {
    return at(uriOf(url), RemoteOptions.defaults(), Map.of());
  }

  /**
   * The store whose keys are files below {@code url}.
   *
   * @param url an absolute {@code http} or {@code https} URL (a trailing {@code /} is added when
   *     missing; a query or fragment is refused)
   * @param options limits, timeouts, retries and coalescing
   * @param headers sent with every request (an {@code Authorization}, for example)
   * @throws StoreException if the URL is not an absolute HTTP(S) URL without query or fragment
   */
  public static HttpStore at(URI url, RemoteOptions options, Map<String, String> headers) {
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new StoreException("not an absolute http:// or https:// URL: '" + url + "'");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new StoreException(
          "HTTP store URL '" + url + "' has a query or fragment; give the base URL of the files");
    }
    String s = url.toString();
    URI base = s.endsWith("/") ? url : URI.create(s + "/");
    return new HttpStore(base, options, headers);
  }

  private static URI uriOf(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new StoreException("malformed URL '" + url + "': " + e.getMessage(), e);
    }
  }

  /** The base URL, ending with {@code /}. */
  public URI baseUri() {
    return base;
  }

  /** The options this store's requests follow. */
  public RemoteOptions options() {
    return reads.calls().options();
  }

  /** How many request attempts this store has started, retries included. */
  public long attempts() {
    return reads.calls().attempts();
  }

  /** Not writable, not listable; ranges, persistent, latency-bound. */
  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** The machinery that serves this store's reads ({@link RemoteReadable}). */
  @Override
  public RemoteReads reads() {
    return reads;
  }

  /** Stops the I/O threads; later reads fail with a {@link StoreException}. */
  @Override
  public void close() {
    reads.calls().close();
  }

  @Override
  public String toString() {
    return "HttpStore(" + base + ")";
  }
}
