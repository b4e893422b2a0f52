package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LookaheadTest {

  static Stream<Integer> seeds() {
    return IntStream.range(0, 40).boxed();
  }

  /**
   * Blocks are consumed in order, each with its own values; at most two blocks' values are alive at
   * once; a failure on either side surfaces as itself, after which nothing more is consumed and no
   * fetch is still running.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void consumesInOrderWithOneBlockAheadAndStopsAtTheFirstFailure(int seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    int n = random.nextInt(0, 30);
    List<Integer> blocks = IntStream.range(0, n).boxed().toList();
    int failFetchAt = random.nextInt(4) == 0 ? random.nextInt(n + 1) : -1;
    int failConsumeAt = random.nextInt(4) == 0 ? random.nextInt(n + 1) : -1;
    AtomicInteger alive = new AtomicInteger();
    AtomicInteger maxAlive = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    List<Integer> consumed = new ArrayList<>();
    Lookahead.Fetch<Integer, int[]> fetch =
        b -> {
          running.incrementAndGet();
          try {
            sleepMicros(random.nextInt(300));
            if (b == failFetchAt) {
              throw new IOException("fetch " + b);
            }
            maxAlive.accumulateAndGet(alive.incrementAndGet(), Math::max);
            return new int[] {b * 7};
          } finally {
            running.decrementAndGet();
          }
        };
    Lookahead.Consume<Integer, int[]> consume =
        (b, values) -> {
          assertThat(values[0]).isEqualTo(b * 7);
          sleepMicros(300);
          if (b == failConsumeAt) {
            throw new IllegalStateException("consume " + b);
          }
          consumed.add(b);
          alive.decrementAndGet();
        };
    int firstFailure = n;
    String expected = null;
    if (failFetchAt >= 0 && failFetchAt < n) {
      firstFailure = failFetchAt;
      expected = "fetch " + failFetchAt;
    }
    if (failConsumeAt >= 0 && failConsumeAt < firstFailure) {
      firstFailure = failConsumeAt;
      expected = "consume " + failConsumeAt;
    }
    if (expected == null) {
      assertThat(Lookahead.run(blocks, fetch, consume)).isEqualTo(n);
    } else {
      assertThatThrownBy(() -> Lookahead.run(blocks, fetch, consume)).hasMessage(expected);
    }
    assertThat(consumed).isEqualTo(blocks.subList(0, firstFailure));
    assertThat(running.get()).as("a fetch still running after run returned").isZero();
    assertThat(maxAlive.get()).isLessThanOrEqualTo(2);
  }

  private static void sleepMicros(int micros) {
    try {
      Thread.sleep(0, micros * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
