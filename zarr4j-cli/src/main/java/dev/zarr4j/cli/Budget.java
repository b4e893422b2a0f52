package dev.zarr4j.cli;

/** The memory budget for one block of streamed data. */
final class Budget {
  /** The default: 64 MiB per block. */
  static final long DEFAULT = 64L << 20;

  private Budget() {}

  /**
   * The bytes one block may hold: what was asked, but at most an eighth of the heap, since about
   * three copies of a block (file bytes, decoded elements, converted elements) plus the chunks
   * being encoded or decoded can be alive at once; and at most 1 GiB (Java arrays are int-indexed).
   */
  static long effective(long requested) {
    long heap = Runtime.getRuntime().maxMemory();
    long cap = heap == Long.MAX_VALUE ? requested : Math.max(1L << 16, heap / 8);
    return Math.max(1, Math.min(Math.min(requested, cap), 1L << 30));
  }
}
