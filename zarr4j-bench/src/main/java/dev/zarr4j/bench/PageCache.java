package dev.zarr4j.bench;

import java.io.IOException;

/** The machine's page cache, as the benchmarks need it settled between timed operations. */
final class PageCache {
  private PageCache() {}

  /**
   * Writes the dirty page cache back to disk ({@code sync}), untimed, before an operation whose
   * time must not include the writeback of what an earlier one wrote: a full write leaves up to 270
   * MB of dirty pages, and the kernel writes them back, on the CPUs the next operation runs on, at
   * a moment that varies from one repetition to the next.
   *
   * @throws IOException if {@code sync} cannot run or fails
   */
  static void settle() throws IOException {
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    try {
      if (sync.waitFor() != 0) {
        throw new IOException("sync exited with " + sync.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for sync");
    }
  }
}
