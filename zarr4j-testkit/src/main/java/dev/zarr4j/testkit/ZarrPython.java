package dev.zarr4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * zarr-python 2 as an interop peer of store tests: {@code /usr/bin/python3} (or {@code
 * -Dzarr4j.python=...}) running scripts. {@link #require} skips the calling test when zarr-python 2
 * or another module a test needs cannot be imported, and fails it instead under {@code
 * -Dzarr4j.interop.required=true} (which {@code bin/test} sets after installing them).
 */
public final class ZarrPython {
  /** The interpreter. */
  public static final String PYTHON = System.getProperty("zarr4j.python", "/usr/bin/python3");

  private ZarrPython() {}

  /**
   * Checks that zarr-python 2 and every module named can be imported; aborts (skips) the test when
   * not, or fails it when interop is required.
   *
   * @param modules Python modules the test needs besides zarr ({@code "redis"}, {@code "pymongo"})
   */
  public static void require(String... modules) {
    StringBuilder script = new StringBuilder("import zarr\n");
    for (String module : modules) {
      script.append("import ").append(module).append('\n');
    }
    script.append("print(zarr.__version__)\n");
    String problem;
    try {
      String version = run(script.toString()).trim();
      problem = version.startsWith("2.") ? null : "zarr-python 2.x required, found " + version;
    } catch (RuntimeException | AssertionError e) {
      problem =
          "zarr-python 2 with "
              + String.join(", ", modules)
              + " is not usable at "
              + PYTHON
              + ": "
              + e.getMessage();
    }
    if (problem != null) {
      if (Boolean.getBoolean("zarr4j.interop.required")) {
        throw new AssertionError(problem + " (interop is required)");
      }
      Assumptions.abort(problem);
    }
  }

  /**
   * Runs a Python script with arguments and returns its standard output.
   *
   * @throws AssertionError if the script fails (with its standard error) or runs over two minutes
   */
  public static String run(String script, String... args) {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      // standard error is read on its own thread so neither stream can fill and block the script
      byte[][] err = new byte[1][];
      Thread errReader =
          new Thread(
              () -> {
                try {
                  err[0] = process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  err[0] = new byte[0];
                }
              });
      errReader.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("python timed out");
      }
      errReader.join();
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "python failed ("
                + process.exitValue()
                + "):\n"
                + new String(err[0], StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + PYTHON, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
