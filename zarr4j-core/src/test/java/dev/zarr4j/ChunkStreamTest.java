package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.MemoryStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ChunkStream}: on random arrays (Zarr v2 and v3, sharded or not, several codecs and data
 * types, chunks missing) and random options (blocks along the last axes, by shard, look-ahead 0 to
 * 5), the blocks come in C order of their positions, each holds what {@link ZarrArray#get} reads
 * for its region, and together they cover the array once. Read-ahead is counted on a logging store:
 * it happens while the caller waits and never passes the look-ahead; closing stops it; a corrupt
 * chunk read ahead fails at the caller's step for its block, naming the chunk key.
 */
class ChunkStreamTest {

  static LongStream seeds() {
    return LongStream.range(0, 120);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void blocksHoldWhatGetReads(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 6151 + 11);
    int ndim = rnd.nextInt(0, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 12);
      chunks[d] = rnd.nextInt(1, 5);
    }
    boolean v3 = rnd.nextBoolean();
    String[] dtypes = v3 ? V3ArrayPropertyTest.DTYPES : BufferIoPropertyTest.V2_DTYPES;
    DataType dtype = DataType.parse(dtypes[rnd.nextInt(dtypes.length)]);
    BytesToBytesCodec[] cs = BufferIoPropertyTest.compressors();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(new MemoryStore())
            .shape(shape)
            .chunks(chunks)
            .dtype(dtype)
            .compressor(cs[rnd.nextInt(cs.length)])
            .order(rnd.nextBoolean() ? "C" : "F");
    if (rnd.nextBoolean()) {
      b.fillValue(BasicSelectionPropertyTest.randomValue(rnd, dtype));
    }
    boolean sharded = v3 && ndim > 0 && rnd.nextBoolean();
    if (v3) {
      b.format(NodeFormats.named("zarr-v3"));
      if (sharded) {
        long[] shards = new long[ndim];
        for (int d = 0; d < ndim; d++) {
          shards[d] = chunks[d] * rnd.nextInt(1, 4);
        }
        b.shards(shards);
      }
    }
    ZarrArray z = Zarr.create(b.build());
    for (int w = 0; w < 2; w++) {
      Selection sel = BasicSelectionPropertyTest.randomSelection(rnd, shape);
      z.set(
          sel,
          BufferIoPropertyTest.randomArray(
              rnd, z.dtype(), BasicSelectionPropertyTest.selectionShape(sel, shape)));
    }
    ChunkIterationOptions.Builder o = ChunkIterationOptions.builder();
    int axes = rnd.nextInt(0, ndim + 1);
    int[] per = new int[axes];
    for (int i = 0; i < axes; i++) {
      per[i] = rnd.nextInt(5) == 0 ? Integer.MAX_VALUE : rnd.nextInt(1, 4);
    }
    o.chunksPerBlock(per).byShard(rnd.nextBoolean());
    if (rnd.nextBoolean()) {
      o.prefetch(rnd.nextInt(0, 6));
    }
    ChunkIterationOptions options = o.build();
    long size = z.size();
    int[] covered = new int[(int) size];
    long count = 0;
    long[] previous = null;
    String what = "seed " + seed + " " + z + " " + options;
    try (ChunkStream s = z.chunkStream(options)) {
      for (ChunkBlock block : s) {
        assertThat(block.index()).as(what).isEqualTo(count);
        if (previous != null) {
          assertThat(Arrays.compare(block.position(), previous)).as(what).isPositive();
        }
        previous = block.position();
        NdArray values = block.values();
        assertThat(Arrays.stream(values.shape()).asLongStream().toArray())
            .as(what)
            .isEqualTo(block.shape());
        assertThat(values).as("%s block %s", what, block).isEqualTo(z.get(block.selection()));
        mark(block.origin(), block.shape(), shape, covered);
        count++;
      }
      assertThat(count).as(what).isEqualTo(s.blockCount());
    }
    for (int c : covered) {
      assertThat(c).as(what).isEqualTo(1);
    }
  }

  private static void mark(long[] origin, long[] extent, long[] shape, int[] covered) {
    long n = 1;
    for (long e : extent) {
      n *= e;
    }
    for (long k = 0; k < n; k++) {
      long rest = k;
      long f = 0;
      long mul = 1;
      for (int d = shape.length - 1; d >= 0; d--) {
        f += (origin[d] + rest % extent[d]) * mul;
        rest /= extent[d];
        mul *= shape[d];
      }
      covered[(int) f]++;
    }
  }

  /** The kinds of operation that read a value. */
  private static final LoggingStore.Kind[] READS = {
    LoggingStore.Kind.OPEN, LoggingStore.Kind.GET, LoggingStore.Kind.GET_INTO
  };

  private static long chunkReads(LoggingStore store) {
    return store.keys(READS).stream().filter(k -> !k.contains(".z")).count();
  }

  /** A 1-d int32 array of {@code n} chunks of 4 in a logging store, chunk k holding k. */
  private static ZarrArray counted(LoggingStore store, int n) {
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(4L * n)
                .chunks(4)
                .dtype("<i4")
                .compressor(Zstd.of(1, false))
                .build());
    int[] v = new int[4 * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = i / 4;
    }
    z.setFrom(Selection.all(), v);
    store.reset();
    return z;
  }

  /**
   * The stream's memory bound, on random look-aheads and caller pauses: the blocks' buffers are
   * never more than {@code prefetch + 1} distinct arrays (equal-sized blocks reuse them), every
   * block holds its own values when the caller sees it, and no more than {@code prefetch} blocks
   * past the caller's are read at any step.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void buffersStayWithinTheLookAheadPlusOne(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = rnd.nextInt(1, 60);
    int lookAhead = rnd.nextInt(0, 7);
    LoggingStore store = new LoggingStore(new MemoryStore());
    ZarrArray z = counted(store, n);
    java.util.Set<Object> buffers =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    try (ChunkStream s =
        z.chunkStream(ChunkIterationOptions.builder().prefetch(lookAhead).build())) {
      int i = 0;
      for (ChunkBlock b : s) {
        assertThat(b.values().toLongArray()).as("block %d", i).containsOnly(i);
        buffers.add(b.values().data());
        assertThat(chunkReads(store))
            .as("reads at block %d", i)
            .isLessThanOrEqualTo(i + 1 + lookAhead);
        if (rnd.nextInt(4) == 0) {
          Thread.sleep(1); // the caller works: the look-ahead fills
        }
        i++;
      }
      assertThat(i).isEqualTo(n);
    }
    assertThat(buffers.size())
        .as("distinct buffers for %d blocks, look-ahead %d", n, lookAhead)
        .isLessThanOrEqualTo(lookAhead + 1);
  }

  @Test
  void readsAheadWhileTheCallerWorksButNeverPastTheLookAhead() throws Exception {
    LoggingStore store = new LoggingStore(new MemoryStore());
    ZarrArray z = counted(store, 40);
    int lookAhead = 3;
    try (ChunkStream s =
        z.chunkStream(ChunkIterationOptions.builder().prefetch(lookAhead).build())) {
      Iterator<ChunkBlock> it = s.iterator();
      ChunkBlock first = it.next();
      assertThat(first.values().toLongArray()).containsOnly(0);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (chunkReads(store) < 1 + lookAhead && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(chunkReads(store)).as("blocks read ahead while the caller waits").isEqualTo(4);
      Thread.sleep(50);
      assertThat(chunkReads(store)).as("and no further").isEqualTo(4);
      for (int i = 1; i < 40; i++) {
        ChunkBlock b = it.next();
        assertThat(b.values().toLongArray()).containsOnly(i);
        assertThat(chunkReads(store)).isLessThanOrEqualTo(i + 1 + lookAhead);
      }
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }
    assertThat(chunkReads(store)).isEqualTo(40);
  }

  @Test
  void withoutLookAheadEachBlockIsReadWhenAskedFor() {
    LoggingStore store = new LoggingStore(new MemoryStore());
    ZarrArray z = counted(store, 10);
    try (ChunkStream s = z.chunkStream(ChunkIterationOptions.builder().prefetch(0).build())) {
      int i = 0;
      for (ChunkBlock b : s) {
        assertThat(chunkReads(store)).isEqualTo(i + 1);
        assertThat(b.values().toLongArray()).containsOnly(i);
        i++;
      }
      assertThat(i).isEqualTo(10);
    }
  }

  @Test
  void closingStopsReadingAhead() throws Exception {
    LoggingStore store = new LoggingStore(new MemoryStore());
    ZarrArray z = counted(store, 200);
    ChunkStream s = z.chunkStream(ChunkIterationOptions.builder().prefetch(4).build());
    Iterator<ChunkBlock> it = s.iterator();
    it.next();
    it.next();
    s.close();
    long after = chunkReads(store);
    Thread.sleep(100);
    assertThat(chunkReads(store)).isEqualTo(after).isLessThanOrEqualTo(2 + 4);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(s::iterator).isInstanceOf(IllegalStateException.class);
    s.close(); // idempotent
  }

  @Test
  void aCorruptChunkReadAheadFailsAtItsOwnStepNamingTheKey() {
    MemoryStore mem = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(mem)
                .path("data/ints")
                .shape(6, 8)
                .chunks(2, 2)
                .dtype("<i4")
                .compressor(Zstd.of(1, false))
                .build());
    int[] v = new int[48];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    z.setFrom(Selection.all(), v);
    mem.set("data/ints/1.2", ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    List<Long> delivered = new ArrayList<>();
    ChunkStream s = z.chunkStream(ChunkIterationOptions.builder().prefetch(8).build());
    Iterator<ChunkBlock> it = s.iterator();
    assertThatThrownBy(
            () -> {
              while (it.hasNext()) {
                ChunkBlock b = it.next();
                assertThat(b.values()).isEqualTo(z.get(b.selection()));
                delivered.add(b.index());
              }
            })
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("data/ints/1.2");
    // chunk (1, 2) is block 6 of the 3 x 4 grid: blocks 0..5 came first
    assertThat(delivered).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(it.hasNext()).isFalse();
    s.close();
  }

  @Test
  void blocksGroupChunksAlongTheLastAxesAndShards() {
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(new MemoryStore())
                .format(NodeFormats.named("zarr-v3"))
                .shape(8, 12)
                .chunks(2, 3)
                .shards(4, 6)
                .dtype("<f8")
                .build());
    double[] v = new double[96];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    z.setFrom(Selection.all(), v);
    List<String> regions = new ArrayList<>();
    try (ChunkStream s =
        z.chunkStream(ChunkIterationOptions.builder().chunksPerBlock(Integer.MAX_VALUE).build())) {
      for (ChunkBlock b : s) {
        regions.add(Arrays.toString(b.origin()) + Arrays.toString(b.shape()));
      }
    }
    // rows of inner chunks: zarr-python 2's islice, one row of chunks at a time
    assertThat(regions)
        .containsExactly("[0, 0][2, 12]", "[2, 0][2, 12]", "[4, 0][2, 12]", "[6, 0][2, 12]");
    regions.clear();
    try (ChunkStream s = z.chunkStream(ChunkIterationOptions.builder().byShard(true).build())) {
      for (ChunkBlock b : s) {
        regions.add(Arrays.toString(b.origin()) + Arrays.toString(b.shape()));
        assertThat(b.values()).isEqualTo(z.get(b.selection()));
      }
    }
    assertThat(regions)
        .containsExactly("[0, 0][4, 6]", "[0, 6][4, 6]", "[4, 0][4, 6]", "[4, 6][4, 6]");
    assertThatThrownBy(
            () -> z.chunkStream(ChunkIterationOptions.builder().chunksPerBlock(1, 1, 1).build()))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("has 2");
  }

  @Test
  void badOptionsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> ChunkIterationOptions.builder().chunksPerBlock(2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 0]");
    assertThatThrownBy(() -> ChunkIterationOptions.builder().prefetch(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    ChunkIterationOptions o =
        ChunkIterationOptions.builder().chunksPerBlock(3).byShard(true).prefetch(2).build();
    assertThat(o.toBuilder().build().toString()).isEqualTo(o.toString());
    assertThat(o.prefetch()).hasValue(2);
    assertThat(ChunkIterationOptions.defaults().prefetch()).isEmpty();
    ZarrArray z = counted(new LoggingStore(new MemoryStore()), 3);
    try (ChunkStream s = z.chunkStream()) {
      // blocks of 4 int32: as many as eight times the threads hold, since they are small
      assertThat(s.prefetch()).isEqualTo(8 * z.config().parallelism());
      assertThat(s.blockCount()).isEqualTo(3);
    }
    int t = z.config().parallelism();
    assertThat(ChunkIterationOptions.defaultPrefetch(t, 1 << 20))
        .isEqualTo((int) Math.max(2 * t, Math.min(8 * t, 32)));
    assertThat(ChunkIterationOptions.defaultPrefetch(t, 16 << 20)).isEqualTo(2 * t);
    assertThat(ChunkIterationOptions.defaultPrefetch(2, 1 << 20)).isEqualTo(16);
    assertThat(ChunkIterationOptions.defaultPrefetch(2, 4 << 20)).isEqualTo(8);
    assertThat(ChunkIterationOptions.defaultPrefetch(2, 1L << 31)).isEqualTo(4);
  }
}
