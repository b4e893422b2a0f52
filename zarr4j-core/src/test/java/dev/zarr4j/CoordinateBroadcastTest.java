package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.testutil.StoreSnapshot;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coordinate selections whose index arrays have different shapes broadcast together as NumPy's
 * advanced indexing does: the result has the broadcast shape, for reads and writes alike; shapes
 * that do not broadcast are refused, naming them, before anything is written.
 */
class CoordinateBroadcastTest {

  /** {@code zarr.array(np.arange(15).reshape(3, 5), chunks=(2, 2))}. */
  private static ZarrArray fifteen(MemoryStore store) {
    return Zarr.array(
        NdArray.arange(DataType.INT64, 15, 3, 5),
        ArrayOptions.builder().store(store).chunks(2, 2).build());
  }

  private static NdArray idx(long[] values, int... shape) {
    return NdArray.of(values, shape);
  }

  @Test
  void columnOfRowsAndRowOfColumnsGiveTheirOuterGrid() {
    ZarrArray z = fifteen(new MemoryStore());
    NdArray rows = idx(new long[] {0, 2}, 2, 1);
    NdArray cols = idx(new long[] {1, 3, 4}, 3);
    // numpy: np.arange(15).reshape(3, 5)[[[0], [2]], [1, 3, 4]]
    NdArray expected = NdArray.of(new long[] {1, 3, 4, 11, 13, 14}, 2, 3);
    assertThat(z.getCoordinateSelection(CoordinateSelection.of(rows, cols))).isEqualTo(expected);
    assertThat(z.vindex().get(rows, cols)).isEqualTo(expected);
    // negative positions count from the end, in either operand
    NdArray negRows = idx(new long[] {-3, -1}, 2, 1);
    NdArray negCols = idx(new long[] {-4, 3, -1}, 3);
    assertThat(z.vindex().get(negRows, negCols)).isEqualTo(expected);
  }

  @Test
  void scalarBroadcastsAgainstTwoDimensionalIndices() {
    ZarrArray z = fifteen(new MemoryStore());
    NdArray one = NdArray.scalar(DataType.INT64, 1L);
    NdArray cols = idx(new long[] {0, 1, 3, 4}, 2, 2);
    // numpy: a[1, [[0, 1], [3, 4]]]
    assertThat(z.vindex().get(one, cols)).isEqualTo(NdArray.of(new long[] {5, 6, 8, 9}, 2, 2));
    // and the other way round: a[[[0, 2], [1, 0]], 4]
    NdArray rows = idx(new long[] {0, 2, 1, 0}, 2, 2);
    assertThat(
            z.getCoordinateSelection(
                CoordinateSelection.of(rows, NdArray.scalar(DataType.INT32, 4))))
        .isEqualTo(NdArray.of(new long[] {4, 14, 9, 4}, 2, 2));
    // both scalars: a 0-dimensional result
    NdArray point =
        z.vindex().get(NdArray.scalar(DataType.INT64, 2L), NdArray.scalar(DataType.INT64, -2L));
    assertThat(point.shape()).isEmpty();
    assertThat(point.getLong()).isEqualTo(13);
  }

  @Test
  void writesTakeTheBroadcastShape() {
    ZarrArray z = fifteen(new MemoryStore());
    NdArray rows = idx(new long[] {0, 2}, 2, 1);
    NdArray cols = idx(new long[] {1, 3, 4}, 3);
    z.setCoordinateSelection(
        CoordinateSelection.of(rows, cols), NdArray.of(new long[] {-1, -2, -3, -4, -5, -6}, 2, 3));
    assertThat(z.get().toLongArray())
        .containsExactly(0, -1, 2, -2, -3, 5, 6, 7, 8, 9, 10, -4, 12, -5, -6);
    // a value of shape (3,) broadcasts over the (2, 3) selection, as numpy's a[r, c] = v does
    z.vindex().set(NdArray.of(new long[] {70, 71, 72}), rows, cols);
    assertThat(z.get().toLongArray())
        .containsExactly(0, 70, 2, 71, 72, 5, 6, 7, 8, 9, 10, 70, 12, 71, 72);
    // scalar index with 2-D indices, scalar value
    z.vindex().set(99L, NdArray.scalar(DataType.INT64, 1L), idx(new long[] {0, 4, 2, 0}, 2, 2));
    assertThat(z.get("1").toLongArray()).containsExactly(99, 6, 99, 8, 99);
  }

  @Test
  void shapesThatDoNotBroadcastAreNamedAndNothingIsWritten() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = fifteen(store);
    Map<String, String> before = StoreSnapshot.of(store);
    NdArray two = idx(new long[] {0, 1}, 2);
    NdArray three = idx(new long[] {0, 1, 2}, 3);
    NdArray twoByTwo = idx(new long[] {0, 1, 1, 0}, 2, 2);
    assertThatThrownBy(() -> z.vindex().get(two, three))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[2], [3]")
        .hasMessageContaining("cannot be broadcast together");
    assertThatThrownBy(() -> z.getCoordinateSelection(CoordinateSelection.of(twoByTwo, three)))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[2, 2], [3]");
    assertThatThrownBy(() -> z.setCoordinateSelection(CoordinateSelection.of(three, twoByTwo), 5))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[3], [2, 2]");
    assertThatThrownBy(() -> z.vindex().set(NdArray.of(new long[] {1, 2, 3}), two, three))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[2], [3]");
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);

    // the same for an object array
    MemoryStore objects = new MemoryStore();
    ZarrArray s =
        Zarr.create(
            ArrayOptions.builder()
                .store(objects)
                .shape(3, 5)
                .chunks(2, 2)
                .dtype("str")
                .fillValue("")
                .build());
    s.set("x");
    Map<String, String> sBefore = StoreSnapshot.of(objects);
    assertThatThrownBy(() -> s.vindex().set("y", twoByTwo, three))
        .isInstanceOf(InvalidSelectionException.class)
        .hasMessageContaining("[2, 2], [3]");
    assertThat(StoreSnapshot.of(objects)).isEqualTo(sBefore);
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  /**
   * Random index shapes: broadcastable ones read and write the elements the naive broadcast model
   * lists; non-broadcastable ones throw naming every shape and leave the store as it was.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void randomIndexShapesAgreeWithNumpyBroadcasting(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 977 + 3);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 7);
      chunks[d] = rnd.nextInt(1, 4);
    }
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(shape)
                .chunks(chunks)
                .dtype("<i4")
                .fillValue(-1)
                .build());
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    long[] model = new long[size];
    Arrays.fill(model, -1);
    for (int op = 0; op < 6; op++) {
      int[][] shapes = SelectionModel.randomBroadcastableShapes(rnd, ndim, 3, 3);
      boolean broken = ndim > 1 && rnd.nextInt(4) == 0;
      if (broken) {
        // stretch one operand's dimension so it clashes with another's
        int a = rnd.nextInt(ndim);
        int b = (a + rnd.nextInt(1, ndim)) % ndim;
        int len = rnd.nextInt(2, 4);
        shapes[a] = new int[] {len};
        shapes[b] = new int[] {len + 1};
      }
      NdArray[] idx = new NdArray[ndim];
      for (int d = 0; d < ndim; d++) {
        idx[d] = SelectionModel.randomIndices(rnd, shapes[d], shape[d]);
      }
      if (broken) {
        Map<String, String> before = StoreSnapshot.of(store);
        String named = String.join(", ", Arrays.stream(shapes).map(Arrays::toString).toList());
        assertThatThrownBy(() -> z.vindex().set(7, idx))
            .isInstanceOf(InvalidSelectionException.class)
            .hasMessageContaining(named);
        assertThatThrownBy(() -> z.getCoordinateSelection(CoordinateSelection.of(idx)))
            .isInstanceOf(InvalidSelectionException.class)
            .hasMessageContaining(named);
        assertThat(StoreSnapshot.of(store)).isEqualTo(before);
        continue;
      }
      SelectionModel.Drawn c = SelectionModel.coordinates(idx, shape);
      if (rnd.nextBoolean()) {
        NdArray value = NdArray.zeros(DataType.INT32, c.shape());
        for (int i = 0; i < value.size(); i++) {
          value.setFlat(i, (long) rnd.nextInt(1000));
        }
        if (rnd.nextBoolean()) {
          z.setCoordinateSelection((CoordinateSelection) c.selection(), value);
        } else {
          z.vindex().set(value, idx);
        }
        for (int i = 0; i < c.count(); i++) {
          model[SelectionModel.flat(c.positions().get(i), shape)] =
              value.getLong(SelectionModel.unravel(i, c.shape()));
        }
      } else {
        NdArray got =
            rnd.nextBoolean()
                ? z.vindex().get(idx)
                : z.getCoordinateSelection((CoordinateSelection) c.selection());
        NdArray expected = NdArray.zeros(DataType.parse("<i4"), c.shape());
        for (int i = 0; i < c.count(); i++) {
          expected.setFlat(i, model[SelectionModel.flat(c.positions().get(i), shape)]);
        }
        assertThat(got)
            .as("seed %d shapes %s", seed, Arrays.deepToString(shapes))
            .isEqualTo(expected);
      }
    }
    assertThat(z.get().toLongArray()).as("seed %d", seed).containsExactly(model);
  }
}
