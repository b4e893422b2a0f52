package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.exceptions.ZarrException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a network store's calls: at most {@link RemoteOptions#maxRequestsInFlight()} attempts under
 * way at once (whatever thread makes them), transient failures retried with exponential backoff and
 * full jitter until {@link RemoteOptions#maxAttempts()} or {@link RemoteOptions#retryDeadline()}
 * runs out, and batches of calls run together on the store's own I/O threads ({@link #all}), so
 * that a few decoding threads keep many requests in flight. One per store; thread-safe.
 *
 * <p>The timeout of one attempt is the client's to enforce (every {@link ObjectClient} of zarr4j
 * sets {@link RemoteOptions#requestTimeout()} on its requests and reports an expiry as a {@link
 * TransientRequestException}).
 */
public final class RemoteCalls implements AutoCloseable {
  private final RemoteOptions options;
  private final Semaphore inFlight;
  private final ThreadPoolExecutor pool;
  private final ThreadGroup threads;
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param options the limits, timeouts and retry policy
   * @param name names the I/O threads ({@code zarr4j-io-<name>-<n>}), for thread dumps
   */
  public RemoteCalls(RemoteOptions options, String name) {
    this.options = options;
    this.inFlight = new Semaphore(options.maxRequestsInFlight(), true);
    this.threads = new ThreadGroup("zarr4j-io-" + name);
    AtomicInteger next = new AtomicInteger();
    int n = options.maxRequestsInFlight();
    this.pool =
        new ThreadPoolExecutor(
            n,
            n,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(threads, r, threads.getName() + "-" + next.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true); // idle stores hold no threads
  }

  /** The options these calls follow. */
  public RemoteOptions options() {
    return options;
  }

  /** How many attempts have been started, retries included (for tests and logs). */
  public long attempts() {
    return attempts.get();
  }

  /** How many attempts were retries of a failed one. */
  public long retries() {
    return retries.get();
  }

  /**
   * Makes one call on the calling thread: attempts {@code attempt} while it throws {@link
   * TransientRequestException}, within the retry limits.
   *
   * @param operation what the call does, for messages ({@code "GET"}, {@code "PUT"})
   * @param url where, for messages
   * @param key the store key it concerns, for messages
   * @return what the first successful attempt returns
   * @throws StoreException naming the operation, URL and key when the retries run out, the thread
   *     is interrupted, an attempt fails otherwise than transiently (a {@link ZarrException} thrown
   *     by an attempt passes unchanged), or the store is closed
   */
  public <T> T call(String operation, String url, String key, Supplier<T> attempt) {
    long start = System.nanoTime();
    long deadline = start + options.retryDeadline().toNanos();
    long limit = options.initialBackoff().toNanos();
    for (int n = 1; ; n++) {
      checkOpen(url, key);
      TransientRequestException failure;
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(what(operation, url, key) + " was interrupted", e);
      }
      try {
        attempts.incrementAndGet();
        return attempt.get();
      } catch (TransientRequestException e) {
        failure = e;
      } catch (ZarrException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StoreException(what(operation, url, key) + " failed: " + e, e);
      } finally {
        inFlight.release();
      }
      long wait = ThreadLocalRandom.current().nextLong(limit + 1);
      long now = System.nanoTime();
      if (n >= options.maxAttempts() || now + wait > deadline) {
        throw new StoreException(
            what(operation, url, key)
                + " failed after "
                + n
                + (n == 1 ? " attempt in " : " attempts in ")
                + (now - start) / 1_000_000
                + " ms (at most "
                + options.maxAttempts()
                + " attempts within "
                + options.retryDeadline().toMillis()
                + " ms): "
                + failure.getMessage(),
            failure);
      }
      retries.incrementAndGet();
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(what(operation, url, key) + " was interrupted", e);
      }
      limit = Math.min(options.maxBackoff().toNanos(), limit * 2);
    }
  }

  private static String what(String operation, String url, String key) {
    return operation + " of key '" + key + "' at " + url;
  }

  private void checkOpen(String url, String key) {
    if (closed) {
      throw new StoreException("store closed: cannot read or write key '" + key + "' at " + url);
    }
  }

  /**
   * Runs several tasks at once on the I/O threads (each usually one {@link #call}), at most {@link
   * RemoteOptions#maxRequestsInFlight()} at a time, and returns their results in order. Called from
   * one of these I/O threads, it runs the tasks one after another instead (a nested batch must not
   * wait for threads its own caller holds).
   *
   * @throws RuntimeException the first failure among the tasks, as thrown (the tasks not yet
   *     started are cancelled)
   * @throws StoreException if the calling thread is interrupted while it waits
   */
  public <T> List<T> all(List<? extends Callable<T>> tasks) {
    List<T> out = new ArrayList<>(tasks.size());
    if (tasks.size() == 1 || Thread.currentThread().getThreadGroup() == threads) {
      for (Callable<T> t : tasks) {
        out.add(runInline(t));
      }
      return out;
    }
    if (closed) {
      throw new StoreException("store closed");
    }
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    try {
      for (Callable<T> t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for " + tasks.size() + " requests", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new StoreException("a request failed: " + cause, cause);
    } catch (CancellationException | java.util.concurrent.RejectedExecutionException e) {
      throw new StoreException("requests cancelled: the store was closed", e);
    } finally {
      for (Future<T> f : futures) {
        f.cancel(false); // those not started yet; finished ones are unaffected
      }
    }
  }

  private static <T> T runInline(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("a request failed: " + e, e);
    }
  }

  /** Stops the I/O threads; calls made afterwards fail with a {@link StoreException}. */
  @Override
  public void close() {
    closed = true;
    pool.shutdownNow();
  }
}
