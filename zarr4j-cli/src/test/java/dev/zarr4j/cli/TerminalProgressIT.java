package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress bars in a real terminal: {@code zarr4j export} runs in a tmux pane whose output is
 * recorded, and its bar frames appear on the terminal; the same command in a pipe writes nothing to
 * standard error, and {@code --no-progress} turns the bar off at the terminal too.
 */
class TerminalProgressIT {
  @TempDir Path dir;

  static void requireTmux() {
    boolean present =
        Files.isExecutable(Path.of("/usr/bin/tmux")) || Files.isExecutable(Path.of("/bin/tmux"));
    if (!present && Boolean.getBoolean("zarr4j.interop.required")) {
      throw new AssertionError("tmux is required (bin/test installs it) but missing");
    }
    assumeTrue(present, "tmux is not installed");
  }

  static String tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("tmux", "-L", "zarr4j-test"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(cmd + ": " + out).isZero();
    return out;
  }

  /** Runs {@code args} at a terminal; returns everything the terminal received. */
  String atTerminal(String session, String... args) throws Exception {
    Path log = dir.resolve(session + ".log");
    Path status = dir.resolve(session + ".status");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder command = new StringBuilder("cd '" + dir + "' && '" + java + "' -jar '");
    command.append(Run.JAR.toAbsolutePath()).append('\'');
    for (String a : args) {
      command.append(" '").append(a).append('\'');
    }
    command.append("; echo $? > '").append(status).append('\'');
    tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "160",
        "-y",
        "20",
        "bash",
        "--norc",
        "--noprofile");
    try {
      tmux("pipe-pane", "-t", session, "-o", "cat >> '" + log + "'");
      tmux("send-keys", "-t", session, command.toString(), "Enter");
      for (int i = 0; i < 240 && !Files.exists(status); i++) {
        Thread.sleep(250);
      }
      assertThat(status).as("the command finished").exists();
      Thread.sleep(300); // the last output reaches the log
      assertThat(Files.readString(status).strip()).isEqualTo("0");
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } finally {
      tmux("kill-session", "-t", session);
    }
  }

  @Test
  void exportShowsABarAtATerminalOnly() throws Exception {
    requireTmux();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("big.zarr"))
                .shape(3000, 3000)
                .chunks(100, 100)
                .dtype("<i4")
                .build());
    z.set(NdArray.arange(DataType.INT32, 9_000_000, 3000, 3000));

    String shown = atTerminal("bar", "export", "big.zarr", "a.npy", "--buffer-size", "1M");
    assertThat(shown).contains("export 100% [").contains("9000000/9000000");
    assertThat(shown).contains("exported big.zarr to a.npy");

    String quiet =
        atTerminal("quiet", "export", "big.zarr", "b.npy", "--buffer-size", "1M", "--no-progress");
    assertThat(quiet).doesNotContain("export 100%").contains("exported big.zarr to b.npy");
    String silent = atTerminal("silent", "--quiet", "export", "big.zarr", "d.npy");
    assertThat(silent).doesNotContain("export 100%").doesNotContain("exported big.zarr");

    Run piped = Run.jar(dir, List.of(), 120, "export", "big.zarr", "c.npy", "--buffer-size", "1M");
    assertThat(piped.ok().err()).isEmpty();
    assertThat(Files.size(dir.resolve("c.npy"))).isEqualTo(Files.size(dir.resolve("a.npy")));
  }

  @Test
  void copyAndConvertShowABarPerArrayAtATerminalOnly() throws Exception {
    requireTmux();
    ZarrGroup g = Zarr.openGroup(Zarr.directoryStore(dir.resolve("h.zarr")), OpenMode.WRITE);
    g.createGroup("g")
        .create(
            "big", ArrayOptions.builder().shape(3000, 3000).chunks(100, 100).dtype("<i4").build())
        .set(NdArray.arange(DataType.INT32, 9_000_000, 3000, 3000));

    String converted = atTerminal("convert", "convert", "h.zarr", "h3.zarr", "--zarr-format", "3");
    assertThat(converted).contains("convert g/big 100% [").contains("900/900");
    String copied = atTerminal("copy", "copy", "h.zarr", "h2.zarr");
    assertThat(copied).contains("copy g/big 100% [").contains("900/900");
    String quiet = atTerminal("copyquiet", "copy", "h.zarr", "h4.zarr", "--no-progress");
    assertThat(quiet).doesNotContain("100% [").contains("copy /g/big");

    Run piped = Run.jar(dir, List.of(), 120, "convert", "h.zarr", "h5.zarr");
    assertThat(piped.ok().err()).isEmpty();
    assertThat(Zarr.openArray(dir.resolve("h5.zarr/g/big")).get("2999, 2990:3000"))
        .isEqualTo(Zarr.openArray(dir.resolve("h.zarr/g/big")).get("2999, 2990:3000"));
  }
}
