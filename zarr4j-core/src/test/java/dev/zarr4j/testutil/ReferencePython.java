package dev.zarr4j.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs scripts on the reference Python (Debian's {@code /usr/bin/python3} with numpy and zarr 2),
 * for tests that compare zarr4j's output with what Python produces. Override the interpreter with
 * the system property {@code zarr4j.python}. Tests are skipped, not failed, when the interpreter or
 * a required module is missing.
 */
public final class ReferencePython {
  private ReferencePython() {}

  /**
   * @return the interpreter to run
   */
  public static Path executable() {
    return Path.of(System.getProperty("zarr4j.python", "/usr/bin/python3"));
  }

  /** Skips the calling test unless the interpreter exists and can import every module named. */
  public static void assumeAvailable(String... modules) {
    Path python = executable();
    assumeTrue(Files.isExecutable(python), "reference Python not found at " + python);
    StringBuilder script = new StringBuilder();
    for (String m : modules) {
      script.append("import ").append(m).append('\n');
    }
    boolean ok;
    try {
      Process p =
          new ProcessBuilder(python.toString(), "-c", script.toString())
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    assumeTrue(ok, "reference Python at " + python + " cannot import " + List.of(modules));
  }

  /**
   * Runs a script and returns its standard output; fails the test with the script's standard error
   * if it exits with a non-zero status.
   *
   * @param script Python source
   * @param workDir the working directory (the script is written there too)
   * @param args command line arguments for the script
   */
  public static String run(String script, Path workDir, String... args) throws IOException {
    Path file = Files.createTempFile(workDir, "script", ".py");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>();
    command.add(executable().toString());
    command.add(file.toString());
    command.addAll(List.of(args));
    Path err = workDir.resolve(file.getFileName() + ".stderr");
    Process p =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(600, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("reference Python timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new AssertionError("interrupted while waiting for reference Python", e);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          "reference Python failed with status "
              + p.exitValue()
              + ":\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
