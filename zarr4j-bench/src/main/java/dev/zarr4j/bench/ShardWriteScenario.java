package dev.zarr4j.bench;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ArrayToBytesCodec;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.indexing.Indexer;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.internal.ChunkExecutor;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.pipeline.ChunkPipeline;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random inner-chunk writes on a sharded Zarr v3 array (issue: partial shard writes): an N x N
 * float32 array (8192 by default) in shards of 2048 x 2048 holding inner chunks of 256 x 256, zstd
 * level 3 inside, in a directory store; each write is one call covering part of one shard. Two
 * kinds of write, each through two paths in the same run:
 *
 * <ul>
 *   <li>a whole inner chunk (256 x 256 at an inner chunk's place), and a 100 x 100 window inside
 *       one inner chunk;
 *   <li>the partial path (the array as it is: the sharding codec re-encodes only the touched inner
 *       chunk and copies the others' bytes) and the whole-shard path (the same array through a
 *       pipeline whose sharding codec is wrapped so that it does not encode partially: the shard is
 *       read whole, every inner chunk decoded, merged and encoded again, as zarr4j did before and
 *       zarr-java does).
 * </ul>
 *
 * Reported: writes per second (median and best of the repetitions) and the ratio of the medians.
 * Runs single-threaded calls, one write each, so the numbers are per-write costs.
 */
final class ShardWriteScenario {
  static final int SHARD = 2048;
  static final int INNER = 256;
  static final int WINDOW = 100;

  private ShardWriteScenario() {}

  /** A sharding codec seen through a stage that does not encode partially: the old path. */
  private static final class WholeShard implements ArrayToBytesCodec {
    private final ArrayToBytesCodec inner;

    WholeShard(ArrayToBytesCodec inner) {
      this.inner = inner;
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public Map<String, Object> toConfig() {
      return inner.toConfig();
    }

    @Override
    public BytesSpec resolve(ChunkSpec decoded) {
      return inner.resolve(decoded);
    }

    @Override
    public ByteBuffer encode(ChunkArray decoded, CodecOptions options) {
      return inner.encode(decoded, options);
    }

    @Override
    public ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options) {
      return inner.decode(encoded, decoded, options);
    }

    @Override
    public boolean omitsFillValueChunks(ChunkSpec decoded) {
      return inner.omitsFillValueChunks(decoded);
    }

    @Override
    public boolean decodesPartially(ChunkSpec decoded) {
      return inner.decodesPartially(decoded);
    }

    @Override
    public ArrayPartialDecoder partialDecoder(
        ByteSource encoded, ChunkSpec decoded, CodecOptions options) {
      return inner.partialDecoder(encoded, decoded, options);
    }
  }

  /** One kind of write: where the windows go and their size. */
  private record Kind(String name, int size, boolean aligned) {}

  static void run(PeerBench.Options o, Path tmp, NdArray data, Report report) throws Exception {
    int n = o.size;
    if (n % SHARD != 0) {
      throw new IllegalArgumentException(
          "the shard-write scenario needs --size a multiple of 2048");
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%d x %d <f4, shards %d x %d of inner chunks %d x %d (%d per shard), zstd-3 inside;"
                + " one write per call, single-threaded calls",
            n,
            n,
            SHARD,
            SHARD,
            INNER,
            INNER,
            (SHARD / INNER) * (SHARD / INNER)));
    lines.add(
        String.format(
            Locale.ROOT,
            "%-16s %-20s %10s %10s %10s %10s %7s",
            "store",
            "write",
            "partial/s",
            "(best)",
            "whole/s",
            "(best)",
            "ratio"));
    MachineLoad load = MachineLoad.start(0);
    for (String kind : List.of("DirectoryStore", "MemoryStore")) {
      System.err.println("shard writes, " + kind + "...");
      Store store =
          kind.equals("MemoryStore")
              ? new MemoryStore()
              : new DirectoryStore(tmp.resolve("sharded"));
      try {
        runOn(o, kind, store, data, lines);
      } finally {
        store.close();
      }
    }
    if (load != null) {
      double[] l = load.since(0);
      lines.add(
          String.format(
              Locale.ROOT,
              "machine during this scenario: CPUs %.0f%% busy, %.0f%% by other processes",
              l[0] * 100,
              l[1] * 100));
    }
    lines.add(
        "writes per second of one window each (median and best per-write time over the"
            + " repetitions); whole = the shard read whole, every inner chunk decoded and encoded");
    report.section("shard-write scenario (random inner-chunk writes)", lines);
  }

  private static void runOn(
      PeerBench.Options o, String kind, Store store, NdArray data, List<String> lines) {
    int n = o.size;
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .format(NodeFormats.named("zarr-v3"))
                .shape(n, n)
                .chunks(INNER, INNER)
                .shards(SHARD, SHARD)
                .dtype("<f4")
                .compressor(Zstd.of(3))
                .build());
    z.set(data);
    ArraySpec spec = z.spec();
    CodecChain chain = spec.codecs();
    ArraySpec wholeSpec =
        new ArraySpec(
            spec.shape(),
            spec.dtype(),
            spec.grid(),
            spec.keyEncoding(),
            spec.fillValue(),
            CodecChain.of(List.of(new WholeShard(chain.arrayToBytes()))),
            spec.dimensionNames());
    ChunkPipeline whole =
        new ChunkPipeline(
            store,
            "",
            wholeSpec,
            ChunkExecutor.processDefault(),
            CodecOptions.processDefault(),
            true,
            null);
    if (wholeSpec.codecs().encodesPartially(spec.chunkSpec(new long[] {0, 0}))
        || !chain.encodesPartially(spec.chunkSpec(new long[] {0, 0}))) {
      throw new IllegalStateException("the two paths are not the partial and the whole one");
    }
    // values to write: a block cut from the data, so the array stays as compressible as it was
    float[] block = new float[INNER * INNER];
    float[] src = (float[]) data.data();
    for (int r = 0; r < INNER; r++) {
      System.arraycopy(src, (r + 1000) * n + 1000, block, r * INNER, INNER);
    }
    List<Kind> kinds =
        List.of(
            new Kind("whole inner chunk", INNER, true), new Kind("100x100 in one", WINDOW, false));
    SplittableRandom rnd = new SplittableRandom(o.seed);
    for (Kind k : kinds) {
      NdArray value = NdArray.of(copy(block, k.size), k.size, k.size);
      Stats partial = new Stats();
      Stats old = new Stats();
      int partialWrites = 200;
      int wholeWrites = 12;
      for (int rep = -o.warmup; rep < o.reps; rep++) {
        boolean first = (rep & 1) == 0;
        for (int side = 0; side < 2; side++) {
          boolean partialSide = (side == 0) == first;
          int count = partialSide ? partialWrites : wholeWrites;
          String[] sels = new String[count];
          for (int i = 0; i < count; i++) {
            int r = rnd.nextInt(n / INNER) * INNER;
            int c = rnd.nextInt(n / INNER) * INNER;
            if (!k.aligned) {
              r += rnd.nextInt(INNER - k.size + 1);
              c += rnd.nextInt(INNER - k.size + 1);
            }
            sels[i] = r + ":" + (r + k.size) + ", " + c + ":" + (c + k.size);
          }
          long t0 = System.nanoTime();
          for (String s : sels) {
            if (partialSide) {
              z.set(s, value);
            } else {
              write(whole, s, value);
            }
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          if (rep >= 0) {
            (partialSide ? partial : old).add(seconds / count);
          }
        }
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "%-16s %-20s %10.1f %10.1f %10.2f %10.2f %6.1fx",
              kind,
              k.name,
              1 / partial.median(),
              1 / partial.best(),
              1 / old.median(),
              1 / old.best(),
              old.median() / partial.median()));
    }
  }

  private static float[] copy(float[] block, int size) {
    float[] out = new float[size * size];
    for (int r = 0; r < size; r++) {
      System.arraycopy(block, r * INNER, out, r * size, size);
    }
    return out;
  }

  /** A write through another pipeline of the same array (as {@code ZarrArray.set} does it). */
  private static void write(ChunkPipeline p, String selection, NdArray value) {
    ArraySpec s = p.spec();
    Indexer ix = Indexer.of(Selection.parse(selection), s.shape(), s.chunkShape());
    long[] st = StridedCopy.cStrides(ix.selectionShape());
    p.write(
        ix.projections(),
        new ChunkPipeline.Source(value.data(), st, ix.selectionShape(), st, false));
  }
}
