package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rechunk tiles are whole destination chunks (or whole dimensions), within half the budget unless
 * one chunk alone is larger, and as large as that allows along the last dimensions.
 */
class RechunkTilesTest {
  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void tilesAreWholeChunksWithinTheBudget(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int nd = 1 + rnd.nextInt(4);
    long[] shape = new long[nd];
    int[] chunks = new int[nd];
    for (int d = 0; d < nd; d++) {
      shape[d] = 1 + rnd.nextInt(3000);
      chunks[d] = 1 + rnd.nextInt((int) Math.min(shape[d], 400));
    }
    int itemSize = 1 << rnd.nextInt(4);
    long budget = 1L << rnd.nextInt(10, 26);
    int[] tile = RechunkCommand.tileShape(shape, chunks, itemSize, budget);
    long elements = 1;
    long chunkElements = 1;
    for (int d = 0; d < nd; d++) {
      assertThat(tile[d] % chunks[d] == 0 || tile[d] >= shape[d]).as("dim %d", d).isTrue();
      assertThat(tile[d]).isGreaterThanOrEqualTo(chunks[d]);
      elements *= Math.min(tile[d], shape[d]);
      chunkElements *= chunks[d];
    }
    if (elements > chunkElements) {
      assertThat(elements * itemSize).isLessThanOrEqualTo(budget / 2 + itemSize);
    }
    // an outer dimension grows only when every inner one is spanned
    for (int d = 0; d < nd - 1; d++) {
      if (tile[d] > chunks[d]) {
        for (int e = d + 1; e < nd; e++) {
          assertThat(tile[e]).as("dim %d spans", e).isGreaterThanOrEqualTo((int) shape[e]);
        }
      }
    }
  }
}
