package dev.zarr4j.store.s3;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreObjectSource;
import dev.zarr4j.store.StoreProvider;
import dev.zarr4j.store.remote.RemoteOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
public final class S3StoreProvider implements StoreProvider {
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
  public ReadableStore open(URI uri, Map<String, Object> options) {
    return storeAt(uri, pathOf(uri), options);
  }

  /**
   * A source over the one object {@code uri} names, read with ranged GETs of the version a HEAD
   * found (an {@link S3Store} whose prefix is the object's parent, the object's name as the key);
   * closing the source closes that store. The options are those of {@link #open}.
   *
   * @throws StoreException if the URL names no object (no key, or one ending with {@code /}), an
   *     option is unknown, or the object is absent or cannot be read
   */
  @Override
  public ByteSource openObject(URI uri, Map<String, Object> options) {
    String path = pathOf(uri);
    if (path.replace("/", "").isEmpty() || path.endsWith("/")) {
      throw new StoreException("S3 URL '" + uri + "' names no object (s3://bucket/path/object)");
    }
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash);
    return StoreObjectSource.open(
        storeAt(uri, parent, options), path.substring(slash + 1), uri.toString());
  }

  /** The path of an S3 URL (the key or prefix, with a leading slash), checking the URL. */
  private static String pathOf(URI uri) {
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new StoreException("S3 URL '" + uri + "' names no bucket (s3://bucket/path)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StoreException("S3 URL '" + uri + "' has a query or fragment");
    }
    return uri.getPath() == null ? "" : uri.getPath();
  }

  /** The store over {@code path} (a key prefix) of the bucket {@code uri} names. */
  private static S3Store storeAt(URI uri, String path, Map<String, Object> options) {
    String bucket = uri.getAuthority();
    S3StoreOptions.Builder b = S3StoreOptions.builder(bucket).prefix(path);
    String key = null;
    String secret = null;
    for (Map.Entry<String, Object> e : options.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      switch (name) {
        case "endpoint_url", "endpoint" -> b.endpoint(endpoint(uri, name, v));
        case "region" -> b.region(text(uri, name, v));
        case "anon", "anonymous" -> b.anonymous(bool(uri, name, v));
        case "key" -> key = text(uri, name, v);
        case "secret" -> secret = text(uri, name, v);
        case "token" -> b.sessionToken(text(uri, name, v));
        case "path_style" -> b.pathStyle(bool(uri, name, v));
        case "multipart_threshold" -> b.multipartThreshold(bytes(uri, name, v));
        case "part_size" -> b.partSize(bytes(uri, name, v));
        default -> {
          if (!RemoteOptions.STORAGE_OPTION_KEYS.contains(name)) {
            Set<String> known = new TreeSet<>(OWN);
            known.addAll(RemoteOptions.STORAGE_OPTION_KEYS);
            throw new StoreException(
                "unknown storage option '"
                    + name
                    + "' for "
                    + uri
                    + "; an S3 store knows: "
                    + known);
          }
        }
      }
    }
    if (key != null || secret != null) {
      b.credentials(key, secret);
    }
    b.remote(RemoteOptions.fromStorageOptions(options, uri.toString()));
    S3StoreOptions o;
    try {
      o = b.build();
    } catch (IllegalArgumentException e) {
      throw new StoreException("storage options of '" + uri + "': " + e.getMessage(), e);
    }
    return S3Store.open(o);
  }

  private static String text(URI uri, String name, Object v) {
    if (v == null) {
      throw new StoreException("storage option '" + name + "' of '" + uri + "' is null");
    }
    return String.valueOf(v);
  }

  private static boolean bool(URI uri, String name, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equalsIgnoreCase(String.valueOf(v)) || "false".equalsIgnoreCase(String.valueOf(v))) {
      return Boolean.parseBoolean(String.valueOf(v));
    }
    throw new StoreException(
        "storage option '" + name + "' of '" + uri + "' must be true or false, got " + v);
  }

  private static long bytes(URI uri, String name, Object v) {
    try {
      if (v instanceof Integer || v instanceof Long) {
        return ((Number) v).longValue();
      }
      return Long.parseLong(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      throw new StoreException(
          "storage option '" + name + "' of '" + uri + "' must be a number of bytes, got " + v);
    }
  }

  private static URI endpoint(URI uri, String name, Object v) {
    try {
      URI e = new URI(text(uri, name, v));
      if (e.getScheme() == null || e.getHost() == null) {
        throw new URISyntaxException(String.valueOf(v), "not an absolute http(s) URL");
      }
      return e;
    } catch (URISyntaxException e) {
      throw new StoreException(
          "storage option '" + name + "' of '" + uri + "' is not a URL: " + e.getMessage(), e);
    }
  }
}
