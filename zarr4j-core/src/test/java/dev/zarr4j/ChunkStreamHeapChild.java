package dev.zarr4j;

import dev.zarr4j.codec.compress.Zstd;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM with a small heap by {@link ChunkStreamHeapTest}: writes a float32 array of
 * {@value #SIDE} x {@value #SIDE} (1 GiB uncompressed; each chunk one value, which zstd packs to a
 * few hundred bytes) chunk by chunk to a directory store, then reads all of it through a {@link
 * ChunkStream} with the default look-ahead and checks every value. Prints {@value #OK} with the
 * counts and exits 0 when every value matches; exits 1 on a wrong value or block. Running out of
 * heap ends it with an error.
 */
public final class ChunkStreamHeapChild {
  static final int SIDE = 16_384;
  static final int CHUNK = 1_024;
  static final String OK = "chunk stream ok";

  private ChunkStreamHeapChild() {}

  /** The value of every element of chunk {@code (i, j)}. */
  static float value(long i, long j) {
    return i * 1000 + j + 0.5f;
  }

  /**
   * @param args the directory to create the array in
   */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    long t0 = System.nanoTime();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve("big.zarr"))
                .shape(SIDE, SIDE)
                .chunks(CHUNK, CHUNK)
                .dtype("<f4")
                .compressor(Zstd.of(1, false))
                .build());
    int per = SIDE / CHUNK;
    float[] chunk = new float[CHUNK * CHUNK];
    for (int i = 0; i < per; i++) {
      for (int j = 0; j < per; j++) {
        Arrays.fill(chunk, value(i, j));
        z.setFrom(
            i * CHUNK + ":" + (i + 1) * CHUNK + ", " + j * CHUNK + ":" + (j + 1) * CHUNK, chunk);
      }
    }
    chunk = null;
    long t1 = System.nanoTime();
    long values = 0;
    long blocks = 0;
    try (ChunkStream s = Zarr.openArray(dir.resolve("big.zarr")).chunkStream()) {
      for (ChunkBlock b : s) {
        long[] first = b.firstChunk();
        if (b.index() != blocks
            || b.origin()[0] != first[0] * CHUNK
            || b.origin()[1] != first[1] * CHUNK
            || b.size() != (long) CHUNK * CHUNK) {
          System.out.println("wrong block " + b + " at step " + blocks);
          System.exit(1);
        }
        float want = value(first[0], first[1]);
        float[] v = (float[]) b.values().data();
        for (float x : v) {
          if (x != want) {
            System.out.println("wrong value " + x + " in " + b + ", expected " + want);
            System.exit(1);
          }
        }
        values += v.length;
        blocks++;
      }
    }
    long t2 = System.nanoTime();
    System.out.printf(
        "%s: %d blocks, %d values checked; max heap %d MiB; write %.1f s, read %.1f s%n",
        OK,
        blocks,
        values,
        Runtime.getRuntime().maxMemory() >> 20,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);
  }
}
