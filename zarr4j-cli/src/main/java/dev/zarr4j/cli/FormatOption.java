package dev.zarr4j.cli;

import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --zarr-format 2|3}: the metadata format of what a command writes (zarr-python's {@code
 * zarr_format}), shared as a picocli mixin by the commands that create nodes.
 */
final class FormatOption {
  @Option(
      names = "--zarr-format",
      paramLabel = "2|3",
      description =
          "The format to write: 2 (Zarr v2) or 3 (Zarr v3). Default: the format of what is at"
              + " the destination, else N5 for a directory named *.n5, else 2.")
  Integer zarrFormat;

  /**
   * The format chosen, else the one {@code location}'s name implies, else {@code null} (what is
   * there, else Zarr v2).
   *
   * @throws ParameterException if the option is not 2 or 3
   */
  NodeFormat resolve(CommandLine command, Path base, String location) {
    if (zarrFormat == null) {
      return Stores.format(base, location);
    }
    return switch (zarrFormat) {
      case 2 -> NodeFormats.zarrV2();
      case 3 -> NodeFormats.named("zarr-v3");
      default ->
          throw new ParameterException(
              command,
              "Invalid value for option '--zarr-format': " + zarrFormat + " (expected 2 or 3)");
    };
  }
}
