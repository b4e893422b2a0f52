package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.Store;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An array driven by random operations through the public API next to a naive model of it: a flat
 * array of Java values in C order that starts at the fill value and keeps the overlap on a resize.
 * The array property tests share the operations (resizes, appends, writes and checked reads of a
 * drawn selection, a write of the fill value everywhere) and the final check of the reopened array;
 * each test states only what its grid changes: which shapes a resize goes to, how a selection is
 * drawn, and how its model grid follows the shape.
 */
final class ModelledArray {

  /** What a test's grid decides in the random operations. */
  interface Moves {
    /** The shape a resize goes to (one the model stays exact for on this grid). */
    long[] resized(SplittableRandom rnd, long[] shape);

    /** A selection to write or read, with the positions it selects. */
    SelectionModel.Drawn draw(SplittableRandom rnd, long[] shape);

    /** Told the shape after each resize and append (a model grid grows with the array). */
    default void grew(long[] shape) {}
  }

  private final ZarrArray array;
  private final Object fill;
  private long[] shape;
  private Object[] values;

  private ModelledArray(ZarrArray array, Object fill) {
    this.array = array;
    this.fill = fill;
    this.shape = array.shape();
    this.values = new Object[N5ArrayPropertyTest.size(shape)];
    Arrays.fill(values, fill);
  }

  /**
   * Creates the array {@code options} describe, one time in three with a random fill value of
   * {@code dtype} (else the default, zero), and its model.
   */
  static ModelledArray create(SplittableRandom rnd, ArrayOptions.Builder options, DataType dtype) {
    Object fill = randomFill(rnd, options, dtype);
    ZarrArray z = Zarr.create(options.build());
    return new ModelledArray(z, NdArray.scalar(z.dtype(), fill).get());
  }

  /**
   * The fill value of an array about to be created: one time in three a random value of {@code
   * dtype}, set in {@code options}, else zero (the default, left unset).
   */
  static Object randomFill(SplittableRandom rnd, ArrayOptions.Builder options, DataType dtype) {
    if (rnd.nextInt(3) == 0) {
      Object fill = BasicSelectionPropertyTest.randomValue(rnd, dtype);
      options.fillValue(fill);
      return fill;
    }
    return NdArray.zeros(dtype).get();
  }

  /**
   * The moves on a regular grid of {@code chunks}: resizes of one dimension to 0 to 9 (with {@code
   * wholeChunkShrinks}, a shrink goes down to a whole number of chunks: one that leaves part of an
   * edge chunk keeps its elements past the new end, as in zarr-python, which a later grow shows
   * again), selections of any kind.
   */
  static Moves onRegularGrid(long[] chunks, boolean wholeChunkShrinks) {
    return new Moves() {
      @Override
      public long[] resized(SplittableRandom rnd, long[] shape) {
        long[] next = shape.clone();
        int d = rnd.nextInt(shape.length);
        next[d] = rnd.nextInt(0, 10);
        if (wholeChunkShrinks && next[d] < shape[d]) {
          next[d] -= next[d] % chunks[d];
        }
        return next;
      }

      @Override
      public SelectionModel.Drawn draw(SplittableRandom rnd, long[] shape) {
        return SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, chunks);
      }
    };
  }

  /** The model of {@code array}, which holds only {@code fill} (a value of the array's type). */
  static ModelledArray over(ZarrArray array, Object fill) {
    return new ModelledArray(array, fill);
  }

  /** The array. */
  ZarrArray array() {
    return array;
  }

  /** The model's shape (the array's, as long as they agree). */
  long[] shape() {
    return shape.clone();
  }

  /** The model's values, flat in C order (a copy). */
  Object[] values() {
    return values.clone();
  }

  /** Whether the array holds no element. */
  boolean isEmpty() {
    return values.length == 0;
  }

  /**
   * {@code ops} random operations: one in {@code kinds} a resize, one an append of 1 to {@code
   * maxAppend} along a random axis (when no dimension is empty), the others a write or a checked
   * read of a selection {@code moves} draws.
   */
  void run(SplittableRandom rnd, int ops, int kinds, int maxAppend, Moves moves, long seed) {
    for (int op = 0; op < ops; op++) {
      int what = rnd.nextInt(kinds);
      if (what == 0) {
        resize(moves.resized(rnd, shape.clone()));
        moves.grew(shape());
        continue;
      }
      if (what == 1 && Arrays.stream(shape).allMatch(s -> s > 0)) {
        append(rnd, maxAppend);
        moves.grew(shape());
        continue;
      }
      if (isEmpty()) {
        continue;
      }
      writeOrRead(rnd, moves.draw(rnd, shape.clone()), seed);
    }
  }

  private void resize(long[] next) {
    array.resize(next);
    values = N5ArrayPropertyTest.resized(values, shape, next, fill);
    shape = next;
  }

  private void append(SplittableRandom rnd, int maxAppend) {
    int ndim = shape.length;
    int axis = rnd.nextInt(ndim);
    int[] dataShape = N5ArrayPropertyTest.toInts(shape);
    dataShape[axis] = rnd.nextInt(1, maxAppend + 1);
    NdArray data = N5ArrayPropertyTest.randomArray(rnd, array.dtype(), dataShape);
    long[] next = shape.clone();
    next[axis] += dataShape[axis];
    assertThat(array.append(data, axis)).containsExactly(next);
    values = N5ArrayPropertyTest.resized(values, shape, next, fill);
    long[] origin = new long[ndim];
    origin[axis] = shape[axis];
    for (int i = 0; i < data.size(); i++) {
      long[] pos = AdvancedSelectionPropertyTest.unravel(i, N5ArrayPropertyTest.toLongs(dataShape));
      for (int k = 0; k < ndim; k++) {
        pos[k] += origin[k];
      }
      values[BasicSelectionPropertyTest.flat(pos, next)] = data.getFlat(i);
    }
    shape = next;
  }

  /** Writes random values to the drawn selection, or reads it and checks it against the model. */
  private void writeOrRead(SplittableRandom rnd, SelectionModel.Drawn drawn, long seed) {
    if (rnd.nextBoolean()) {
      NdArray value = N5ArrayPropertyTest.randomArray(rnd, array.dtype(), drawn.shape());
      array.set(drawn.selection(), value);
      for (int i = 0; i < drawn.count(); i++) {
        values[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)] = value.getFlat(i);
      }
    } else {
      NdArray got = array.get(drawn.selection());
      NdArray expected = NdArray.zeros(array.dtype(), drawn.shape());
      for (int i = 0; i < drawn.count(); i++) {
        expected.setFlat(
            i, values[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)]);
      }
      assertThat(got).as("seed %d %s", seed, drawn.selection()).isEqualTo(expected);
    }
  }

  /** Writes the fill value to the whole array. */
  void fillAll() {
    array.set(BasicSelection.of(Slice.all()), fill);
    Arrays.fill(values, fill);
  }

  /**
   * Opens the array at {@code path} of {@code store} again (its format found there), checks that it
   * reads the model whole, and returns it.
   */
  ZarrArray checkReopened(Store store, String path, long seed) {
    ZarrArray reopened =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path(path).build());
    NdArray expected = NdArray.zeros(array.dtype(), N5ArrayPropertyTest.toInts(shape));
    for (int i = 0; i < values.length; i++) {
      expected.setFlat(i, values[i]);
    }
    assertThat(reopened.get()).as("seed %d full read", seed).isEqualTo(expected);
    return reopened;
  }
}
