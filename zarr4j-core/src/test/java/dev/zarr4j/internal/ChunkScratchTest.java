package dev.zarr4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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
