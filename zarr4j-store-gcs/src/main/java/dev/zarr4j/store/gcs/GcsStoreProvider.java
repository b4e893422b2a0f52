package dev.zarr4j.store.gcs;

import com.google.cloud.storage.Storage;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreObjectSource;
import dev.zarr4j.store.StoreProvider;
import dev.zarr4j.store.StoreUrls;
import dev.zarr4j.store.remote.RemoteOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens a {@link GcsStore} for {@code gs://bucket/path} and {@code gcs://bucket/path} URLs (the
 * path becomes the object name prefix).
 *
 * <p>Storage options, named as gcsfs names them where it has a name: {@code project}; {@code
 * token}: {@code "anon"} for unauthenticated requests (public buckets), {@code "google_default"}
 * (or {@code "cloud"}, or absent) for Application Default Credentials, anything else the path of a
 * JSON key file; {@code credentials}, the path of a JSON key file; {@code endpoint_url} (or {@code
 * endpoint}) for an emulator or private endpoint; {@code read_only} (booleans may be given as
 * text); {@code resumable_threshold} and {@code upload_chunk_size} (bytes); {@code client}, a
 * {@link Storage} the caller built, used as it is (credentials, project and endpoint are then
 * ignored); and the network options of {@link RemoteOptions#STORAGE_OPTION_KEYS}. Any other option
 * is refused, naming it. A single object ({@link #openObject}) is read with ranged reads, so {@code
 * zip::gs://bucket/data.zip} reads only the archive's directory and the entries it needs.
 */
public final class GcsStoreProvider implements StoreProvider {
  /** The storage option that passes a ready {@link Storage} client. */
  public static final String CLIENT = "client";

  private static final Set<String> OWN =
      Set.of(
          "project",
          "token",
          "credentials",
          "endpoint_url",
          "endpoint",
          "read_only",
          "resumable_threshold",
          "upload_chunk_size",
          CLIENT);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public GcsStoreProvider() {}

  /** {@code gs} and {@code gcs}. */
  @Override
  public Set<String> schemes() {
    return Set.of("gs", "gcs");
  }

  /**
   * Opens the store; no request is made.
   *
   * @throws StoreException if the URL names no bucket or has a query, or an option is unknown or
   *     not valid (the message names it)
   */
  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    return storeAt(uri, pathOf(uri), options);
  }

  /**
   * A source over the one object {@code uri} names, read with ranged reads of the generation a
   * metadata read found (a {@link GcsStore} whose prefix is the object's parent, the object's name
   * as the key); closing the source closes that store. The options are those of {@link #open}.
   *
   * @throws StoreException if the URL names no object (no name, or one ending with {@code /}), an
   *     option is unknown, or the object is absent or cannot be read
   */
  @Override
  public ByteSource openObject(URI uri, Map<String, Object> options) {
    String path = pathOf(uri);
    if (path.replace("/", "").isEmpty() || path.endsWith("/")) {
      throw new StoreException("GCS URL '" + uri + "' names no object (gs://bucket/path/object)");
    }
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash);
    return StoreObjectSource.open(
        storeAt(uri, parent, options), path.substring(slash + 1), uri.toString());
  }

  /** The path of a GCS URL (the object name or prefix, with a leading slash), checking the URL. */
  private static String pathOf(URI uri) {
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new StoreException("GCS URL '" + uri + "' names no bucket (gs://bucket/path)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StoreException("GCS URL '" + uri + "' has a query or fragment");
    }
    return uri.getPath() == null ? "" : uri.getPath();
  }

  /** The store over {@code path} (an object name prefix) of the bucket {@code uri} names. */
  private static GcsStore storeAt(URI uri, String path, Map<String, Object> options) {
    GcsStoreOptions.Builder b = GcsStoreOptions.builder(uri.getAuthority()).prefix(path);
    Storage client = null;
    for (Map.Entry<String, Object> e : options.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      switch (name) {
        case "project" -> b.project(text(uri, name, v));
        case "token" -> token(b, uri, v);
        case "credentials" -> b.credentialsFile(path(uri, name, v));
        case "endpoint_url", "endpoint" -> b.endpoint(endpoint(uri, name, v));
        case "read_only" -> b.readOnly(StoreUrls.booleanOption(uri, name, v));
        case "resumable_threshold" -> b.resumableThreshold(bytes(uri, name, v));
        case "upload_chunk_size" -> b.uploadChunkSize((int) bytes(uri, name, v));
        case CLIENT -> {
          if (!(v instanceof Storage s)) {
            throw new StoreException(
                "storage option '"
                    + name
                    + "' of '"
                    + uri
                    + "' must be a com.google.cloud.storage.Storage, got "
                    + (v == null ? "null" : v.getClass().getName()));
          }
          client = s;
        }
        default -> {
          if (!RemoteOptions.STORAGE_OPTION_KEYS.contains(name)) {
            Set<String> known = new TreeSet<>(OWN);
            known.addAll(RemoteOptions.STORAGE_OPTION_KEYS);
            throw new StoreException(
                "unknown storage option '"
                    + name
                    + "' for "
                    + uri
                    + "; a GCS store knows: "
                    + known);
          }
        }
      }
    }
    b.remote(RemoteOptions.fromStorageOptions(options, uri.toString()));
    GcsStoreOptions o;
    try {
      o = b.build();
    } catch (IllegalArgumentException e) {
      throw new StoreException("storage options of '" + uri + "': " + e.getMessage(), e);
    }
    return client == null ? GcsStore.open(o) : GcsStore.open(client, o);
  }

  /** gcsfs's {@code token}: "anon", the default credentials, or a key file. */
  private static void token(GcsStoreOptions.Builder b, URI uri, Object v) {
    String t = text(uri, "token", v);
    switch (t) {
      case "anon" -> b.anonymous(true);
      case "google_default", "cloud" -> {
        // Application Default Credentials, as without the option
      }
      default -> b.credentialsFile(path(uri, "token", t));
    }
  }

  private static String text(URI uri, String name, Object v) {
    if (v == null) {
      throw new StoreException("storage option '" + name + "' of '" + uri + "' is null");
    }
    return String.valueOf(v);
  }

  private static Path path(URI uri, String name, Object v) {
    try {
      return v instanceof Path p ? p : Path.of(text(uri, name, v));
    } catch (InvalidPathException e) {
      throw new StoreException(
          "storage option '" + name + "' of '" + uri + "' is not a file path: " + v, e);
    }
  }

  private static long bytes(URI uri, String name, Object v) {
    try {
      if (v instanceof Integer || v instanceof Long) {
        return ((Number) v).longValue();
      }
      long n = Long.parseLong(String.valueOf(v).strip());
      if (n > Integer.MAX_VALUE && "upload_chunk_size".equals(name)) {
        throw new NumberFormatException();
      }
      return n;
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
