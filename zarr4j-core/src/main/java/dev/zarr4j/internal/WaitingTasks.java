package dev.zarr4j.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs chunk work that mostly waits on a network store (each task one or two requests of tens of
 * milliseconds) many tasks at once, on threads apart from the {@link ChunkExecutor}'s: the chunk
 * pool has one worker per core, which would keep only that many requests in flight. A call runs at
 * most {@code concurrency} of its items at a time, so the memory its tasks hold (a chunk each)
 * stays bounded; the threads come from one shared pool of daemon threads that end after 10 s idle.
 *
 * <p>Tasks run on threads that are not chunk-pool workers, so {@link ChunkScratch} lends them fresh
 * buffers rather than kept ones: allocation is cheap next to a round trip.
 */
public final class WaitingTasks {
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private static final ThreadPoolExecutor POOL =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          10,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "zarr4j-waiting-" + NEXT_ID.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private WaitingTasks() {}

  /**
   * Runs {@code action} on every item, at most {@code concurrency} at once (the calling thread
   * being one of them), and returns when all are done. The first exception thrown by an action is
   * rethrown as it was thrown (later ones attached as suppressed); items not yet started when one
   * fails are skipped. With a concurrency of 1, or a single item, everything runs on the calling
   * thread.
   *
   * @throws IllegalArgumentException if {@code concurrency} is below 1
   */
  public static <T> void forEach(Iterator<T> items, int concurrency, Consumer<? super T> action) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    List<T> first = new ArrayList<>();
    while (first.size() < concurrency && items.hasNext()) {
      first.add(items.next());
    }
    if (first.size() <= 1 && !items.hasNext()) {
      first.forEach(action);
      return;
    }
    Run<T> run = new Run<>(first.iterator(), items, action);
    int helpers = first.size() - 1;
    CountDownLatch done = new CountDownLatch(helpers);
    for (int i = 0; i < helpers; i++) {
      POOL.execute(
          () -> {
            try {
              run.work();
            } finally {
              done.countDown();
            }
          });
    }
    run.work();
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the helpers finish their item and stop; wait for them
        run.stop(e);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    run.rethrow();
  }

  /** The items of one call, handed out one at a time, and its first failure. */
  private static final class Run<T> {
    private final Iterator<T> first;
    private final Iterator<T> rest;
    private final Consumer<? super T> action;
    private Throwable failure;

    Run(Iterator<T> first, Iterator<T> rest, Consumer<? super T> action) {
      this.first = first;
      this.rest = rest;
      this.action = action;
    }

    /** The next item, or null when none is left or a task has failed. */
    private synchronized Object[] next() {
      if (failure != null) {
        return null;
      }
      if (first.hasNext()) {
        return new Object[] {first.next()};
      }
      if (rest.hasNext()) {
        return new Object[] {rest.next()};
      }
      return null;
    }

    @SuppressWarnings("unchecked")
    void work() {
      Object[] item;
      while (true) {
        try {
          item = next();
        } catch (RuntimeException | Error e) { // the caller's iterator failed
          stop(e);
          return;
        }
        if (item == null) {
          return;
        }
        try {
          action.accept((T) item[0]);
        } catch (Throwable t) {
          stop(t);
        }
      }
    }

    synchronized void stop(Throwable t) {
      if (failure == null) {
        failure = t;
      } else if (failure != t) {
        failure.addSuppressed(t);
      }
    }

    synchronized void rethrow() {
      Throwable t = failure;
      if (t instanceof RuntimeException e) {
        throw e;
      } else if (t instanceof Error e) {
        throw e;
      } else if (t instanceof InterruptedException e) {
        throw new dev.zarr4j.exceptions.StoreException(
            "interrupted while waiting for chunk work on a network store", e);
      } else if (t != null) {
        throw new java.util.concurrent.CompletionException(t);
      }
    }
  }
}
