package dev.zarr4j.cli;

import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyOptions;
import dev.zarr4j.convenience.IfExists;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.hierarchy.Hierarchy;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j copy}: zarr-python's {@code copy} (or {@code copy_all} for a whole store). */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Copies an array or a group (with everything below it) from one store into a group of"
          + " another, decoding and re-encoding data chunk by chunk (stored chunks are copied as"
          + " they are when the layout and codecs stay the same), as zarr-python's copy does, and"
          + " logs one line per object and a summary. Without --path the whole source hierarchy"
          + " is copied (zarr-python's copy_all). Formats may differ (Zarr v2 <-> N5).",
      "",
      "Example: zarr4j copy data/example.zarr backup.zarr --path foo --if-exists skip"
    })
final class CopyCommand implements Callable<Integer> {
  @Mixin StorePair stores = new StorePair();

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "The array or group to copy (default: everything in SRC).")
  String path = "";

  @Option(
      names = "--dest-path",
      paramLabel = "Q",
      description = "The group in DST to copy into, created if missing (default: its root).")
  String destPath = "";

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "The copy's name in the destination group (default: the source's own).")
  String name;

  @Option(
      names = "--if-exists",
      paramLabel = "MODE",
      description =
          "What to do when the destination already holds an object of that name: raise"
              + " (default), replace, skip or skip_initialized.")
  String ifExists = "raise";

  @Option(names = "--dry-run", description = "Log what would be copied; change nothing.")
  boolean dryRun;

  @Option(names = "--shallow", description = "Copy only the group's immediate members.")
  boolean shallow;

  @Option(names = "--without-attrs", description = "Leave user attributes behind.")
  boolean withoutAttrs;

  @Spec CommandSpec spec;

  @Mixin FormatOption format = new FormatOption();

  @Option(names = "--no-progress", description = "Never show a progress bar.")
  boolean noProgress;

  @ParentCommand Main main;

  @Override
  public Integer call() {
    IfExists mode = ifExistsOf(ifExists, spec);
    ZarrNode src = Nodes.open(main, stores.source, stores.sourceOptions, path, false);
    if (src instanceof ZarrGroup && src.path().isEmpty() && name != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--name applies to a copy of one node; give --path too");
    }
    Store dst = Stores.openDestination(main, stores.dest, stores.destOptions);
    String q = StoreKeys.normalizePath(destPath);
    GroupOptions groupOptions =
        GroupOptions.builder()
            .path(q)
            .format(format.resolve(spec.commandLine(), main.resolve(""), stores.dest))
            .build();
    ZarrGroup into;
    try {
      boolean exists = Hierarchy.containsGroup(dst, q);
      // a dry run writes nothing, not even the destination group: it copies into an empty
      // stand-in when there is no group yet
      into =
          dryRun && !exists
              ? Zarr.openGroup(new MemoryStore(), OpenMode.WRITE, groupOptions)
              : Zarr.openGroup(dst, OpenMode.APPEND, groupOptions);
    } catch (ZarrException e) {
      throw new CliException(stores.dest + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    CopyOptions options =
        CopyOptions.builder()
            .name(name)
            .shallow(shallow)
            .withoutAttrs(withoutAttrs)
            .ifExists(mode)
            .dryRun(dryRun)
            .log(out::println)
            .progress(new CopyBars("copy", main.progress(noProgress)))
            .build();
    try {
      if (src instanceof ZarrGroup g && src.path().isEmpty()) {
        Convenience.copyAll(g, into, options);
      } else {
        Convenience.copy(src, into, options);
      }
    } catch (ZarrException e) {
      out.flush();
      throw new CliException(e.getMessage(), e);
    }
    out.flush();
    return 0;
  }

  /** Parses zarr-python's {@code if_exists} names, as a usage error when unknown. */
  static IfExists ifExistsOf(String text, CommandSpec spec) {
    for (IfExists m : IfExists.values()) {
      if (m.code().equals(text)) {
        return m;
      }
    }
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "Invalid value for option '--if-exists': '"
            + text
            + "' (give raise, replace, skip or skip_initialized)");
  }
}
