package dev.zarr4j.store.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Coalescing checked against its definition on seeded random ranges. */
class RangeCoalescerTest {

  @Test
  void neighboursWithinTheGapMergeAndOthersDoNot() {
    long[] starts = {0, 110, 500, 90};
    long[] ends = {100, 200, 600, 95};
    List<RangeCoalescer.Group> groups = RangeCoalescer.coalesce(starts, ends, 10, 1000);
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).start()).isEqualTo(0);
    assertThat(groups.get(0).end()).isEqualTo(200);
    assertThat(groups.get(0).members()).containsExactly(0, 3, 1);
    assertThat(groups.get(1).members()).containsExactly(2);
  }

  @Test
  void theLengthLimitSplitsAndALongRangeStaysAlone() {
    long[] starts = {0, 100, 200, 1000};
    long[] ends = {100, 200, 300, 5000};
    List<RangeCoalescer.Group> groups = RangeCoalescer.coalesce(starts, ends, 1000, 200);
    assertThat(groups).extracting(g -> g.members().length).containsExactly(2, 1, 1);
    assertThat(groups.get(2).end() - groups.get(2).start()).isEqualTo(4000);
  }

  @Test
  void reversedRangesAreRefused() {
    assertThatThrownBy(() -> RangeCoalescer.coalesce(new long[] {5}, new long[] {4}, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("range 0");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void groupsMatchTheDefinition(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 200; round++) {
      int n = random.nextInt(0, 30);
      long[] starts = new long[n];
      long[] ends = new long[n];
      for (int i = 0; i < n; i++) {
        starts[i] = random.nextLong(0, 2000);
        ends[i] = starts[i] + random.nextLong(0, random.nextBoolean() ? 20 : 300);
      }
      long gap = random.nextLong(0, 50);
      long max = random.nextLong(1, 800);
      List<RangeCoalescer.Group> groups = RangeCoalescer.coalesce(starts, ends, gap, max);
      String context = "seed " + seed + " round " + round;
      // every range in exactly one group, inside it
      int[] seen = new int[n];
      for (RangeCoalescer.Group g : groups) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int m : g.members()) {
          seen[m]++;
          lo = Math.min(lo, starts[m]);
          hi = Math.max(hi, ends[m]);
        }
        assertThat(g.start()).as(context).isEqualTo(lo);
        assertThat(g.end()).as(context).isEqualTo(hi);
        assertThat(g.members().length == 1 || g.end() - g.start() <= max).as(context).isTrue();
        // inside a group, the sorted members leave no hole wider than the gap
        List<Integer> sorted = new ArrayList<>();
        for (int m : g.members()) {
          sorted.add(m);
        }
        long reach = starts[sorted.get(0)];
        for (int m : sorted) {
          assertThat(starts[m] - reach).as(context).isLessThanOrEqualTo(gap);
          assertThat(starts[m]).as(context).isGreaterThanOrEqualTo(starts[sorted.get(0)]);
          reach = Math.max(reach, ends[m]);
        }
      }
      assertThat(seen).as(context).containsOnly(n == 0 ? new int[0] : new int[] {1});
      assertThat(Arrays.stream(seen).sum()).isEqualTo(n);
      // consecutive groups were not merged needlessly: apart by more than the gap, or too long
      for (int i = 1; i < groups.size(); i++) {
        RangeCoalescer.Group a = groups.get(i - 1);
        RangeCoalescer.Group b = groups.get(i);
        assertThat(b.start()).as(context).isGreaterThanOrEqualTo(a.start());
        long firstOfB = starts[b.members()[0]];
        boolean apart = firstOfB - a.end() > gap;
        boolean tooLong = Math.max(a.end(), ends[b.members()[0]]) - a.start() > max;
        assertThat(apart || tooLong).as(context + " groups " + (i - 1) + ", " + i).isTrue();
      }
    }
  }
}
