package dev.zarr4j.cli;

import dev.zarr4j.Chunks;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --shards S}: store the chunks of a new Zarr v3 array in shards (zarr-python 3's {@code
 * shards}), shared as a picocli mixin by the commands that create arrays.
 */
final class ShardsOption {
  @Option(
      names = "--shards",
      paramLabel = "S",
      converter = Converters.ChunksConverter.class,
      description =
          "Store the chunks in shards of this shape, e.g. 100,70: whole multiples of the chunks"
              + " (Zarr v3 only; default: no shards).")
  Chunks shards;

  /**
   * The shard lengths for an array of {@code shape}, or {@code null} without the option; invalid
   * lengths are a usage error.
   */
  long[] lengths(CommandLine command, long[] shape, int itemSize) {
    return shards == null
        ? null
        : ArrayLayoutOptions.lengths(command, "--shards", shards, shape, itemSize);
  }
}
