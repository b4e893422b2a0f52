package dev.zarr4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.interop.ZarrPython;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.sync.IncrementWorker.Layout;
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
 * same writers without a synchronizer lose updates, so the check can fail. On a Zarr v3 array with
 * shards large enough to be updated in place, most writes do go in place, with and without a
 * synchronizer; without one updates may be lost, but every value read or left is one a writer
 * wrote.
 */
class ProcessSynchronizerIT {
  private static final int JVM_WRITERS = 4;
  private static final int PYTHON_WRITERS = 2;

  /** Iterations of each JVM writer on {@link Layout#LARGE_SHARDS}. */
  private static final int IN_PLACE_ITERATIONS = 500;

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
    Outcome o = run(true, 600, 0, Layout.SMALL_SHARDS);
    assertThat(o.lostWhileRunning()).as("updates lost while running").isZero();
    assertThat(o.lostInFinalState()).as("updates missing at the end").isZero();
    assertThat(o.attributesStored()).as("attributes").isEqualTo(o.attributesSet());
    assertThat(dir.resolve("locks/c")).as("one lock file per shard").isDirectory();
    assertThat(o.inPlace())
        .as("shards of 1 KiB are rewritten: writes counted as in place, of %d", o.shardWrites())
        .isZero();
  }

  @Test
  void fourJvmsUpdatingSharedShardsInPlaceLoseNoUpdate() throws Exception {
    Outcome o = run(true, IN_PLACE_ITERATIONS, 0, Layout.LARGE_SHARDS);
    assertThat(o.impossible()).as("values no writer left, read or at the end").isEmpty();
    assertThat(o.lostWhileRunning()).as("updates lost while running").isZero();
    assertThat(o.lostInFinalState()).as("updates missing at the end").isZero();
    assertThat(o.attributesStored()).as("attributes").isEqualTo(o.attributesSet());
    assertThat(o.inPlace())
        .as("shard writes that kept the file and grew, of %d", o.shardWrites())
        .isGreaterThan(o.shardWrites() / 2);
  }

  @Test
  void writersUpdatingSharedShardsInPlaceWithoutASynchronizerLeaveOnlyValuesTheyWrote()
      throws Exception {
    Outcome o = run(false, IN_PLACE_ITERATIONS, 0, Layout.LARGE_SHARDS);
    assertThat(o.impossible()).as("values no writer left, read or at the end").isEmpty();
    assertThat(o.inPlace())
        .as("shard writes that kept the file and grew, of %d", o.shardWrites())
        .isGreaterThan(o.shardWrites() / 4);
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

  /**
   * What the writers saw and left: lost updates, attributes, values no writer could have left (read
   * while running, counted; at the end, named), and the shard writes that went in place.
   */
  private record Outcome(
      long lostWhileRunning,
      long lostInFinalState,
      int attributesSet,
      int attributesStored,
      List<String> impossible,
      long shardWrites,
      long inPlace) {}

  private Outcome run(boolean synchronize, int jvmIterations, int pythonIterations)
      throws Exception {
    return run(synchronize, jvmIterations, pythonIterations, Layout.V2_CHUNKS);
  }

  /** The command of a JVM writer ({@link IncrementWorker#main}) with {@code args}. */
  private static List<String> jvmWriter(List<String> args, Layout layout) {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            IncrementWorker.class.getName()));
    cmd.addAll(args);
    cmd.add(layout.name());
    return cmd;
  }

  /**
   * A writer updating shards in place, killed (SIGKILL) at a random moment, three times over on the
   * same array: every shard still decodes and every element holds a value a write left whole (its
   * own tag, a count no higher than the writes made). At some kill, a shard was in its in-place
   * state (its index at a page boundary past the compact layout).
   */
  @Test
  void aWriterKilledWhileUpdatingShardsInPlaceLeavesEveryShardWhole() throws Exception {
    Layout layout = Layout.LARGE_SHARDS;
    Path array = Files.createTempDirectory(dir, "killed");
    IncrementWorker.create(array, layout);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(2026);
    int indexSize = layout.chunksPerShard * 16 + 4;
    int inPlaceStates = 0;
    for (int round = 0; round < 3; round++) {
      Path out = Files.createTempFile(dir, "killed", ".txt");
      List<String> args =
          List.of(
              array.toString(), "none", "0", "1", "1000000", Long.toString(round), out.toString());
      Process p =
          new ProcessBuilder(jvmWriter(args, layout))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("killed" + round + ".txt").toFile())
              .start();
      Thread.sleep(1500 + rnd.nextInt(1500)); // past the JVM's start, amid the writes
      assertThat(p.isAlive()).as("the writer is still writing when killed").isTrue();
      p.destroyForcibly().waitFor();
      try (java.util.stream.Stream<Path> files = Files.walk(array.resolve("c"))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if ((Files.size(f) - indexSize) % 4096 == 0) {
            inPlaceStates++;
          }
        }
      }
      try (DirectoryStore store = new DirectoryStore(array)) {
        int[] stored = IncrementWorker.ints(Zarr.openArray(store, OpenMode.READ).get());
        for (int i = 0; i < stored.length; i++) {
          int count = layout.count(i, stored[i]);
          assertThat(count)
              .as("round %d, element %d: %s", round, i, layout.describe(stored[i]))
              .isBetween(0, 1_000_000 * (round + 1));
        }
      }
    }
    assertThat(inPlaceStates).as("shards left in an in-place state by a kill").isPositive();
  }

  /** Runs the writers: JVMs, then zarr-python ones on a Zarr v2 {@code layout}. */
  private Outcome run(boolean synchronize, int jvmIterations, int pythonIterations, Layout layout)
      throws Exception {
    boolean sharded = layout != Layout.V2_CHUNKS;
    if (!sharded) {
      ZarrPython.require();
    }
    Path array = Files.createTempDirectory(dir, "array");
    Path locks = dir.resolve("locks");
    IncrementWorker.create(array, layout);
    Path script = dir.resolve("increment_worker.py");
    Files.writeString(script, IncrementWorker.PYTHON);
    String sync = synchronize ? locks.toString() : "none";
    int workers = JVM_WRITERS + (sharded ? 0 : PYTHON_WRITERS);
    List<Process> processes = new ArrayList<>();
    List<Path> results = new ArrayList<>();
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
        cmd.addAll(jvmWriter(args, layout));
      } else {
        cmd.addAll(List.of(ZarrPython.PYTHON.toString(), script.toString()));
        cmd.addAll(args);
      }
      processes.add(
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log" + w + ".txt").toFile())
              .start());
    }
    IncrementWorker.Result[] r = new IncrementWorker.Result[workers];
    long lost = 0;
    int attributes = 0;
    long impossibleRead = 0;
    long shardWrites = 0;
    long inPlace = 0;
    for (int w = 0; w < workers; w++) {
      Process p = processes.get(w);
      boolean done = p.waitFor(10, TimeUnit.MINUTES);
      String log = Files.readString(dir.resolve("log" + w + ".txt"), StandardCharsets.UTF_8);
      assertThat(done).as("writer %d finished; output:%n%s", w, log).isTrue();
      assertThat(p.exitValue()).as("writer %d exit; output:%n%s", w, log).isZero();
      r[w] = IncrementWorker.readResult(w, results.get(w));
      lost += r[w].lost();
      attributes += r[w].attributes();
      impossibleRead += r[w].impossible();
      shardWrites += r[w].shardWrites();
      inPlace += r[w].inPlace();
    }
    try (DirectoryStore store = new DirectoryStore(array)) {
      ZarrArray z = Zarr.openArray(store, OpenMode.READ);
      int[] stored = IncrementWorker.ints(z.get()); // decodes every shard
      long missing = IncrementWorker.lostInFinalState(layout, stored, r);
      List<String> impossible =
          new ArrayList<>(IncrementWorker.impossibleValues(layout, stored, 10, r));
      if (impossibleRead > 0) {
        impossible.add(impossibleRead + " read by the writers");
      }
      System.out.printf(
          "%s, %s: %d updates lost while running, %d at the end; %d of %d shard writes in"
              + " place%n",
          layout,
          synchronize ? "synchronized" : "unsynchronized",
          lost,
          missing,
          inPlace,
          shardWrites);
      return new Outcome(
          lost, missing, attributes, z.attrs().size(), impossible, shardWrites, inPlace);
    }
  }
}
