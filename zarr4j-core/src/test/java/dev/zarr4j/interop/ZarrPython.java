package dev.zarr4j.interop;

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
 * Runs the system zarr-python ({@code /usr/bin/python3} with Debian's python3-zarr) for interop
 * tests. When it is missing the tests are skipped, unless {@code -Dzarr4j.interop.required=true}
 * (as {@code bin/test} sets), in which case they fail.
 */
public final class ZarrPython {
  /** The interpreter that has Debian's zarr and numcodecs. */
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private static Boolean available;

  private ZarrPython() {}

  /** Skips (or, when interop is required, fails) the calling test if zarr-python is unavailable. */
  public static void require() {
    if (available == null) {
      available = probe();
    }
    if (!available && Boolean.getBoolean("zarr4j.interop.required")) {
      throw new AssertionError(
          PYTHON
              + " with zarr and numcodecs is required (-Dzarr4j.interop.required=true) but missing");
    }
    assumeTrue(available, PYTHON + " with zarr and numcodecs is not installed");
  }

  private static boolean probe() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      return run(List.of("-c", "import zarr, numcodecs, numpy"), 60).exitCode == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What a Python run printed and how it ended. */
  public record Result(int exitCode, String output) {}

  /** Runs {@code python3 args...} with a time limit; stdout and stderr are merged. */
  public static Result run(List<String> args, int timeoutSeconds) {
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    try {
      Process p = pb.start();
      p.getOutputStream().close(); // the scripts read no input
      byte[][] out = new byte[1][];
      Thread reader =
          new Thread(
              () -> {
                try (InputStream in = p.getInputStream()) {
                  out[0] = in.readAllBytes();
                } catch (IOException e) {
                  out[0] = ("<output unreadable: " + e + ">").getBytes(StandardCharsets.UTF_8);
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
      throw new RuntimeException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  /** Copies a script from the test resources to {@code dir} and returns its path. */
  public static Path script(String resource, Path dir) {
    try (InputStream in = ZarrPython.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      Path p = dir.resolve(Path.of(resource).getFileName().toString());
      Files.write(p, in.readAllBytes());
      return p;
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
