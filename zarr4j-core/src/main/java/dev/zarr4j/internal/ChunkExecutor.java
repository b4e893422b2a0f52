package dev.zarr4j.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.Consumer;

/**
 * A bounded pool on which chunks are encoded and decoded. Pools are shared by size: every array
 * configured with the same parallelism uses the same pool ({@link #shared}); the process default
 * ({@link #processDefault()}) has the system property {@code zarr4j.threads} workers when it is
 * set, else one per available processor. Work submitted from inside a pool to the same pool (a copy
 * that reads one array while writing another) runs by work stealing, so nesting never deadlocks.
 */
public final class ChunkExecutor {
  private static final int BATCH = 4096;
  private static final String WORKER_PREFIX = "zarr4j-chunk-";
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_ID =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.ConcurrentMap<Integer, ChunkExecutor> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final ForkJoinPool pool;

  private ChunkExecutor(int threads) {
    ForkJoinPool.ForkJoinWorkerThreadFactory factory = Worker::new;
    this.pool = new ForkJoinPool(threads, factory, null, false);
  }

  /**
   * The pool of {@code threads} workers, created on first use and shared by every caller asking for
   * that size. Its workers are daemon threads.
   *
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public static ChunkExecutor shared(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
    }
    return SHARED.computeIfAbsent(threads, ChunkExecutor::new);
  }

  /**
   * The process default's size: the system property {@code zarr4j.threads} when set, else the
   * number of available processors.
   *
   * @throws IllegalArgumentException if the property is not a positive integer
   */
  public static int defaultParallelism() {
    String prop = System.getProperty("zarr4j.threads");
    if (prop == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      return Math.max(1, Integer.parseInt(prop.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "system property zarr4j.threads must be an integer, got '" + prop + "'");
    }
  }

  /** The pool of {@link #defaultParallelism()} workers. */
  public static ChunkExecutor processDefault() {
    return shared(defaultParallelism());
  }

  /** Whether the calling thread is a worker of any chunk pool. */
  public static boolean isPoolWorker() {
    return Thread.currentThread() instanceof Worker;
  }

  /** The pool's parallelism. */
  public int parallelism() {
    return pool.getParallelism();
  }

  /**
   * Starts {@code task} on the pool and returns at once (a prefetch that runs while the caller
   * works). Chunk work the task hands to {@link #forEach} runs on this pool by work stealing.
   */
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /**
   * Runs {@code action} on every item, in parallel, and returns when all are done. The first
   * exception thrown by an action is rethrown (others are attached as suppressed); items not yet
   * started when one fails may be skipped.
   */
  public <T> void forEach(Iterator<T> items, Consumer<? super T> action) {
    // An application thread that calls this runs some of the items itself (the pool lets the
    // submitting thread help); while it does, it keeps chunk buffers like a worker, and drops
    // them when its outermost call returns, so application threads hold nothing between calls.
    int[] depth = isPoolWorker() ? null : CALLER_DEPTH.get();
    if (depth != null) {
      depth[0]++;
    }
    try {
      List<T> batch = new ArrayList<>();
      while (items.hasNext()) {
        batch.clear();
        while (items.hasNext() && batch.size() < BATCH) {
          batch.add(items.next());
        }
        run(batch, action);
      }
    } finally {
      if (depth != null && --depth[0] == 0) {
        ChunkScratch.dropCallerBuffers();
      }
    }
  }

  /** Nesting depth of {@link #forEach} calls on an application (non-worker) thread. */
  private static final ThreadLocal<int[]> CALLER_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Whether the calling application thread is inside {@link #forEach}. */
  static boolean isCallerInForEach() {
    return CALLER_DEPTH.get()[0] > 0;
  }

  private <T> void run(List<T> batch, Consumer<? super T> action) {
    ForkJoinPool p = pool;
    if (batch.size() == 1 || p.getParallelism() == 1) {
      for (T t : batch) {
        action.accept(t);
      }
      return;
    }
    boolean inPool = ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == p;
    if (!inPool && batch.size() <= SMALL_BATCH) {
      runShared(batch, action, p);
      return;
    }
    Task<T> task = new Task<>(batch, 0, batch.size(), action);
    if (inPool) {
      task.invoke();
    } else {
      p.invoke(task);
    }
  }

  /**
   * Batches up to this size from an application thread are shared with the caller (see {@link
   * #runShared}); larger ones go to the pool's workers alone, as a full read's many chunks are best
   * served by the workers' own buffers.
   */
  static final int SMALL_BATCH = 8;

  /**
   * Runs a small batch with the calling thread taking part: it works through the items itself while
   * helpers submitted to the pool take the items it has not reached yet. A helper that has not
   * started when the caller runs out of items is called off instead of waited for, so a batch of
   * cheap items (a few small chunks) costs no more than running them inline, and one of costly
   * items (chunks to decompress) uses the other cores when their workers wake in time.
   */
  private static <T> void runShared(List<T> batch, Consumer<? super T> action, ForkJoinPool p) {
    Shared<T> shared = new Shared<>(batch, action);
    int count = Math.min(batch.size() - 1, p.getParallelism() - 1);
    List<Helper> helpers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Helper h = new Helper(shared);
      helpers.add(h);
      p.execute(h);
    }
    shared.work();
    for (Helper h : helpers) {
      if (!h.state.compareAndSet(Helper.NEW, Helper.CALLED_OFF)) {
        h.join(); // it is working on an item (or has finished): wait for it
      }
    }
    shared.rethrow();
  }

  /** The items of a shared batch, handed out one at a time, and the first failure. */
  private static final class Shared<T> {
    private final List<T> items;
    private final Consumer<? super T> action;
    private final java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    private volatile Throwable failure;

    Shared(List<T> items, Consumer<? super T> action) {
      this.items = items;
      this.action = action;
    }

    void work() {
      int i;
      while (failure == null && (i = next.getAndIncrement()) < items.size()) {
        try {
          action.accept(items.get(i));
        } catch (Throwable t) {
          synchronized (this) {
            if (failure == null) {
              failure = t;
            } else if (failure != t) {
              failure.addSuppressed(t);
            }
          }
        }
      }
    }

    void rethrow() {
      Throwable t = failure;
      if (t instanceof RuntimeException e) {
        throw e;
      } else if (t instanceof Error e) {
        throw e;
      } else if (t != null) {
        throw new java.util.concurrent.CompletionException(t);
      }
    }
  }

  /** A pool task that takes part in a shared batch, unless called off before it starts. */
  private static final class Helper extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int CALLED_OFF = 2;
    final java.util.concurrent.atomic.AtomicInteger state =
        new java.util.concurrent.atomic.AtomicInteger(NEW);
    private final transient Shared<?> shared;

    Helper(Shared<?> shared) {
      this.shared = shared;
    }

    @Override
    protected void compute() {
      if (state.compareAndSet(NEW, RUNNING)) {
        shared.work();
      }
    }
  }

  /** A worker of the chunk pool (daemon, named {@code zarr4j-chunk-N}). */
  private static final class Worker extends java.util.concurrent.ForkJoinWorkerThread {
    Worker(ForkJoinPool pool) {
      super(pool);
      setName(WORKER_PREFIX + NEXT_ID.getAndIncrement());
      setDaemon(true);
    }
  }

  private static final class Task<T> extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final List<T> items;
    private final int from;
    private final int to;
    private final Consumer<? super T> action;

    Task(List<T> items, int from, int to, Consumer<? super T> action) {
      this.items = items;
      this.from = from;
      this.to = to;
      this.action = action;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        action.accept(items.get(from));
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new Task<>(items, from, mid, action), new Task<>(items, mid, to, action));
    }
  }
}
