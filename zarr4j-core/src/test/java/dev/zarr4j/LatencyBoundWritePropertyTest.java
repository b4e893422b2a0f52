package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyStoreOptions;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.pipeline.ChunkPipeline;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.testutil.MemoryBackedStore;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes to a store that says it is latency-bound run many chunks at once, whatever the number of
 * chunk threads (here 2), never more than {@link ChunkPipeline#CHUNKS_IN_FLIGHT}; and they store
 * exactly what the same writes store in a local store, for random selections of plain and sharded
 * arrays. Copies and consolidation from and to such a store overlap their requests too.
 */
class LatencyBoundWritePropertyTest {

  /** A memory store that says it is latency-bound, waits 5 ms per call and counts calls at once. */
  static final class SlowStore extends MemoryBackedStore {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final AtomicInteger batchedKeys = new AtomicInteger();

    @Override
    public java.util.List<Optional<ByteBuffer>> getMany(
        java.util.List<dev.zarr4j.store.KeyRange> requests) {
      batchedKeys.addAndGet(requests.size());
      return super.getMany(requests);
    }

    private <T> T slow(java.util.function.Supplier<T> call) {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        TimeUnit.MILLISECONDS.sleep(5);
        return call.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        now.decrementAndGet();
      }
    }

    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(true, true, true, false).withLatencyBound(true);
    }

    @Override
    public Optional<ByteSource> open(String key) {
      return slow(() -> inner.open(key));
    }

    @Override
    public Optional<ByteBuffer> get(String key, ByteRange range) {
      return slow(() -> inner.get(key, range));
    }

    @Override
    public void set(String key, ByteBuffer value) {
      slow(
          () -> {
            inner.set(key, value);
            return null;
          });
    }

    @Override
    public void delete(String key) {
      slow(
          () -> {
            inner.delete(key);
            return null;
          });
    }

    @Override
    public boolean contains(String key) {
      return slow(() -> inner.contains(key));
    }
  }

  private static ArrayOptions.Builder options(boolean sharded, long[] shape, long[] chunks) {
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .shape(shape)
            .dtype("<i4")
            .fillValue(-1)
            .config(ZarrConfig.processDefault().withParallelism(2));
    if (sharded) {
      return b.format(NodeFormats.named("zarr-v3"))
          .chunks(chunks)
          .shards(chunks[0] * 2, chunks[1] * 2)
          .compressor(Zstd.of(1));
    }
    return b.chunks(chunks).compressor(Blosc.of("lz4", 5, 1, 0));
  }

  private static TreeMap<String, ByteBuffer> contents(MemoryStore store) {
    TreeMap<String, ByteBuffer> out = new TreeMap<>();
    for (String key : store.listPrefix("")) {
      out.put(key, store.get(key).orElseThrow());
    }
    return out;
  }

  private static String slice(SplittableRandom r, long n) {
    long a = r.nextLong(n);
    return a + ":" + (a + 1 + r.nextLong(n - a));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void writesStoreWhatLocalWritesStore(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean sharded = seed % 2 == 0;
    long[] shape = {10 + r.nextInt(50), 10 + r.nextInt(50)};
    long[] chunks = {2 + r.nextInt(6), 2 + r.nextInt(6)};
    SlowStore slow = new SlowStore();
    MemoryStore local = new MemoryStore();
    ZarrArray remote = Zarr.create(options(sharded, shape, chunks).store(slow).build());
    ZarrArray near = Zarr.create(options(sharded, shape, chunks).store(local).build());
    DataType i4 = DataType.parse("<i4");
    for (int i = 0; i < 12; i++) {
      String sel = slice(r, shape[0]) + ", " + slice(r, shape[1]);
      int[] selShape = near.get(sel).shape();
      NdArray v =
          i % 3 == 2
              ? NdArray.scalar(i4, -1L) // back to the fill value: chunks deleted
              : NdArray.of(r.ints(selShape[0] * selShape[1], 0, 1000).toArray(), selShape);
      remote.set(sel, v);
      near.set(sel, v);
    }
    assertThat(contents(slow.inner)).as("seed %d", seed).isEqualTo(contents(local));
  }

  @Test
  void aWriteOfManyChunksKeepsManyInFlightButNoMoreThanTheLimit() {
    SlowStore store = new SlowStore();
    // 256 chunks, two chunk threads
    ZarrArray z =
        Zarr.create(
            options(false, new long[] {160, 160}, new long[] {10, 10}).store(store).build());
    store.most.set(0);
    long start = System.nanoTime();
    z.set(NdArray.arange(DataType.parse("<i4"), 160 * 160, 160, 160));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(store.most.get())
        .as("calls at once (%d ms)", ms)
        .isGreaterThan(8)
        .isLessThanOrEqualTo(ChunkPipeline.CHUNKS_IN_FLIGHT);
    assertThat(store.inner.listPrefix("").stream().filter(k -> !k.startsWith(".")).count())
        .isEqualTo(256);
    // a resize that drops three quarters of the chunks deletes them many at once
    store.most.set(0);
    z.resize(80, 80);
    assertThat(store.most.get()).isGreaterThan(8);
    assertThat(store.inner.listPrefix("").stream().filter(k -> !k.startsWith(".")).count())
        .isEqualTo(64);
  }

  @Test
  void copiesAndConsolidationOverlapTheirRequests() {
    SlowStore source = new SlowStore();
    ZarrArray z =
        Zarr.create(options(false, new long[] {80, 80}, new long[] {10, 10}).store(source).build());
    z.set(NdArray.arange(DataType.parse("<i4"), 80 * 80, 80, 80));
    z.set("0:10, 0:10", NdArray.scalar(DataType.parse("<i4"), -1L)); // one chunk missing

    // chunk bytes copied (same layout) from the slow store to another
    SlowStore dest = new SlowStore();
    ZarrArray copy =
        Zarr.create(options(false, new long[] {80, 80}, new long[] {10, 10}).store(dest).build());
    source.most.set(0);
    dest.most.set(0);
    copy.set(z); // decoded chunk by chunk (streaming copy)
    assertThat(copy.get()).isEqualTo(z.get());
    assertThat(Math.max(source.most.get(), dest.most.get())).isGreaterThan(8);

    MemoryStore local = new MemoryStore();
    dest.most.set(0);
    Convenience.copyStore(source, dest, CopyStoreOptions.builder().destPath("again").build());
    Convenience.copyStore(source, local, CopyStoreOptions.builder().destPath("again").build());
    assertThat(dest.most.get()).isGreaterThan(8);
    TreeMap<String, ByteBuffer> copied = contents(dest.inner);
    copied.keySet().removeIf(k -> !k.startsWith("again/"));
    assertThat(copied).isEqualTo(contents(local));

    // consolidation asks for every document in one batch, and writes what it writes locally
    MemoryStore plain = new MemoryStore();
    Convenience.copyStore(source, plain);
    source.batchedKeys.set(0);
    Convenience.consolidateMetadata(source);
    Convenience.consolidateMetadata(plain);
    long documents =
        plain.listPrefix("").stream()
            .filter(k -> k.endsWith(".zarray") || k.endsWith(".zattrs") || k.endsWith(".zgroup"))
            .count();
    assertThat(source.batchedKeys.get()).isEqualTo(documents);
    assertThat(source.inner.get(".zmetadata")).isEqualTo(plain.get(".zmetadata"));
  }
}
