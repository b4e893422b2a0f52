package dev.zarr4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short run of the common commands, made once by {@code bin/zarr4j} after it builds the jar, in a
 * JVM started with {@code -XX:ArchiveClassesAtExit}: the JVM then writes the classes this run
 * loaded into a class data sharing archive, and later {@code zarr4j} processes map them from it
 * instead of loading and verifying them one by one, which shortens their start.
 *
 * <p>It imports a small {@code .npy} file with each common compressor, then exports (twice, the
 * second replacing the first output), prints, lists, describes and verifies the arrays, all inside
 * a temporary directory it deletes. It is not a subcommand; run it as {@code java -cp
 * zarr4j-cli.jar dev.zarr4j.cli.ClassCacheTraining}.
 */
public final class ClassCacheTraining {
  private static final List<String> COMPRESSORS =
      List.of(
          "{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":1}",
          "{\"id\":\"zstd\",\"level\":3}",
          "{\"id\":\"zlib\",\"level\":1}",
          "null");

  private ClassCacheTraining() {}

  /**
   * Runs the commands; exits non-zero, naming the command on standard error, if one fails.
   *
   * @param args ignored
   * @throws IOException if the temporary directory cannot be made or removed
   */
  public static void main(String[] args) throws IOException {
    System.exit(run() == 0 ? 0 : 1);
  }

  /** Runs the commands in a temporary directory it deletes; the number that failed. */
  static int run() throws IOException {
    Path dir = Files.createTempDirectory("zarr4j-class-cache-");
    int failures = 0;
    try {
      StringWriter sink = new StringWriter();
      PrintWriter quiet = new PrintWriter(sink);
      Path npy = dir.resolve("in.npy");
      dev.zarr4j.ndarray.Npy.write(npy, dev.zarr4j.ndarray.NdArray.of(new float[64 * 64], 64, 64));
      for (int i = 0; i < COMPRESSORS.size(); i++) {
        String store = dir.resolve("a" + i + ".zarr").toString();
        String out = dir.resolve("a" + i + ".npy").toString();
        List<List<String>> commands =
            List.of(
                List.of(
                    "import",
                    "-q",
                    npy.toString(),
                    store,
                    "--path",
                    "g/a",
                    "--chunks",
                    "32,32",
                    "--compressor",
                    COMPRESSORS.get(i)),
                List.of("export", "-q", store, out, "--path", "g/a"),
                // again, over the first output: the replacement of an existing file
                List.of("export", "-q", store, out, "--path", "g/a"),
                List.of("info", store, "--path", "g/a"),
                List.of("cat", store, "--path", "g/a", "--select", "0:2, 0:3"),
                List.of("tree", store),
                List.of("verify", store));
        for (List<String> c : commands) {
          StringWriter errors = new StringWriter();
          PrintWriter err = new PrintWriter(errors);
          if (Main.execute(dir, c.toArray(String[]::new), quiet, err) != 0) {
            failures++;
            err.flush();
            System.err.println("zarr4j " + String.join(" ", c) + " failed: " + errors);
          }
          sink.getBuffer().setLength(0);
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return failures;
  }
}
