package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.hierarchy.Hierarchy;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.store.Store;

/** Checks on where a command creates an array, and its wording when something is in the way. */
final class Destinations {
  private Destinations() {}

  /**
   * Never mixes an array into (or, with --overwrite, deletes) files that are not Zarr's: a path
   * that is neither an array nor a group must be empty.
   */
  static void refuseForeignFiles(Store st, String store, String p) {
    if (!Hierarchy.containsArray(st, p)
        && !Hierarchy.containsGroup(st, p)
        && !st.listDir(p).isEmpty()) {
      throw new CliException(
          store
              + " already holds files "
              + where(p)
              + " that are not a Zarr array or group; write into a new or empty location");
    }
  }

  /**
   * The CLI's wording for a creation that the core library refused because a node is in the way.
   */
  static CliException refusal(Store st, String store, String p, NodeExistsException e) {
    if (!e.path().equals(p)) {
      return new CliException(
          store + ": cannot create '" + p + "' inside the array at '" + display(e.path()) + "'", e);
    }
    String node = Hierarchy.containsArray(st, p) ? "an array" : "a group";
    return new CliException(
        store + " already holds " + node + " " + where(p) + "; give --overwrite to replace it", e);
  }

  private static String where(String p) {
    return p.isEmpty() ? "at its root" : "at path '" + p + "'";
  }

  private static String display(String p) {
    return p.isEmpty() ? "/" : p;
  }

  /**
   * Creates the array at {@code p} of the store named {@code store}: with {@code overwrite} it
   * replaces what is there (mode w), otherwise a node in the way is refused and nothing changes
   * (mode w-).
   */
  static ZarrArray createArray(
      Store st,
      String store,
      String p,
      boolean overwrite,
      ArrayOptions options,
      NodeFormat format) {
    try {
      return Zarr.openArray(
          st,
          overwrite ? OpenMode.WRITE : OpenMode.CREATE,
          options.toBuilder().path(p).format(format).build());
    } catch (NodeExistsException e) {
      throw refusal(st, store, p, e);
    }
  }
}
