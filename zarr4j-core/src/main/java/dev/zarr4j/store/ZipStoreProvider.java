package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens a {@link ZipStore} for {@code zip:} URLs, fsspec's chained form {@code
 * zip::<url-of-the-archive>} ({@code zip::file:///data/a.zip}, {@code zip::s3://bucket/a.zip}), and
 * for local paths ending in {@code .zip} (through {@link #extensions()}).
 *
 * <p>A local archive ({@code file:}) opens in any mode, by default {@code a} (zarr-python's {@code
 * ZipStore} default). An archive at another scheme is read through that scheme's provider's {@link
 * StoreProvider#openObject} with ranged reads, read-only (mode {@code r}). Storage options: {@code
 * mode} ({@code r}, {@code w}, {@code a}, {@code x}) and {@code compression} ({@code 0} or {@code
 * "stored"}, {@code 8} or {@code "deflated"}); every other option goes to the archive's provider.
 */
public final class ZipStoreProvider implements StoreProvider {

  /** The storage option naming the mode. */
  public static final String MODE = "mode";

  /** The storage option naming the compression of entries written. */
  public static final String COMPRESSION = "compression";

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public ZipStoreProvider() {}

  /** {@code zip}. */
  @Override
  public Set<String> schemes() {
    return Set.of("zip");
  }

  /** {@code .zip}. */
  @Override
  public Set<String> extensions() {
    return Set.of(".zip");
  }

  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    Map<String, Object> rest = new LinkedHashMap<>(options);
    Object modeOption = rest.remove(MODE);
    Object compressionOption = rest.remove(COMPRESSION);
    String inner = innerUrl(uri);
    int compression = compressionOf(uri, compressionOption);
    String innerScheme = Stores.schemeOf(inner);
    if (innerScheme == null || innerScheme.equalsIgnoreCase("file")) {
      if (!rest.isEmpty()) {
        throw new StoreException(
            "unknown storage option '"
                + rest.keySet().iterator().next()
                + "' for "
                + uri
                + "; a local zip store knows: "
                + MODE
                + ", "
                + COMPRESSION);
      }
      ZipStore.Mode mode = modeOf(uri, modeOption, ZipStore.Mode.APPEND);
      java.nio.file.Path path =
          innerScheme == null
              ? java.nio.file.Path.of(inner)
              : FileStoreProvider.pathOf(URI.create(inner));
      return ZipStore.open(path, mode, compression);
    }
    ZipStore.Mode mode = modeOf(uri, modeOption, ZipStore.Mode.READ);
    if (mode != ZipStore.Mode.READ) {
      throw new StoreException(
          "a zip archive at '"
              + inner
              + "' is read only (mode r); mode "
              + mode.letter()
              + " needs a local file");
    }
    return ZipStore.of(Stores.openObject(inner, rest));
  }

  /** The URL of the archive: after {@code zip::}, or the path of {@code zip:/path}. */
  private static String innerUrl(URI uri) {
    String ssp = uri.getRawSchemeSpecificPart();
    if (ssp != null && ssp.startsWith(":")) {
      return ssp.substring(1);
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty()) {
      return "file://" + uri.getRawPath();
    }
    throw new StoreException(
        "zip URL '" + uri + "' names no archive; write zip::file:///path/a.zip or zip:///path");
  }

  private static ZipStore.Mode modeOf(URI uri, Object option, ZipStore.Mode fallback) {
    if (option == null) {
      return fallback;
    }
    try {
      return ZipStore.modeOf(String.valueOf(option));
    } catch (IllegalArgumentException e) {
      throw new StoreException("storage option 'mode' for " + uri + ": " + e.getMessage(), e);
    }
  }

  private static int compressionOf(URI uri, Object option) {
    if (option == null) {
      return ZipStore.STORED;
    }
    String text = String.valueOf(option).toLowerCase(java.util.Locale.ROOT);
    return switch (text) {
      case "0", "stored" -> ZipStore.STORED;
      case "8", "deflated" -> ZipStore.DEFLATED;
      default ->
          throw new StoreException(
              "storage option 'compression' for "
                  + uri
                  + " must be 0 (stored) or 8 (deflated), got '"
                  + option
                  + "'");
    };
  }
}
