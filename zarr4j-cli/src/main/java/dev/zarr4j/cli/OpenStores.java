package dev.zarr4j.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The stores one command opened, finished when the command ends (last opened, first finished): each
 * is closed, so connections are released and zip archives written; a store whose writes are staged
 * (a zip destination, {@link ZipStaging}) is committed when the command succeeded and discarded,
 * leaving the destination as it was, when it failed.
 */
final class OpenStores {

  /** What finishing one opened store does. */
  interface Finisher {
    /**
     * Finishes the store.
     *
     * @param succeeded whether the command succeeded (staged writes are kept only then)
     */
    void finish(boolean succeeded);
  }

  private final Deque<Finisher> opened = new ArrayDeque<>();

  /** Registers a store that is closed when the command ends, whatever its outcome. */
  <S extends AutoCloseable> S closeAtEnd(S store) {
    opened.push(
        succeeded -> {
          try {
            store.close();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new CliException("cannot close " + store + ": " + e.getMessage(), e);
          }
        });
    return store;
  }

  /** Registers a store that finishes itself (commits or discards what was staged). */
  void finishAtEnd(Finisher finisher) {
    opened.push(finisher);
  }

  /**
   * Finishes every store, last opened first, even when one fails.
   *
   * @param succeeded whether the command succeeded
   * @throws RuntimeException the first failure, after every store was finished
   */
  void finishAll(boolean succeeded) {
    RuntimeException first = null;
    while (!opened.isEmpty()) {
      Finisher f = opened.pop();
      try {
        f.finish(succeeded && first == null);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
