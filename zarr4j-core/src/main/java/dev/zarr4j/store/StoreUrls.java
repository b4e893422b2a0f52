package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What {@link StoreProvider}s of local stores share: the file a URL of their scheme names, and the
 * parsing of a boolean storage option, each failing with a {@link StoreException} that names the
 * URL and what is wrong with it.
 */
public final class StoreUrls {
  private StoreUrls() {}

  /**
   * The local path a URL names, whatever its scheme: {@code scheme:///abs/path}, {@code
   * scheme://localhost/abs/path} or {@code scheme:relative/path} (relative to the working
   * directory). A query, a fragment, another host or no path at all is refused.
   *
   * @throws StoreException naming the URL when it names no local file
   */
  public static Path localPath(URI uri) {
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StoreException(
          "store URL '" + uri + "' has a query or fragment, which names no file");
    }
    String authority = uri.getRawAuthority();
    if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
      throw new StoreException(
          "store URL '"
              + uri
              + "' names the host '"
              + authority
              + "'; only local files ("
              + uri.getScheme()
              + ":///path) can be opened");
    }
    String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
    if (path == null || path.isEmpty()) {
      throw new StoreException("store URL '" + uri + "' names no file");
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw new StoreException("store URL '" + uri + "' names no valid path: " + e.getMessage(), e);
    }
  }

  /**
   * A boolean storage option: a {@link Boolean}, or the text {@code true} / {@code false} in any
   * case.
   *
   * @throws StoreException naming the option, the URL and the value otherwise
   */
  public static boolean booleanOption(URI uri, String name, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      if (s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw new StoreException(
        "storage option '"
            + name
            + "' for "
            + uri
            + " must be true or false, got "
            + (value instanceof String ? "'" + value + "'" : String.valueOf(value)));
  }
}
