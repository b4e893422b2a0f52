package dev.zarr4j.store.s3;

import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteStoreProvider;
import dev.zarr4j.store.remote.StorageOptionReader;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens an {@link S3Store} for {@code s3://bucket/path} URLs (the path becomes the key prefix).
 *
 * <p>Storage options, named as s3fs names them where it has a name: {@code endpoint_url} (or {@code
 * endpoint}), {@code region}, {@code anon} (or {@code anonymous}), {@code key} and {@code secret}
 * (explicit keys), {@code token} (a session token), {@code path_style} (booleans may be given as
 * text), {@code multipart_threshold} and {@code part_size} (bytes), and the network options of
 * {@link RemoteOptions#STORAGE_OPTION_KEYS}. Without keys, the SDK's default credentials chain is
 * used. Any other option is refused, naming it. A single object ({@link #openObject}) is read with
 * ranged GETs, so {@code zip::s3://bucket/data.zip} reads only the archive's directory and the
 * entries it needs.
 */
public final class S3StoreProvider extends RemoteStoreProvider {
  private static final Set<String> OWN =
      Set.of(
          "endpoint_url",
          "endpoint",
          "region",
          "anon",
          "anonymous",
          "key",
          "secret",
          "token",
          "path_style",
          "multipart_threshold",
          "part_size");

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public S3StoreProvider() {}

  /** {@code s3}. */
  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  protected String objectUrlExample() {
    return "s3://bucket/path/object";
  }

  /** The path of an S3 URL (the key or prefix, with a leading slash), checking the URL. */
  @Override
  protected String pathOf(URI uri) {
    return bucketPath(uri, "S3", "s3://bucket/path");
  }

  /** The store over {@code path} (a key prefix) of the bucket {@code uri} names. */
  @Override
  protected S3Store storeAt(URI uri, String path, Map<String, Object> options) {
    StorageOptionReader read = new StorageOptionReader(uri, "an S3 store", OWN);
    S3StoreOptions.Builder b = S3StoreOptions.builder(uri.getAuthority()).prefix(path);
    String key = null;
    String secret = null;
    for (Map.Entry<String, Object> e : options.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      switch (name) {
        case "endpoint_url", "endpoint" -> b.endpoint(read.endpoint(name, v));
        case "region" -> b.region(read.text(name, v));
        case "anon", "anonymous" -> b.anonymous(read.bool(name, v));
        case "key" -> key = read.text(name, v);
        case "secret" -> secret = read.text(name, v);
        case "token" -> b.sessionToken(read.text(name, v));
        case "path_style" -> b.pathStyle(read.bool(name, v));
        case "multipart_threshold" -> b.multipartThreshold(read.bytes(name, v));
        case "part_size" -> b.partSize(read.bytes(name, v));
        default -> read.checkKnown(name);
      }
    }
    if (key != null || secret != null) {
      b.credentials(key, secret);
    }
    b.remote(read.remote(options));
    return S3Store.open(read.build(b::build));
  }
}
