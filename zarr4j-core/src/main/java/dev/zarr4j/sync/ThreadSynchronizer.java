package dev.zarr4j.sync;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Synchronises writers among the threads of one JVM with a fixed set of striped locks (keys that
 * hash to the same stripe share a lock, which is safe and keeps memory bounded).
 */
public final class ThreadSynchronizer implements Synchronizer {
  private final ReentrantLock[] stripes;

  /** A synchronizer with 1024 lock stripes. */
  public ThreadSynchronizer() {
    this(1024);
  }

  /** A synchronizer with {@code stripes} locks. */
  public ThreadSynchronizer(int stripes) {
    if (stripes < 1) {
      throw new IllegalArgumentException("stripes must be at least 1, got " + stripes);
    }
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      this.stripes[i] = new ReentrantLock();
    }
  }

  @Override
  public Lock lockFor(String key) {
    int h = key.hashCode();
    h ^= (h >>> 16);
    return stripes[Math.floorMod(h, stripes.length)];
  }
}
