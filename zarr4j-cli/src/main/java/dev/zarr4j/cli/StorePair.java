package dev.zarr4j.cli;

import picocli.CommandLine.Parameters;

/**
 * The SRC and DST arguments of the commands that write one store from another (copy, copy-store,
 * rechunk), as a picocli mixin.
 */
final class StorePair {
  @Parameters(index = "0", paramLabel = "SRC", description = "The source store (a directory).")
  String source;

  @Parameters(
      index = "1",
      paramLabel = "DST",
      description = "The destination store (a directory, created if missing).")
  String dest;
}
