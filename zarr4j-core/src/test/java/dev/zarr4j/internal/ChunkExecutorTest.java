package dev.zarr4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chunk pool: every item runs exactly once, small batches from an application thread are shared
 * with the caller (and finish even while every worker is busy), failures are rethrown as they were
 * thrown, and nesting never deadlocks.
 */
class ChunkExecutorTest {

  private static List<Integer> items(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  @Test
  void everyItemRunsOnce() {
    for (int threads : new int[] {1, 2, 3}) {
      ChunkExecutor ex = ChunkExecutor.shared(threads);
      assertThat(ex.parallelism()).isEqualTo(threads);
      for (int n = 0; n <= 40; n += n < 12 ? 1 : 7) {
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        ex.forEach(items(n).iterator(), i -> seen.incrementAndGet(i));
        for (int i = 0; i < n; i++) {
          assertThat(seen.get(i)).as("item %d of %d on %d threads", i, n, threads).isEqualTo(1);
        }
      }
    }
  }

  @Test
  @Timeout(30)
  void aSmallBatchFinishesWhileEveryWorkerIsBusy() throws Exception {
    ChunkExecutor ex = ChunkExecutor.shared(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(2);
    Thread hog =
        new Thread(
            () ->
                ex.forEach(
                    items(2 * ChunkExecutor.SMALL_BATCH).iterator(),
                    i -> {
                      if (ChunkExecutor.isPoolWorker()) {
                        busy.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    }));
    hog.start();
    assertThat(busy.await(20, TimeUnit.SECONDS)).as("both workers busy").isTrue();
    AtomicInteger ran = new AtomicInteger();
    ex.forEach(items(4).iterator(), i -> ran.incrementAndGet());
    assertThat(ran.get()).isEqualTo(4);
    release.countDown();
    hog.join();
  }

  @Test
  void theFirstFailureIsRethrownAsThrown() {
    ChunkExecutor ex = ChunkExecutor.shared(2);
    for (int n : new int[] {2, 5, ChunkExecutor.SMALL_BATCH, 100}) {
      assertThatThrownBy(
              () ->
                  ex.forEach(
                      items(n).iterator(),
                      i -> {
                        if (i == n / 2) {
                          throw new IllegalStateException("item " + i + " failed");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("item " + n / 2 + " failed");
    }
  }

  @Test
  @Timeout(60)
  void nestedBatchesFinish() {
    ChunkExecutor ex = ChunkExecutor.shared(2);
    AtomicInteger count = new AtomicInteger();
    ex.forEach(
        items(4).iterator(),
        i ->
            ex.forEach(
                items(i % 2 == 0 ? 3 : 50).iterator(),
                j -> ex.forEach(items(2).iterator(), k -> count.incrementAndGet())));
    assertThat(count.get()).isEqualTo(2 * (3 + 50) * 2);
  }

  @Test
  void poolsAreSharedBySizeAndRefuseNonPositiveSizes() {
    assertThat(ChunkExecutor.shared(3)).isSameAs(ChunkExecutor.shared(3));
    assertThat(ChunkExecutor.shared(3)).isNotSameAs(ChunkExecutor.shared(1));
    assertThat(ChunkExecutor.processDefault().parallelism())
        .isEqualTo(ChunkExecutor.defaultParallelism());
    assertThatThrownBy(() -> ChunkExecutor.shared(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
