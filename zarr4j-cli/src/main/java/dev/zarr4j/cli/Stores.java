package dev.zarr4j.cli;

import dev.zarr4j.Zarr;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a STORE argument into a store and the metadata format its name implies. A store is a
 * directory (one named {@code *.n5} holds an N5 container), a zip file ({@code *.zip}), or a URL of
 * any scheme a store provider on the class path opens ({@link dev.zarr4j.store.Stores#open}: {@code
 * file:}, {@code http(s)://}, {@code zip::<url>}, {@code s3://}, {@code redis://}, {@code
 * mongodb://}, {@code sqlite:}, {@code lmdb:}, {@code bdb:}, and those of store modules added
 * later), with the command's storage options.
 *
 * <p>Every store opened is registered with the command's {@link OpenStores}, which closes it when
 * the command ends. Reading commands see stores read-only. A zip file a command writes to is staged
 * ({@link ZipStaging}) and written in one pass when the command succeeds. No store provider is
 * loaded for a plain directory.
 */
final class Stores {
  private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)(://|::|:)");

  private Stores() {}

  /**
   * The existing store at {@code location}, read-only unless {@code writable}.
   *
   * @throws CliException naming the location if it does not exist, cannot be opened, or is
   *     read-only while {@code writable}
   */
  static Store openExisting(
      Main main, String location, Map<String, String> options, boolean writable) {
    if (isUrl(location)) {
      Path zip = localZip(main.base(), location);
      if (zip != null && writable) {
        return staged(main, location, zip, options);
      }
      return main.openStores().closeAtEnd(open(location, location, options, writable));
    }
    Path p = path(main.base(), location);
    if (isZipName(location) && Files.isRegularFile(p)) {
      if (writable) {
        return staged(main, location, p, options);
      }
      Map<String, String> read = new LinkedHashMap<>(options);
      read.put("mode", "r");
      return main.openStores().closeAtEnd(open(location, p.toString(), read, false));
    }
    if (!Files.exists(p)) {
      throw new CliException("no such store: " + location + " does not exist");
    }
    if (!Files.isDirectory(p)) {
      throw new CliException(location + " is a file, not a directory store or zip file");
    }
    return main.openStores().closeAtEnd(directory(location, p, options, writable));
  }

  /**
   * The store a command writes to at {@code location}, created when missing (a directory on first
   * write, a zip file when the command succeeds, what a URL's provider creates).
   *
   * @throws CliException naming the location if it cannot be opened or is read-only
   */
  static Store openDestination(Main main, String location, Map<String, String> options) {
    if (isUrl(location)) {
      Path zip = localZip(main.base(), location);
      if (zip != null) {
        return staged(main, location, zip, options);
      }
      return main.openStores().closeAtEnd(open(location, location, options, true));
    }
    Path p = path(main.base(), location);
    if (isZipName(location) && !Files.isDirectory(p)) {
      return staged(main, location, p, options);
    }
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw new CliException(location + " is a file, not a directory store or zip file");
    }
    return main.openStores().closeAtEnd(directory(location, p, options, true));
  }

  /** The local directory or file {@code location} names, or empty for a URL. */
  static Optional<Path> localPath(Path base, String location) {
    return isUrl(location) ? Optional.empty() : Optional.of(path(base, location));
  }

  /**
   * The metadata format a location's name implies when nothing says otherwise (N5 for a directory
   * named {@code *.n5}), or {@code null} for the format of what is there, else Zarr v2.
   */
  static NodeFormat format(Path base, String location) {
    if (isUrl(location) || isZipName(location)) {
      return null; // what is there decides
    }
    Path p = path(base, location);
    if (Files.isRegularFile(p)) {
      return null;
    }
    return Zarr.formatOf(p);
  }

  /**
   * The file or directory a path names, resolved against {@code base}.
   *
   * @throws CliException if {@code location} is a URL or not a valid path
   */
  static Path path(Path base, String location) {
    Matcher m = URL.matcher(location);
    if (m.find() && m.group(1).length() > 1) {
      throw new CliException(
          "'" + location + "' is a store URL; a file path is needed here (" + m.group(1) + ")");
    }
    try {
      return base.resolve(location);
    } catch (InvalidPathException e) {
      throw new CliException("invalid store path '" + location + "': " + e.getReason());
    }
  }

  /** Whether {@code location} is a URL (a scheme of two or more letters and a colon). */
  static boolean isUrl(String location) {
    Matcher m = URL.matcher(location);
    return m.find() && m.group(1).length() > 1;
  }

  private static boolean isZipName(String location) {
    return location.toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * The local file a {@code zip:} URL names ({@code zip::file:///a.zip}, {@code zip:///a.zip}), or
   * {@code null} for any other URL.
   */
  private static Path localZip(Path base, String location) {
    if (!location.regionMatches(true, 0, "zip:", 0, 4)) {
      return null;
    }
    String inner = location.substring(4);
    try {
      if (inner.startsWith(":")) {
        inner = inner.substring(1);
        if (!isUrl(inner)) {
          return base.resolve(inner);
        }
        URI u = new URI(inner);
        return "file".equalsIgnoreCase(u.getScheme()) ? Path.of(u) : null;
      }
      URI u = new URI(location);
      return u.getPath() == null || u.getPath().isEmpty() ? null : Path.of(u.getPath());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null; // the provider reports what is wrong with it
    }
  }

  private static Store staged(Main main, String location, Path zip, Map<String, String> options) {
    ZipStaging staging = ZipStaging.open(location, zip, options);
    main.openStores().finishAtEnd(staging::finish);
    return staging;
  }

  /** A directory store, through the {@code file:} provider when storage options are given. */
  private static Store directory(
      String location, Path p, Map<String, String> options, boolean writable) {
    if (options.isEmpty()) {
      return new DirectoryStore(p); // no provider is loaded for a plain directory
    }
    return open(location, p.toString(), options, writable);
  }

  /** A store opened through the providers, read-only unless {@code writable}. */
  private static Store open(
      String location, String url, Map<String, String> options, boolean writable) {
    Map<String, Object> opts = new LinkedHashMap<>(options);
    try {
      if (writable) {
        return dev.zarr4j.store.Stores.openWritable(url, opts);
      }
      ReadableStore opened = dev.zarr4j.store.Stores.open(url, opts);
      return new ReadOnlyStore(opened);
    } catch (ReadOnlyException e) {
      throw new CliException(
          "cannot write to " + location + ": the store is read-only (" + e.getMessage() + ")", e);
    } catch (ZarrException e) {
      throw new CliException("cannot open store " + location + ": " + e.getMessage(), e);
    }
  }
}
