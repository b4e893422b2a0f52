package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Slice;
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
 * Values that broadcast to a selection (NumPy's assignment rules: scalars, missing leading
 * dimensions, lengths of 1, extra leading dimensions of length 1) through every setter and view,
 * against a model; values that do not broadcast are refused with {@link InvalidSelectionException}
 * naming both shapes, and the store is left exactly as it was.
 */
class SetBroadcastPropertyTest {

  private static final String[] DTYPES = {"<i4", ">f8", "|u1", "str"};

  @Test
  void rowsAndColumnsBroadcastOverAnOrthogonalSelection() {
    ZarrArray z = Zarr.zeros(ArrayOptions.builder().shape(3, 5).chunks(2, 2).dtype("<i8").build());
    OrthogonalSelection sel = OrthogonalSelection.of(new long[] {0, 2}, new long[] {1, 3, 4});
    // numpy: a[np.ix_([0, 2], [1, 3, 4])] = [[1, 2, 3]] (shape (1, 3) into (2, 3))
    z.setOrthogonalSelection(sel, NdArray.of(new long[] {1, 2, 3}, 1, 3));
    assertThat(z.get().toLongArray()).containsExactly(0, 1, 0, 2, 3, 0, 0, 0, 0, 0, 0, 1, 0, 2, 3);
    // shape (2, 1): one value per row
    z.oindex().set(NdArray.of(new long[] {8, 9}, 2, 1), new long[] {0, 2}, new long[] {1, 3, 4});
    assertThat(z.get().toLongArray()).containsExactly(0, 8, 0, 8, 8, 0, 0, 0, 0, 0, 0, 9, 0, 9, 9);
    // shape (5,) over whole rows by block, and a scalar over a coordinate grid
    z.setBlockSelection(BlockSelection.of(1, Slice.all()), NdArray.of(new long[] {5, 6, 7, 8, 9}));
    z.setCoordinateSelection(
        CoordinateSelection.of(NdArray.of(new long[] {0}, 1, 1), NdArray.of(new long[] {0, 2})),
        -1L);
    assertThat(z.get().toLongArray())
        .containsExactly(-1, 8, -1, 8, 8, 0, 0, 0, 0, 0, 5, 6, 7, 8, 9);
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void broadcastValuesAgreeWithModelAndBadOnesWriteNothing(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 4099 + 7);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 7);
      chunks[d] = rnd.nextInt(1, 4);
    }
    String dtypeName = DTYPES[rnd.nextInt(DTYPES.length)];
    boolean objects = dtypeName.equals("str");
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .shape(shape)
                .chunks(chunks)
                .dtype(dtypeName)
                .fillValue(objects ? "" : 0)
                .compressor(rnd.nextBoolean() ? null : Zarr.defaultCompressor())
                .order(rnd.nextBoolean() ? "C" : "F")
                .build());
    DataType valueType = objects ? DataType.OBJECT : z.dtype();
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    Object[] model = new Object[size];
    Arrays.fill(model, objects ? "" : NdArray.scalar(valueType, 0).get());

    for (int op = 0; op < 8; op++) {
      SelectionModel.Kind kind = SelectionModel.randomKind(rnd);
      SelectionModel.Drawn sel = SelectionModel.draw(kind, rnd, shape, chunks);
      if (rnd.nextInt(4) == 0) {
        int[] bad = SelectionModel.notBroadcastableTo(rnd, sel.shape());
        assertThat(SelectionModel.broadcastShapeOrNull(bad, sel.shape())).isNotEqualTo(sel.shape());
        NdArray value = randomArray(rnd, valueType, bad);
        Map<String, String> before = StoreSnapshot.of(store);
        assertThatThrownBy(
                () -> AdvancedSelectionPropertyTest.write(z, sel.selection(), value, rnd))
            .as(
                "seed %d value %s into %s",
                seed, Arrays.toString(bad), Arrays.toString(sel.shape()))
            .isInstanceOf(InvalidSelectionException.class)
            .hasMessageContaining("value of shape " + Arrays.toString(bad))
            .hasMessageContaining(Arrays.toString(sel.shape()));
        assertThat(StoreSnapshot.of(store)).as("seed %d", seed).isEqualTo(before);
        continue;
      }
      if (rnd.nextInt(3) == 0) {
        Object scalar = randomValue(rnd, valueType);
        AdvancedSelectionPropertyTest.write(z, sel.selection(), scalar, rnd);
        Object canonical = NdArray.scalar(valueType, scalar).get();
        for (long[] p : sel.positions()) {
          model[SelectionModel.flat(p, shape)] = canonical;
        }
      } else {
        int[] vShape = SelectionModel.broadcastableTo(rnd, sel.shape());
        NdArray value = randomArray(rnd, valueType, vShape);
        AdvancedSelectionPropertyTest.write(z, sel.selection(), value, rnd);
        for (int i = 0; i < sel.count(); i++) {
          int[] at = SelectionModel.unravel(i, sel.shape());
          // extra leading dimensions of length 1 index at 0
          int[] vAt = new int[vShape.length];
          int lead = vShape.length - at.length;
          for (int k = 0; k < vShape.length; k++) {
            vAt[k] = k < lead || vShape[k] == 1 ? 0 : at[k - lead];
          }
          model[SelectionModel.flat(sel.positions().get(i), shape)] = value.get(vAt);
        }
      }
    }
    NdArray all = z.get();
    NdArray expected = NdArray.zeros(all.dtype(), all.shape());
    for (int i = 0; i < size; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(all).as("seed %d", seed).isEqualTo(expected);
  }

  private static NdArray randomArray(SplittableRandom rnd, DataType type, int[] shape) {
    NdArray a = NdArray.zeros(type, shape);
    for (int i = 0; i < a.size(); i++) {
      a.setFlat(i, randomValue(rnd, type));
    }
    return a;
  }

  private static Object randomValue(SplittableRandom rnd, DataType type) {
    switch (type.kind()) {
      case OBJECT:
        return "v" + rnd.nextInt(1000) + (rnd.nextBoolean() ? "é" : "");
      case FLOAT:
        return rnd.nextInt(-1000, 1000) / 4.0;
      case UINT:
        return (long) rnd.nextInt(256);
      default:
        return (long) rnd.nextInt();
    }
  }
}
