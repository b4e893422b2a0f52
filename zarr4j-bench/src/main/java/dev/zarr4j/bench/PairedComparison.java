package dev.zarr4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One operation measured on a baseline and a candidate as interleaved pairs: each pair is the two
 * runs of the same work back to back, so whatever drifts over a run (page cache, disk writeback,
 * JIT, GC, other processes) hits both sides of a pair nearly alike. The comparison is the median of
 * the per-pair ratios (with their minimum and maximum as the spread), not the ratio of two medians
 * taken minutes apart.
 *
 * <p>Ratios are oriented as rates: candidate rate / baseline rate, that is baseline seconds /
 * candidate seconds for the same work, so 1.05 means the candidate is 5% faster. The CPU ratio is
 * oriented alike: baseline CPU seconds / candidate CPU seconds, above 1 when the candidate costs
 * less CPU.
 */
final class PairedComparison {
  private final Stats baseline = new Stats();
  private final Stats candidate = new Stats();
  private final List<Double> ratios = new ArrayList<>();
  private final List<Double> cpuRatios = new ArrayList<>();

  /**
   * Records one pair: each side's wall-clock and process CPU seconds, as {@code {wall, cpu}}.
   *
   * @throws IllegalArgumentException when a time is not positive (a ratio needs both)
   */
  void add(double[] baselineTime, double[] candidateTime) {
    if (!(baselineTime[0] > 0) || !(candidateTime[0] > 0)) {
      throw new IllegalArgumentException(
          "wall-clock seconds must be positive, got baseline "
              + baselineTime[0]
              + " and candidate "
              + candidateTime[0]);
    }
    baseline.add(baselineTime[0], baselineTime[1]);
    candidate.add(candidateTime[0], candidateTime[1]);
    ratios.add(baselineTime[0] / candidateTime[0]);
    if (baselineTime[1] > 0 && candidateTime[1] > 0) {
      cpuRatios.add(baselineTime[1] / candidateTime[1]);
    }
  }

  /** The number of pairs recorded. */
  int pairs() {
    return ratios.size();
  }

  /** The baseline's runs. */
  Stats baseline() {
    return baseline;
  }

  /** The candidate's runs. */
  Stats candidate() {
    return candidate;
  }

  /** The median of the per-pair rate ratios (candidate / baseline), or NaN without pairs. */
  double medianRatio() {
    return Stats.median(ratios);
  }

  /** The smallest per-pair rate ratio, or NaN without pairs. */
  double minRatio() {
    return ratios.isEmpty() ? Double.NaN : Collections.min(ratios);
  }

  /** The largest per-pair rate ratio, or NaN without pairs. */
  double maxRatio() {
    return ratios.isEmpty() ? Double.NaN : Collections.max(ratios);
  }

  /**
   * The median of the per-pair CPU ratios (baseline CPU seconds / candidate CPU seconds), or NaN
   * when no pair had CPU times on both sides.
   */
  double medianCpuRatio() {
    return Stats.median(cpuRatios);
  }
}
