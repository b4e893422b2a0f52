package dev.zarr4j.internal.codec;

import java.lang.ref.Cleaner;

/**
 * Frees the native state of per-thread compression contexts (zstd-jni contexts, lz4-java fast-reset
 * compressors) once their thread, and with it the thread-local holder, is gone; those libraries
 * release native memory only on an explicit close.
 */
final class NativeCleaner {
  private static final Cleaner CLEANER = Cleaner.create();

  private NativeCleaner() {}

  /** Runs {@code action} after {@code holder} becomes unreachable; the action must not use it. */
  static void register(Object holder, Runnable action) {
    CLEANER.register(holder, action);
  }
}
