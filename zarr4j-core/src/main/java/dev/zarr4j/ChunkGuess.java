package dev.zarr4j;

/**
 * zarr-python's chunk-shape heuristic ({@code guess_chunks}), reproduced to give the same shapes.
 */
final class ChunkGuess {
  private static final double BASE = 256 * 1024;
  private static final double MIN = 128 * 1024;
  private static final double MAX = 64 * 1024 * 1024;

  private ChunkGuess() {}

  static int[] guess(long[] shape, int itemSize) {
    int n = shape.length;
    double[] chunks = new double[n];
    double total = itemSize;
    for (int i = 0; i < n; i++) {
      chunks[i] = Math.max(shape[i], 1);
      total *= chunks[i];
    }
    // target size grows with the data set size (a PyTables rule)
    double target = BASE * Math.pow(2, Math.log10(total / (1024.0 * 1024.0)));
    if (target > MAX) {
      target = MAX;
    } else if (target < MIN) {
      target = MIN;
    }
    int idx = 0;
    while (true) {
      double elems = 1;
      for (double c : chunks) {
        elems *= c;
      }
      double bytes = elems * itemSize;
      if ((bytes < target || Math.abs(bytes - target) / target < 0.5) && bytes < MAX) {
        break;
      }
      if (elems == 1) {
        break;
      }
      if (n == 0) {
        break;
      }
      chunks[idx % n] = Math.ceil(chunks[idx % n] / 2.0);
      idx++;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) Math.min(chunks[i], Integer.MAX_VALUE);
    }
    return out;
  }
}
