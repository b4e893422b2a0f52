package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zarr v3 arrays on random rectilinear chunk grids (chunk lengths listed per dimension, some
 * dimensions regular, lists that overshoot the array), driven through the public API by random
 * writes and reads of every selection kind (basic slices with steps up to 6, orthogonal lists and
 * masks, coordinates, masks, blocks), resizes and appends, agree with a naive model: a flat array
 * of values, and the grid kept as plain lists of lengths whose boundaries are found by walking
 * them. After each sequence: every stored key is a chunk key inside the grid, {@code nchunks},
 * {@code nchunksInitialized} and {@code chunkSizes} match the model's grid, and the array reopened
 * from the store reads the model.
 */
class RectilinearArrayPropertyTest {

  static final String[] DTYPES = {"|u1", "<i4", ">i8", "<f8", "|b1", "<U3", "<c8"};

  /** One dimension of the model grid: a regular length, or listed lengths. */
  static final class ModelDim {
    int regular; // 0 when listed
    List<Long> listed = new ArrayList<>();

    /** The starts of the chunks that meet [0, extent), then the end of the last one. */
    long[] boundaries(long extent) {
      List<Long> b = new ArrayList<>();
      long at = 0;
      b.add(at);
      int k = 0;
      while (at < extent) {
        at += regular > 0 ? regular : listed.get(k++);
        b.add(at);
      }
      return b.stream().mapToLong(Long::longValue).toArray();
    }

    long sum() {
      return listed.stream().mapToLong(Long::longValue).sum();
    }

    long[] given() {
      return regular > 0
          ? new long[] {regular}
          : listed.stream().mapToLong(Long::longValue).toArray();
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 6151 + 17);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    ModelDim[] grid = new ModelDim[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 13);
      grid[d] = new ModelDim();
      if (d > 0 && rnd.nextInt(4) == 0) {
        grid[d].regular = rnd.nextInt(1, 5);
      } else {
        // lengths until the dimension is covered, sometimes one or two more past its end
        long extra = rnd.nextInt(3) == 0 ? rnd.nextInt(1, 3) : 0;
        while (grid[d].sum() < shape[d] || grid[d].listed.size() < 2 || extra-- > 0) {
          grid[d].listed.add((long) rnd.nextInt(1, 6));
        }
      }
    }
    // dimension 0 lists a first chunk shorter than the second: the grid is rectilinear (lengths
    // that could be a regular grid's would give a regular one)
    if (grid[0].listed.get(0) >= grid[0].listed.get(1)) {
      grid[0].listed.set(1, grid[0].listed.get(0) + 1);
    }
    long[][] sizes = new long[ndim][];
    for (int d = 0; d < ndim; d++) {
      sizes[d] = grid[d].given();
    }
    DataType dtype = DataType.parse(DTYPES[rnd.nextInt(DTYPES.length)]);
    BytesToBytesCodec[] cs = {null, GZip.of(1), Blosc.DEFAULT};
    MemoryStore store = new MemoryStore();
    String path = rnd.nextBoolean() ? "" : "g/arr";
    boolean writeEmpty = rnd.nextBoolean();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(store)
            .path(path)
            .format(NodeFormats.named("zarr-v3"))
            .shape(shape)
            .chunkSizes(sizes)
            .dtype(dtype)
            .order(rnd.nextBoolean() ? "C" : "F")
            .compressor(cs[rnd.nextInt(cs.length)])
            .writeEmptyChunks(writeEmpty);
    Object fill;
    if (rnd.nextInt(3) == 0) {
      fill = BasicSelectionPropertyTest.randomValue(rnd, dtype);
      b.fillValue(fill);
    } else {
      fill = NdArray.zeros(dtype).get();
    }
    ZarrArray z = Zarr.create(b.build());
    assertThat(z.spec().grid().isRegular()).isFalse();
    DataType stored = z.dtype();
    fill = NdArray.scalar(stored, fill).get();
    Object[] model = new Object[N5ArrayPropertyTest.size(shape)];
    Arrays.fill(model, fill);

    for (int op = 0; op < 16; op++) {
      int what = rnd.nextInt(12);
      if (what == 0) {
        // grow past the listed lengths (one chunk added), or shrink to a chunk boundary (a shrink
        // inside a chunk keeps its elements past the new end, as in zarr-python)
        long[] next = shape.clone();
        int d = rnd.nextInt(ndim);
        if (rnd.nextBoolean()) {
          next[d] = shape[d] + rnd.nextInt(0, 8);
        } else {
          long[] bounds = grid[d].boundaries(shape[d]);
          next[d] = Math.min(shape[d], bounds[rnd.nextInt(bounds.length)]);
        }
        z.resize(next);
        grow(grid[d], next[d]);
        model = N5ArrayPropertyTest.resized(model, shape, next, fill);
        shape = next;
        continue;
      }
      if (what == 1 && Arrays.stream(shape).allMatch(s -> s > 0)) {
        int axis = rnd.nextInt(ndim);
        int[] dataShape = N5ArrayPropertyTest.toInts(shape);
        dataShape[axis] = rnd.nextInt(1, 5);
        NdArray data = N5ArrayPropertyTest.randomArray(rnd, stored, dataShape);
        long[] next = shape.clone();
        next[axis] += dataShape[axis];
        assertThat(z.append(data, axis)).containsExactly(next);
        grow(grid[axis], next[axis]);
        model = N5ArrayPropertyTest.resized(model, shape, next, fill);
        long[] origin = new long[ndim];
        origin[axis] = shape[axis];
        for (int i = 0; i < data.size(); i++) {
          long[] pos =
              AdvancedSelectionPropertyTest.unravel(i, N5ArrayPropertyTest.toLongs(dataShape));
          for (int k = 0; k < ndim; k++) {
            pos[k] += origin[k];
          }
          model[BasicSelectionPropertyTest.flat(pos, next)] = data.getFlat(i);
        }
        shape = next;
        continue;
      }
      if (N5ArrayPropertyTest.size(shape) == 0) {
        continue;
      }
      SelectionModel.Drawn drawn = draw(rnd, shape, grid);
      if (rnd.nextBoolean()) {
        NdArray value = N5ArrayPropertyTest.randomArray(rnd, stored, drawn.shape());
        z.set(drawn.selection(), value);
        for (int i = 0; i < drawn.count(); i++) {
          model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)] =
              value.getFlat(i);
        }
      } else {
        NdArray got = z.get(drawn.selection());
        NdArray expected = NdArray.zeros(stored, drawn.shape());
        for (int i = 0; i < drawn.count(); i++) {
          expected.setFlat(
              i, model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)]);
        }
        assertThat(got).as("seed %d %s", seed, drawn.selection()).isEqualTo(expected);
      }
    }

    // the grid the array reports is the model's
    long nchunks = 1;
    for (int d = 0; d < ndim; d++) {
      long[] bounds = grid[d].boundaries(shape[d]);
      nchunks *= bounds.length - 1;
      int[] expectedSizes = new int[bounds.length - 1];
      for (int k = 0; k < expectedSizes.length; k++) {
        expectedSizes[k] = (int) (Math.min(bounds[k + 1], shape[d]) - bounds[k]);
      }
      assertThat(z.chunkSizes()[d])
          .as("seed %d chunk sizes of dimension %d", seed, d)
          .containsExactly(expectedSizes);
    }
    assertThat(z.nchunks()).as("seed %d nchunks", seed).isEqualTo(nchunks);
    Set<String> chunkKeys = new HashSet<>();
    int cut = path.isEmpty() ? 0 : path.length() + 1;
    for (String key : store.listPrefix(path)) {
      String rel = key.substring(cut);
      if (!rel.equals("zarr.json") && !(path.isEmpty() && rel.startsWith("g/"))) {
        chunkKeys.add(rel);
      }
    }
    V3ArrayPropertyTest.checkKeys(store, z.spec(), path);
    assertThat(z.nchunksInitialized()).isEqualTo(chunkKeys.size());
    if (writeEmpty && nchunks > 0 && rnd.nextBoolean()) {
      // a whole-array write stores every chunk of the grid, at the keys c/i/j/...
      z.set(BasicSelection.of(Slice.all()), fill);
      Arrays.fill(model, fill);
      Set<String> all = new HashSet<>();
      for (String key : store.listPrefix(path)) {
        String rel = key.substring(cut);
        if (rel.startsWith("c/")) {
          all.add(rel);
        }
      }
      assertThat(all).hasSize((int) nchunks);
      assertThat(z.nchunksInitialized()).isEqualTo(nchunks);
    }

    ZarrArray reopened =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path(path).build());
    assertThat(reopened.spec()).isEqualTo(z.spec());
    NdArray expected = NdArray.zeros(stored, N5ArrayPropertyTest.toInts(shape));
    for (int i = 0; i < model.length; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(reopened.get()).as("seed %d full read", seed).isEqualTo(expected);
  }

  /** zarr-python 3's resize of a listed dimension: one chunk added for growth past the sum. */
  static void grow(ModelDim dim, long extent) {
    if (dim.regular == 0 && extent > dim.sum()) {
      dim.listed.add(extent - dim.sum());
    }
  }

  /** A random selection of any kind, blocks cut by the model grid's boundaries. */
  static SelectionModel.Drawn draw(SplittableRandom rnd, long[] shape, ModelDim[] grid) {
    switch (rnd.nextInt(5)) {
      case 0:
        {
          Object[] items = new Object[shape.length];
          for (int d = 0; d < shape.length; d++) {
            long len = shape[d];
            items[d] =
                rnd.nextInt(4) == 0
                    ? (Object) rnd.nextLong(-len, len)
                    : new Slice(
                        rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 1),
                        rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 2),
                        rnd.nextInt(1, 7));
          }
          AdvancedSelectionPropertyTest.Expected e =
              AdvancedSelectionPropertyTest.orthogonal(OrthogonalSelection.of(items), shape);
          return new SelectionModel.Drawn(BasicSelection.of(items), e.positions(), e.shape());
        }
      case 1:
        {
          OrthogonalSelection o = AdvancedSelectionPropertyTest.randomOrthogonal(rnd, shape);
          AdvancedSelectionPropertyTest.Expected e =
              AdvancedSelectionPropertyTest.orthogonal(o, shape);
          return new SelectionModel.Drawn(o, e.positions(), e.shape());
        }
      case 2:
        return SelectionModel.draw(SelectionModel.Kind.COORDINATE, rnd, shape, shape);
      case 3:
        return SelectionModel.draw(SelectionModel.Kind.MASK, rnd, shape, shape);
      default:
        {
          Object[] items = new Object[shape.length];
          Object[] asSlices = new Object[shape.length];
          for (int d = 0; d < shape.length; d++) {
            long[] bounds = grid[d].boundaries(shape[d]);
            int blocks = bounds.length - 1;
            if (rnd.nextBoolean()) {
              int k = rnd.nextInt(blocks);
              items[d] = (long) k;
              asSlices[d] = Slice.of(bounds[k], Math.min(bounds[k + 1], shape[d]));
            } else {
              int a = rnd.nextInt(blocks + 1);
              int c = rnd.nextInt(a, blocks + 2);
              items[d] = Slice.of(a, c);
              asSlices[d] =
                  Slice.of(
                      Math.min(bounds[a], shape[d]),
                      Math.min(bounds[Math.min(c, blocks)], shape[d]));
            }
          }
          AdvancedSelectionPropertyTest.Expected e =
              AdvancedSelectionPropertyTest.orthogonal(OrthogonalSelection.of(asSlices), shape);
          return new SelectionModel.Drawn(BlockSelection.of(items), e.positions(), e.shape());
        }
    }
  }
}
