package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.testutil.MemoryBackedStore;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads from a store that says it is latency-bound (the pipeline then fetches whole chunks in
 * batches with {@code getMany}) give what reads of the same values from a local store give, for
 * every selection kind, plain and sharded arrays, chunks present and missing.
 */
class LatencyBoundReadPropertyTest {

  /** A memory store that reports itself latency-bound and counts how it is read. */
  static final class LatencyBoundStore extends MemoryBackedStore {
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger batchedKeys = new AtomicInteger();
    final AtomicInteger singleReads = new AtomicInteger();

    @Override
    public StoreCapabilities capabilities() {
      return new StoreCapabilities(true, true, true, false).withLatencyBound(true);
    }

    @Override
    public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
      batches.incrementAndGet();
      batchedKeys.addAndGet(requests.size());
      return inner.getMany(requests);
    }

    @Override
    public Optional<ByteSource> open(String key) {
      singleReads.incrementAndGet();
      return inner.open(key);
    }

    void reset() {
      batches.set(0);
      batchedKeys.set(0);
      singleReads.set(0);
    }
  }

  private static ZarrArray write(
      LatencyBoundStore store, boolean sharded, long[] shape, long[] chunks) {
    ArrayOptions.Builder b =
        ArrayOptions.builder().store(store).shape(shape).dtype("<i4").fillValue(-1);
    if (sharded) {
      b.format(NodeFormats.named("zarr-v3"))
          .chunks(chunks)
          .shards(chunks[0] * 2, chunks[1] * 2)
          .compressor(Zstd.of(1));
    } else {
      b.chunks(chunks).compressor(Blosc.of("lz4", 5, 1, 0));
    }
    ZarrArray z = Zarr.create(b.build());
    int n = (int) (shape[0] * shape[1]);
    NdArray data = NdArray.arange(DataType.parse("<i4"), n, (int) shape[0], (int) shape[1]);
    z.set(data);
    // leave a hole: one region back to the fill value, so some chunks are missing
    z.set("0:" + chunks[0] + ", 0:" + chunks[1], NdArray.scalar(DataType.parse("<i4"), -1L));
    return z;
  }

  private static String slice(SplittableRandom r, long n) {
    long a = r.nextLong(n);
    long b = a + 1 + r.nextLong(n - a);
    return a + ":" + b + (r.nextBoolean() ? "" : ":" + (1 + r.nextInt(3)));
  }

  private static String list(SplittableRandom r, long n, int count) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ", ").append(r.nextLong(n));
    }
    return sb.append(']').toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void everySelectionReadsAsFromALocalStore(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean sharded = seed % 2 == 0;
    long[] shape = {10 + r.nextInt(60), 10 + r.nextInt(60)};
    long[] chunks = {2 + r.nextInt(8), 2 + r.nextInt(8)};
    LatencyBoundStore store = new LatencyBoundStore();
    ZarrArray remote = write(store, sharded, shape, chunks);
    ZarrArray local = Zarr.openArray(store.inner, OpenMode.READ);
    assertThat(local.store().capabilities().latencyBound()).isFalse();
    for (int i = 0; i < 40; i++) {
      String basic = slice(r, shape[0]) + ", " + slice(r, shape[1]);
      assertThat(remote.get(basic)).as("seed %d: %s", seed, basic).isEqualTo(local.get(basic));
      String orth = list(r, shape[0], 1 + r.nextInt(5)) + ", " + slice(r, shape[1]);
      assertThat(remote.oindex().get(orth))
          .as("seed %d: oindex %s", seed, orth)
          .isEqualTo(local.oindex().get(orth));
      int points = 1 + r.nextInt(8);
      String coords = list(r, shape[0], points) + ", " + list(r, shape[1], points);
      assertThat(remote.vindex().get(coords))
          .as("seed %d: vindex %s", seed, coords)
          .isEqualTo(local.vindex().get(coords));
    }
    // whole chunks (and whole shards) come in batches; parts of shards through opened values
    store.reset();
    assertThat(remote.get()).as("seed %d: everything", seed).isEqualTo(local.get());
    assertThat(store.batches.get()).as("batched reads made").isPositive();
    assertThat(store.singleReads.get()).as("values opened one by one").isZero();
  }

  @Test
  void aWholeReadAsksForItsChunksSixtyFourAtATime() {
    LatencyBoundStore store = new LatencyBoundStore();
    ZarrArray z = write(store, false, new long[] {100, 100}, new long[] {5, 10});
    store.reset();
    NdArray got = z.get();
    assertThat(got.get(0, 0)).isEqualTo(-1L);
    assertThat(got.get(99, 99)).isEqualTo(9999L);
    assertThat(store.batchedKeys.get()).isEqualTo(200);
    assertThat(store.batches.get()).isEqualTo(4); // 64 + 64 + 64 + 8
    assertThat(store.singleReads.get()).isZero();
  }
}
