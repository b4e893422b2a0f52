package dev.zarr4j.sync;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * One writer of the lost-update tests. Writer {@code w} of {@code n} owns the elements {@code i} of
 * a 1-D int32 array with {@code i % n == w}, and keeps their values in a model. Each iteration
 * picks a random unaligned window, reads its own elements of it ({@code z[s:e:n]}, which shares
 * chunks with every other writer), counts those that differ from the model (an update of its own
 * that another writer's read-modify-write of a shared chunk undid: a lost update), then writes the
 * model plus one. It also sets {@code ATTRIBUTES} attributes of its own, evenly over its run. Since
 * only the owner changes an element, its stored value equals the model unless an update was lost;
 * the test then checks the array and the attributes at the end too.
 *
 * <p>The same algorithm runs in zarr-python ({@link #PYTHON}), so JVM and Python writers can share
 * one array ({@link Layout#V2_CHUNKS}).
 *
 * <p>On {@link Layout#LARGE_SHARDS} the values carry their element's index ({@link Layout#value}),
 * so that a value read from the wrong bytes shows, and each writer counts, per shard a write
 * touches, whether the shard's file kept its file key and grew: updated in place rather than
 * replaced.
 */
final class IncrementWorker {
  /** The array length of {@link Layout#V2_CHUNKS} and {@link Layout#SMALL_SHARDS}. */
  static final int LENGTH = 3000;

  /** The chunk length of {@link Layout#V2_CHUNKS} and {@link Layout#SMALL_SHARDS}. */
  static final int CHUNK = 64;

  /** The longest window of {@link Layout#V2_CHUNKS} and {@link Layout#SMALL_SHARDS}. */
  static final int MAX_WINDOW = 240;

  /** The shared array's layout and how its values are stored; the writers' algorithm is one. */
  enum Layout {
    /** Zarr v2, chunks of {@link #CHUNK}: zarr-python writers can share it. */
    V2_CHUNKS(LENGTH, CHUNK, 0, MAX_WINDOW, false),
    /**
     * Zarr v3, shards of four chunks of {@link #CHUNK} (files of about 1 KiB, which are read whole
     * and written anew: never updated in place).
     */
    SMALL_SHARDS(LENGTH, CHUNK, 4, MAX_WINDOW, false),
    /**
     * Zarr v3, uncompressed, shards of eight chunks of 975 elements (files of 31,332 bytes, index
     * of 132 bytes with crc32c at the end), every chunk stored from the start: a write of one inner
     * chunk appends 3,900 bytes and a page-aligned index, so a shard takes seven such updates in
     * place before it has grown to twice its live bytes and is rewritten. Values are tagged.
     */
    LARGE_SHARDS(4 * 7_800, 975, 8, 1_200, true);

    final int length;
    final int chunk;
    final int chunksPerShard;
    final int maxWindow;
    final boolean tagged;

    Layout(int length, int chunk, int chunksPerShard, int maxWindow, boolean tagged) {
      this.length = length;
      this.chunk = chunk;
      this.chunksPerShard = chunksPerShard;
      this.maxWindow = maxWindow;
      this.tagged = tagged;
    }

    /**
     * The value stored for element {@code i} after {@code count} increments: the count itself, or,
     * tagged, the count in the high 16 bits and the low 16 bits of {@code i} in the low ones.
     */
    int value(int i, int count) {
      return tagged ? count << 16 | (i & 0xFFFF) : count;
    }

    /**
     * The count a stored value of element {@code i} holds, or -1 when the value cannot be one of
     * element {@code i} (tagged with another index).
     */
    int count(int i, int value) {
      if (!tagged) {
        return value;
      }
      return (value & 0xFFFF) == (i & 0xFFFF) ? value >>> 16 : -1;
    }

    /** A stored value as what it says: the count, and tagged, whose element it is. */
    String describe(int value) {
      return tagged
          ? "count " + (value >>> 16) + " of an element tagged " + (value & 0xFFFF)
          : Integer.toString(value);
    }

    /** The elements of one shard. */
    int shardLength() {
      return chunk * chunksPerShard;
    }
  }

  /** How many attributes each writer sets over its run (evenly spread). */
  static final int ATTRIBUTES = 20;

  private IncrementWorker() {}

  /**
   * What a writer ends with: its model of its elements (counts), the lost updates it saw, the
   * attributes it set, the values it read that it could not have left ({@code impossible}: another
   * element's, or a count past its model), and, on a sharded layout run with its directory, the
   * shards its writes touched and how many of those kept their file and grew.
   */
  record Result(
      int worker,
      int[] model,
      long lost,
      int attributes,
      long impossible,
      long shardWrites,
      long inPlace) {}

  /**
   * Creates the shared array of {@code layout} in {@code dir}, every element at count 0: Zarr v2
   * with chunks, or Zarr v3 with shards of several chunks (so that writers share shards, the
   * objects stored and locked). A tagged layout's values are written at once, so every inner chunk
   * is stored from the start.
   */
  static void create(Path dir, Layout layout) {
    try (DirectoryStore store = new DirectoryStore(dir)) {
      ArrayOptions.Builder o =
          ArrayOptions.builder()
              .store(store)
              .shape(layout.length)
              .chunks(layout.chunk)
              .dtype("<i4");
      if (layout.chunksPerShard > 0) {
        o.format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3"))
            .shards((long) layout.chunksPerShard * layout.chunk);
      }
      if (layout.tagged) {
        o.compressor(null);
      }
      ZarrArray z = Zarr.zeros(o.build());
      if (layout.tagged) {
        int[] initial = new int[layout.length];
        for (int i = 0; i < initial.length; i++) {
          initial[i] = layout.value(i, 0);
        }
        z.set(BasicSelection.of(Slice.all()), NdArray.of(initial, initial.length));
      }
    }
  }

  /** Runs writer {@code worker} of {@code workers} for {@code iterations} iterations. */
  static Result run(ZarrArray z, int worker, int workers, int iterations, long seed) {
    return run(z, null, Layout.V2_CHUNKS, worker, workers, iterations, seed);
  }

  /**
   * Runs writer {@code worker} of {@code workers} for {@code iterations} iterations on an array of
   * {@code layout}; with {@code dir} (the array's directory) and a sharded layout, it also watches
   * the shard files each write touches.
   */
  static Result run(
      ZarrArray z, Path dir, Layout layout, int worker, int workers, int iterations, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] model = new int[layout.length];
    long lost = 0;
    long impossible = 0;
    int attributes = 0;
    int attributeEvery = Math.max(1, iterations / ATTRIBUTES);
    boolean watch = dir != null && layout.chunksPerShard > 0;
    long shardWrites = 0;
    long inPlace = 0;
    for (int it = 1; it <= iterations; it++) {
      int a = random.nextInt(layout.length - layout.maxWindow);
      int e = a + 1 + random.nextInt(layout.maxWindow);
      int s = a + Math.floorMod(worker - a, workers);
      if (s >= e) {
        continue;
      }
      BasicSelection sel = BasicSelection.of(Slice.of(s, e, workers));
      int[] stored = ints(z.get(sel));
      int[] next = new int[stored.length];
      for (int k = 0; k < stored.length; k++) {
        int i = s + k * workers;
        int count = layout.count(i, stored[k]);
        if (count < 0 || count > model[i]) {
          impossible++;
        }
        if (count != model[i]) {
          lost++;
        }
        model[i]++;
        next[k] = layout.value(i, model[i]);
      }
      int firstShard = watch ? s / layout.shardLength() : 0;
      int lastShard = watch ? (s + (next.length - 1) * workers) / layout.shardLength() : -1;
      ShardFile[] before = new ShardFile[lastShard - firstShard + 1];
      try {
        for (int j = firstShard; j <= lastShard; j++) {
          before[j - firstShard] = ShardFile.open(dir, j);
        }
        z.set(sel, NdArray.of(next, next.length));
        for (int j = firstShard; j <= lastShard; j++) {
          shardWrites++;
          if (before[j - firstShard].updatedInPlace(dir, j)) {
            inPlace++;
          }
        }
      } finally {
        for (ShardFile f : before) {
          if (f != null) {
            f.close();
          }
        }
      }
      if (it % attributeEvery == 0) {
        z.attrs().put("w" + worker + "_" + it, it);
        attributes++;
      }
    }
    return new Result(worker, model, lost, attributes, impossible, shardWrites, inPlace);
  }

  /**
   * What a writer sees of a shard's file before a write: its file key (its inode) and its size, a
   * null key for a shard not stored (yet); it keeps the file open until {@link #close}, so that the
   * file system cannot give the inode to a file written meanwhile (a replaced shard would otherwise
   * pass for the same file when the next file takes its freed inode, as it often does).
   */
  private record ShardFile(FileChannel held, Object fileKey, long size) implements AutoCloseable {
    /**
     * The file of shard {@code j} of a 1-D Zarr v3 array in {@code dir} (key {@code c/j}), held
     * open. Its attributes are read before and after the open, and the open is tried again when
     * they differ: another writer replaced the file in between, and the attributes read might not
     * be those of the file held (the key of a file not held can pass to the writer's own new file,
     * which would then count as updated in place).
     */
    static ShardFile open(Path dir, int j) {
      Path file = dir.resolve("c").resolve(Integer.toString(j));
      while (true) {
        FileChannel held = null;
        try {
          BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
          held = FileChannel.open(file, StandardOpenOption.READ);
          BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
          Object key = Objects.requireNonNull(after.fileKey(), "file key");
          if (key.equals(before.fileKey()) && after.size() == before.size()) {
            return new ShardFile(held, key, after.size());
          }
          closeQuietly(held); // replaced meanwhile: again
        } catch (NoSuchFileException e) {
          closeQuietly(held);
          return new ShardFile(null, null, -1);
        } catch (IOException e) {
          closeQuietly(held);
          throw new UncheckedIOException(e);
        }
      }
    }

    /** Whether shard {@code j}'s file is now this one, grown: updated in place, not replaced. */
    boolean updatedInPlace(Path dir, int j) {
      if (fileKey == null) {
        return false;
      }
      try {
        BasicFileAttributes a =
            Files.readAttributes(
                dir.resolve("c").resolve(Integer.toString(j)), BasicFileAttributes.class);
        return fileKey.equals(a.fileKey()) && a.size() > size;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      closeQuietly(held);
    }

    private static void closeQuietly(FileChannel c) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          // only read from
        }
      }
    }
  }

  /**
   * A writer process: {@code main(arrayDir, syncDir|none, worker, workers, iterations, seed,
   * resultFile[, layout])} (the layout a {@link Layout} name, {@code V2_CHUNKS} when absent); the
   * result file holds the lost count, the attribute count and the model, one line each (the model
   * comma-separated), then the impossible values, the shard writes and those in place on one line.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Synchronizer sync = "none".equals(args[1]) ? null : new ProcessSynchronizer(Path.of(args[1]));
    int worker = Integer.parseInt(args[2]);
    int workers = Integer.parseInt(args[3]);
    int iterations = Integer.parseInt(args[4]);
    long seed = Long.parseLong(args[5]);
    Layout layout = args.length > 7 ? Layout.valueOf(args[7]) : Layout.V2_CHUNKS;
    Result r;
    try (DirectoryStore store = new DirectoryStore(dir)) {
      ArrayOptions.Builder o = ArrayOptions.builder().cacheAttrs(false);
      if (sync != null) {
        o.synchronizer(sync);
      }
      ZarrArray z = Zarr.openArray(store, OpenMode.READ_WRITE, o.build());
      r = run(z, dir, layout, worker, workers, iterations, seed);
    }
    Files.writeString(
        Path.of(args[6]),
        r.lost()
            + "\n"
            + r.attributes()
            + "\n"
            + Arrays.stream(r.model()).mapToObj(Integer::toString).collect(Collectors.joining(","))
            + "\n"
            + r.impossible()
            + " "
            + r.shardWrites()
            + " "
            + r.inPlace()
            + "\n");
  }

  /** The same writer in zarr-python: argv as {@link #main}. */
  static final String PYTHON =
      """
      import sys, random
      import numpy as np
      import zarr
      LENGTH, MAX_WINDOW, ATTRIBUTES = %d, %d, %d
      path, syncdir, worker, workers, iterations, seed, out = sys.argv[1:8]
      worker, workers, iterations = int(worker), int(workers), int(iterations)
      sync = None if syncdir == "none" else zarr.ProcessSynchronizer(syncdir)
      z = zarr.open_array(zarr.DirectoryStore(path), mode="r+", synchronizer=sync,
                          cache_attrs=False)
      rnd = random.Random(int(seed))
      attribute_every = max(1, iterations // ATTRIBUTES)
      model = np.zeros(LENGTH, dtype="<i4")
      lost = attributes = 0
      for it in range(1, iterations + 1):
          a = rnd.randrange(LENGTH - MAX_WINDOW)
          e = a + 1 + rnd.randrange(MAX_WINDOW)
          s = a + (worker - a) %% workers
          if s >= e:
              continue
          stored = z[s:e:workers]
          lost += int(np.count_nonzero(stored != model[s:e:workers]))
          model[s:e:workers] += 1
          z[s:e:workers] = model[s:e:workers]
          if it %% attribute_every == 0:
              z.attrs["w%%d_%%d" %% (worker, it)] = it
              attributes += 1
      with open(out, "w") as f:
          f.write("%%d\\n%%d\\n%%s\\n" %% (lost, attributes, ",".join(str(int(v)) for v in model)))
      """
          .formatted(LENGTH, MAX_WINDOW, ATTRIBUTES);

  /** The values of an int32 array as Java ints. */
  static int[] ints(NdArray a) {
    return java.util.Arrays.stream(a.toLongArray()).mapToInt(v -> (int) v).toArray();
  }

  /**
   * Reads a result file written by {@link #main} or {@link #PYTHON} (which writes no fourth line:
   * zeros).
   */
  static Result readResult(int worker, Path file) throws Exception {
    String[] lines = Files.readString(file).split("\n");
    int[] model = Arrays.stream(lines[2].split(",")).mapToInt(Integer::parseInt).toArray();
    long[] watched =
        lines.length > 3
            ? Arrays.stream(lines[3].split(" ")).mapToLong(Long::parseLong).toArray()
            : new long[3];
    return new Result(
        worker,
        model,
        Long.parseLong(lines[0]),
        Integer.parseInt(lines[1]),
        watched[0],
        watched[1],
        watched[2]);
  }

  /**
   * The updates lost as the array shows them at the end: elements whose stored value is not their
   * owner's model (each counted as the number of increments missing).
   */
  static long lostInFinalState(int[] stored, Result... results) {
    return lostInFinalState(Layout.V2_CHUNKS, stored, results);
  }

  /** {@link #lostInFinalState(int[], Result...)} on an array of {@code layout}. */
  static long lostInFinalState(Layout layout, int[] stored, Result... results) {
    long lost = 0;
    int workers = results.length;
    for (Result r : results) {
      for (int i = r.worker(); i < layout.length; i += workers) {
        lost += Math.abs((long) r.model()[i] - layout.count(i, stored[i]));
      }
    }
    return lost;
  }

  /**
   * The elements of an array of {@code layout} holding a value no writer could have left, as {@code
   * "[i]=value"} (at most {@code limit} of them): a value that is not element {@code i}'s (another
   * element's tag), or a count below zero or past its owner's final model. Lost updates leave a
   * count between 0 and the model, which is possible.
   */
  static List<String> impossibleValues(Layout layout, int[] stored, int limit, Result... results) {
    List<String> found = new ArrayList<>();
    int workers = results.length;
    for (Result r : results) {
      for (int i = r.worker(); i < layout.length && found.size() < limit; i += workers) {
        int count = layout.count(i, stored[i]);
        if (count < 0 || count > r.model()[i]) {
          found.add("[" + i + "]=" + layout.describe(stored[i]));
        }
      }
    }
    return found;
  }
}
