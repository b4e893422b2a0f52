package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB array read whole through a {@link ChunkStream} in a child JVM whose heap is 128 MiB
 * ({@link ChunkStreamHeapChild}), every value checked: only a stream whose memory stays near its
 * look-ahead can pass.
 */
class ChunkStreamHeapTest {

  @TempDir Path dir;

  @Test
  void aGibibyteArrayStreamsThroughA128MiBHeap() throws Exception {
    long dataBytes = (long) ChunkStreamHeapChild.SIDE * ChunkStreamHeapChild.SIDE * 4;
    assertThat(dataBytes).as("array eight times the child's heap").isGreaterThanOrEqualTo(8L << 27);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-Dzarr4j.threads=2");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChunkStreamHeapChild.class.getName());
    cmd.add(dir.toString());
    File log = dir.resolve("child.log").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    p.getOutputStream().close();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    assertThat(finished).as("child finished within 120 s; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains(ChunkStreamHeapChild.OK)
        .contains("256 blocks, 268435456 values checked")
        .contains("max heap 128 MiB");
    System.out.println(out.strip());
  }
}
