package dev.zarr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The arithmetic of the v3 scenario's paired v2 / v3 comparison ({@link PairedComparison}) against
 * a reference computed here from the same pairs, and the lines {@link V3Bench} prints from it.
 */
class PairedComparisonTest {

  /** The median as the textbook defines it: middle value, or mean of the middle two. */
  private static double referenceMedian(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void medianRatioAndSpreadAreThoseOfThePerPairRatios(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int pairs = 1 + rnd.nextInt(15);
    PairedComparison c = new PairedComparison();
    List<Double> ratios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    List<Double> v2Seconds = new ArrayList<>();
    List<Double> v3Cpu = new ArrayList<>();
    for (int k = 0; k < pairs; k++) {
      double[] v2 = {0.01 + rnd.nextDouble() * 5, 0.01 + rnd.nextDouble() * 10};
      double[] v3 = {0.01 + rnd.nextDouble() * 5, 0.01 + rnd.nextDouble() * 10};
      c.add(v2, v3);
      // v3 rate / v2 rate for the same work is v2 seconds / v3 seconds
      ratios.add(v2[0] / v3[0]);
      cpuRatios.add(v2[1] / v3[1]);
      v2Seconds.add(v2[0]);
      v3Cpu.add(v3[1]);
    }
    assertThat(c.pairs()).isEqualTo(pairs);
    assertThat(c.medianRatio()).isEqualTo(referenceMedian(ratios));
    assertThat(c.minRatio()).isEqualTo(Collections.min(ratios));
    assertThat(c.maxRatio()).isEqualTo(Collections.max(ratios));
    assertThat(c.medianCpuRatio()).isEqualTo(referenceMedian(cpuRatios));
    assertThat(c.baseline().median()).isEqualTo(referenceMedian(v2Seconds));
    assertThat(c.candidate().medianCpu()).isEqualTo(referenceMedian(v3Cpu));
    assertThat(c.minRatio()).isLessThanOrEqualTo(c.medianRatio());
    assertThat(c.medianRatio()).isLessThanOrEqualTo(c.maxRatio());
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void aConstantGapWithinPairsIsFoundUnderAnyDriftBetweenPairs(long seed) {
    // the machine's speed changes by up to 3x from one pair to the next; within a pair v3 always
    // takes 4% longer than v2, so every per-pair ratio, and their median, is 1 / 1.04
    SplittableRandom rnd = new SplittableRandom(seed);
    PairedComparison c = new PairedComparison();
    for (int k = 0; k < 9; k++) {
      double drift = 1 + 2 * rnd.nextDouble();
      c.add(new double[] {drift, drift}, new double[] {drift * 1.04, drift * 0.5});
    }
    assertThat(c.medianRatio()).isCloseTo(1 / 1.04, within(1e-12));
    assertThat(c.minRatio()).isCloseTo(1 / 1.04, within(1e-12));
    assertThat(c.maxRatio()).isCloseTo(1 / 1.04, within(1e-12));
    assertThat(c.medianCpuRatio()).isCloseTo(2, within(1e-12));
  }

  @Test
  void ratiosAreOrientedAsV3RateOverV2Rate() {
    PairedComparison c = new PairedComparison();
    c.add(new double[] {2, 4}, new double[] {1, 1});
    assertThat(c.medianRatio()).isEqualTo(2);
    assertThat(c.medianCpuRatio()).isEqualTo(4);
  }

  @Test
  void withoutPairsEveryFigureIsNaN() {
    PairedComparison c = new PairedComparison();
    assertThat(c.medianRatio()).isNaN();
    assertThat(c.minRatio()).isNaN();
    assertThat(c.maxRatio()).isNaN();
    assertThat(c.medianCpuRatio()).isNaN();
  }

  @Test
  void aPairWithoutCpuTimesCountsForTheWallClockRatioOnly() {
    PairedComparison c = new PairedComparison();
    c.add(new double[] {1, 0}, new double[] {2, 0});
    assertThat(c.medianRatio()).isEqualTo(0.5);
    assertThat(c.medianCpuRatio()).isNaN();
  }

  @Test
  void aTimeThatIsNotPositiveIsRefused() {
    PairedComparison c = new PairedComparison();
    assertThatThrownBy(() -> c.add(new double[] {0, 1}, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseline 0.0");
    assertThatThrownBy(() -> c.add(new double[] {1, 1}, new double[] {Double.NaN, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidate NaN");
    assertThat(c.pairs()).isZero();
  }

  private static V3Bench.Row row(String layout, int ops) {
    return new V3Bench.Row(
        new V3Subject.Zarr4j(layout, Path.of("unused"), false, null), true, ops, ops);
  }

  private static V3Bench.PairedRows pairs(double v3Seconds, double v3LastSeconds) {
    V3Bench.PairedRows p =
        new V3Bench.PairedRows(
            256,
            row("v2 zstd-3, chunks 256", 100),
            row("v3 zstd-3, chunks 256", 100),
            List.of("full write", "inner reads"));
    for (int k = 0; k < 3; k++) {
      p.ops.get("full write").add(new double[] {1, 2}, new double[] {1, 2});
      double v3 = k == 2 ? v3LastSeconds : v3Seconds;
      p.ops.get("inner reads").add(new double[] {0.5, 0.01}, new double[] {v3, 0.02});
    }
    return p;
  }

  private static String printed(java.util.function.Consumer<PrintStream> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    body.accept(out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theTargetLineUsesThePairedMedianAndSaysItIsPaired() {
    // inner reads: ratios 0.5 / 0.5 = 1.00, 1.00 and 0.5 / 1.0 = 0.50: median 1.00, min 0.50
    String met = printed(out -> V3Bench.pairedTarget(out, pairs(0.5, 1.0)));
    assertThat(met)
        .contains("v3 unsharded / v2, chunks 256 both, >= 0.95x (paired)")
        .contains("full write 1.00x [1.00-1.00], inner reads 1.00x [0.50-1.00]: met");
    // ratios 0.5 / 0.55 = 0.91 twice: the median misses 0.95 though one pair is at 1.25
    String missed = printed(out -> V3Bench.pairedTarget(out, pairs(0.55, 0.4)));
    assertThat(missed).contains("inner reads 0.91x [0.91-1.25]: NOT MET");
  }

  private static V3Bench.Options threePairsAfterOneWarmUp() {
    V3Bench.Options o = new V3Bench.Options();
    o.pairReps = 3;
    o.warmup = 1;
    return o;
  }

  @Test
  void thePairedTableShowsRatesRatiosAndCpuPerOperation() {
    V3Bench.Options o = threePairsAfterOneWarmUp();
    // 268.4 MB in 1 s; 100 inner reads in 0.5 s (v2) and 0.5 s (v3); CPU 0.01 s / 100 = 100 us
    String table =
        printed(out -> V3Bench.printPaired(out, o, List.of(pairs(0.5, 0.5)), 268_435_456L));
    assertThat(table)
        .contains("paired: 3 measured pairs after 1 warm-up")
        .contains("v3 first in every other pair")
        .containsPattern("256 +full write +268 MB/s +268 MB/s +1\\.00x \\[1\\.00-1\\.00\\]")
        .containsPattern("2\\.000 / 2\\.000 s +1\\.00x")
        .containsPattern("256 +inner reads +200 /s +200 /s +1\\.00x \\[1\\.00-1\\.00\\]")
        .containsPattern("100 / 200 us +0\\.50x");
  }

  private static V3Bench.PairedRows peerPair(double zarr4jSeconds) {
    V3Bench.PairedRows p =
        new V3Bench.PairedRows(
            256,
            row("v3 zstd-3, chunks 256", 100),
            row("v3 zstd-3, chunks 256", 100),
            List.of("inner writes"),
            true);
    for (int k = 0; k < 3; k++) {
      p.ops.get("inner writes").add(new double[] {0.5, 0.4}, new double[] {zarr4jSeconds, 0.2});
    }
    return p;
  }

  @Test
  void thePeerPairHasItsOwnSectionAndTargetButNoV2V3Target() {
    V3Bench.Options o = threePairsAfterOneWarmUp();
    String table =
        printed(
            out ->
                V3Bench.printPaired(
                    out, o, List.of(pairs(0.5, 0.5), peerPair(0.25)), 268_435_456L));
    assertThat(table)
        .contains("zarr4j v2 / v3 unsharded, paired")
        .contains("zarr-java / zarr4j, v3 unsharded zstd-3, paired the same way (3 measured pairs)")
        .contains("zarr4j / zarr-java [min-max]")
        // 100 writes in 0.5 s against 0.25 s: 200 and 400 a second, zarr4j 2x; CPU 4000 / 2000 us
        .containsPattern("256 +inner writes +200 /s +400 /s +2\\.00x \\[2\\.00-2\\.00\\]")
        .containsPattern("4000 / 2000 us +2\\.00x");
    assertThat(table.indexOf("zarr-java / zarr4j")).isGreaterThan(table.indexOf("v2 / v3"));
    String met = printed(out -> V3Bench.aheadPaired(out, "unsharded (paired)", peerPair(0.25)));
    assertThat(met)
        .contains("ahead of zarr-java, unsharded (paired), > 1x")
        .contains("inner writes 2.00x [2.00-2.00]: met");
    String missed = printed(out -> V3Bench.aheadPaired(out, "unsharded (paired)", peerPair(0.5)));
    assertThat(missed).contains("inner writes 1.00x [1.00-1.00]: NOT MET");
  }
}
