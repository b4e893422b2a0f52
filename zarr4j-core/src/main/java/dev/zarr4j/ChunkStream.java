package dev.zarr4j;

import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.ChunkBlocks;
import dev.zarr4j.internal.ChunkExecutor;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.pipeline.ChunkPipeline;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An array read block by block for out-of-core processing: {@link ZarrArray#chunkStream} gives one,
 * and its iterator yields {@link ChunkBlock}s (regions of whole chunks with their values) in C
 * order of their positions in the chunk grid. While the caller works on one block the next ones are
 * read and decoded on the array's chunk threads, at most {@code prefetch} blocks ahead, each into a
 * buffer the stream recycles, so memory stays near {@code prefetch + 1} blocks however large the
 * array is.
 *
 * <pre>{@code
 * try (ChunkStream s = z.chunkStream(ChunkIterationOptions.builder().chunksPerBlock(8).build())) {
 *   for (ChunkBlock b : s) {
 *     double[] v = (double[]) b.values().data(); // b.origin(), b.shape() place it
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>zarr-python 2 has two iterations of its own: {@code Array.islice(start, stop)} (and {@code
 * iter(z)}) yields the array's items along the first axis, decompressing one row of chunks at a
 * time, which is this stream with {@code chunksPerBlock(Integer.MAX_VALUE, ...)} over every axis
 * but the first, each block holding that row's items; and {@code z.blocks[i, j]} reads one block of
 * chunks by grid position, which is what each {@link ChunkBlock} holds ({@link
 * ChunkBlock#firstChunk()}). Neither reads ahead; this stream does.
 *
 * <p>A failed read of a block read ahead is held until the caller reaches that block: the
 * iterator's {@code next()} for it throws the exception (a {@link
 * dev.zarr4j.exceptions.CodecException} or {@link dev.zarr4j.exceptions.StoreException} naming the
 * chunk key), after every block before it was given, and the stream closes. {@link #close()} stops
 * reading ahead (blocks not started are dropped, those being read are waited for) and drops the
 * buffers. A stream is used by one thread and iterated once; that thread should not be one of the
 * chunk pool's own (a stream opened inside a chunk task would wait on the pool it occupies).
 */
public final class ChunkStream implements Iterable<ChunkBlock>, AutoCloseable {
  private final ChunkPipeline pipeline;
  private final ChunkBlocks blocks;
  private final ChunkExecutor executor;
  private final DataType dtype;
  private final int lookAhead;
  private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
  private final ArrayDeque<Object> spare = new ArrayDeque<>();
  private long nextToStart;
  private Pending current;
  private boolean iterated;
  private boolean closed;

  /** One block being read, or read. */
  private static final class Pending {
    static final int WAITING = 0;
    static final int RUNNING = 1;
    static final int DROPPED = 2;
    final ChunkBlocks.GridBlock block;
    final Object storage;
    final AtomicInteger state = new AtomicInteger(WAITING);
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable failure;

    Pending(ChunkBlocks.GridBlock block, Object storage) {
      this.block = block;
      this.storage = storage;
    }
  }

  ChunkStream(ChunkPipeline pipeline, ChunkBlocks blocks, int lookAhead) {
    this.pipeline = pipeline;
    this.blocks = blocks;
    this.executor = pipeline.executor();
    this.dtype = pipeline.spec().dtype();
    this.lookAhead = lookAhead;
  }

  /** The number of blocks the stream gives in all. */
  public long blockCount() {
    return blocks.count();
  }

  /** How many blocks are read ahead of the caller. */
  public int prefetch() {
    return lookAhead;
  }

  /**
   * The iterator over the blocks; a stream gives one.
   *
   * @throws IllegalStateException when called a second time or after {@link #close()}
   */
  @Override
  public Iterator<ChunkBlock> iterator() {
    if (iterated || closed) {
      throw new IllegalStateException(
          closed ? "the chunk stream is closed" : "a chunk stream is iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !closed && (current == null ? 0 : current.block.index() + 1) < blocks.count();
      }

      @Override
      public ChunkBlock next() {
        if (!hasNext()) {
          throw new NoSuchElementException(
              closed ? "the chunk stream is closed" : "no more blocks");
        }
        return advance();
      }
    };
  }

  private ChunkBlock advance() {
    if (current != null) {
      recycle(current.storage);
      current = null;
    }
    if (inFlight.isEmpty()) {
      startMore(Math.max(1, lookAhead));
    }
    Pending p = inFlight.poll();
    if (lookAhead == 0) {
      runNow(p);
    }
    // refill the look-ahead before waiting, so the chunk threads have the most queued while the
    // caller waits: with the caller's previous buffer recycled, p and the blocks ahead of it hold
    // lookAhead + 1 buffers, as many as while the caller works on p
    startMore(lookAhead);
    try {
      p.done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ZarrException("interrupted while waiting for block " + p.block, e);
    }
    if (p.failure != null) {
      recycle(p.storage);
      close();
      rethrow(p.failure);
    }
    current = p;
    return new ChunkBlock(p.block, NdArray.wrap(dtype, p.storage, intShape(p.block.shape())));
  }

  /** Starts blocks until {@code count} are in flight or none is left. */
  private void startMore(int count) {
    while (inFlight.size() < count && nextToStart < blocks.count()) {
      ChunkBlocks.GridBlock block = blocks.block(nextToStart++);
      Pending p = new Pending(block, take(block));
      inFlight.add(p);
      if (lookAhead > 0) {
        executor.execute(() -> runNow(p));
      }
    }
  }

  /** Reads a block into its buffer, unless dropped by {@link #close()} first. */
  private void runNow(Pending p) {
    if (!p.state.compareAndSet(Pending.WAITING, Pending.RUNNING)) {
      return;
    }
    try {
      long[] shape = pipeline.spec().shape();
      BasicIndexer indexer = new BasicIndexer(p.block.selection(), shape, pipeline.spec().layout());
      pipeline.read(indexer.projections(), p.storage, StridedCopy.cStrides(p.block.shape()));
    } catch (Throwable t) {
      p.failure = t;
    } finally {
      p.done.countDown();
    }
  }

  /** A buffer for the next block: a spare one of the right length, else a new one. */
  private Object take(ChunkBlocks.GridBlock block) {
    int elements = Math.toIntExact(block.size());
    int length = elements * dtype.slotsPerElement();
    for (Iterator<Object> it = spare.iterator(); it.hasNext(); ) {
      Object s = it.next();
      if (java.lang.reflect.Array.getLength(s) == length) {
        it.remove();
        return s;
      }
    }
    return NdArray.zeros(dtype, elements).data();
  }

  /** Keeps a buffer for reuse; at most {@code lookAhead + 1} are kept. */
  private void recycle(Object storage) {
    spare.addFirst(storage);
    while (spare.size() > lookAhead + 1) {
      spare.removeLast();
    }
  }

  private static int[] intShape(long[] shape) {
    int[] s = new int[shape.length];
    for (int d = 0; d < s.length; d++) {
      s[d] = (int) shape[d];
    }
    return s;
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new ZarrException("reading a block failed: " + t, t);
  }

  /**
   * Stops reading ahead and drops the buffers: blocks not started are dropped, blocks being read
   * are waited for (so no buffer is written after this returns). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean interrupted = false;
    for (Pending p : inFlight) {
      if (!p.state.compareAndSet(Pending.WAITING, Pending.DROPPED)) {
        while (true) {
          try {
            p.done.await();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
    }
    inFlight.clear();
    spare.clear();
    current = null;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
