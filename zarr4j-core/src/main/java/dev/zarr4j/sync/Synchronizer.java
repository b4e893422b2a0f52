package dev.zarr4j.sync;

import java.util.concurrent.locks.Lock;

/**
 * Per-key locking around chunk read-modify-write cycles, so concurrent writers of overlapping
 * regions do not lose each other's updates (zarr-python's synchronizers).
 */
public interface Synchronizer {

  /** The lock guarding the chunk or document stored under {@code key}. */
  Lock lockFor(String key);
}
