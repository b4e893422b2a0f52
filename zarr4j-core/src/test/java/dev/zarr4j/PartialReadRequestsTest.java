package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.LoggingStore.Kind;
import dev.zarr4j.store.MemoryStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 64 x 64 window of a Blosc chunk reads, through the chain's partial decoders, only the parts of
 * the stored frame its blocks need, with no more requests than the engine made before the codec
 * chain existed. The counts were measured on commit b27e314 (its {@code openReader} path) with the
 * same data and the same counting of range requests, and lowered where the read of a block's tail
 * (the "random windows, second pass" change) saves a request.
 */
class PartialReadRequestsTest {

  /** A 512 x 512 float32 array of one chunk in {@code store} (Blosc, the default compressor). */
  private static ArrayOptions.Builder chunkOf512(LoggingStore store) {
    return ArrayOptions.builder().shape(512, 512).chunks(512, 512).dtype("<f4").store(store);
  }

  /** Writes smooth values with a little seeded noise into {@code z} and returns them. */
  private static float[] fill(ZarrArray z, long seed) {
    float[] d = new float[512 * 512];
    Random r = new Random(seed);
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) Math.sin(i * 0.001) + r.nextFloat() * 0.01f;
    }
    z.set(NdArray.of(d, 512, 512));
    return d;
  }

  /** Reads the 64 x 64 window at (i0, j0) and checks every value against {@code d}. */
  private static void checkWindow(ZarrArray z, float[] d, int i0, int j0) {
    NdArray got = z.get(i0 + ":" + (i0 + 64) + ", " + j0 + ":" + (j0 + 64));
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 64; j++) {
        assertThat(got.getDouble(i, j)).isEqualTo(d[(i0 + i) * 512 + j0 + j]);
      }
    }
  }

  @Test
  void aWindowOfABloscChunkReadsOnlyItsBlocksWithNoMoreRequestsThanBefore() {
    LoggingStore store = new LoggingStore(new MemoryStore());
    ZarrArray z = Zarr.zeros(chunkOf512(store).build());
    float[] d = fill(z, 42);
    long stored = store.inner().get("0.0").orElseThrow().remaining();
    assertThat(stored).as("the frame the counts were measured on").isEqualTo(775_734);
    // window origin -> requests and bytes read for it: the b27e314 engine's counts, less one
    // request where a block's compressed tail now comes with the read of the stream size before it
    // (b27e314: 7 / 207,540, 7 / 199,360, 6 / 202,931 and 10 / 332,032)
    int[][] expected = {
      {100, 200, 6, 206_499}, {0, 0, 6, 198_319}, {448, 448, 6, 202_931}, {250, 10, 9, 332_032}
    };
    for (int[] w : expected) {
      store.reset();
      checkWindow(z, d, w[0], w[1]);
      String at = "window at " + w[0] + ", " + w[1];
      assertThat(store.count(Kind.OPEN)).as(at).isEqualTo(1);
      assertThat(store.count(Kind.READ)).as(at + ": requests").isEqualTo(w[2]);
      assertThat(store.bytes(Kind.READ)).as(at + ": bytes").isEqualTo(w[3]);
      assertThat(store.bytes(Kind.READ))
          .as(at + ": only the blocks it needs")
          .isLessThan(stored / 2);
    }
    // a whole read takes the whole frame in one request
    store.reset();
    assertThat(z.get().toDoubleArray()).hasSize(512 * 512);
    assertThat(store.reads()).isEqualTo(1);
    assertThat(store.count(Kind.GET_INTO)).isEqualTo(1);
    assertThat(store.bytes(Kind.GET_INTO)).isEqualTo(stored);
  }

  /**
   * A window of a Zstd chunk decodes only a prefix of the frame, but the frame is read whole in one
   * request (a getInto, as a whole read): an opened value would cost a network store a HEAD more
   * and read no fewer bytes.
   */
  @Test
  void aWindowOfAZstdChunkReadsTheValueWholeInOneRequest() {
    LoggingStore store = new LoggingStore(new MemoryStore());
    ZarrArray z =
        Zarr.zeros(chunkOf512(store).compressor(dev.zarr4j.codec.compress.Zstd.of(3)).build());
    float[] d = fill(z, 43);
    long stored = store.inner().get("0.0").orElseThrow().remaining();
    for (int[] w : new int[][] {{0, 0}, {100, 200}, {448, 448}}) {
      store.reset();
      checkWindow(z, d, w[0], w[1]);
      String at = "window at " + w[0] + ", " + w[1];
      assertThat(store.count(Kind.OPEN)).as(at).isZero();
      assertThat(store.reads()).as(at + ": requests").isEqualTo(1);
      assertThat(store.bytes(Kind.GET_INTO)).as(at + ": bytes").isEqualTo(stored);
    }
  }
}
