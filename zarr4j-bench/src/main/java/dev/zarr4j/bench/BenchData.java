package dev.zarr4j.bench;

import java.util.SplittableRandom;

/**
 * The benchmark's data: a smooth field (a sum of low-frequency sines) plus small seeded Gaussian
 * noise, so compressors see realistic float data — neither constant nor random.
 */
final class BenchData {
  private BenchData() {}

  /** A row-major {@code rows x cols} float field, the same for the same seed. */
  static float[] field(int rows, int cols, long seed) {
    double[] a = new double[rows];
    double[] b = new double[cols];
    double[] c = new double[rows + cols];
    for (int i = 0; i < rows; i++) {
      a[i] = 10 * Math.sin(2 * Math.PI * i / 1500.0 + 0.3);
    }
    for (int j = 0; j < cols; j++) {
      b[j] = Math.sin(2 * Math.PI * j / 2300.0 + 1.1);
    }
    for (int k = 0; k < rows + cols; k++) {
      c[k] = 3 * Math.sin(2 * Math.PI * k / 800.0) + 0.5 * Math.sin(2 * Math.PI * k / 97.0);
    }
    float[] out = new float[Math.multiplyExact(rows, cols)];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < rows; i++) {
      int row = i * cols;
      for (int j = 0; j < cols; j++) {
        out[row + j] = (float) (100 + a[i] * b[j] + c[i + j] + 0.01 * gaussian(random));
      }
    }
    return out;
  }

  /** A cheap approximately normal variate (sum of four uniforms, centred and scaled). */
  private static double gaussian(SplittableRandom r) {
    double s = r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble();
    return (s - 2) * 1.7320508075688772;
  }
}
