package dev.zarr4j.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The chunk buffers of application threads, kept between their calls: a thread that runs chunk work
 * inside {@link ChunkExecutor#forEach} takes a {@link ChunkScratch} from here (or a new one) and
 * gives it back when its outermost call returns, so a loop of small reads (one chunk each, decoded
 * on the calling thread) reuses the stored-bytes and decode buffers of the previous call instead of
 * allocating and zeroing them every time. At most {@link #capacity()} scratches are kept (one per
 * available processor, at least two), each holding at most {@link #MAX_KEPT_BYTES}, whichever
 * threads they came from, so the memory held between calls stays small however many application
 * threads read arrays; a scratch given back when the pool is full is dropped. A scratch is held by
 * one thread at a time: taking and giving back are atomic swaps, which also publish its contents to
 * the next thread that takes it.
 */
final class CallerScratchPool {
  private static final AtomicReferenceArray<ChunkScratch> KEPT =
      new AtomicReferenceArray<>(Math.max(2, Runtime.getRuntime().availableProcessors()));

  private CallerScratchPool() {}

  /** How many scratches the pool keeps at most. */
  static int capacity() {
    return KEPT.length();
  }

  /**
   * A kept scratch, or a new retaining one when none is kept. Its direct buffers (for file reads
   * and writes without the JDK's copy through a temporary direct buffer of its own) are at most
   * {@link #MAX_KEPT_BYTES} each, so that one dropped with its scratch is small native garbage.
   */
  static ChunkScratch take() {
    for (int i = 0; i < KEPT.length(); i++) {
      if (KEPT.get(i) != null) {
        ChunkScratch s = KEPT.getAndSet(i, null);
        if (s != null) {
          return s;
        }
      }
    }
    return new ChunkScratch(true, true, (int) MAX_KEPT_BYTES);
  }

  /**
   * The most bytes of buffers a kept scratch may hold: the pool is for small calls (a chunk or a
   * few), whose buffers it saves allocating every time; one that held larger buffers is dropped, so
   * that what the pool keeps between calls stays small even in a small heap.
   */
  static final long MAX_KEPT_BYTES = 4 << 20;

  /**
   * Keeps {@code scratch} for the next caller when a place is free, none of its buffers is lent and
   * they add up to at most {@link #MAX_KEPT_BYTES} (else drops it).
   */
  static void giveBack(ChunkScratch scratch) {
    if (scratch.lentCount() != 0 || scratch.retainedBytes() > MAX_KEPT_BYTES) {
      return;
    }
    for (int i = 0; i < KEPT.length(); i++) {
      if (KEPT.get(i) == null && KEPT.compareAndSet(i, null, scratch)) {
        return;
      }
    }
  }

  /** How many scratches are kept now (for tests). */
  static int keptCount() {
    int n = 0;
    for (int i = 0; i < KEPT.length(); i++) {
      n += KEPT.get(i) != null ? 1 : 0;
    }
    return n;
  }
}
