package dev.zarr4j.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * Per-thread buffers for chunk bytes (stored and raw), reused from one chunk to the next so that
 * reading or writing an array does not allocate (and zero) chunk-sized arrays per chunk.
 *
 * <p>A buffer is lent with {@link #lendHeap}/{@link #lendDirect} and must be given back with {@link
 * #release} in a {@code finally} block. The shared chunk pool's workers keep buffers between chunks
 * (up to {@value #SLOTS} heap arrays and {@value #SLOTS} direct buffers each, none above {@link
 * #MAX_RETAINED} bytes); an application thread uses its own only while it helps with chunk work in
 * {@link ChunkExecutor#forEach}, and hands them to a small shared pool ({@link CallerScratchPool})
 * when that returns, for its own or another application thread's next call, so memory held between
 * calls stays bounded by the two pools' sizes however many application threads read arrays. A
 * buffer that is lent is not lent again until released, so two users on one thread (a nested use,
 * say a store that itself runs chunk work on the shared pool) never share one: when every slot is
 * lent, a fresh buffer is allocated and not kept. Contents are not cleared between loans: callers
 * must write every byte they later read.
 */
public final class ChunkScratch {
  /** Buffers larger than this are allocated per use and not kept. */
  public static final int MAX_RETAINED = 16 << 20;

  static final int SLOTS = 3;

  /** A chunk pool worker's own buffers, kept for the worker's life. */
  private static final ThreadLocal<ChunkScratch> WORKER =
      ThreadLocal.withInitial(() -> new ChunkScratch(true, true));

  /**
   * The buffers an application thread uses inside {@link ChunkExecutor#forEach}, taken from {@link
   * CallerScratchPool} on first use in a call and given back when the outermost call returns.
   */
  private static final ThreadLocal<ChunkScratch> CALLER = new ThreadLocal<>();

  /** Lends fresh buffers and keeps none: stateless, so shared by every thread. */
  private static final ChunkScratch NOT_RETAINING = new ChunkScratch(false, false);

  private final boolean retaining;
  private final boolean directBuffers;
  private final int maxDirect;
  private final byte[][] heap = new byte[SLOTS][];
  private final boolean[] heapLent = new boolean[SLOTS];
  private final ByteBuffer[] direct = new ByteBuffer[SLOTS];
  private final boolean[] directLent = new boolean[SLOTS];

  /**
   * @param retaining whether released buffers are kept for the next loan
   * @param directBuffers whether {@link #lendDirect} gives direct buffers (kept ones only: a fresh
   *     direct buffer per loan would pile up native memory until a GC), else heap buffers
   */
  ChunkScratch(boolean retaining, boolean directBuffers) {
    this(retaining, directBuffers, Integer.MAX_VALUE);
  }

  /**
   * @param retaining whether released buffers are kept for the next loan
   * @param directBuffers whether {@link #lendDirect} gives direct buffers (kept ones only: a fresh
   *     direct buffer per loan would pile up native memory until a GC), else heap buffers
   * @param maxDirect the largest loan {@link #lendDirect} serves with a direct buffer; larger ones
   *     get heap buffers
   */
  ChunkScratch(boolean retaining, boolean directBuffers, int maxDirect) {
    this.retaining = retaining;
    this.directBuffers = directBuffers && retaining;
    this.maxDirect = maxDirect;
  }

  /**
   * The calling thread's buffers: kept between chunks on a worker of the shared chunk pool; on an
   * application thread while it runs chunk work inside {@link ChunkExecutor#forEach}, buffers taken
   * from {@link CallerScratchPool} (given back when that returns); fresh for every loan otherwise.
   */
  public static ChunkScratch get() {
    if (ChunkExecutor.isPoolWorker()) {
      return WORKER.get();
    }
    if (!ChunkExecutor.isCallerInForEach()) {
      return NOT_RETAINING;
    }
    ChunkScratch s = CALLER.get();
    if (s == null) {
      s = CallerScratchPool.take();
      CALLER.set(s);
    }
    return s;
  }

  /**
   * Gives an application thread's buffers back to {@link CallerScratchPool} (called when its
   * outermost forEach returns); the thread holds none afterwards.
   */
  static void dropCallerBuffers() {
    ChunkScratch s = CALLER.get();
    if (s != null) {
      CALLER.remove();
      CallerScratchPool.giveBack(s);
    }
  }

  /**
   * A heap array of at least {@code n} bytes, whose first {@code n} bytes the caller owns until
   * {@link #release(byte[])}. Not zeroed.
   */
  public byte[] lendHeap(int n) {
    if (!retaining || n > MAX_RETAINED) {
      return new byte[n];
    }
    int free = -1;
    for (int i = 0; i < SLOTS; i++) {
      if (!heapLent[i]) {
        if (heap[i] != null && heap[i].length >= n) {
          heapLent[i] = true;
          return heap[i];
        }
        if (free < 0) {
          free = i;
        }
      }
    }
    if (free < 0) {
      return new byte[n];
    }
    heap[free] = new byte[n];
    heapLent[free] = true;
    return heap[free];
  }

  /** Gives back an array from {@link #lendHeap} (arrays that were not kept are ignored). */
  public void release(byte[] b) {
    if (!retaining) {
      return;
    }
    for (int i = 0; i < SLOTS; i++) {
      if (heap[i] == b) {
        heapLent[i] = false;
        return;
      }
    }
  }

  /**
   * A little-endian buffer for file I/O with position 0 and limit {@code n}, owned by the caller
   * until {@link #release(ByteBuffer)}: direct (file channels then need no copy of their own) on a
   * chunk pool worker, and on an application thread inside {@link ChunkExecutor#forEach} up to the
   * size its kept buffers may reach ({@link CallerScratchPool#MAX_KEPT_BYTES}); a heap buffer
   * elsewhere. Not zeroed.
   */
  public ByteBuffer lendDirect(int n) {
    if (!directBuffers || n > maxDirect) {
      return ByteBuffer.wrap(lendHeap(n), 0, n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
    if (n > MAX_RETAINED) {
      return ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN);
    }
    int free = -1;
    for (int i = 0; i < SLOTS; i++) {
      if (!directLent[i]) {
        if (direct[i] != null && direct[i].capacity() >= n) {
          directLent[i] = true;
          return direct[i].clear().limit(n);
        }
        if (free < 0) {
          free = i;
        }
      }
    }
    if (free < 0) {
      return ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN);
    }
    direct[free] = ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN);
    directLent[free] = true;
    return direct[free];
  }

  /**
   * Gives back a buffer from {@link #lendDirect}, or a heap buffer wrapping an array from {@link
   * #lendHeap} (buffers that were not kept are ignored).
   */
  public void release(ByteBuffer b) {
    if (!retaining) {
      return;
    }
    if (b.hasArray()) {
      release(b.array());
      return;
    }
    for (int i = 0; i < SLOTS; i++) {
      if (direct[i] == b) {
        directLent[i] = false;
        return;
      }
    }
  }

  /**
   * An allocator for {@link dev.zarr4j.store.ReadableStore#getInto} that lends this thread's
   * buffers (direct or heap) and gives them all back on {@link Lease#close()}.
   */
  public Lease lease(boolean directBuffers) {
    return new Lease(this, directBuffers);
  }

  /** Buffers lent to one reader; closing gives them back. Not thread-safe. */
  public static final class Lease implements IntFunction<ByteBuffer>, AutoCloseable {
    private final ChunkScratch scratch;
    private final boolean directBuffers;
    private ByteBuffer first;
    private java.util.List<ByteBuffer> more;

    private Lease(ChunkScratch scratch, boolean directBuffers) {
      this.scratch = scratch;
      this.directBuffers = directBuffers;
    }

    @Override
    public ByteBuffer apply(int n) {
      ByteBuffer b =
          directBuffers ? scratch.lendDirect(n) : ByteBuffer.wrap(scratch.lendHeap(n), 0, n);
      if (first == null) {
        first = b;
      } else {
        if (more == null) {
          more = new java.util.ArrayList<>(2);
        }
        more.add(b);
      }
      return b;
    }

    @Override
    public void close() {
      if (first != null) {
        scratch.release(first);
        first = null;
      }
      if (more != null) {
        for (ByteBuffer b : more) {
          scratch.release(b);
        }
        more = null;
      }
    }
  }

  /** The bytes of the buffers this scratch keeps (lent or not). */
  long retainedBytes() {
    long n = 0;
    for (int i = 0; i < SLOTS; i++) {
      n += (heap[i] == null ? 0 : heap[i].length) + (direct[i] == null ? 0 : direct[i].capacity());
    }
    return n;
  }

  /** Number of buffers currently lent on this thread (for tests). */
  public int lentCount() {
    int n = 0;
    for (int i = 0; i < SLOTS; i++) {
      n += (heapLent[i] ? 1 : 0) + (directLent[i] ? 1 : 0);
    }
    return n;
  }
}
