package dev.zarr4j.store.remote;

import java.net.URI;

/**
 * What the options of every network store over an object service tell (S3, Azure Blob, GCS): where
 * the store's keys live inside their bucket or container, which endpoint serves them, whether
 * requests go unsigned, and how the store talks to its server. The stores' option records implement
 * it; their builders extend {@link RemoteStoreOptionsBuilder}.
 */
public interface RemoteStoreOptions {

  /**
   * The name prefix inside the bucket or container under which the store's keys live ({@code ""}
   * for all of it; no leading or trailing {@code /}).
   */
  String prefix();

  /** The service's URL (an emulator, a compatible server, a private endpoint), or null. */
  URI endpoint();

  /** Whether requests go unsigned (a public bucket or container). */
  boolean anonymous();

  /** Requests in flight, timeouts, retries and coalescing. */
  RemoteOptions remote();

  /** The store's location as a URL ({@code s3://bucket/prefix}), for messages. */
  String url();

  /** A prefix as the options keep it: without leading or trailing slashes, {@code ""} for null. */
  static String normalPrefix(String prefix) {
    return prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
  }

  /**
   * The URL of a location: {@code <scheme>://<root>} followed by {@code /<prefix>} unless the
   * prefix is empty.
   *
   * @param root the bucket or container
   */
  static String locationUrl(String scheme, String root, String prefix) {
    return scheme + "://" + root + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /**
   * Checks that the network options are given.
   *
   * @throws IllegalArgumentException if {@code remote} is null
   */
  static void requireRemote(RemoteOptions remote) {
    if (remote == null) {
      throw new IllegalArgumentException("remote options must not be null");
    }
  }
}
