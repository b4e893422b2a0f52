package dev.zarr4j.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Overlaps the two halves of a block-by-block copy: while the caller's thread consumes block {@code
 * k} (encodes and writes it), one background thread already fetches block {@code k + 1} (reads and
 * decodes it). At most two blocks' values are alive at once: the one being consumed and the one
 * being fetched, so callers plan blocks with half their memory budget.
 *
 * <p>A failure on either side stops the copy: the pending fetch is waited for (never interrupted,
 * since an interrupt closes the file channel it may be reading) and its result dropped, so no
 * background work outlives {@link #run}.
 */
final class Lookahead {
  private Lookahead() {}

  /** Produces a block's values; runs on the background thread. */
  @FunctionalInterface
  interface Fetch<B, T> {
    T apply(B block) throws IOException;
  }

  /** Consumes a block's values; runs on the caller's thread, in block order. */
  @FunctionalInterface
  interface Consume<B, T> {
    void accept(B block, T values) throws IOException;
  }

  /**
   * Fetches every block in order on a background thread, one ahead of {@code consume}.
   *
   * @return the number of blocks consumed
   * @throws IOException the first I/O failure of either side
   */
  static <B, T> long run(Iterable<B> blocks, Fetch<B, T> fetch, Consume<B, T> consume)
      throws IOException {
    Iterator<B> it = blocks.iterator();
    if (!it.hasNext()) {
      return 0;
    }
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "zarr4j-lookahead");
              t.setDaemon(true);
              return t;
            });
    Future<T> pending = null;
    try {
      B current = it.next();
      pending = submit(thread, fetch, current);
      long consumed = 0;
      while (true) {
        T values = await(pending);
        pending = null;
        B next = it.hasNext() ? it.next() : null;
        if (next != null) {
          pending = submit(thread, fetch, next);
        }
        consume.accept(current, values);
        consumed++;
        if (next == null) {
          return consumed;
        }
        current = next;
      }
    } finally {
      if (pending != null) {
        try {
          pending.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException ignored) {
          // the copy already failed; this block's outcome no longer matters
        }
      }
      thread.shutdown();
    }
  }

  private static <B, T> Future<T> submit(ExecutorService thread, Fetch<B, T> fetch, B block) {
    return thread.submit(
        () -> {
          try {
            return fetch.apply(block);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static <T> T await(Future<T> pending) throws IOException {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the next block");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
