package dev.zarr4j.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The STORE argument and {@code --path} option of the commands that look at one node (info, tree,
 * attrs, cat, verify), as a picocli mixin.
 */
final class NodeLocation {
  @Parameters(
      index = "0",
      paramLabel = "STORE",
      description = "The store: a directory (a directory named *.n5 is an N5 container).")
  String store;

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "The array's or group's path inside the store (default: the store's root).")
  String path = "";
}
