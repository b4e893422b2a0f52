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
import dev.zarr4j.store.MemoryStore;
import java.util.ArrayList;
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

    /**
     * A random dimension covering {@code extent}, its lengths whole multiples of {@code unit}: past
     * the first dimension one time in four regular (1 to {@code regularUnits - 1} units), else
     * listed lengths of 1 to {@code listedUnits - 1} units until the extent is covered and at least
     * two are listed, sometimes one or two more past its end.
     */
    static ModelDim random(
        SplittableRandom rnd, int d, long extent, int unit, int regularUnits, int listedUnits) {
      ModelDim dim = new ModelDim();
      if (d > 0 && rnd.nextInt(4) == 0) {
        dim.regular = unit * rnd.nextInt(1, regularUnits);
      } else {
        long extra = rnd.nextInt(3) == 0 ? rnd.nextInt(1, 3) : 0;
        while (dim.sum() < extent || dim.listed.size() < 2 || extra-- > 0) {
          dim.listed.add((long) unit * rnd.nextInt(1, listedUnits));
        }
      }
      return dim;
    }

    /**
     * Makes the first listed length shorter than the second (longer by one unit if not), so that
     * the grid is rectilinear: lengths that could be a regular grid's would give a regular one.
     */
    void firstShorter(int unit) {
      if (listed.get(0) >= listed.get(1)) {
        listed.set(1, listed.get(0) + unit);
      }
    }

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

    /** The lengths of the chunks that meet [0, extent), the last cut at the extent. */
    int[] sizes(long extent) {
      long[] bounds = boundaries(extent);
      int[] out = new int[bounds.length - 1];
      for (int k = 0; k < out.length; k++) {
        out[k] = (int) (Math.min(bounds[k + 1], extent) - bounds[k]);
      }
      return out;
    }

    long sum() {
      return listed.stream().mapToLong(Long::longValue).sum();
    }

    long[] given() {
      return regular > 0
          ? new long[] {regular}
          : listed.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * zarr-python 3's resize of a listed dimension: growth past the sum adds one chunk, of whole
     * units.
     */
    void grow(long extent, int unit) {
      if (regular == 0 && extent > sum()) {
        long growth = extent - sum();
        listed.add((growth + unit - 1) / unit * unit);
      }
    }
  }

  /**
   * On a model grid (lengths in whole {@code units} per dimension): resizes that grow past the
   * listed lengths or shrink to a chunk boundary (a shrink inside a chunk keeps its elements past
   * the new end, as in zarr-python), the grid growing with them, and selections of every kind,
   * blocks cut by the grid's boundaries.
   */
  static ModelledArray.Moves moves(ModelDim[] grid, int[] units) {
    return new ModelledArray.Moves() {
      @Override
      public long[] resized(SplittableRandom rnd, long[] shape) {
        long[] next = shape.clone();
        int d = rnd.nextInt(shape.length);
        if (rnd.nextBoolean()) {
          next[d] = shape[d] + rnd.nextInt(0, 8);
        } else {
          long[] bounds = grid[d].boundaries(shape[d]);
          next[d] = Math.min(shape[d], bounds[rnd.nextInt(bounds.length)]);
        }
        return next;
      }

      @Override
      public void grew(long[] shape) {
        for (int d = 0; d < shape.length; d++) {
          grid[d].grow(shape[d], units[d]);
        }
      }

      @Override
      public SelectionModel.Drawn draw(SplittableRandom rnd, long[] shape) {
        return RectilinearArrayPropertyTest.draw(rnd, shape, grid);
      }
    };
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
      grid[d] = ModelDim.random(rnd, d, shape[d], 1, 5, 6);
    }
    grid[0].firstShorter(1);
    long[][] sizes = new long[ndim][];
    int[] units = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      sizes[d] = grid[d].given();
      units[d] = 1;
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
    ModelledArray m = ModelledArray.create(rnd, b, dtype);
    ZarrArray z = m.array();
    assertThat(z.spec().grid().isRegular()).isFalse();
    m.run(rnd, 16, 12, 4, moves(grid, units), seed);
    shape = m.shape();

    // the grid the array reports is the model's
    long nchunks = 1;
    for (int d = 0; d < ndim; d++) {
      int[] expectedSizes = grid[d].sizes(shape[d]);
      nchunks *= expectedSizes.length;
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
      m.fillAll();
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

    assertThat(m.checkReopened(store, path, seed).spec()).isEqualTo(z.spec());
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
