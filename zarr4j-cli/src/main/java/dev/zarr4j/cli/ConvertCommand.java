package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyOptions;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code zarr4j convert}: a whole store into a new store, of another format if its name says. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Writes everything in SRC (a hierarchy or a single array) to the new store DST, in the"
          + " format --zarr-format chooses, else the one DST's name implies (a directory named"
          + " *.n5 is N5, anything else Zarr v2):"
          + " groups, attributes and arrays with their chunks, codecs and fill values, data"
          + " copied chunk by chunk. DST must not exist yet or be empty.",
      "",
      "Example: zarr4j convert data/example.zarr example.n5",
      "         zarr4j convert data/example.zarr example-v3.zarr --zarr-format 3"
    })
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SRC", description = "The store to read (a directory).")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "The store to write (a directory).")
  String dest;

  @Mixin FormatOption format = new FormatOption();

  @Option(names = "--no-progress", description = "Never show a progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws IOException {
    ZarrNode src = Nodes.open(main, source, "", false);
    Path dir = main.resolve(dest);
    if (Files.exists(dir)) {
      boolean empty;
      try (var entries = Files.isDirectory(dir) ? Files.list(dir) : null) {
        empty = entries != null && entries.findAny().isEmpty();
      }
      if (!empty) {
        throw new CliException(dest + " already exists; convert writes a new store");
      }
    }
    boolean existed = Files.exists(dir);
    Store dst = Stores.openForWriting(main.resolve(""), dest);
    PrintWriter out = spec.commandLine().getOut();
    boolean ok = false;
    try {
      if (src instanceof ZarrArray a) {
        ZarrArray copy =
            Zarr.openLike(
                a,
                dst,
                OpenMode.CREATE,
                ArrayOptions.builder()
                    .format(format.resolve(spec.commandLine(), main.resolve(""), dest))
                    .build());
        copy.attrs().update(a.attrs().asMap());
        CopyBars bars = new CopyBars("convert", main.progress(noProgress));
        bars.arrayStarted("", copy.spec().chunkCount());
        copy.copyFrom(a, bars::chunksCopied);
        bars.arrayFinished("");
        out.println(
            "converted the array "
                + source
                + " to "
                + dest
                + " ("
                + copy.format().name()
                + "): "
                + copy.nchunksInitialized()
                + " chunks");
      } else {
        ZarrGroup root =
            Zarr.openGroup(
                dst,
                OpenMode.CREATE,
                GroupOptions.builder()
                    .format(format.resolve(spec.commandLine(), main.resolve(""), dest))
                    .build());
        Convenience.copyAll(
            (ZarrGroup) src,
            root,
            CopyOptions.builder()
                .log(out::println)
                .progress(new CopyBars("convert", main.progress(noProgress)))
                .build());
      }
      ok = true;
    } catch (ZarrException e) {
      throw new CliException(e.getMessage() + " (" + dest + " was not written)", e);
    } finally {
      if (!ok) {
        removeTree(dir, existed);
      }
    }
    out.flush();
    return 0;
  }

  /** Removes what a failed conversion wrote: DST was new or empty, so all of it below DST. */
  private void removeTree(Path dir, boolean keepRoot) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!(keepRoot && p.equals(dir))) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println(spec.qualifiedName() + ": warning: could not remove " + dest + ": " + e);
    }
  }
}
