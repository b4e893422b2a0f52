package dev.zarr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ndarray.NdArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunk layout reference rows ({@link PeerBench#moveChunks}) move each chunk's elements to and
 * from their own place in the row-major array: one thread's buffer, holding a tile, scattered over
 * a grid of chunks gives the tile at every chunk's place; gathering a one-chunk array gives its
 * elements in the chunk's C order.
 */
class MoveChunksTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void scatterPutsTheBufferAtEveryChunksPlace(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int chunk = 2 + rnd.nextInt(7);
    int rows = chunk * (1 + rnd.nextInt(4));
    int cols = chunk * (1 + rnd.nextInt(4));
    float[] tile = new float[chunk * chunk];
    for (int i = 0; i < tile.length; i++) {
      tile[i] = (float) rnd.nextDouble();
    }
    ByteBuffer b = ByteBuffer.allocateDirect(4 * tile.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(tile);
    float[] array = new float[rows * cols];
    NdArray shape = NdArray.of(new float[rows * cols], rows, cols);

    // every task of the pass runs on some thread whose buffer holds the tile
    PeerBench.moveChunks(array, shape, chunk, ThreadLocal.withInitial(b::duplicate), true);

    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        assertThat(array[i * cols + j])
            .as("element (%d, %d)", i, j)
            .isEqualTo(tile[(i % chunk) * chunk + j % chunk]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gatherCopiesTheChunksElementsInCOrder(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int chunk = 2 + rnd.nextInt(7);
    float[] values = new float[chunk * chunk];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) rnd.nextDouble();
    }
    NdArray data = NdArray.of(values, chunk, chunk);
    ByteBuffer b = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);

    PeerBench.moveChunks(values, data, chunk, ThreadLocal.withInitial(() -> b), false);

    float[] got = new float[values.length];
    b.asFloatBuffer().get(got);
    assertThat(got).isEqualTo(values);
  }
}
