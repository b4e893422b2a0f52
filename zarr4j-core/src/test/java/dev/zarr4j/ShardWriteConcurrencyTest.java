package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.sync.Synchronizer;
import dev.zarr4j.sync.ThreadSynchronizer;
import dev.zarr4j.testutil.MemoryBackedStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Eight threads write different inner chunks of the same two shards, a thousand single-element
 * partial writes each, every element once, through their own arrays on one store. With one shared
 * {@link ThreadSynchronizer} no write is lost. Without one, writes are lost: two threads read the
 * same shard, and the later {@code set} drops what the earlier wrote. The store holds every {@code
 * set} back for a moment before it writes, which widens the window between a read-modify-write's
 * read and its write and makes the loss certain in practice even on two cores (each of the two
 * shards sees about 4,000 overlapping read-modify-writes from eight threads), and makes the
 * synchronised run check the lock under the same contention.
 */
class ShardWriteConcurrencyTest {
  private static final int THREADS = 8;
  private static final int WRITES = 1000;
  private static final int LENGTH = 8192; // two shards of 4096, 64 inner chunks of 64 each

  /** A memory store that waits about 50 microseconds before each set. */
  static final class SlowSetStore extends MemoryBackedStore {
    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(true, true, true, false);
    }

    @Override
    public void set(String key, ByteBuffer value) {
      LockSupport.parkNanos(50_000);
      inner.set(key, value);
    }
  }

  /** Runs the writers; returns how many written elements do not hold their value afterwards. */
  private static int lostWrites(Synchronizer sync) throws Exception {
    SlowSetStore store = new SlowSetStore();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(store)
            .format(NodeFormats.named("zarr-v3"))
            .shape(LENGTH)
            .chunks(64)
            .shards(4096)
            .dtype("<i4")
            .compressor(null)
            .fillValue(0);
    Zarr.create(b.build());
    int[] expected = new int[LENGTH];
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        // thread t owns inner chunks t, t + 8, t + 16, ...: 16 of them, 1024 elements
        int[] owned = new int[LENGTH / THREADS];
        int n = 0;
        for (int i = 0; i < LENGTH; i++) {
          if ((i / 64) % THREADS == t) {
            owned[n++] = i;
          }
        }
        SplittableRandom rnd = new SplittableRandom(t);
        for (int i = owned.length - 1; i > 0; i--) {
          int j = rnd.nextInt(i + 1);
          int x = owned[i];
          owned[i] = owned[j];
          owned[j] = x;
        }
        int thread = t;
        for (int i = 0; i < WRITES; i++) {
          expected[owned[i]] = thread * 100_000 + i + 1;
        }
        done.add(
            pool.submit(
                () -> {
                  ZarrArray z =
                      Zarr.openArray(
                          store,
                          OpenMode.READ_WRITE,
                          ArrayOptions.builder().synchronizer(sync).build());
                  for (int i = 0; i < WRITES; i++) {
                    int at = owned[i];
                    z.set(at + ":" + (at + 1), thread * 100_000 + i + 1);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    NdArray got = Zarr.openArray(store, OpenMode.READ).get();
    int lost = 0;
    for (int i = 0; i < LENGTH; i++) {
      if (((Number) got.get(i)).intValue() != expected[i]) {
        lost++;
      }
    }
    return lost;
  }

  @Test
  void aSharedThreadSynchronizerLosesNoWrite() throws Exception {
    assertThat(lostWrites(new ThreadSynchronizer())).isZero();
  }

  @Test
  void withoutASynchronizerWritesAreLost() throws Exception {
    assertThat(lostWrites(null)).isPositive();
  }
}
