package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.store.StoreKeys;
import java.util.Map;

/** Opens the array or group a command names by STORE and {@code --path}. */
final class Nodes {
  private Nodes() {}

  /**
   * The node at {@code path} in the existing store {@code location}, opened with the command's
   * {@code --storage-option}s, read-only or for updating.
   *
   * @throws CliException naming the store and path when nothing is there or it cannot be opened
   */
  static ZarrNode open(Main main, String location, String path, boolean writable) {
    return open(main, location, main.storageOptions(), path, writable);
  }

  /**
   * The node at {@code path} in the existing store {@code location}, opened with {@code options},
   * read-only or for updating.
   *
   * @throws CliException naming the store and path when nothing is there or it cannot be opened
   */
  static ZarrNode open(
      Main main, String location, Map<String, String> options, String path, boolean writable) {
    String p;
    try {
      p = StoreKeys.normalizePath(path);
    } catch (ZarrException e) {
      throw new CliException("invalid --path '" + path + "': " + e.getMessage(), e);
    }
    var store = Stores.openExisting(main, location, options, writable);
    ArrayOptions at =
        ArrayOptions.builder().path(p).format(Stores.format(main.resolve(""), location)).build();
    try {
      return Convenience.open(store, writable ? OpenMode.READ_WRITE : OpenMode.READ, at);
    } catch (NodeNotFoundException e) {
      throw new CliException(
          location + ": no array or group at path '" + (p.isEmpty() ? "/" : p) + "'", e);
    } catch (ZarrException e) {
      throw new CliException(
          location + ": cannot open '" + describe(p) + "': " + e.getMessage(), e);
    }
  }

  /** A path as messages show it: {@code /} for the root. */
  static String describe(String path) {
    return path.isEmpty() ? "/" : path;
  }
}
