package dev.zarr4j.cli;

import dev.zarr4j.Zarr;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.Store;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the STORE argument into a store and the metadata format its name implies. Only directories
 * are supported so far (a directory named {@code *.n5} holds an N5 container); zip files and URLs
 * are recognised and refused with a message saying so.
 */
final class Stores {
  private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

  private Stores() {}

  /** The directory store at an existing directory. */
  static Store openExisting(Path base, String location) {
    Path dir = path(base, location);
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
    return Zarr.formatOf(path(base, location));
  }

  /** The directory behind a location, resolved against {@code base}, refusing URLs. */
  static Path path(Path base, String location) {
    Matcher m = URL.matcher(location);
    if (m.find()) {
      throw new CliException(
          "store URLs (" + m.group(1) + "://...) are not supported yet; give a directory path");
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
      return " (zip stores are not supported yet)";
    }
    return "";
  }
}
