package dev.zarr4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ThreadSynchronizerTest {

  /**
   * Threads write disjoint single elements that share chunks. Every partial write is a
   * read-modify-write of a whole chunk, so without locking updates get lost; with a synchronizer
   * every element ends up written.
   */
  @Test
  void concurrentPartialWritesLoseNoUpdates() throws Exception {
    ZarrArray z =
        Zarr.zeros(
            ArrayOptions.builder()
                .store(new MemoryStore())
                .shape(4000)
                .chunks(100)
                .dtype("i4")
                .synchronizer(new ThreadSynchronizer())
                .build());
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = id; i < 4000; i += threads) {
                  z.setValue(i + 1, i);
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    long[] all = z.get().toLongArray();
    for (int i = 0; i < all.length; i++) {
      assertThat(all[i]).as("element %d", i).isEqualTo(i + 1);
    }
  }

  @Test
  void sameKeySameLockAndStripesAreBounded() {
    ThreadSynchronizer s = new ThreadSynchronizer(4);
    assertThat(s.lockFor("a/0.0")).isSameAs(s.lockFor("a/0.0"));
    java.util.Set<Object> locks = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      locks.add(s.lockFor("k" + i));
    }
    assertThat(locks).hasSizeLessThanOrEqualTo(4);
  }
}
