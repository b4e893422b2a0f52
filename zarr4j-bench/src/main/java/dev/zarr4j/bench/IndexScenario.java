package dev.zarr4j.bench;

import dev.zarr4j.ndarray.NdArray;
import java.nio.file.Path;

/** Random windows and single elements (the indexing scenario). */
final class IndexScenario {
  private IndexScenario() {}

  static void run(PeerBench.Options o, Path tmp, NdArray data, PythonWorker py, Report report) {
    throw new UnsupportedOperationException("the indexing scenario is not written yet");
  }
}
