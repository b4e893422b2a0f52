package dev.zarr4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class ChunkScratchTest {
  private final ChunkScratch scratch = new ChunkScratch(true, true);

  @AfterEach
  void nothingStaysLent() {
    assertThat(scratch.lentCount()).isZero();
  }

  @Test
  void aReleasedArrayIsLentAgain() {
    byte[] a = scratch.lendHeap(1000);
    assertThat(a.length).isGreaterThanOrEqualTo(1000);
    scratch.release(a);
    assertThat(scratch.lendHeap(500)).isSameAs(a);
    scratch.release(a);
  }

  @Test
  void nestedLoansNeverShareAnArray() {
    List<byte[]> lent = new ArrayList<>();
    for (int i = 0; i < ChunkScratch.SLOTS + 3; i++) {
      byte[] b = scratch.lendHeap(64);
      for (byte[] other : lent) {
        assertThat(b).isNotSameAs(other);
      }
      lent.add(b);
    }
    lent.forEach(scratch::release);
    List<ByteBuffer> direct = new ArrayList<>();
    for (int i = 0; i < ChunkScratch.SLOTS + 3; i++) {
      ByteBuffer b = scratch.lendDirect(64);
      assertThat(b.isDirect()).isTrue();
      assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
      assertThat(b.position()).isZero();
      assertThat(b.limit()).isEqualTo(64);
      for (ByteBuffer other : direct) {
        assertThat(b).isNotSameAs(other);
      }
      direct.add(b);
    }
    direct.forEach(scratch::release);
  }

  @Test
  void aLargerRequestReplacesAFreeSlot() {
    byte[] small = scratch.lendHeap(10);
    scratch.release(small);
    byte[] large = scratch.lendHeap(1 << 20);
    assertThat(large.length).isGreaterThanOrEqualTo(1 << 20);
    scratch.release(large);
    assertThat(scratch.lendHeap(10)).isSameAs(large);
    scratch.release(large);
  }

  @Test
  void buffersAboveTheLimitAreNotKept() {
    byte[] huge = scratch.lendHeap(ChunkScratch.MAX_RETAINED + 1);
    scratch.release(huge);
    assertThat(scratch.lentCount()).isZero();
    byte[] again = scratch.lendHeap(ChunkScratch.MAX_RETAINED + 1);
    assertThat(again).isNotSameAs(huge);
    scratch.release(again);
  }

  @Test
  void aDirectBufferComesBackClearedToTheRequestedLimit() {
    ByteBuffer b = scratch.lendDirect(100);
    b.position(40);
    scratch.release(b);
    ByteBuffer c = scratch.lendDirect(30);
    assertThat(c).isSameAs(b);
    assertThat(c.position()).isZero();
    assertThat(c.limit()).isEqualTo(30);
    scratch.release(c);
  }

  @Test
  void aLeaseGivesBackEverythingItLent() {
    try (ChunkScratch.Lease heap = scratch.lease(false);
        ChunkScratch.Lease direct = scratch.lease(true)) {
      ByteBuffer h1 = heap.apply(100);
      ByteBuffer h2 = heap.apply(200);
      assertThat(h1.hasArray()).isTrue();
      assertThat(h1.remaining()).isEqualTo(100);
      assertThat(h2.array()).isNotSameAs(h1.array());
      ByteBuffer d = direct.apply(50);
      assertThat(d.isDirect()).isTrue();
      assertThat(scratch.lentCount()).isEqualTo(3);
    }
    assertThat(scratch.lentCount()).isZero();
  }

  @Test
  void anApplicationThreadKeepsBuffersOnlyInsideForEach() {
    byte[][] inside = new byte[2][];
    ChunkExecutor.processDefault()
        .forEach(
            List.of(1).iterator(), // one item: runs on the calling thread
            i -> {
              ChunkScratch s = ChunkScratch.get();
              inside[0] = s.lendHeap(64);
              s.release(inside[0]);
              inside[1] = s.lendHeap(64);
              s.release(inside[1]);
            });
    assertThat(inside[1]).isSameAs(inside[0]);
    ChunkScratch after = ChunkScratch.get();
    byte[] b = after.lendHeap(64);
    after.release(b);
    assertThat(b).isNotSameAs(inside[0]);
  }

  @Test
  void anApplicationThreadReusesItsBuffersFromOneCallToTheNext() {
    byte[][] seen = new byte[2][];
    for (int call = 0; call < 2; call++) {
      int c = call;
      ChunkExecutor.processDefault()
          .forEach(
              List.of(1).iterator(), // one item: runs on the calling thread
              i -> {
                ChunkScratch s = ChunkScratch.get();
                seen[c] = s.lendHeap(4096);
                s.release(seen[c]);
              });
    }
    // the first call's buffers went to the shared pool and came back for the second
    assertThat(seen[1]).isSameAs(seen[0]);
    assertThat(CallerScratchPool.keptCount()).isBetween(1, CallerScratchPool.capacity());
  }

  @RepeatedTest(3)
  void applicationThreadsNeverShareKeptBuffers(RepetitionInfo info) throws Exception {
    // many threads, each making many small calls: a buffer handed to one thread through the pool
    // must never be in use by another at the same time
    int threads = 8;
    int calls = 300;
    java.util.concurrent.atomic.AtomicInteger corrupt =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger reused =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      byte mark = (byte) (t + 1);
      java.util.SplittableRandom rnd =
          new java.util.SplittableRandom(info.getCurrentRepetition() * 31L + t);
      Thread th =
          new Thread(
              () -> {
                java.util.Set<byte[]> mine =
                    java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int k = 0; k < calls; k++) {
                  int n = 1 + rnd.nextInt(8192);
                  ChunkExecutor.processDefault()
                      .forEach(
                          List.of(1).iterator(),
                          i -> {
                            ChunkScratch s = ChunkScratch.get();
                            byte[] b = s.lendHeap(n);
                            try {
                              if (!mine.add(b)) {
                                reused.incrementAndGet();
                              }
                              java.util.Arrays.fill(b, 0, n, mark);
                              Thread.yield();
                              for (int j = 0; j < n; j++) {
                                if (b[j] != mark) {
                                  corrupt.incrementAndGet();
                                  break;
                                }
                              }
                            } finally {
                              s.release(b);
                            }
                          });
                }
              });
      ts.add(th);
      th.start();
    }
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    assertThat(corrupt.get()).as("buffers written by two threads at once").isZero();
    assertThat(reused.get()).as("calls that reused a kept buffer").isPositive();
    assertThat(CallerScratchPool.keptCount()).isBetween(1, CallerScratchPool.capacity());
  }

  @Test
  void aScratchWithABufferStillLentIsNotKept() {
    for (int i = 0; i < CallerScratchPool.capacity(); i++) {
      CallerScratchPool.take(); // empties the pool
    }
    assertThat(CallerScratchPool.keptCount()).isZero();
    ChunkScratch s = new ChunkScratch(true, false);
    byte[] b = s.lendHeap(16);
    CallerScratchPool.giveBack(s);
    assertThat(CallerScratchPool.keptCount()).isZero();
    s.release(b);
    CallerScratchPool.giveBack(s);
    assertThat(CallerScratchPool.keptCount()).isEqualTo(1);
    assertThat(CallerScratchPool.take()).isSameAs(s);
  }

  @Test
  void aScratchHoldingLargeBuffersIsNotKept() {
    for (int i = 0; i < CallerScratchPool.capacity(); i++) {
      CallerScratchPool.take(); // empties the pool
    }
    ChunkScratch big = new ChunkScratch(true, false);
    big.release(big.lendHeap((int) CallerScratchPool.MAX_KEPT_BYTES + 1));
    CallerScratchPool.giveBack(big);
    assertThat(CallerScratchPool.keptCount()).isZero();
    ChunkScratch small = new ChunkScratch(true, false);
    small.release(small.lendHeap((int) CallerScratchPool.MAX_KEPT_BYTES / 2));
    small.release(small.lendHeap((int) CallerScratchPool.MAX_KEPT_BYTES / 2));
    CallerScratchPool.giveBack(small);
    assertThat(CallerScratchPool.keptCount()).isEqualTo(1);
  }

  @Test
  void anApplicationThreadInForEachGetsDirectBuffersUpToTheKeptSize() {
    // a small batch runs partly on the calling thread: its file reads and writes go through
    // direct buffers too (no copy through the JDK's own temporary buffer), kept between loans
    int limit = (int) CallerScratchPool.MAX_KEPT_BYTES;
    java.util.Map<Integer, Boolean> direct = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Map<Integer, Boolean> kept = new java.util.concurrent.ConcurrentHashMap<>();
    Thread caller = Thread.currentThread();
    ChunkExecutor.shared(1)
        .forEach(
            List.of(1024, limit, limit + 1).iterator(),
            n -> {
              assertThat(Thread.currentThread()).isSameAs(caller);
              ChunkScratch s = ChunkScratch.get();
              ByteBuffer b = s.lendDirect(n);
              direct.put(n, b.isDirect());
              assertThat(b.remaining()).isEqualTo(n);
              assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
              s.release(b);
              ByteBuffer again = s.lendDirect(n);
              kept.put(n, again == b || (again.hasArray() && again.array() == b.array()));
              s.release(again);
              assertThat(s.lentCount()).isZero();
            });
    assertThat(direct).containsEntry(1024, true).containsEntry(limit, true);
    assertThat(direct).as("larger loans are heap buffers").containsEntry(limit + 1, false);
    assertThat(kept).containsEntry(1024, true).containsEntry(limit, true);
  }

  @Test
  void onlyChunkPoolWorkersKeepBuffers() {
    // an application thread: every loan is fresh, nothing is kept
    ChunkScratch here = ChunkScratch.get();
    byte[] a = here.lendHeap(128);
    here.release(a);
    assertThat(here.lendHeap(128)).isNotSameAs(a);
    ByteBuffer d = here.lendDirect(128);
    assertThat(d.isDirect()).as("no fresh direct buffer per loan on application threads").isFalse();
    assertThat(d.remaining()).isEqualTo(128);
    here.release(d);
    assertThat(here.lendDirect(128)).isNotSameAs(d);
    assertThat(here.lentCount()).isZero();
    // pool workers: each keeps its own
    java.util.Map<Thread, byte[]> first = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Set<Thread> reused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      items.add(i);
    }
    ChunkExecutor.processDefault()
        .forEach(
            items.iterator(),
            i -> {
              ChunkScratch s = ChunkScratch.get();
              byte[] b = s.lendHeap(4096);
              try {
                byte[] f = first.putIfAbsent(Thread.currentThread(), b);
                if (f != null && f == b && ChunkExecutor.isPoolWorker()) {
                  reused.add(Thread.currentThread());
                }
              } finally {
                s.release(b);
              }
            });
    if (ChunkExecutor.processDefault().parallelism() > 1) {
      assertThat(reused).isNotEmpty().allMatch(t -> t.getName().startsWith("zarr4j-chunk-"));
      assertThat(new java.util.HashSet<>(first.values())).hasSameSizeAs(first.keySet());
    }
  }
}
