package dev.zarr4j.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ChunkBlocks} on random shapes, regular and listed chunk lengths and block lengths: the
 * blocks come in C order of their grid positions, start on chunk boundaries, span the chunks they
 * say, and cover every element of the array exactly once (checked against a per-element count).
 */
class ChunkBlocksTest {

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void blocksTileTheArrayInCOrder(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
    int ndim = rnd.nextInt(0, 4);
    long[] shape = new long[ndim];
    List<DimChunks> dims = new ArrayList<>();
    int[] per = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 13);
      if (rnd.nextBoolean()) {
        dims.add(new RegularDimChunks(rnd.nextInt(1, 5)));
      } else {
        List<Integer> lengths = new ArrayList<>();
        long sum = 0;
        while (sum < shape[d] || lengths.isEmpty()) {
          int l = rnd.nextInt(1, 5);
          lengths.add(l);
          sum += l;
        }
        dims.add(new ExplicitDimChunks(lengths.stream().mapToInt(Integer::intValue).toArray()));
      }
      per[d] = rnd.nextInt(4) == 0 ? Integer.MAX_VALUE : rnd.nextInt(1, 4);
    }
    ChunkLayout layout = ChunkLayout.of(dims);
    ChunkBlocks blocks = new ChunkBlocks(shape, layout, per);
    long total = 1;
    for (long s : shape) {
      total *= s;
    }
    int[] covered = new int[(int) total];
    long[] previous = null;
    long maxSize = 0;
    for (long i = 0; i < blocks.count(); i++) {
      ChunkBlocks.GridBlock b = blocks.block(i);
      assertThat(b.index()).isEqualTo(i);
      if (previous != null) {
        assertThat(Arrays.compare(b.position(), previous)).as("C order").isPositive();
      }
      previous = b.position();
      maxSize = Math.max(maxSize, b.size());
      for (int d = 0; d < ndim; d++) {
        DimChunks dim = layout.dim(d);
        assertThat(b.origin()[d]).isEqualTo(dim.chunkStart(b.firstChunk()[d]));
        assertThat(b.firstChunk()[d]).isEqualTo(b.position()[d] * (long) per[d]);
        long lastChunk = b.firstChunk()[d] + b.chunkCounts()[d] - 1;
        assertThat(b.chunkCounts()[d]).isBetween(1, per[d]);
        assertThat(dim.chunkOf(b.origin()[d] + b.shape()[d] - 1)).isEqualTo(lastChunk);
        long end = b.origin()[d] + b.shape()[d];
        assertThat(end == shape[d] || end == dim.chunkStart(lastChunk + 1))
            .as("block ends at a chunk boundary or the array's end")
            .isTrue();
      }
      forEachPosition(b.origin(), b.shape(), shape, f -> covered[f]++);
    }
    for (int c : covered) {
      assertThat(c).isEqualTo(1);
    }
    assertThat(blocks.maxBlockSize()).isGreaterThanOrEqualTo(maxSize);
    if (ndim == 0) {
      assertThat(blocks.count()).isEqualTo(1);
    }
  }

  private static void forEachPosition(
      long[] origin, long[] extent, long[] shape, java.util.function.IntConsumer flat) {
    int n = origin.length;
    long count = 1;
    for (long e : extent) {
      count *= e;
    }
    long[] idx = new long[n];
    for (long k = 0; k < count; k++) {
      long rest = k;
      for (int d = n - 1; d >= 0; d--) {
        idx[d] = origin[d] + rest % extent[d];
        rest /= extent[d];
      }
      long f = 0;
      for (int d = 0; d < n; d++) {
        f = f * shape[d] + idx[d];
      }
      flat.accept((int) f);
    }
  }

  @Test
  void badBlockLengthsAreRefused() {
    ChunkLayout layout = ChunkLayout.regular(new int[] {2, 2});
    assertThatThrownBy(() -> new ChunkBlocks(new long[] {4, 4}, layout, new int[] {1}))
        .isInstanceOf(InvalidSelectionException.class);
    assertThatThrownBy(() -> new ChunkBlocks(new long[] {4, 4}, layout, new int[] {1, 0}))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[1, 0]");
  }
}
