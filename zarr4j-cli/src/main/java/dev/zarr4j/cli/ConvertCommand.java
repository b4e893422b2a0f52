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
  @Mixin StorePair stores = new StorePair();

  @Mixin FormatOption format = new FormatOption();

  @Option(names = "--no-progress", description = "Never show a progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws IOException {
    String source = stores.source;
    String dest = stores.dest;
    ZarrNode src = Nodes.open(main, source, stores.sourceOptions, "", false);
    Path dir = Stores.localPath(main.base(), dest).filter(Files::isDirectory).orElse(null);
    boolean existed = dir != null;
    Store dst = Stores.openDestination(main, dest, stores.destOptions);
    if (!dst.listDir("").isEmpty()) {
      throw new CliException(dest + " already exists; convert writes a new store");
    }
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
        removeWritten(dst, existed);
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Removes what a failed conversion wrote: DST was new or empty, so all of it (a local directory
   * created for it too; a zip file is not written at all).
   */
  private void removeWritten(Store dst, boolean keepRoot) {
    Path dir = Stores.localPath(main.base(), stores.dest).filter(Files::isDirectory).orElse(null);
    if (dir == null) {
      try {
        dst.deletePrefix("");
      } catch (RuntimeException e) {
        spec.commandLine()
            .getErr()
            .println(
                spec.qualifiedName() + ": warning: could not remove " + stores.dest + ": " + e);
      }
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
          .println(spec.qualifiedName() + ": warning: could not remove " + stores.dest + ": " + e);
    }
  }
}
