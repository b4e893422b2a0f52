package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Chunks;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zarr4j rechunk}: a copy of an array with other chunks, moved in tiles of whole destination
 * chunks that fit a memory budget.
 */
@Command(
    name = "rechunk",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Writes a copy of the array at SRC (--path) to DST (--dest-path) with new chunks, keeping"
          + " its data type, compressor, filters, order and fill value. Data moves in tiles made"
          + " of whole destination chunks, each at most --budget bytes, so arrays far larger"
          + " than memory rechunk in bounded memory; every chunk is written once, whole. Each"
          + " tile reads the source chunks it overlaps, so a tile that spans whole source"
          + " chunks reads the source once.",
      "",
      "Example: zarr4j rechunk data/columns.zarr data/rows.zarr --chunks 1,-1 --budget 256M"
    })
final class RechunkCommand implements Callable<Integer> {
  @Mixin StorePair stores = new StorePair();

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "The array in SRC (default: the store's root).")
  String path = "";

  @Option(
      names = "--dest-path",
      paramLabel = "Q",
      description = "Where the copy goes in DST (default: the same path as in SRC).")
  String destPath;

  @Option(
      names = "--chunks",
      required = true,
      paramLabel = "C",
      converter = Converters.ChunksConverter.class,
      description = "The new chunk shape, e.g. 1000,-1 (-1: whole dimension), auto or whole.")
  Chunks chunks;

  @Mixin ShardsOption shards = new ShardsOption();

  @Option(
      names = "--budget",
      paramLabel = "SIZE",
      converter = Converters.SizeConverter.class,
      description =
          "Most bytes of data held at once, e.g. 256M (default: 1G, at most an eighth of the"
              + " heap).")
  long budget = 1L << 30;

  @Option(
      names = "--overwrite",
      description = "Replace an array or group already at the destination path.")
  boolean overwrite;

  @Option(names = "--no-progress", description = "Never show a progress bar.")
  boolean noProgress;

  @Spec CommandSpec spec;

  @Mixin FormatOption format = new FormatOption();

  @ParentCommand Main main;

  @Override
  public Integer call() {
    ZarrNode node = Nodes.open(main, stores.source, stores.sourceOptions, path, false);
    if (!(node instanceof ZarrArray src)) {
      throw new CliException(
          stores.source
              + ": '"
              + Nodes.describe(node.path())
              + "' is a group; rechunk takes an array");
    }
    long[] shape = src.shape();
    try {
      chunks.resolve(shape, src.dtype().itemSize());
    } catch (ZarrException e) {
      throw new ParameterException(
          spec.commandLine(), "Invalid value for option '--chunks': " + e.getMessage());
    }
    String q = StoreKeys.normalizePath(destPath == null ? src.path() : destPath);
    Store st = Stores.openDestination(main, stores.dest, stores.destOptions);
    Destinations.refuseForeignFiles(st, stores.dest, q);
    ZarrArray dst;
    try {
      dst =
          Zarr.openLike(
              src,
              st,
              overwrite ? OpenMode.WRITE : OpenMode.CREATE,
              ArrayOptions.builder()
                  .path(q)
                  .chunks(chunks)
                  .shards(shards.lengths(spec.commandLine(), src.shape(), src.dtype().itemSize()))
                  .format(format.resolve(spec.commandLine(), main.resolve(""), stores.dest))
                  .build());
    } catch (NodeExistsException e) {
      throw Destinations.refusal(st, stores.dest, q, e);
    } catch (ZarrException e) {
      throw new CliException(stores.dest + ": cannot create the copy: " + e.getMessage(), e);
    }
    dst.attrs().update(src.attrs().asMap());
    int[] tile =
        tileShape(
            shape,
            dst.spec().grid().maxChunkShape(),
            src.dtype().itemSize(),
            Budget.effective(budget));
    long tiles = 0;
    long total = 1;
    for (long s : shape) {
      total *= s;
    }
    long tileElements = 1; // the largest tile the loop reads (tiles end at the array's edge)
    for (int d = 0; d < tile.length; d++) {
      tileElements *= Math.min(tile[d], shape[d]);
    }
    // Object arrays have no flat buffer form; they take a new array per tile.
    Object tileBuffer =
        src.dtype().kind() == DataType.Kind.OBJECT
            ? null
            : NdArray.zeros(src.dtype(), Math.toIntExact(tileElements)).data();
    try (Progress bar = Progress.start("rechunk", total, main.progress(noProgress))) {
      long[] at = new long[shape.length];
      long done = 0;
      boolean any = total > 0;
      while (any) {
        Object[] sel = new Object[shape.length];
        long size = 1;
        for (int d = 0; d < shape.length; d++) {
          long end = Math.min(shape[d], at[d] + tile[d]);
          sel[d] = Slice.of(at[d], end);
          size *= end - at[d];
        }
        BasicSelection region = BasicSelection.of(sel);
        if (tileBuffer != null) {
          // one buffer for every tile: decoded into, encoded from, never allocated again
          src.getInto(region, tileBuffer);
          dst.setFrom(region, tileBuffer);
        } else {
          dst.set(region, src.get(region));
        }
        done += size;
        tiles++;
        bar.update(done);
        int d = shape.length - 1;
        while (d >= 0) {
          at[d] += tile[d];
          if (at[d] < shape[d]) {
            break;
          }
          at[d] = 0;
          d--;
        }
        any = d >= 0;
      }
    } catch (ZarrException e) {
      throw new CliException(stores.source + ": " + e.getMessage(), e);
    }
    spec.commandLine()
        .getOut()
        .println(
            "rechunked "
                + stores.source
                + (src.path().isEmpty() ? "" : " path " + src.path())
                + " to "
                + stores.dest
                + (q.isEmpty() ? "" : " path " + q)
                + ": shape "
                + PythonText.tuple(shape)
                + ", chunks "
                + PythonText.tuple(src.chunks())
                + " -> "
                + PythonText.tuple(dst.chunks())
                + ", "
                + tiles
                + (tiles == 1 ? " tile" : " tiles"));
    return 0;
  }

  /**
   * The largest tile made of whole destination chunks within the budget: grown one dimension at a
   * time from the last (so tiles cover whole rows of chunks first), never less than one chunk.
   */
  static int[] tileShape(long[] shape, int[] chunks, int itemSize, long budget) {
    int nd = shape.length;
    int[] tile = chunks.clone();
    long elements = Math.max(1, budget / Math.max(1, itemSize) / 2);
    long size = 1;
    for (int c : tile) {
      size *= c;
    }
    for (int d = nd - 1; d >= 0; d--) {
      long full = Math.max(shape[d], 1);
      long perChunk = size / tile[d];
      long most = Math.max(1, elements / Math.max(1, perChunk));
      long want = Math.min(full, most) / chunks[d] * chunks[d];
      if (want > tile[d]) {
        size = size / tile[d] * want;
        tile[d] = (int) Math.min(want, Integer.MAX_VALUE - 8);
      }
      if (tile[d] < full) {
        break; // a tile that does not span this dimension grows no further out
      }
    }
    return tile;
  }
}
