package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.metadata.ArraySpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zarr4j verify}: decodes every stored chunk of an array, or of every array below a group,
 * and reports each one that cannot be read by its key.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Reads and decodes every stored chunk of the array, or of every array below the group, at"
          + " the path: checksum codecs (crc32, adler32, fletcher32) check their sums, and"
          + " compressed chunks must decode to their chunk's size. Prints one line per problem"
          + " (the chunk's key and what is wrong) and a summary; exits 1 when anything is"
          + " corrupt.",
      "",
      "Example: zarr4j verify data/example.zarr"
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin NodeLocation location = new NodeLocation();

  @Option(names = "--no-progress", description = "Never show a progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @ParentCommand Main main;

  /** One unreadable chunk or array document. */
  private record Problem(String key, String message) {}

  @Override
  public Integer call() {
    ZarrNode node = Nodes.open(main, location.store, location.path, false);
    List<Problem> problems = new ArrayList<>();
    List<ZarrArray> arrays = new ArrayList<>();
    if (node instanceof ZarrArray a) {
      arrays.add(a);
    } else {
      ZarrGroup g = (ZarrGroup) node;
      for (String key : g.arrayKeys(true)) {
        try {
          arrays.add(g.getArray(key));
        } catch (ZarrException e) {
          problems.add(new Problem(g.itemPath(key), "cannot open the array: " + e.getMessage()));
        }
      }
    }
    long chunks = 0;
    for (ZarrArray a : arrays) {
      chunks += verify(a, problems);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Problem p : problems) {
      out.println("corrupt: " + p.key() + ": " + p.message());
    }
    out.println(
        "verified "
            + arrays.size()
            + (arrays.size() == 1 ? " array, " : " arrays, ")
            + chunks
            + (chunks == 1 ? " chunk" : " chunks")
            + ": "
            + (problems.isEmpty() ? "no problems" : problems.size() + " corrupt"));
    out.flush();
    return problems.isEmpty() ? 0 : 1;
  }

  /** Decodes every stored chunk of {@code a}, one at a time; returns how many were read. */
  private long verify(ZarrArray a, List<Problem> problems) {
    ArraySpec spec = a.spec();
    String prefix = a.path().isEmpty() ? "" : a.path() + "/";
    List<long[]> stored = new ArrayList<>();
    for (String key : a.chunkStore().listPrefix(a.path())) {
      String rel = key.substring(prefix.length());
      if (spec.isChunkKey(rel)) {
        long[] coords = spec.chunkCoords(rel);
        if (inGrid(coords, spec.gridShape())) {
          stored.add(coords);
        }
      }
    }
    try (Progress bar =
        Progress.start(
            "verify " + Nodes.describe(a.path()), stored.size(), main.progress(noProgress))) {
      long done = 0;
      for (long[] coords : stored) {
        Object[] block = new Object[coords.length];
        for (int d = 0; d < coords.length; d++) {
          block[d] = coords[d];
        }
        try {
          a.getBlockSelection(BlockSelection.of(block));
        } catch (ZarrException e) {
          problems.add(new Problem(prefix + spec.chunkKey(coords), e.getMessage()));
        }
        bar.update(++done);
      }
    }
    return stored.size();
  }

  private static boolean inGrid(long[] coords, long[] grid) {
    for (int d = 0; d < coords.length; d++) {
      if (coords[d] >= grid[d]) {
        return false;
      }
    }
    return true;
  }
}
