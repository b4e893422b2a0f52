package dev.zarr4j.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system zarr-python ({@code /usr/bin/python3} with Debian's python3-zarr and numpy) for
 * interop tests. Tests calling {@link #require()} are skipped when it is missing, unless {@code
 * -Dzarr4j.interop.required=true} (as {@code bin/test} sets), in which case they fail.
 */
final class ZarrPython {
  /** The interpreter with Debian's zarr, numcodecs and numpy (not a pyenv one on PATH). */
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private static Boolean available;

  private ZarrPython() {}

  /** Skips, or fails when interop is required, unless zarr-python can be run. */
  static synchronized void require() {
    if (available == null) {
      available = Files.isExecutable(PYTHON) && run(List.of("-c", "import zarr, numcodecs, numpy"), 120).status() == 0;
    }
    if (!available && Boolean.getBoolean("zarr4j.interop.required")) {
      throw new AssertionError(
          PYTHON + " with zarr, numcodecs and numpy is required (-Dzarr4j.interop.required=true) but missing");
    }
    assumeTrue(available, PYTHON + " with zarr, numcodecs and numpy is not installed");
  }

  /**
   * What a Python run printed (stdout and stderr merged) and its exit status.
   *
   * @param status exit status
   * @param output everything printed
   */
  record Result(int status, String output) {}

  /** Runs {@code python3 args...}, failing the test after {@code timeoutSeconds}. */
  static Result run(List<String> args, int timeoutSeconds) {
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    try {
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new Result(-1, "cannot start " + PYTHON + ": " + e.getMessage());
      }
      p.getOutputStream().close();
      byte[][] out = new byte[1][];
      Thread reader =
          new Thread(
              () -> {
                try (InputStream in = p.getInputStream()) {
                  out[0] = in.readAllBytes();
                } catch (IOException e) {
                  out[0] = ("<unreadable: " + e + ">").getBytes(StandardCharsets.UTF_8);
                }
              });
      reader.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("python timed out after " + timeoutSeconds + " s: " + cmd);
      }
      reader.join();
      return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Copies a test resource script into {@code dir}. */
  static Path script(String resource, Path dir) {
    try (InputStream in = ZarrPython.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      Path p = dir.resolve(Path.of(resource).getFileName().toString());
      Files.write(p, in.readAllBytes());
      return p;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
