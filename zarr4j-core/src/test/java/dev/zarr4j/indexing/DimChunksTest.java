package dev.zarr4j.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The per-dimension chunk boundaries the indexers ask: listed lengths answer which chunk holds an
 * index, where it starts, how many chunks meet an extent, as a walk along the lengths does; and the
 * basic indexer cuts stepped slices along them.
 */
class DimChunksTest {

  @RepeatedTest(200)
  void listedLengthsAgreeWithAWalkAlongThem(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    int n = rnd.nextInt(1, 12);
    int[] lengths = new int[n];
    for (int k = 0; k < n; k++) {
      lengths[k] = rnd.nextInt(1, 7);
    }
    ExplicitDimChunks dim = new ExplicitDimChunks(lengths);
    long start = 0;
    for (int k = 0; k < n; k++) {
      assertThat(dim.chunkStart(k)).isEqualTo(start);
      assertThat(dim.chunkLength(k)).isEqualTo(lengths[k]);
      for (long i = start; i < start + lengths[k]; i++) {
        assertThat(dim.chunkOf(i)).as("index %d", i).isEqualTo(k);
      }
      start += lengths[k];
    }
    assertThat(dim.coveredLength()).isEqualTo(start);
    for (long extent = 0; extent <= start; extent++) {
      long meet = 0;
      long at = 0;
      while (at < extent) {
        at += lengths[(int) meet++];
      }
      assertThat(dim.chunkCount(extent)).as("extent %d", extent).isEqualTo(meet);
    }
    assertThat(dim.regularLength()).isZero();
    assertThat(dim.grownTo(start)).isSameAs(dim);
    ExplicitDimChunks grown = dim.grownTo(start + 3);
    assertThat(grown.size()).isEqualTo(n + 1);
    assertThat(grown.chunkLength(n)).isEqualTo(3);
  }

  @Test
  void regularLengthsAnswerByArithmetic() {
    RegularDimChunks dim = new RegularDimChunks(4);
    assertThat(dim.chunkOf(9)).isEqualTo(2);
    assertThat(dim.chunkStart(2)).isEqualTo(8);
    assertThat(dim.chunkCount(9)).isEqualTo(3);
    assertThat(dim.chunkCount(0)).isZero();
    assertThat(dim.grownTo(1000)).isSameAs(dim);
    assertThat(ChunkLayout.regular(new int[] {4, 2}).regularShape()).containsExactly(4, 2);
  }

  @Test
  void badLengthsAreRefused() {
    assertThatThrownBy(() -> new ExplicitDimChunks(new int[0]))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> new ExplicitDimChunks(new int[] {2, 0}))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("position 1");
    assertThatThrownBy(() -> new RegularDimChunks(0)).isInstanceOf(InvalidArrayException.class);
  }

  @Test
  void aSteppedSliceIsCutAlongListedLengths() {
    // chunks [0, 1) [1, 4) [4, 9) [9, 11); positions 0, 4, 8 of ::4
    ChunkLayout layout = ChunkLayout.of(List.of(new ExplicitDimChunks(new int[] {1, 3, 5, 2})));
    BasicIndexer ix =
        new BasicIndexer(BasicSelection.of(new Slice(null, null, 4L)), new long[] {11}, layout);
    List<String> parts = new ArrayList<>();
    for (ChunkProjection p : ix) {
      parts.add(
          p.chunkCoords()[0]
              + ":"
              + p.box().start()[0]
              + "+"
              + p.box().count()[0]
              + "@"
              + p.outStart()[0]
              + (p.complete() ? " complete" : ""));
    }
    assertThat(parts).containsExactly("0:0+1@0", "2:0+2@1"); // stepped: never complete
    // a whole chunk selected by step 1 is complete; the one cut by the array's end too
    BasicIndexer whole =
        new BasicIndexer(BasicSelection.of(Slice.of(4, 10)), new long[] {10}, layout);
    List<Boolean> complete = new ArrayList<>();
    for (ChunkProjection p : whole) {
      complete.add(p.complete());
    }
    assertThat(complete).containsExactly(true, true);
  }
}
