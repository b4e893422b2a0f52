package dev.zarr4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.MemoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSynchronizerTest {
  @TempDir Path dir;

  @Test
  void theLockForAKeyIsAFileAtTheKeysPathCreatedOnFirstUse() {
    ProcessSynchronizer s = new ProcessSynchronizer(dir.resolve("locks"));
    Lock lock = s.lockFor("group/array/0.1");
    assertThat(dir.resolve("locks")).doesNotExist();
    lock.lock();
    try {
      assertThat(dir.resolve("locks/group/array/0.1")).isRegularFile();
    } finally {
      lock.unlock();
    }
    // never deleted, never truncated: zarr-python's lock files stay too
    assertThat(dir.resolve("locks/group/array/0.1")).isRegularFile();
  }

  @Test
  void keysThatAreNotStoreKeysAreRefused() {
    ProcessSynchronizer s = new ProcessSynchronizer(dir);
    assertThatThrownBy(() -> s.lockFor("a/../../etc/passwd"))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> s.lockFor("")).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void aLockFileThatCannotBeCreatedFailsNamingIt() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file where a directory is needed");
    Lock lock = new ProcessSynchronizer(dir).lockFor("blocker/0.0");
    assertThatThrownBy(lock::lock)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.resolve("blocker/0.0").toString());
    // the failure released the in-JVM lock: another thread is not blocked by it
    assertThat(tryFromAnotherThread(() -> new ProcessSynchronizer(dir).lockFor("x"))).isTrue();
  }

  @Test
  void aHeldLockExcludesOtherThreadsAndOtherSynchronizersOfTheSameDirectory() throws Exception {
    Lock lock = new ProcessSynchronizer(dir).lockFor("a/0");
    lock.lock();
    try {
      assertThat(tryFromAnotherThread(() -> new ProcessSynchronizer(dir).lockFor("a/0"))).isFalse();
      assertThat(tryFromAnotherThread(() -> new ProcessSynchronizer(dir).lockFor("a/1")))
          .as("another key")
          .isTrue();
    } finally {
      lock.unlock();
    }
    assertThat(tryFromAnotherThread(() -> new ProcessSynchronizer(dir).lockFor("a/0"))).isTrue();
  }

  @Test
  void aThreadMayTakeALockItHoldsAgainAndTheFileStaysLockedUntilTheLastUnlock() throws Exception {
    ProcessSynchronizer s = new ProcessSynchronizer(dir);
    Lock lock = s.lockFor("k");
    lock.lock();
    assertThat(s.lockFor("k").tryLock()).isTrue();
    lock.unlock();
    assertThat(tryFromAnotherThread(() -> s.lockFor("k"))).isFalse();
    lock.unlock();
    assertThat(tryFromAnotherThread(() -> s.lockFor("k"))).isTrue();
  }

  @Test
  void unlockingALockNotHeldIsAnError() {
    Lock lock = new ProcessSynchronizer(dir).lockFor("k");
    assertThatThrownBy(lock::unlock)
        .isInstanceOf(IllegalMonitorStateException.class)
        .hasMessageContaining("k");
    assertThatThrownBy(lock::newCondition).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aTimedTryLockWaitsForTheHolderAndGivesUpAtTheDeadline() throws Exception {
    ProcessSynchronizer s = new ProcessSynchronizer(dir);
    Lock held = s.lockFor("k");
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              held.lock();
              taken.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                held.unlock();
              }
            });
    holder.start();
    taken.await();
    long t0 = System.nanoTime();
    assertThat(s.lockFor("k").tryLock(150, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(140));
    release.countDown();
    Lock mine = s.lockFor("k");
    assertThat(mine.tryLock(10, TimeUnit.SECONDS)).isTrue();
    mine.unlock();
    holder.join();
  }

  @Test
  void anotherProcessCannotTakeAHeldLockFileWithPythonsLockf() throws Exception {
    Lock lock = new ProcessSynchronizer(dir).lockFor("arr/0.0");
    Path file = dir.resolve("arr/0.0");
    lock.lock();
    try {
      assertThat(pythonCanLock(file)).as("python lockf while the JVM holds the lock").isFalse();
    } finally {
      lock.unlock();
    }
    assertThat(pythonCanLock(file)).as("python lockf after release").isTrue();
  }

  /** Whether a Python process can take the record lock of {@code file} at once, as fasteners. */
  private static boolean pythonCanLock(Path file) throws Exception {
    Process p =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import fcntl, sys\n"
                    + "f = open(sys.argv[1], 'a')\n"
                    + "try:\n"
                    + "    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
                    + "    print('locked')\n"
                    + "except OSError:\n"
                    + "    print('busy')\n",
                file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(out).isIn("locked", "busy");
    return out.equals("locked");
  }

  @Test
  void serialisesToASynchronizerOfTheSameDirectory() throws Exception {
    ProcessSynchronizer s = new ProcessSynchronizer(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }
    assertThat(copy).isEqualTo(s);
    Lock lock = s.lockFor("k");
    lock.lock();
    try {
      assertThat(tryFromAnotherThread(() -> ((ProcessSynchronizer) copy).lockFor("k"))).isFalse();
    } finally {
      lock.unlock();
    }
  }

  @Test
  void eightThreadsIncrementingSharedChunksLoseNothingWithAProcessSynchronizer() throws Exception {
    assertThat(runThreads(new ProcessSynchronizer(dir), 8, 10_000)).isZero();
  }

  @Test
  void eightThreadsIncrementingSharedChunksLoseNothingWithAThreadSynchronizer() throws Exception {
    assertThat(runThreads(new ThreadSynchronizer(), 8, 10_000)).isZero();
  }

  /** The check above can fail: without a synchronizer, the same writers lose updates. */
  @Test
  void withoutASynchronizerTheSameThreadsLoseUpdates() throws Exception {
    long lost = 0;
    for (int attempt = 0; attempt < 5 && lost == 0; attempt++) {
      lost = runThreads(null, 8, 2_000);
    }
    assertThat(lost).isPositive();
  }

  @Test
  void appendsFromTwoArrayObjectsLoseNoRowWithASynchronizerAndDoWithout() throws Exception {
    assertThat(appendFromTwoArrays(new ProcessSynchronizer(dir), 150)).isEqualTo(300);
    int rows = 300;
    for (int attempt = 0; attempt < 5 && rows == 300; attempt++) {
      rows = appendFromTwoArrays(null, 150);
    }
    assertThat(rows).as("rows kept without a synchronizer").isLessThan(300);
  }

  /**
   * Two array objects opened separately on one store (as two processes would) each append {@code n}
   * rows {@code [writer, i]} at once; returns how many distinct rows the array ends with, having
   * checked that every row it holds is one of them.
   */
  private static int appendFromTwoArrays(Synchronizer sync, int n) throws Exception {
    MemoryStore store = new MemoryStore();
    Zarr.zeros(ArrayOptions.builder().store(store).shape(0, 2).chunks(7, 2).dtype("<i4").build());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 1; w <= 2; w++) {
        int writer = w;
        ArrayOptions.Builder o = ArrayOptions.builder().cacheMetadata(false);
        if (sync != null) {
          o.synchronizer(sync);
        }
        ZarrArray z = Zarr.openArray(store, dev.zarr4j.OpenMode.READ_WRITE, o.build());
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < n; i++) {
                    z.append(dev.zarr4j.ndarray.NdArray.of(new int[] {writer, i}, 1, 2));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    int[] v = IncrementWorker.ints(Zarr.openArray(store, dev.zarr4j.OpenMode.READ).get());
    java.util.Set<Integer> rows = new java.util.HashSet<>();
    for (int r = 0; r < v.length / 2; r++) {
      if (v[2 * r] == 0) {
        continue; // a row another writer's append claimed but never filled
      }
      assertThat(v[2 * r]).isBetween(1, 2);
      assertThat(v[2 * r + 1]).isBetween(0, n - 1);
      rows.add(v[2 * r] * 100_000 + v[2 * r + 1]);
    }
    return rows.size();
  }

  /**
   * Runs {@link IncrementWorker}s in threads on one memory-store array and returns the lost updates
   * seen while running plus those the final state shows; also checks every attribute is there when
   * nothing was lost.
   */
  private static long runThreads(Synchronizer sync, int threads, int iterations) throws Exception {
    ArrayOptions.Builder o =
        ArrayOptions.builder()
            .store(new MemoryStore())
            .shape(IncrementWorker.LENGTH)
            .chunks(IncrementWorker.CHUNK)
            .dtype("<i4")
            .cacheAttrs(false);
    if (sync != null) {
      o.synchronizer(sync);
    }
    ZarrArray z = Zarr.zeros(o.build());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<IncrementWorker.Result>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int w = t;
        futures.add(pool.submit(() -> IncrementWorker.run(z, w, threads, iterations, 1000 + w)));
      }
      IncrementWorker.Result[] results = new IncrementWorker.Result[threads];
      long lost = 0;
      int attributes = 0;
      for (int t = 0; t < threads; t++) {
        results[t] = futures.get(t).get(5, TimeUnit.MINUTES);
        lost += results[t].lost();
        attributes += results[t].attributes();
      }
      lost += IncrementWorker.lostInFinalState(IncrementWorker.ints(z.get()), results);
      if (sync != null) {
        assertThat(z.attrs().size()).as("attributes set by every thread").isEqualTo(attributes);
      }
      return lost;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Whether another thread can take the lock {@code lock} supplies at once (and releases it). */
  private static boolean tryFromAnotherThread(Supplier<Lock> lock) throws Exception {
    AtomicBoolean got = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              Lock l = lock.get();
              if (l.tryLock()) {
                got.set(true);
                l.unlock();
              }
            });
    t.start();
    t.join(30_000);
    return got.get();
  }
}
