package dev.zarr4j.bench;

import dev.zarr4j.store.DirectoryStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The per-key cost of a {@link DirectoryStore}, without JMH: writes 4096 values of 256 bytes, laid
 * out as a Zarr v3 array's chunks ({@code arr/c/<i>/<j>}, 64 directories of 64 files), into a fresh
 * store, reads each back whole, then writes each again (its directory now exists); one warm-up
 * round, then five measured rounds, each on a new directory. Prints each round's write, read and
 * overwrite time and their medians in milliseconds. Run with {@code java -cp <zarr4j-core
 * classes>:<this module's classes> dev.zarr4j.bench.DirectoryStoreSmallFiles [directory]} (default:
 * a new temporary directory, removed at the end); comparing two builds means running each in turn
 * on the same machine, which this class does not do itself.
 */
public final class DirectoryStoreSmallFiles {
  private static final int FILES = 4096;
  private static final int PER_DIRECTORY = 64;
  private static final int VALUE_BYTES = 256;
  private static final int ROUNDS = 5;

  private DirectoryStoreSmallFiles() {}

  /**
   * Runs the measurement.
   *
   * @param args optionally the directory to work in
   * @throws IOException if the working directory cannot be created or removed
   */
  public static void main(String[] args) throws IOException {
    Path base =
        args.length > 0
            ? Files.createDirectories(Path.of(args[0]))
            : Files.createTempDirectory("zarr4j-small-files");
    String[] keys = new String[FILES];
    for (int i = 0; i < FILES; i++) {
      keys[i] = "arr/c/" + (i / PER_DIRECTORY) + "/" + (i % PER_DIRECTORY);
    }
    byte[] value = new byte[VALUE_BYTES];
    new SplittableRandom(7).nextBytes(value);
    double[] writes = new double[ROUNDS];
    double[] reads = new double[ROUNDS];
    double[] overwrites = new double[ROUNDS];
    try {
      for (int round = -1; round < ROUNDS; round++) {
        Path root = base.resolve("round" + (round + 1));
        long sum = 0;
        try (DirectoryStore store = new DirectoryStore(root)) {
          long t0 = System.nanoTime();
          for (String key : keys) {
            store.set(key, ByteBuffer.wrap(value));
          }
          long t1 = System.nanoTime();
          for (String key : keys) {
            sum += store.get(key).orElseThrow().remaining();
          }
          long t2 = System.nanoTime();
          for (String key : keys) {
            store.set(key, ByteBuffer.wrap(value));
          }
          long t3 = System.nanoTime();
          if (sum != (long) FILES * VALUE_BYTES) {
            throw new IllegalStateException("read " + sum + " bytes");
          }
          if (round >= 0) {
            writes[round] = (t1 - t0) / 1e6;
            reads[round] = (t2 - t1) / 1e6;
            overwrites[round] = (t3 - t2) / 1e6;
            System.out.printf(
                "round %d: write %.1f ms, read %.1f ms, overwrite %.1f ms%n",
                round + 1, writes[round], reads[round], overwrites[round]);
          }
        }
        deleteTree(root);
      }
    } finally {
      if (args.length == 0) {
        deleteTree(base);
      }
    }
    System.out.printf(
        "%d files of %d bytes: write median %.1f ms, read median %.1f ms, overwrite median %.1f ms%n",
        FILES, VALUE_BYTES, median(writes), median(reads), median(overwrites));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
