package dev.zarr4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The STORE argument and {@code --path} option of the commands that look at one node (info, tree,
 * attrs, cat, verify) with the store's {@code --storage-option}s, as a picocli mixin.
 */
final class NodeLocation {
  @Parameters(index = "0", paramLabel = "STORE", description = StorageOptions.STORE)
  String store;

  @Option(
      names = StorageOptions.NAME,
      paramLabel = "KEY=VALUE",
      description = StorageOptions.DESCRIPTION)
  Map<String, String> storageOptions = new LinkedHashMap<>();

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "The array's or group's path inside the store (default: the store's root).")
  String path = "";
}
