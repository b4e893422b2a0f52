package dev.zarr4j.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.exceptions.SelectionOutOfBoundsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BasicIndexerTest {

  static List<Long> seeds() {
    List<Long> s = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      s.add(i);
    }
    return s;
  }

  /**
   * Every selected element is produced exactly once, by the chunk that holds it, at the output
   * position a naive enumeration of the selection gives it.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void projectionsCoverTheSelectionExactlyOnce(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int ndim = rnd.nextInt(0, 4);
    long[] shape = new long[ndim];
    int[] chunks = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 13);
      chunks[d] = rnd.nextInt(1, 6);
    }
    Selection sel = randomSelection(rnd, shape);
    List<List<Long>> perDim = naive(sel, shape);
    BasicIndexer ix = new BasicIndexer(sel, shape, chunks);

    // naive: expected (array index -> output index) pairs
    Set<String> expected = new HashSet<>();
    enumerate(perDim, 0, new long[ndim], new long[ndim], expected, (BasicSelection) sel, shape);

    Set<String> actual = new HashSet<>();
    for (ChunkProjection p : ix) {
      long[] idx = new long[ndim];
      collect(p, chunks, 0, idx, new long[ndim], actual);
    }
    assertThat(actual).isEqualTo(expected);
    long size = 1;
    for (long s : ix.selectionShape()) {
      size *= s;
    }
    assertThat(size).isEqualTo(expected.size());
  }

  private static void collect(
      ChunkProjection p, int[] chunks, int d, long[] arr, long[] out, Set<String> acc) {
    int n = p.chunkCoords().length;
    if (d == n) {
      String key = java.util.Arrays.toString(arr) + "->" + java.util.Arrays.toString(out);
      assertThat(acc.add(key)).as("duplicate %s", key).isTrue();
      return;
    }
    for (long i = 0; i < p.count()[d]; i++) {
      long inChunk = p.chunkStart()[d] + i * p.chunkStep()[d];
      assertThat(inChunk).isLessThan(chunks[d]);
      arr[d] = p.chunkCoords()[d] * chunks[d] + inChunk;
      out[d] = p.outStart()[d] + i;
      collect(p, chunks, d + 1, arr, out, acc);
    }
  }

  private static void enumerate(
      List<List<Long>> perDim,
      int d,
      long[] arr,
      long[] out,
      Set<String> acc,
      BasicSelection sel,
      long[] shape) {
    if (d == perDim.size()) {
      acc.add(java.util.Arrays.toString(arr) + "->" + java.util.Arrays.toString(out));
      return;
    }
    List<Long> positions = perDim.get(d);
    boolean isIndex = sel.expand(shape.length).get(d) instanceof DimSelector.Index;
    for (int i = 0; i < positions.size(); i++) {
      arr[d] = positions.get(i);
      out[d] = isIndex ? 0 : i;
      enumerate(perDim, d + 1, arr, out, acc, sel, shape);
    }
  }

  /** Positions per dimension by Python's slice semantics, computed the slow obvious way. */
  private static List<List<Long>> naive(Selection sel, long[] shape) {
    List<DimSelector> items = ((BasicSelection) sel).expand(shape.length);
    List<List<Long>> out = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      List<Long> pos = new ArrayList<>();
      DimSelector item = items.get(d);
      if (item instanceof DimSelector.Index i) {
        pos.add(i.index() < 0 ? i.index() + shape[d] : i.index());
      } else {
        Slice s = (Slice) item;
        long start = s.start() == null ? 0 : s.start();
        long stop = s.stop() == null ? shape[d] : s.stop();
        if (start < 0) {
          start = Math.max(0, start + shape[d]);
        }
        if (stop < 0) {
          stop = Math.max(0, stop + shape[d]);
        }
        start = Math.min(start, shape[d]);
        stop = Math.min(stop, shape[d]);
        for (long p = start; p < stop; p += s.step()) {
          pos.add(p);
        }
      }
      out.add(pos);
    }
    return out;
  }

  static Selection randomSelection(SplittableRandom rnd, long[] shape) {
    List<Object> items = new ArrayList<>();
    int ndim = shape.length;
    int explicit = ndim == 0 ? 0 : rnd.nextInt(0, ndim + 1);
    boolean ellipsis = rnd.nextBoolean();
    int ellipsisAt = rnd.nextInt(0, explicit + 1);
    for (int d = 0; d < explicit; d++) {
      if (ellipsis && d == ellipsisAt) {
        items.add(DimSelector.Ellipsis.INSTANCE);
      }
      int dim = d < ellipsisAt || !ellipsis ? d : d + (ndim - explicit);
      long len = shape[dim];
      if (len > 0 && rnd.nextInt(4) == 0) {
        long i = rnd.nextLong(0, len);
        items.add(rnd.nextBoolean() ? i : i - len);
      } else {
        Long start = rnd.nextBoolean() ? null : rnd.nextLong(-len - 2, len + 3);
        Long stop = rnd.nextBoolean() ? null : rnd.nextLong(-len - 2, len + 3);
        items.add(new Slice(start, stop, rnd.nextInt(1, 5)));
      }
    }
    if (ellipsis && ellipsisAt == explicit) {
      items.add(DimSelector.Ellipsis.INSTANCE);
    }
    return BasicSelection.of(items.toArray());
  }

  @Test
  void integerOutOfBoundsNamesTheDimension() {
    assertThatThrownBy(
            () -> new BasicIndexer(Selection.parse("0, 7"), new long[] {5, 7}, new int[] {2, 2}))
        .isInstanceOf(SelectionOutOfBoundsException.class)
        .hasMessageContaining("dimension 1")
        .hasMessageContaining("length 7")
        .satisfies(e -> assertThat(((SelectionOutOfBoundsException) e).dimension()).isEqualTo(1));
    assertThatThrownBy(() -> new BasicIndexer(Selection.parse("-6"), new long[] {5}, new int[] {2}))
        .isInstanceOf(SelectionOutOfBoundsException.class)
        .hasMessageContaining("index -6");
  }

  @Test
  void tooManyIndicesAndBadStepsAreRejected() {
    assertThatThrownBy(
            () -> new BasicIndexer(Selection.parse("0, 0, 0"), new long[] {5, 7}, new int[] {2, 2}))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("too many indices");
    assertThatThrownBy(() -> Selection.parse("::0")).isInstanceOf(InvalidSelectionException.class);
    assertThatThrownBy(() -> Selection.parse("::-1")).isInstanceOf(InvalidSelectionException.class);
    assertThatThrownBy(() -> Selection.parse("..., ..."))
        .isInstanceOf(InvalidSelectionException.class);
    assertThatThrownBy(() -> Selection.parse("1:x"))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("'x'");
  }

  @Test
  void largeStepsSkipChunksWithoutSelectedItems() {
    BasicIndexer ix = new BasicIndexer(Selection.parse("::100"), new long[] {1000}, new int[] {10});
    assertThat(ix.chunkCount()).isEqualTo(10);
    BasicIndexer all = new BasicIndexer(Selection.parse(":"), new long[] {1000}, new int[] {10});
    assertThat(all.chunkCount()).isEqualTo(100);
  }

  @Test
  void parsesNumpyTextForm() {
    assertThat(Selection.parse("1, ::2, ...").toString()).isEqualTo("1, ::2, ...");
    assertThat(Selection.parse("(0:10, -3)").toString()).isEqualTo("0:10, -3");
    assertThat(Selection.parse("5,").toString()).isEqualTo("5");
    assertThat(Selection.parse(":")).isEqualTo(BasicSelection.of(Slice.all()));
  }

  @org.junit.jupiter.api.RepeatedTest(200)
  void tilesHoldEveryChunkOnceAndStayWithinTheirSpan(org.junit.jupiter.api.RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(0x711E5L + info.getCurrentRepetition());
    int nd = 1 + rnd.nextInt(3);
    long[] shape = new long[nd];
    int[] chunks = new int[nd];
    long[] span = new long[nd];
    Object[] items = new Object[nd];
    for (int d = 0; d < nd; d++) {
      shape[d] = 1 + rnd.nextInt(40);
      chunks[d] = 1 + rnd.nextInt(9);
      span[d] = 1 + rnd.nextInt(15);
      long a = rnd.nextInt((int) shape[d]);
      long b = a + 1 + rnd.nextInt((int) (shape[d] - a));
      items[d] = rnd.nextInt(5) == 0 ? (Object) a : Slice.of(a, b, 1 + rnd.nextInt(3));
    }
    BasicIndexer indexer = new BasicIndexer(BasicSelection.of(items), shape, chunks);
    List<String> all = new ArrayList<>();
    indexer.forEach(p -> all.add(java.util.Arrays.toString(p.chunkCoords())));
    List<String> tiled = new ArrayList<>();
    indexer
        .tiles(span)
        .forEachRemaining(
            tile -> {
              assertThat(tile).isNotEmpty();
              for (int d = 0; d < nd; d++) {
                final int dim = d;
                // every chunk of a tile starts in the same multiple of the span
                assertThat(tile.stream().map(p -> p.outStart()[dim] / span[dim]).distinct())
                    .hasSize(1);
              }
              tile.forEach(p -> tiled.add(java.util.Arrays.toString(p.chunkCoords())));
            });
    assertThat(tiled).containsExactlyInAnyOrderElementsOf(all);
  }
}
