package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreObjectSource;
import dev.zarr4j.store.StoreProvider;
import java.net.URI;
import java.util.Map;

/**
 * The part of a network store's provider that every object service shares: a URL names a bucket or
 * container and a path in it; {@link #open} opens the store whose prefix is that path, and {@link
 * #openObject} the store over the path's parent, read as one object with ranged reads (so that
 * {@code zip::<url>} reads only the archive's directory and the entries it needs).
 */
public abstract class RemoteStoreProvider implements StoreProvider {

  /** For subclasses. */
  protected RemoteStoreProvider() {}

  /**
   * The path a URL names inside its bucket or container (with a leading slash, or empty), checking
   * the URL.
   *
   * @throws StoreException if the URL names no bucket or container, or is otherwise not valid
   */
  protected abstract String pathOf(URI uri);

  /**
   * The store over {@code path} (a name prefix) of the bucket or container {@code uri} names.
   *
   * @throws StoreException if an option is unknown or not valid, or the store cannot be opened
   */
  protected abstract ReadableStore storeAt(URI uri, String path, Map<String, Object> options);

  /** How an object URL looks, for messages ({@code "s3://bucket/path/object"}). */
  protected abstract String objectUrlExample();

  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    return storeAt(uri, pathOf(uri), options);
  }

  /**
   * A source over the one object {@code uri} names, read with ranged reads of the version first
   * seen (a store whose prefix is the object's parent, the object's name as the key); closing the
   * source closes that store. The options are those of {@link #open}.
   *
   * @throws StoreException if the URL names no object (no name, or one ending with {@code /}), an
   *     option is unknown, or the object is absent or cannot be read
   */
  @Override
  public ByteSource openObject(URI uri, Map<String, Object> options) {
    String path = pathOf(uri);
    if (path.replace("/", "").isEmpty() || path.endsWith("/")) {
      throw new StoreException("URL '" + uri + "' names no object (" + objectUrlExample() + ")");
    }
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash);
    return StoreObjectSource.open(
        storeAt(uri, parent, options), path.substring(slash + 1), uri.toString());
  }

  /**
   * The path of a {@code <scheme>://bucket/path} URL whose authority is the bucket, checking that
   * it names one and has no query or fragment.
   *
   * @param service the service, for messages ({@code "S3"})
   * @param example how such a URL looks, for messages ({@code "s3://bucket/path"})
   */
  protected static String bucketPath(URI uri, String service, String example) {
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new StoreException(service + " URL '" + uri + "' names no bucket (" + example + ")");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StoreException(service + " URL '" + uri + "' has a query or fragment");
    }
    return uri.getPath() == null ? "" : uri.getPath();
  }
}
