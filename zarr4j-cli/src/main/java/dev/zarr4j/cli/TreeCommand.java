package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.hierarchy.TreeView;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j tree}: a group's hierarchy drawn as zarr-python's {@code tree()} draws it. */
@Command(
    name = "tree",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Draws the hierarchy below a group, one line per member, arrays with their shape and"
          + " data type, as zarr-python's group.tree() does.",
      "",
      "Example: zarr4j tree data/example.zarr --level 2"
    })
final class TreeCommand implements Callable<Integer> {
  @Mixin NodeLocation location = new NodeLocation();

  @Option(
      names = "--level",
      paramLabel = "N",
      description = "Show at most N levels below the group (default: all).")
  Integer level;

  @Option(
      names = "--ascii",
      description =
          "Draw with ASCII characters only (the default when the output's character set"
              + " has no box-drawing characters).")
  boolean ascii;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    if (level != null && level < 0) {
      throw new ParameterException(spec.commandLine(), "--level must be 0 or more, got " + level);
    }
    ZarrNode node = Nodes.open(main, location.store, location.path, false);
    if (node instanceof ZarrArray) {
      throw new CliException(
          location.store
              + ": '"
              + Nodes.describe(node.path())
              + "' is an array, not a group; use 'zarr4j info' to describe an array");
    }
    TreeView tree = ((ZarrGroup) node).tree(false, level);
    boolean unicode =
        !ascii && Charset.defaultCharset().newEncoder().canEncode("\u2514\u2500\u251c");
    spec.commandLine().getOut().println(unicode ? tree.toString() : tree.ascii());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
