package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Opens a {@link DirectoryStore} for a {@code file:} URL, and for a plain file system path (which
 * {@link Stores#open} turns into one).
 *
 * <p>Accepted forms: {@code file:///data/a.zarr} and {@code file:/data/a.zarr} (absolute, with
 * {@code %}-escapes decoded), {@code file://localhost/data/a.zarr}, and {@code file:data/a.zarr}
 * (relative to the working directory). A URL naming another host, or with a query or fragment, is
 * refused. The one storage option is {@code normalize_keys} (a boolean, or the text {@code true} or
 * {@code false}): lower-case every key, as zarr-python's {@code normalize_keys=True}; any other
 * option is refused, naming it.
 */
public final class FileStoreProvider implements StoreProvider {

  /** The storage option that lower-cases keys (see {@link DirectoryStore#normalizeKeys()}). */
  public static final String NORMALIZE_KEYS = "normalize_keys";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public FileStoreProvider() {}

  /** {@code file}. */
  @Override
  public Set<String> schemes() {
    return Set.of("file");
  }

  /**
   * Opens a {@link DirectoryStore} on the directory the URL names; it need not exist yet (the first
   * write creates it).
   *
   * @throws StoreException if the URL is not a local {@code file:} URL, names an existing file that
   *     is not a directory, or an option is unknown or has a value of the wrong kind
   */
  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    boolean normalizeKeys = false;
    for (Map.Entry<String, Object> option : options.entrySet()) {
      if (!NORMALIZE_KEYS.equals(option.getKey())) {
        throw new StoreException(
            "unknown storage option '"
                + option.getKey()
                + "' for "
                + uri
                + "; a file store knows: "
                + NORMALIZE_KEYS);
      }
      normalizeKeys = StoreUrls.booleanOption(uri, option.getKey(), option.getValue());
    }
    return new DirectoryStore(pathOf(uri), normalizeKeys);
  }

  /**
   * A source over the file the URL names, read with positional reads (thread-safe), for chained
   * URLs such as {@code zip::file:///data/a.zip}. No storage option is known here.
   *
   * @throws StoreException if the file is missing or cannot be opened, or an option is given
   */
  @Override
  public ByteSource openObject(URI uri, Map<String, Object> options) {
    if (!options.isEmpty()) {
      throw new StoreException(
          "unknown storage option '" + options.keySet().iterator().next() + "' for " + uri);
    }
    Path path = pathOf(uri);
    java.nio.channels.FileChannel channel;
    try {
      channel = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot open " + path + " (" + uri + "): " + e, e);
    }
    return new FileObjectSource(channel, path);
  }

  /** Positional reads of one open file. */
  private static final class FileObjectSource implements ByteSource {
    private final java.nio.channels.FileChannel channel;
    private final Path path;
    private final long size;

    FileObjectSource(java.nio.channels.FileChannel channel, Path path) {
      this.channel = channel;
      this.path = path;
      try {
        this.size = channel.size();
      } catch (java.io.IOException e) {
        throw new StoreException("cannot read " + path + ": " + e, e);
      }
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void read(long offset, java.nio.ByteBuffer dst) {
      java.util.Objects.checkFromIndexSize(offset, dst.remaining(), size);
      long at = offset;
      try {
        while (dst.hasRemaining()) {
          int n = channel.read(dst, at);
          if (n < 0) {
            throw new StoreException(path + " was truncated while it was read");
          }
          at += n;
        }
      } catch (java.io.IOException e) {
        throw new StoreException("cannot read " + path + ": " + e, e);
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (java.io.IOException ignored) {
        // nothing was written
      }
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** The local path a {@code file:} URI names. */
  static Path pathOf(URI uri) {
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new StoreException("not a file: URL: '" + uri + "'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StoreException(
          "file URL '" + uri + "' has a query or fragment, which names no file");
    }
    try {
      if (uri.isOpaque()) {
        // file:relative/path (no slash after the colon): relative to the working directory
        return Path.of(uri.getSchemeSpecificPart());
      }
      String authority = uri.getRawAuthority();
      if (authority == null || authority.isEmpty() || authority.equalsIgnoreCase("localhost")) {
        return Path.of(new URI("file", null, uri.getPath(), null));
      }
      try {
        return Path.of(uri); // a UNC path on Windows
      } catch (IllegalArgumentException e) {
        throw new StoreException(
            "file URL '"
                + uri
                + "' names the host '"
                + authority
                + "'; only local files (file:///path) can be opened",
            e);
      }
    } catch (StoreException e) {
      throw e;
    } catch (IllegalArgumentException
        | FileSystemNotFoundException
        | java.net.URISyntaxException e) {
      throw new StoreException("cannot open file URL '" + uri + "': " + e.getMessage(), e);
    }
  }
}
