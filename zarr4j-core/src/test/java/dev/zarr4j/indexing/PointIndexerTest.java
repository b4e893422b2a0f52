package dev.zarr4j.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grouping points by chunk, on grids of few chunks (a counting sort) and of very many (a sort of
 * chunk ids): every point appears once, in its own chunk's group, groups come in increasing chunk
 * order and points keep their selection order within a group.
 */
class PointIndexerTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void groupsHoldEveryPointOnceInOrder(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (boolean huge : new boolean[] {false, true}) {
      int ndim = rnd.nextInt(1, 4);
      long[] shape = new long[ndim];
      int[] chunks = new int[ndim];
      for (int d = 0; d < ndim; d++) {
        shape[d] = huge ? 1L << (40 / ndim) : rnd.nextLong(1, 60);
        chunks[d] = huge ? rnd.nextInt(1, 4) : rnd.nextInt(1, 9);
      }
      int count = rnd.nextInt(0, 500);
      long[] positions = new long[count * ndim];
      for (int i = 0; i < count; i++) {
        for (int d = 0; d < ndim; d++) {
          // some repeats and shared chunks, some spread out
          positions[i * ndim + d] =
              rnd.nextInt(3) == 0 && i > 0 ? positions[(i - 1) * ndim + d] : rnd.nextLong(shape[d]);
        }
      }
      List<ChunkPoints> groups =
          PointIndexer.group(positions, count, shape, ChunkLayout.regular(chunks));
      boolean[] seen = new boolean[count];
      long[] lastCoords = null;
      for (ChunkPoints g : groups) {
        long[] c = g.chunkCoords();
        if (lastCoords != null) {
          assertThat(java.util.Arrays.compare(c, lastCoords)).as("chunk order").isPositive();
        }
        lastCoords = c;
        long prev = -1;
        for (int j = 0; j < g.size(); j++) {
          int i = (int) g.outOffsets()[j];
          assertThat(i).as("selection order within a chunk").isGreaterThan((int) prev);
          prev = i;
          assertThat(seen[i]).isFalse();
          seen[i] = true;
          for (int d = 0; d < ndim; d++) {
            assertThat(c[d] * chunks[d] + g.positions()[j * ndim + d])
                .isEqualTo(positions[i * ndim + d]);
            assertThat(g.positions()[j * ndim + d]).isBetween(0, chunks[d] - 1);
          }
        }
      }
      for (boolean s : seen) {
        assertThat(s).isTrue();
      }
    }
  }
}
