package dev.zarr4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.interop.ZarrPython;
import dev.zarr4j.store.DirectoryStore;
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
 * JVM processes and zarr-python processes incrementing their own elements of one array, in windows
 * that share chunks (see {@link IncrementWorker}), with {@code ProcessSynchronizer} on one lock
 * directory on both sides: no update is lost, and every attribute each writer set is there. The
 * same writers without a synchronizer lose updates, so the check can fail.
 */
class ProcessSynchronizerIT {
  private static final int JVM_WRITERS = 4;
  private static final int PYTHON_WRITERS = 2;

  @TempDir Path dir;

  @Test
  void fourJvmsAndTwoPythonsLoseNoUpdateWithProcessSynchronizers() throws Exception {
    Outcome o = run(true, 800, 160);
    assertThat(o.lostWhileRunning()).as("updates lost while running").isZero();
    assertThat(o.lostInFinalState()).as("updates missing at the end").isZero();
    assertThat(o.attributesStored()).as("attributes").isEqualTo(o.attributesSet());
    assertThat(Files.list(dir.resolve("locks")).map(p -> p.getFileName().toString()))
        .as("zarr-python and zarr4j locked the same files")
        .contains(".zarray", ".zattrs", "0", "1");
  }

  @Test
  void fourJvmsWritingIntoSharedShardsOfAZarrV3ArrayLoseNoUpdate() throws Exception {
    Outcome o = run(true, 600, 0, true);
    assertThat(o.lostWhileRunning()).as("updates lost while running").isZero();
    assertThat(o.lostInFinalState()).as("updates missing at the end").isZero();
    assertThat(o.attributesStored()).as("attributes").isEqualTo(o.attributesSet());
    assertThat(dir.resolve("locks/c")).as("one lock file per shard").isDirectory();
  }

  @Test
  void theSameWritersWithoutASynchronizerLoseUpdates() throws Exception {
    long lost = 0;
    for (int attempt = 0; attempt < 3 && lost == 0; attempt++) {
      Outcome o = run(false, 300, 80);
      lost = o.lostWhileRunning() + o.lostInFinalState();
    }
    assertThat(lost).isPositive();
  }

  private record Outcome(
      long lostWhileRunning, long lostInFinalState, int attributesSet, int attributesStored) {}

  private Outcome run(boolean synchronize, int jvmIterations, int pythonIterations)
      throws Exception {
    return run(synchronize, jvmIterations, pythonIterations, false);
  }

  /** Runs the writers: JVMs, then zarr-python ones unless {@code sharded} (a Zarr v3 array). */
  private Outcome run(boolean synchronize, int jvmIterations, int pythonIterations, boolean sharded)
      throws Exception {
    if (!sharded) {
      ZarrPython.require();
    }
    Path array = Files.createTempDirectory(dir, "array");
    Path locks = dir.resolve("locks");
    IncrementWorker.create(array, sharded);
    Path script = dir.resolve("increment_worker.py");
    Files.writeString(script, IncrementWorker.PYTHON);
    String sync = synchronize ? locks.toString() : "none";
    int workers = JVM_WRITERS + (sharded ? 0 : PYTHON_WRITERS);
    List<Process> processes = new ArrayList<>();
    List<Path> results = new ArrayList<>();
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    for (int w = 0; w < workers; w++) {
      Path out = Files.createTempFile(dir, "result", ".txt");
      results.add(out);
      List<String> args =
          List.of(
              array.toString(),
              sync,
              Integer.toString(w),
              Integer.toString(workers),
              Integer.toString(w < JVM_WRITERS ? jvmIterations : pythonIterations),
              Long.toString(77 + w),
              out.toString());
      List<String> cmd = new ArrayList<>();
      if (w < JVM_WRITERS) {
        cmd.addAll(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                IncrementWorker.class.getName()));
      } else {
        cmd.addAll(List.of(ZarrPython.PYTHON.toString(), script.toString()));
      }
      cmd.addAll(args);
      processes.add(
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log" + w + ".txt").toFile())
              .start());
    }
    IncrementWorker.Result[] r = new IncrementWorker.Result[workers];
    long lost = 0;
    int attributes = 0;
    for (int w = 0; w < workers; w++) {
      Process p = processes.get(w);
      boolean done = p.waitFor(10, TimeUnit.MINUTES);
      String log = Files.readString(dir.resolve("log" + w + ".txt"), StandardCharsets.UTF_8);
      assertThat(done).as("writer %d finished; output:%n%s", w, log).isTrue();
      assertThat(p.exitValue()).as("writer %d exit; output:%n%s", w, log).isZero();
      r[w] = IncrementWorker.readResult(w, results.get(w));
      lost += r[w].lost();
      attributes += r[w].attributes();
    }
    try (DirectoryStore store = new DirectoryStore(array)) {
      ZarrArray z = Zarr.openArray(store, OpenMode.READ);
      long missing = IncrementWorker.lostInFinalState(IncrementWorker.ints(z.get()), r);
      return new Outcome(lost, missing, attributes, z.attrs().size());
    }
  }
}
