package dev.zarr4j.codec.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.ChunkExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class InnerChunkWorkTest {

  /**
   * Runs {@code body} on workers of a 4-thread chunk pool: a batch larger than the ones the calling
   * thread shares goes to the workers alone, and the body runs for the first two items, once the
   * other items are done (work is shared only with idle workers).
   */
  private static void onPoolWorker(Runnable body) {
    List<Integer> items = java.util.stream.IntStream.range(0, 32).boxed().toList();
    ChunkExecutor.shared(4)
        .forEach(
            items.iterator(),
            i -> {
              assertThat(ChunkExecutor.isPoolWorker()).isTrue();
              if (i < 2) {
                // let the other items finish, so that the pool's other workers are idle
                LockSupport.parkNanos(150_000_000L);
                body.run();
              }
            });
  }

  @Test
  void onAPoolWorkerEveryInnerChunkIsDoneOnceAndIdleWorkersTakePart() {
    int count = 64;
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<AtomicIntegerArray> runs = Collections.synchronizedList(new ArrayList<>());
    onPoolWorker(
        () -> {
          AtomicIntegerArray done = new AtomicIntegerArray(count);
          InnerChunkWork.forRanges(
              count,
              (from, to) -> {
                threads.add(Thread.currentThread());
                for (int i = from; i < to; i++) {
                  done.incrementAndGet(i);
                  LockSupport.parkNanos(1_000_000);
                }
              });
          runs.add(done);
        });
    assertThat(runs).hasSize(2);
    for (AtomicIntegerArray done : runs) {
      for (int i = 0; i < count; i++) {
        assertThat(done.get(i)).as("inner chunk %d", i).isEqualTo(1);
      }
    }
    assertThat(threads).hasSizeGreaterThan(1);
  }

  @Test
  void whenEveryWorkerIsBusyTheShardIsDoneInOnePiece() {
    List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
    // 32 items on 4 workers, each item cutting its own work: the workers are all busy at first
    List<Integer> items = java.util.stream.IntStream.range(0, 32).boxed().toList();
    ChunkExecutor.shared(4)
        .forEach(
            items.iterator(),
            i -> {
              if (i == 0) {
                InnerChunkWork.forRanges(64, (from, to) -> ranges.add(new int[] {from, to}));
              } else {
                LockSupport.parkNanos(20_000_000L);
              }
            });
    assertThat(ranges).containsExactly(new int[] {0, 64});
  }

  @Test
  void elsewhereTheWorkRunsInTheCallingThreadInOrder() {
    List<int[]> ranges = new ArrayList<>();
    Thread caller = Thread.currentThread();
    InnerChunkWork.forRanges(
        10,
        (from, to) -> {
          assertThat(Thread.currentThread()).isSameAs(caller);
          ranges.add(new int[] {from, to});
        });
    assertThat(ranges).containsExactly(new int[] {0, 10});
  }

  @Test
  void aFailureInAnyPieceReachesTheCallerAsThrown() {
    List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
    onPoolWorker(
        () -> {
          try {
            InnerChunkWork.forRanges(
                40,
                (from, to) -> {
                  if (from <= 17 && 17 < to) {
                    throw new CodecException("inner chunk (17): bad");
                  }
                });
          } catch (RuntimeException e) {
            seen.add(e);
          }
        });
    assertThat(seen).hasSize(2);
    for (Throwable t : seen) {
      assertThat(t).isInstanceOf(CodecException.class).hasMessage("inner chunk (17): bad");
    }
    assertThatThrownBy(
            () ->
                InnerChunkWork.forRanges(
                    3,
                    (from, to) -> {
                      throw new IllegalStateException("x");
                    }))
        .isInstanceOf(IllegalStateException.class);
  }
}
