package dev.zarr4j.cli;

import dev.zarr4j.Attributes;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.python.PythonJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code zarr4j attrs}: prints an array's or a group's user attributes, after setting or deleting
 * some when asked (all changes in one write).
 */
@Command(
    name = "attrs",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Prints the user attributes of an array or group as JSON (sorted keys, as zarr-python"
          + " stores them). With --set or --delete, changes them first, all in one write, and"
          + " prints the result: each --delete removes an attribute stored before the call, then"
          + " each --set sets one (the last --set of a key wins). Nothing is written when any"
          + " change is invalid.",
      "",
      "Example: zarr4j attrs data/example.zarr --path foo --set 'units=\"m/s\"' --set"
          + " 'scale=[1, 2]' --delete old"
    })
final class AttrsCommand implements Callable<Integer> {
  @Mixin NodeLocation location = new NodeLocation();

  @Option(
      names = "--set",
      paramLabel = "KEY=JSON",
      converter = AssignmentConverter.class,
      description =
          "Set attribute KEY to a JSON value (a string needs its quotes: 'name=\"x\"');"
              + " repeatable.")
  List<Assignment> set = new ArrayList<>();

  @Option(
      names = "--delete",
      paramLabel = "KEY",
      description = "Delete attribute KEY (it must exist); repeatable.")
  List<String> delete = new ArrayList<>();

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  /** One {@code --set}: a key and its parsed JSON value. */
  record Assignment(String key, Object value) {}

  /** Parses {@code KEY=JSON}, so a malformed value is a usage error naming the option. */
  static final class AssignmentConverter implements ITypeConverter<Assignment> {
    @Override
    public Assignment convert(String text) {
      int eq = text.indexOf('=');
      if (eq <= 0) {
        throw new TypeConversionException(
            "'" + text + "' is not KEY=JSON (for example 'units=\"m/s\"')");
      }
      String key = text.substring(0, eq);
      String json = text.substring(eq + 1);
      try {
        return new Assignment(key, PythonJson.parse(json, "--set " + key));
      } catch (ZarrException | IllegalArgumentException e) {
        throw new TypeConversionException(
            "the value of '"
                + key
                + "' is not JSON: "
                + json
                + " (a string needs its quotes: '"
                + key
                + "=\"...\"')");
      }
    }
  }

  @Override
  public Integer call() {
    for (Assignment a : set) {
      if (delete.contains(a.key())) {
        throw new ParameterException(
            spec.commandLine(), "attribute '" + a.key() + "' is both set and deleted");
      }
    }
    boolean changes = !set.isEmpty() || !delete.isEmpty();
    ZarrNode node = Nodes.open(main, location.store, location.path, changes);
    Attributes attrs = node.attrs();
    Map<String, Object> result = new LinkedHashMap<>(attrs.asMap());
    if (changes) {
      for (String key : delete) {
        if (!result.containsKey(key)) {
          throw new CliException(
              location.store
                  + ": '"
                  + Nodes.describe(node.path())
                  + "' has no attribute '"
                  + key
                  + "' to delete; nothing was changed");
        }
        result.remove(key);
      }
      for (Assignment a : set) {
        result.put(a.key(), a.value());
      }
      attrs.replaceAll(result);
      result = new LinkedHashMap<>(attrs.asMap());
    }
    spec.commandLine().getOut().println(PythonJson.writePython(result));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
