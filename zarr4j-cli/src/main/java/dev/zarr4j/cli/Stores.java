package dev.zarr4j.cli;

import dev.zarr4j.Zarr;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the STORE argument into a store and the metadata format its name implies: a directory (one
 * named {@code *.n5} holds an N5 container); for reading also a zip file and the URLs of the core's
 * stores ({@code file:}, {@code http(s)://}, {@code zip::<url>}), opened read-only through {@link
 * dev.zarr4j.store.Stores#open}. Writing goes to directories only: a zip file or a URL as a
 * destination is refused with a message saying so.
 */
final class Stores {
  private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)(://|::)");

  private Stores() {}

  /**
   * The existing store at {@code location}: a directory store, or, read-only, a zip file or the
   * store a URL names.
   */
  static Store openExisting(Path base, String location) {
    if (URL.matcher(location).find()) {
      return readOnly(location, location, Map.of());
    }
    Path dir = path(base, location);
    if (Files.isRegularFile(dir) && location.toLowerCase(Locale.ROOT).endsWith(".zip")) {
      return readOnly(location, dir.toString(), Map.of("mode", "r"));
    }
    if (!Files.exists(dir)) {
      throw new CliException("no such store: " + location + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new CliException(
          location + " is a file, not a directory store" + unsupportedKind(location));
    }
    return new DirectoryStore(dir);
  }

  /** The directory store at a directory that may not exist yet (it is created on first write). */
  static Store openForWriting(Path base, String location) {
    Path dir = path(base, location);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CliException(
          location + " is a file, not a directory store" + unsupportedKind(location));
    }
    if (!Files.exists(dir) && !unsupportedKind(location).isEmpty()) {
      throw new CliException("cannot create " + location + unsupportedKind(location));
    }
    return new DirectoryStore(dir);
  }

  /**
   * The metadata format a location's name implies when nothing says otherwise (N5 for a directory
   * named {@code *.n5}), or {@code null} for the format of what is there, else Zarr v2.
   */
  static NodeFormat format(Path base, String location) {
    if (URL.matcher(location).find()) {
      return null; // what is there decides
    }
    Path p = path(base, location);
    if (Files.isRegularFile(p)) {
      return null;
    }
    return Zarr.formatOf(p);
  }

  /** A store opened by URL or path through the core's providers, read-only. */
  private static Store readOnly(String location, String url, Map<String, Object> options) {
    ReadableStore opened;
    try {
      opened = dev.zarr4j.store.Stores.open(url, options);
    } catch (ZarrException e) {
      throw new CliException("cannot open store " + location + ": " + e.getMessage(), e);
    }
    return new ReadOnlyStore(opened);
  }

  /**
   * The directory behind a location, resolved against {@code base}, refusing URLs (which name no
   * directory: only reading commands take them).
   */
  static Path path(Path base, String location) {
    Matcher m = URL.matcher(location);
    if (m.find()) {
      throw new CliException(
          "store URLs ("
              + m.group(1)
              + m.group(2)
              + "...) are read-only here; give a directory path to write to");
    }
    try {
      return base.resolve(location);
    } catch (InvalidPathException e) {
      throw new CliException("invalid store path '" + location + "': " + e.getReason());
    }
  }

  private static String unsupportedKind(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    if (l.endsWith(".zip")) {
      return " (zip stores are read-only here: write a directory, then zip it with ZipStore.pack)";
    }
    return "";
  }
}
