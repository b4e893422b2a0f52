package dev.zarr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/bench --scenario iterator} end to end at a small size, as a process: the array is
 * generated, both reading children run their warm-up and timed runs, the table is printed, and the
 * checks the children print are the array's own: with {@code --work sum} the iterator's is the sum
 * of every value, the in-memory read's the sum of the prefix's, both computed here from {@code
 * get}.
 */
class IteratorBenchTest {
  @TempDir Path dir;

  @Test
  void theScenarioRunsEndToEndAndBothChildrenReadTheArraysValues() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PeerBench.class.getName());
    cmd.addAll(
        List.of(
            "--scenario",
            "iterator",
            "--size",
            "2",
            "--prefix",
            "1",
            "--cols",
            "256",
            "--chunk",
            "64",
            "--heap",
            "64m",
            "--warmup",
            "2",
            "--reps",
            "2",
            "--rounds",
            "1",
            "--work",
            "sum",
            "--wait-idle",
            "0",
            "--dir",
            dir.toString()));
    File log = dir.resolve("bench.log").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    p.getOutputStream().close();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    assertThat(finished).as("finished within 120 s; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("caller's work: sum")
        .contains("| in memory: getInto of the first 1 MiB, child JVM -Xmx513m |")
        .contains("| chunk iterator: all 2 MiB, child JVM -Xmx64m |")
        .contains("| iterator / in memory (target >= 0.80) |")
        .contains("1 round(s) of the two children, 2 timed runs each");

    // 2 MiB of float32 in 256 columns: 2048 rows, the prefix 1024 of them
    ZarrArray z = Zarr.openArray(dir.resolve("zarr4j-bench-iterator-2MiB-256-64-blosc-lz4.zarr"));
    assertThat(z.shape()).containsExactly(2048L, 256L);
    float[] all = (float[]) z.get().data();
    double sumAll = 0;
    double sumPrefix = 0;
    for (int i = 0; i < all.length; i++) {
      sumAll += all[i];
      if (i < 1024 * 256) {
        sumPrefix += all[i];
      }
    }
    // warm-up: 2 MiB is one run of the iterator, two of the 1 MiB prefix
    assertChecks(out, "iterator", "warm-up", 1, sumAll);
    assertChecks(out, "iterator", "run", 2, sumAll);
    assertChecks(out, "memory", "warm-up", 2, sumPrefix);
    assertChecks(out, "memory", "run", 2, sumPrefix);
  }

  /**
   * Every {@code <read> <kind> N: ... (check X)} line, {@code count} of them, checks {@code sum}.
   */
  private static void assertChecks(String out, String read, String kind, int count, double sum) {
    Matcher m =
        Pattern.compile("^" + read + " " + kind + " \\d+: .*\\(check (\\S+)\\)$", Pattern.MULTILINE)
            .matcher(out);
    int n = 0;
    while (m.find()) {
      n++;
      double check = Double.parseDouble(m.group(1));
      // printed with 6 significant digits; summed in another order than here
      assertThat(check)
          .as(String.format(Locale.ROOT, "%s %s check %s vs %.6g", read, kind, m.group(1), sum))
          .isCloseTo(sum, org.assertj.core.data.Offset.offset(Math.abs(sum) * 1e-5 + 1e-9));
    }
    assertThat(n).as(read + " " + kind + " lines in:%n" + out).isEqualTo(count);
  }
}
