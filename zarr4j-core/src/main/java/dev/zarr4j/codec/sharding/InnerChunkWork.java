package dev.zarr4j.codec.sharding;

import dev.zarr4j.internal.ChunkExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work on the inner chunks of one shard (encoding them), shared with the chunk pool's idle workers
 * when the shard is itself being encoded by one of the pool's workers and some of the others are
 * idle: the pool is then the one the array's configuration chose, and a write of one shard does not
 * leave its other workers idle. A write of many shards keeps every worker busy with shards, and
 * each shard is then encoded in one piece. Called from any other thread, the work runs in that
 * thread, in order.
 *
 * <p>The calling worker never runs anything but pieces of this shard meanwhile: it does not join
 * tasks, which in a fork-join pool would let it run unrelated queued tasks, among them another
 * call's write of this same shard, while it may hold the synchronizer's lock for the shard (a
 * reentrant lock would let that write in, and one of the two would be lost). It hands out pieces
 * from a counter, takes them itself until none is left, and then waits only for pieces other
 * workers are running; a helper that starts after the pieces ran out does nothing.
 */
final class InnerChunkWork {
  private InnerChunkWork() {}

  /** Work on the inner chunks {@code from} (inclusive) to {@code to} (exclusive), in order. */
  interface Range {
    void run(int from, int to);
  }

  /**
   * How many pieces per pool thread a shard's inner chunks are cut into, to even out their cost.
   */
  private static final int PIECES_PER_THREAD = 4;

  /**
   * Runs {@code work} over inner chunks {@code 0..count-1}, cut into ranges shared with the pool's
   * idle workers when called from a worker of a chunk pool with more than one thread; every range
   * is done when this returns. The first failure is rethrown as thrown (later ones added as
   * suppressed); after a failure the ranges not yet started are skipped.
   */
  static void forRanges(int count, Range work) {
    ForkJoinPool pool = ChunkExecutor.isPoolWorker() ? ForkJoinTask.getPool() : null;
    int threads = pool == null ? 1 : pool.getParallelism();
    if (threads <= 1 || count <= 1 || !hasIdleWorkers(pool, threads)) {
      work.run(0, count);
      return;
    }
    Pieces pieces = new Pieces(count, Math.min(count, threads * PIECES_PER_THREAD), work);
    for (int h = 1; h < Math.min(threads, pieces.total); h++) {
      pool.execute(pieces::takeAll);
    }
    pieces.takeAll();
    pieces.awaitAndRethrow();
  }

  /**
   * Whether some of the pool's workers look idle: fewer are active than the pool has, and no work
   * waits in the pool. When every worker is busy (a write of many shards), cutting a shard into
   * pieces only adds buffers and a copy, so the work runs in one piece.
   */
  private static boolean hasIdleWorkers(ForkJoinPool pool, int threads) {
    return pool.getActiveThreadCount() < threads
        && ForkJoinTask.getSurplusQueuedTaskCount() <= 0
        && !pool.hasQueuedSubmissions();
  }

  /** The pieces of one shard's work, handed out one at a time, and the first failure. */
  private static final class Pieces {
    final int count;
    final int total;
    final Range work;
    final AtomicInteger next = new AtomicInteger();
    final CountDownLatch finished;
    volatile boolean failed;
    private Throwable failure;

    Pieces(int count, int total, Range work) {
      this.count = count;
      this.total = total;
      this.work = work;
      this.finished = new CountDownLatch(total);
    }

    /** Takes and runs pieces until none is left. */
    void takeAll() {
      for (int p; (p = next.getAndIncrement()) < total; ) {
        try {
          if (!failed) {
            work.run((int) ((long) count * p / total), (int) ((long) count * (p + 1) / total));
          }
        } catch (RuntimeException | Error e) {
          fail(e);
        } finally {
          finished.countDown();
        }
      }
    }

    private synchronized void fail(Throwable t) {
      failed = true;
      if (failure == null) {
        failure = t;
      } else {
        failure.addSuppressed(t);
      }
    }

    /** Waits for the pieces other workers took (all are running), then rethrows a failure. */
    void awaitAndRethrow() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable t;
      synchronized (this) {
        t = failure;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw (RuntimeException) t;
      }
    }
  }
}
