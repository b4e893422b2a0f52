package dev.zarr4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Wall-clock seconds of repeated runs of one measurement. */
final class Stats {
  private final List<Double> seconds = new ArrayList<>();
  private final List<Double> cpu = new ArrayList<>();

  void add(double s) {
    seconds.add(s);
  }

  /** A run's wall-clock and process CPU seconds (all threads). */
  void add(double s, double cpuSeconds) {
    seconds.add(s);
    cpu.add(cpuSeconds);
  }

  /** The median CPU seconds of a run, or NaN when not measured. */
  double medianCpu() {
    return median(cpu);
  }

  /** The median of {@code values} (mean of the middle two for an even count), NaN when empty. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  boolean isEmpty() {
    return seconds.isEmpty();
  }

  int count() {
    return seconds.size();
  }

  /** The fastest run. */
  double best() {
    return Collections.min(seconds);
  }

  /** The median run (mean of the middle two for an even count). */
  double median() {
    return median(seconds);
  }

  /** MB/s (1 MB = 1e6 bytes) of {@code bytes} at the best time. */
  double bestRate(long bytes) {
    return bytes / best() / 1e6;
  }

  /** MB/s at the median time. */
  double medianRate(long bytes) {
    return bytes / median() / 1e6;
  }
}
