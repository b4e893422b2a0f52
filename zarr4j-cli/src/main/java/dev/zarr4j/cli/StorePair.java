package dev.zarr4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The SRC and DST arguments of the commands that write one store from another (copy, copy-store,
 * convert, rechunk) and the storage options of each ({@code --src-option}, {@code --dst-option}),
 * as a picocli mixin.
 */
final class StorePair {
  @Parameters(
      index = "0",
      paramLabel = "SRC",
      description =
          "The source store: a directory, a .zip file or a URL (s3://..., redis://...,"
              + " sqlite:..., http(s)://..., zip::URL; see 'zarr4j --help').")
  String source;

  @Parameters(
      index = "1",
      paramLabel = "DST",
      description =
          "The destination store: a directory (created if missing), a .zip file (written"
              + " whole when the command succeeds) or the URL of a writable store.")
  String dest;

  @Option(
      names = "--src-option",
      paramLabel = "KEY=VALUE",
      description =
          "A storage option for SRC's provider; repeatable. Example: --src-option"
              + " endpoint_url=http://127.0.0.1:9000 --src-option anon=true")
  Map<String, String> sourceOptions = new LinkedHashMap<>();

  @Option(
      names = "--dst-option",
      paramLabel = "KEY=VALUE",
      description =
          "A storage option for DST's provider; repeatable. Example: --dst-option"
              + " compression=deflated (a zip file), --dst-option key=K --dst-option secret=S"
              + " (s3://)")
  Map<String, String> destOptions = new LinkedHashMap<>();
}
