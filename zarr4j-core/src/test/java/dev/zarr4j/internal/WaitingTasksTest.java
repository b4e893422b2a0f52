package dev.zarr4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many waiting tasks at once: each item once, never more at once than asked, failures passed on.
 */
class WaitingTasksTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void everyItemRunsOnceAndNoMoreThanTheLimitAtOnce(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int items = r.nextInt(0, 300);
    int limit = 1 + r.nextInt(40);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger runs = new AtomicInteger();
    Thread caller = Thread.currentThread();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    WaitingTasks.forEach(
        IntStream.range(0, items).iterator(),
        limit,
        i -> {
          most.accumulateAndGet(now.incrementAndGet(), Math::max);
          threads.add(Thread.currentThread());
          sleepMs(1);
          seen.add(i);
          runs.incrementAndGet();
          now.decrementAndGet();
        });
    assertThat(runs.get()).as("seed %d", seed).isEqualTo(items);
    assertThat(seen).hasSize(items);
    assertThat(most.get()).as("seed %d, limit %d", seed, limit).isLessThanOrEqualTo(limit);
    if (limit == 1 || items <= 1) {
      assertThat(threads).allMatch(t -> t == caller);
    }
  }

  @org.junit.jupiter.api.Test
  void theLimitsItemsRunAtOnce() {
    // each of 16 items waits until all 16 have started: only running them at once can finish
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(16);
    AtomicInteger done = new AtomicInteger();
    WaitingTasks.forEach(
        IntStream.range(0, 16).iterator(),
        16,
        i -> {
          started.countDown();
          try {
            assertThat(started.await(30, TimeUnit.SECONDS)).as("all 16 started").isTrue();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          done.incrementAndGet();
        });
    assertThat(done.get()).isEqualTo(16);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8})
  void theFirstFailureIsRethrownAndLaterItemsAreSkipped(int limit) {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(
            () ->
                WaitingTasks.forEach(
                    IntStream.range(0, 10_000).iterator(),
                    limit,
                    i -> {
                      runs.incrementAndGet();
                      if (i == 20) {
                        throw new IllegalStateException("item 20 failed");
                      }
                      sleepMs(1);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("item 20 failed");
    assertThat(runs.get()).isLessThan(20 + 2 * limit + 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3})
  void aLimitBelowOneIsRefused(int limit) {
    assertThatThrownBy(() -> WaitingTasks.forEach(IntStream.range(0, 3).iterator(), limit, i -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(limit));
  }

  private static void sleepMs(long ms) {
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
