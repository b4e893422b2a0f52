package dev.zarr4j.sync;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * one array.
 */
final class IncrementWorker {
  static final int LENGTH = 3000;
  static final int CHUNK = 64;
  static final int MAX_WINDOW = 240;

  /** How many attributes each writer sets over its run (evenly spread). */
  static final int ATTRIBUTES = 20;

  private IncrementWorker() {}

  /** What a writer ends with: its model of its elements, and the lost updates it saw. */
  record Result(int worker, int[] model, long lost, int attributes) {}

  /** Creates the shared array (fill value 0) in {@code dir}: Zarr v2, chunks of {@code CHUNK}. */
  static void create(Path dir) {
    create(dir, false);
  }

  /**
   * Creates the shared array in {@code dir}: Zarr v2 with chunks of {@code CHUNK}, or Zarr v3 with
   * shards of four such chunks (so that writers share shards, the objects stored and locked).
   */
  static void create(Path dir, boolean sharded) {
    try (DirectoryStore store = new DirectoryStore(dir)) {
      ArrayOptions.Builder o =
          ArrayOptions.builder().store(store).shape(LENGTH).chunks(CHUNK).dtype("<i4");
      if (sharded) {
        o.format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3")).shards(4L * CHUNK);
      }
      Zarr.zeros(o.build());
    }
  }

  /** Runs writer {@code worker} of {@code workers} for {@code iterations} iterations. */
  static Result run(ZarrArray z, int worker, int workers, int iterations, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] model = new int[LENGTH];
    long lost = 0;
    int attributes = 0;
    int attributeEvery = Math.max(1, iterations / ATTRIBUTES);
    for (int it = 1; it <= iterations; it++) {
      int a = random.nextInt(LENGTH - MAX_WINDOW);
      int e = a + 1 + random.nextInt(MAX_WINDOW);
      int s = a + Math.floorMod(worker - a, workers);
      if (s >= e) {
        continue;
      }
      BasicSelection sel = BasicSelection.of(Slice.of(s, e, workers));
      int[] stored = ints(z.get(sel));
      int[] next = new int[stored.length];
      for (int k = 0; k < stored.length; k++) {
        int i = s + k * workers;
        if (stored[k] != model[i]) {
          lost++;
        }
        model[i]++;
        next[k] = model[i];
      }
      z.set(sel, NdArray.of(next, next.length));
      if (it % attributeEvery == 0) {
        z.attrs().put("w" + worker + "_" + it, it);
        attributes++;
      }
    }
    return new Result(worker, model, lost, attributes);
  }

  /**
   * A writer process: {@code main(arrayDir, syncDir|none, worker, workers, iterations, seed,
   * resultFile)}; the result file holds the lost count, the attribute count and the model, one line
   * each (the model comma-separated).
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Synchronizer sync = "none".equals(args[1]) ? null : new ProcessSynchronizer(Path.of(args[1]));
    int worker = Integer.parseInt(args[2]);
    int workers = Integer.parseInt(args[3]);
    int iterations = Integer.parseInt(args[4]);
    long seed = Long.parseLong(args[5]);
    Result r;
    try (DirectoryStore store = new DirectoryStore(dir)) {
      ArrayOptions.Builder o = ArrayOptions.builder().cacheAttrs(false);
      if (sync != null) {
        o.synchronizer(sync);
      }
      ZarrArray z = Zarr.openArray(store, OpenMode.READ_WRITE, o.build());
      r = run(z, worker, workers, iterations, seed);
    }
    Files.writeString(
        Path.of(args[6]),
        r.lost()
            + "\n"
            + r.attributes()
            + "\n"
            + Arrays.stream(r.model()).mapToObj(Integer::toString).collect(Collectors.joining(","))
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

  /** Reads a result file written by {@link #main} or {@link #PYTHON}. */
  static Result readResult(int worker, Path file) throws Exception {
    String[] lines = Files.readString(file).split("\n");
    int[] model = Arrays.stream(lines[2].split(",")).mapToInt(Integer::parseInt).toArray();
    return new Result(worker, model, Long.parseLong(lines[0]), Integer.parseInt(lines[1]));
  }

  /**
   * The updates lost as the array shows them at the end: elements whose stored value is not their
   * owner's model (each counted as the number of increments missing).
   */
  static long lostInFinalState(int[] stored, Result... results) {
    long lost = 0;
    int workers = results.length;
    for (Result r : results) {
      for (int i = r.worker(); i < LENGTH; i += workers) {
        lost += Math.abs((long) r.model()[i] - stored[i]);
      }
    }
    return lost;
  }
}
