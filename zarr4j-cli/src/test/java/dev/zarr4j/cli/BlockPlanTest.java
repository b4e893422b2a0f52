package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link BlockPlan} on seeded random shapes, item sizes, budgets and alignments: the
 * blocks tile the box exactly once, in memory order, each contiguous and within budget, and stop on
 * alignment boundaries whenever the budget leaves room for one.
 */
class BlockPlanTest {

  @Test
  void tenThousandSquareInt32SplitsIntoChunkRows() {
    long[] shape = {10000, 10000};
    BlockPlan plan = BlockPlan.cOrder(shape, 4, 64L << 20, new long[] {1000, 1000}, new long[2]);
    List<BlockPlan.Block> blocks = list(plan);
    // 64 MiB holds 1677 rows of 40000 bytes; aligned to chunk rows: 1000 rows per block.
    assertThat(blocks).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(blocks.get(i).start()).containsExactly(i * 1000L, 0);
      assertThat(blocks.get(i).count()).containsExactly(1000, 10000);
    }
  }

  @Test
  void rowsLargerThanTheBudgetSplitTheNextDimension() {
    BlockPlan plan = BlockPlan.cOrder(new long[] {3, 10, 8}, 1, 20, BlockPlan.ones(3), new long[3]);
    assertThat(plan.splitDimension()).isEqualTo(1);
    assertThat(plan.maxSplitLength()).isEqualTo(2);
    List<BlockPlan.Block> blocks = list(plan);
    assertThat(blocks).hasSize(15);
    assertThat(blocks.get(0).start()).containsExactly(0, 0, 0);
    assertThat(blocks.get(0).count()).containsExactly(1, 2, 8);
    assertThat(blocks.get(5).start()).containsExactly(1, 0, 0);
  }

  @Test
  void budgetBelowOneItemTakesOneItemAtATime() {
    List<BlockPlan.Block> blocks = list(BlockPlan.cOrder(new long[] {2, 3}, 16, 5));
    assertThat(blocks).hasSize(6);
    assertThat(blocks).allSatisfy(b -> assertThat(b.size()).isEqualTo(1));
  }

  @Test
  void zeroDimensionalAndEmptyBoxes() {
    List<BlockPlan.Block> scalar = list(BlockPlan.cOrder(new long[0], 8, 100));
    assertThat(scalar).hasSize(1);
    assertThat(scalar.get(0).size()).isEqualTo(1);
    assertThat(list(BlockPlan.cOrder(new long[] {4, 0, 3}, 8, 100))).isEmpty();
    assertThat(list(BlockPlan.fOrder(new long[] {0}, 8, 100))).isEmpty();
  }

  @Test
  void fortranOrderSplitsTheLastDimension() {
    List<BlockPlan.Block> blocks =
        list(BlockPlan.fOrder(new long[] {4, 5, 6}, 1, 40, new long[] {1, 1, 4}, new long[3]));
    // one index of the last dimension is 20 bytes: 2 fit, aligned to 4 -> still 2 (no boundary
    // within reach past the start), then blocks stop at 4
    assertThat(blocks.get(0).start()).containsExactly(0, 0, 0);
    assertThat(blocks.get(0).count()).containsExactly(4, 5, 2);
    assertThat(blocks.get(1).start()).containsExactly(0, 0, 2);
    assertThat(blocks.get(1).count()).containsExactly(4, 5, 2);
    assertThat(blocks.get(2).start()).containsExactly(0, 0, 4);
  }

  @RepeatedTest(300)
  void randomPlansTileExactlyOnceInOrderWithinBudget(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0x5eedL * 31 + info.getCurrentRepetition());
    int ndim = rnd.nextInt(0, 5);
    long[] shape = new long[ndim];
    long total = 1;
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 10) == 0 ? 0 : rnd.nextInt(1, 13);
      total *= shape[d];
    }
    int itemSize = new int[] {1, 2, 4, 8, 12, 16}[rnd.nextInt(6)];
    long budget = rnd.nextLong(1, Math.max(2, total * itemSize * 2 + 2));
    long[] granule = new long[ndim];
    long[] phase = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      granule[d] = rnd.nextBoolean() ? 1 : rnd.nextInt(1, 8);
      phase[d] = rnd.nextInt(0, 10);
    }
    boolean fortran = rnd.nextBoolean();
    BlockPlan plan =
        fortran
            ? BlockPlan.fOrder(shape, itemSize, budget, granule, phase)
            : BlockPlan.cOrder(shape, itemSize, budget, granule, phase);
    String what =
        (fortran ? "F " : "C ")
            + Arrays.toString(shape)
            + " item "
            + itemSize
            + " budget "
            + budget
            + " granule "
            + Arrays.toString(granule)
            + " phase "
            + Arrays.toString(phase);

    int[] covered = new int[(int) total];
    long expectedOffset = 0;
    long maxBytes = Math.max(budget, itemSize);
    for (BlockPlan.Block b : plan) {
      assertThat(b.offset()).as(what + " offset of " + b).isEqualTo(expectedOffset);
      assertThat(b.size()).as(what + " " + b).isPositive();
      assertThat(b.size() * itemSize).as(what + " bytes of " + b).isLessThanOrEqualTo(maxBytes);
      assertContiguous(b, shape, fortran, what);
      // every element of the block, in memory order, is the next one
      for (long[] idx : elements(b, fortran)) {
        long flat = flat(idx, shape, fortran);
        assertThat(flat).as(what + " element order in " + b).isEqualTo(expectedOffset);
        covered[(int) flat]++;
        expectedOffset++;
      }
      assertAligned(b, shape, plan, granule, phase, fortran, what);
    }
    assertThat(expectedOffset).as(what + " total").isEqualTo(total);
    for (int i = 0; i < covered.length; i++) {
      assertThat(covered[i]).as(what + " element " + i + " covered").isEqualTo(1);
    }
    assertThat(plan.totalElements()).isEqualTo(total);
  }

  /** Leading dimensions (in memory order) take one index, trailing ones everything. */
  private static void assertContiguous(
      BlockPlan.Block b, long[] shape, boolean fortran, String what) {
    int n = shape.length;
    boolean partialSeen = false;
    // walk from the fastest-varying dimension outwards: whole, whole, ..., partial, 1, 1, ...
    for (int i = 0; i < n; i++) {
      int d = fortran ? i : n - 1 - i;
      long c = b.count()[d];
      if (!partialSeen) {
        if (c != shape[d]) {
          partialSeen = true;
        }
      } else {
        assertThat(c).as(what + " contiguity of " + b).isEqualTo(1);
      }
    }
  }

  /**
   * A block that stops inside the split dimension stops on a boundary, unless no boundary lies
   * strictly after its start within the longest run the budget allows.
   */
  private static void assertAligned(
      BlockPlan.Block b,
      long[] shape,
      BlockPlan plan,
      long[] granule,
      long[] phase,
      boolean fortran,
      String what) {
    if (shape.length == 0) {
      return;
    }
    int k = plan.splitDimension();
    long start = b.start()[k];
    long end = start + b.count()[k];
    long g = granule[k];
    if (end == shape[k] || g == 1) {
      return;
    }
    long reach = Math.min(shape[k], start + plan.maxSplitLength());
    boolean boundaryInReach = false;
    for (long p = start + 1; p <= reach; p++) {
      if (Math.floorMod(p - phase[k], g) == 0) {
        boundaryInReach = true;
      }
    }
    if (boundaryInReach) {
      assertThat(Math.floorMod(end - phase[k], g)).as(what + " alignment of " + b).isZero();
      assertThat(end + g).as(what + " largest boundary for " + b).isGreaterThan(reach);
    } else {
      assertThat(end).as(what + " full run for " + b).isEqualTo(reach);
    }
  }

  private static List<long[]> elements(BlockPlan.Block b, boolean fortran) {
    List<long[]> out = new ArrayList<>();
    int n = b.count().length;
    long size = b.size();
    long[] idx = new long[n];
    for (long e = 0; e < size; e++) {
      long[] abs = new long[n];
      for (int d = 0; d < n; d++) {
        abs[d] = b.start()[d] + idx[d];
      }
      out.add(abs);
      for (int i = 0; i < n; i++) {
        int d = fortran ? i : n - 1 - i;
        if (++idx[d] < b.count()[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }

  private static long flat(long[] idx, long[] shape, boolean fortran) {
    long f = 0;
    int n = shape.length;
    for (int i = 0; i < n; i++) {
      int d = fortran ? n - 1 - i : i;
      f = f * shape[d] + idx[d];
    }
    return f;
  }

  private static List<BlockPlan.Block> list(BlockPlan plan) {
    List<BlockPlan.Block> out = new ArrayList<>();
    plan.forEach(out::add);
    return out;
  }
}
