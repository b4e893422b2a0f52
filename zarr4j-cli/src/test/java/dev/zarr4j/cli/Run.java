package dev.zarr4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the {@code zarr4j} command: in this JVM (fast), as {@code java -jar} on the shaded jar
 * in a child JVM, or through the {@code bin/zarr4j} launcher (what users run; both need {@code mvn
 * package} first, so only integration tests use them).
 *
 * @param args the command line
 * @param status the exit status
 * @param out standard output
 * @param err standard error
 */
record Run(List<String> args, int status, String out, String err) {

  /** The shaded jar built by this module's package phase. */
  static final Path JAR = Path.of("target", "zarr4j-cli.jar");

  /** Runs the command in this JVM with {@code dir} as its working directory. */
  static Run inProcess(Path dir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(dir, args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(List.of(args), status, out.toString(), err.toString());
  }

  /**
   * Runs {@code java [jvmOptions] -jar zarr4j-cli.jar args} in {@code dir}.
   *
   * @param timeoutSeconds the run is killed, and the test failed, after this long
   */
  static Run jar(Path dir, List<String> jvmOptions, int timeoutSeconds, String... args) {
    Path jar = JAR.toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(
          jar + " is missing: integration tests need `mvn verify` (package first)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    return run(pb, cmd, timeoutSeconds, args);
  }

  /** The launcher users run, {@code bin/zarr4j} at the project's root. */
  static final Path SCRIPT = Path.of("..", "bin", "zarr4j");

  /**
   * Runs {@code bin/zarr4j args} in {@code dir} with {@code env} added to this process's
   * environment (a null value removes the variable).
   *
   * @param timeoutSeconds the run is killed, and the test failed, after this long
   */
  static Run script(
      Path dir, java.util.Map<String, String> env, int timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(SCRIPT.toAbsolutePath().normalize().toString());
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    env.forEach(
        (k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    return run(pb, cmd, timeoutSeconds, args);
  }

  private static Run run(ProcessBuilder pb, List<String> cmd, int timeoutSeconds, String[] args) {
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      StreamReader out = new StreamReader(p.getInputStream());
      StreamReader err = new StreamReader(p.getErrorStream());
      out.start();
      err.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd);
      }
      out.join();
      err.join();
      return new Run(List.of(args), p.exitValue(), out.text(), err.text());
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Fails with the run's output unless it exited 0. */
  Run ok() {
    if (status != 0) {
      throw new AssertionError("expected success: " + this);
    }
    return this;
  }

  @Override
  public String toString() {
    return "zarr4j "
        + String.join(" ", args)
        + "\n  exit "
        + status
        + "\n  stdout: "
        + out
        + "\n  stderr: "
        + err;
  }

  private static final class StreamReader extends Thread {
    private final InputStream in;
    private volatile String text = "";

    StreamReader(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (InputStream s = in) {
        text = new String(s.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "<unreadable: " + e + ">";
      }
    }

    String text() {
      return text;
    }
  }
}
