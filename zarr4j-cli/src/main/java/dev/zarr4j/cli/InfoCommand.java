package dev.zarr4j.cli;

import dev.zarr4j.ZarrNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j info}: the report zarr-python prints for an array's or a group's {@code info}. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Prints what zarr-python's info shows for an array (name, type, data type, shape, chunk"
          + " shape, order, read-only, compressor, filters, store type, sizes, storage ratio,"
          + " chunks initialized) or a group (name, type, read-only, store type, members).",
      "",
      "Example: zarr4j info data/example.zarr --path foo/bar"
    })
final class InfoCommand implements Callable<Integer> {
  @Mixin NodeLocation location = new NodeLocation();

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    ZarrNode node = Nodes.open(main, location.store, location.path, false);
    String text = node.info().toString();
    spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
