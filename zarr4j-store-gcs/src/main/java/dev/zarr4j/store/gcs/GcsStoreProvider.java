package dev.zarr4j.store.gcs;

import com.google.cloud.storage.Storage;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteStoreProvider;
import dev.zarr4j.store.remote.StorageOptionReader;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

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
public final class GcsStoreProvider extends RemoteStoreProvider {
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

  @Override
  protected String objectUrlExample() {
    return "gs://bucket/path/object";
  }

  /** The path of a GCS URL (the object name or prefix, with a leading slash), checking the URL. */
  @Override
  protected String pathOf(URI uri) {
    return bucketPath(uri, "GCS", "gs://bucket/path");
  }

  /**
   * The store over {@code path} (an object name prefix) of the bucket {@code uri} names; no request
   * is made.
   */
  @Override
  protected GcsStore storeAt(URI uri, String path, Map<String, Object> options) {
    StorageOptionReader read = new StorageOptionReader(uri, "a GCS store", OWN);
    GcsStoreOptions.Builder b = GcsStoreOptions.builder(uri.getAuthority()).prefix(path);
    Storage client = null;
    for (Map.Entry<String, Object> e : options.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      switch (name) {
        case "project" -> b.project(read.text(name, v));
        case "token" -> token(b, read, uri, v);
        case "credentials" -> b.credentialsFile(path(read, uri, name, v));
        case "endpoint_url", "endpoint" -> b.endpoint(read.endpoint(name, v));
        case "read_only" -> b.readOnly(read.bool(name, v));
        case "resumable_threshold" -> b.resumableThreshold(read.bytes(name, v));
        case "upload_chunk_size" -> b.uploadChunkSize(read.intBytes(name, v));
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
        default -> read.checkKnown(name);
      }
    }
    b.remote(read.remote(options));
    GcsStoreOptions o = read.build(b::build);
    return client == null ? GcsStore.open(o) : GcsStore.open(client, o);
  }

  /** gcsfs's {@code token}: "anon", the default credentials, or a key file. */
  private static void token(
      GcsStoreOptions.Builder b, StorageOptionReader read, URI uri, Object v) {
    String t = read.text("token", v);
    switch (t) {
      case "anon" -> b.anonymous(true);
      case "google_default", "cloud" -> {
        // Application Default Credentials, as without the option
      }
      default -> b.credentialsFile(path(read, uri, "token", t));
    }
  }

  private static Path path(StorageOptionReader read, URI uri, String name, Object v) {
    try {
      return v instanceof Path p ? p : Path.of(read.text(name, v));
    } catch (InvalidPathException e) {
      throw new StoreException(
          "storage option '" + name + "' of '" + uri + "' is not a file path: " + v, e);
    }
  }
}
