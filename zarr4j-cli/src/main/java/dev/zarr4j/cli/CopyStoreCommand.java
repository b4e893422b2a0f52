package dev.zarr4j.cli;

import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyStoreOptions;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j copy-store}: zarr-python's {@code copy_store}, stored bytes as they are. */
@Command(
    name = "copy-store",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Copies the stored keys of one store to another without decoding anything, as"
          + " zarr-python's copy_store does: every key below --source-path, in sorted order,"
          + " except those an --exclude expression finds and no --include finds, goes to the"
          + " same place below --dest-path. Logs one line per key and a summary.",
      "",
      "Example: zarr4j copy-store data/example.zarr copy.zarr --exclude '^foo/'"
    })
final class CopyStoreCommand implements Callable<Integer> {
  @Mixin StorePair stores = new StorePair();

  @Option(names = "--source-path", paramLabel = "P", description = "Copy only keys below P.")
  String sourcePath = "";

  @Option(names = "--dest-path", paramLabel = "Q", description = "Write the keys below Q.")
  String destPath = "";

  @Option(
      names = "--exclude",
      paramLabel = "RE",
      description =
          "A regular expression (found anywhere in a key) of keys not to copy; repeatable.")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--include",
      paramLabel = "RE",
      description = "A regular expression of keys to copy even when excluded; repeatable.")
  List<String> includes = new ArrayList<>();

  @Option(
      names = "--if-exists",
      paramLabel = "MODE",
      description =
          "What to do when a key already exists in DST: raise (default), replace or skip.")
  String ifExists = "raise";

  @Option(names = "--dry-run", description = "Log what would be copied; change nothing.")
  boolean dryRun;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    for (String re : concat(excludes, includes)) {
      try {
        Pattern.compile(re);
      } catch (PatternSyntaxException e) {
        throw new ParameterException(
            spec.commandLine(), "Invalid regular expression '" + re + "': " + e.getDescription());
      }
    }
    var mode = CopyCommand.ifExistsOf(ifExists, spec);
    Store src = Stores.openExisting(main, stores.source, stores.sourceOptions, false);
    // a dry run writes nothing: a destination that does not exist yet is not even opened
    Store dst =
        dryRun
                && Stores.localPath(main.base(), stores.dest)
                    .map(p -> !java.nio.file.Files.exists(p))
                    .orElse(false)
            ? new dev.zarr4j.store.MemoryStore()
            : Stores.openDestination(main, stores.dest, stores.destOptions);
    PrintWriter out = spec.commandLine().getOut();
    try {
      Convenience.copyStore(
          src,
          dst,
          CopyStoreOptions.builder()
              .sourcePath(sourcePath)
              .destPath(destPath)
              .excludes(excludes.toArray(new String[0]))
              .includes(includes.toArray(new String[0]))
              .ifExists(mode)
              .dryRun(dryRun)
              .log(out::println)
              .build());
    } catch (ZarrException e) {
      out.flush();
      throw new CliException(e.getMessage(), e);
    }
    out.flush();
    return 0;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
