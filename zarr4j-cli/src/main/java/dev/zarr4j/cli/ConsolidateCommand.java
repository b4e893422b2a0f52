package dev.zarr4j.cli;

import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j consolidate}: zarr-python's {@code consolidate_metadata} on a store. */
@Command(
    name = "consolidate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Gathers every metadata document of the store's hierarchy into one document (.zmetadata by"
          + " default), as zarr-python's consolidate_metadata does, so readers can open the whole"
          + " hierarchy with one read. Run it again after changing the hierarchy.",
      "",
      "Example: zarr4j consolidate data/example.zarr"
    })
final class ConsolidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STORE", description = StorageOptions.STORE)
  String store;

  @Mixin StorageOptions storage = new StorageOptions();

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "Where the consolidated document goes (default: .zmetadata).")
  String key = ".zmetadata";

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    Nodes.open(main, store, "", false); // a missing or empty store fails here, naming it
    Store st = Stores.openExisting(main, store, storage.values, true);
    ZarrNode root;
    try {
      root = Convenience.consolidateMetadata(st, key, null);
    } catch (ZarrException e) {
      // among them UnsupportedByFormatException: N5 has no consolidated metadata
      throw new CliException(store + ": " + e.getMessage(), e);
    }
    String what =
        root instanceof ZarrGroup g
            ? g.arrayKeys(true).size() + " arrays and their groups"
            : "the array";
    spec.commandLine()
        .getOut()
        .println("consolidated the metadata of " + store + " (" + what + ") into " + key);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
