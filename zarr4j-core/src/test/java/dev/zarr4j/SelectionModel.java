package dev.zarr4j;

import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A naive model of every selection kind for the property tests: random selections drawn together
 * with the array positions they take (in result order) and the result's shape, enumerated element
 * by element without the library's indexers; and NumPy's broadcasting, spelled out.
 */
final class SelectionModel {
  private SelectionModel() {}

  /** The selection kinds, as zarr-python names them. */
  enum Kind {
    BASIC,
    ORTHOGONAL,
    COORDINATE,
    MASK,
    BLOCK
  }

  /** A drawn selection, the positions it takes in result order, and the result's shape. */
  record Drawn(Selection selection, List<long[]> positions, int[] shape) {
    int count() {
      return positions.size();
    }
  }

  static Kind randomKind(SplittableRandom rnd) {
    return Kind.values()[rnd.nextInt(Kind.values().length)];
  }

  /** A random selection of {@code kind} on an array of {@code shape} and {@code chunks}. */
  static Drawn draw(Kind kind, SplittableRandom rnd, long[] shape, long[] chunks) {
    switch (kind) {
      case BASIC:
        {
          Object[] items = new Object[shape.length];
          for (int d = 0; d < shape.length; d++) {
            long len = shape[d];
            items[d] =
                rnd.nextInt(3) == 0
                    ? (Object) rnd.nextLong(-len, len)
                    : new Slice(
                        rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 1),
                        rnd.nextBoolean() ? null : rnd.nextLong(-len, len + 2),
                        rnd.nextInt(1, 3));
          }
          AdvancedSelectionPropertyTest.Expected e =
              AdvancedSelectionPropertyTest.orthogonal(OrthogonalSelection.of(items), shape);
          return new Drawn(BasicSelection.of(items), e.positions(), e.shape());
        }
      case ORTHOGONAL:
        {
          OrthogonalSelection o = AdvancedSelectionPropertyTest.randomOrthogonal(rnd, shape);
          AdvancedSelectionPropertyTest.Expected e =
              AdvancedSelectionPropertyTest.orthogonal(o, shape);
          return new Drawn(o, e.positions(), e.shape());
        }
      case COORDINATE:
        {
          int[][] shapes = randomBroadcastableShapes(rnd, shape.length, 3, 4);
          NdArray[] idx = new NdArray[shape.length];
          for (int d = 0; d < shape.length; d++) {
            idx[d] = randomIndices(rnd, shapes[d], shape[d]);
          }
          return coordinates(idx, shape);
        }
      case MASK:
        {
          int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
          NdArray mask = NdArray.zeros(DataType.BOOL, AdvancedSelectionPropertyTest.toInts(shape));
          List<long[]> pos = new ArrayList<>();
          int density = rnd.nextInt(1, 5);
          for (int i = 0; i < size; i++) {
            if (rnd.nextInt(density + 1) == 0) {
              mask.setFlat(i, true);
              pos.add(AdvancedSelectionPropertyTest.unravel(i, shape));
            }
          }
          return new Drawn(new MaskSelection(mask), pos, new int[] {pos.size()});
        }
      default:
        {
          Object[] items = new Object[shape.length];
          Object[] asSlices = new Object[shape.length];
          for (int d = 0; d < shape.length; d++) {
            long blocks = (shape[d] + chunks[d] - 1) / chunks[d];
            if (rnd.nextBoolean()) {
              long b = rnd.nextLong(0, blocks);
              items[d] = b;
              asSlices[d] = Slice.of(b * chunks[d], Math.min((b + 1) * chunks[d], shape[d]));
            } else {
              long a = rnd.nextLong(0, blocks + 1);
              long b = rnd.nextLong(a, blocks + 2);
              items[d] = Slice.of(a, b);
              asSlices[d] =
                  Slice.of(Math.min(a * chunks[d], shape[d]), Math.min(b * chunks[d], shape[d]));
            }
          }
          AdvancedSelectionPropertyTest.Expected e =
              AdvancedSelectionPropertyTest.orthogonal(OrthogonalSelection.of(asSlices), shape);
          return new Drawn(BlockSelection.of(items), e.positions(), e.shape());
        }
    }
  }

  /** Random integer index arrays of {@code shape}, in range for a dimension of {@code length}. */
  static NdArray randomIndices(SplittableRandom rnd, int[] shape, long length) {
    NdArray a = NdArray.zeros(rnd.nextBoolean() ? DataType.INT64 : DataType.INT32, shape);
    for (int i = 0; i < a.size(); i++) {
      long p = rnd.nextLong(0, length);
      a.setFlat(i, rnd.nextBoolean() ? p : p - length); // negative ones count from the end
    }
    return a;
  }

  /**
   * {@code n} shapes that broadcast together: a target shape of up to {@code maxRank} dimensions of
   * up to {@code maxLen} elements, each shape taking some trailing dimensions of it, each either
   * the target's length or 1.
   */
  static int[][] randomBroadcastableShapes(SplittableRandom rnd, int n, int maxRank, int maxLen) {
    int rank = rnd.nextInt(0, maxRank + 1);
    int[] target = new int[rank];
    for (int k = 0; k < rank; k++) {
      target[k] = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(1, maxLen + 1);
    }
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      int r = rnd.nextInt(0, rank + 1);
      out[i] = new int[r];
      for (int k = 0; k < r; k++) {
        out[i][k] = rnd.nextInt(3) == 0 ? 1 : target[rank - r + k];
      }
    }
    return out;
  }

  /** A coordinate selection and, from the model, the positions it takes. */
  static Drawn coordinates(NdArray[] idx, long[] shape) {
    int[][] shapes = new int[idx.length][];
    for (int d = 0; d < idx.length; d++) {
      shapes[d] = idx[d].shape();
    }
    int[] out = broadcastShape(shapes);
    int count = Arrays.stream(out).reduce(1, (a, b) -> a * b);
    List<long[]> pos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] at = unravel(i, out);
      long[] p = new long[shape.length];
      for (int d = 0; d < shape.length; d++) {
        long v = idx[d].getLong(broadcastIndex(at, shapes[d]));
        p[d] = v < 0 ? v + shape[d] : v;
      }
      pos.add(p);
    }
    return new Drawn(CoordinateSelection.of(idx), pos, out);
  }

  /** NumPy's broadcast shape, or null when the shapes do not broadcast together. */
  static int[] broadcastShapeOrNull(int[]... shapes) {
    int rank = 0;
    for (int[] s : shapes) {
      rank = Math.max(rank, s.length);
    }
    int[] out = new int[rank];
    for (int k = 0; k < rank; k++) {
      int len = 1;
      for (int[] s : shapes) {
        int j = k - (rank - s.length);
        if (j < 0 || s[j] == 1) {
          continue;
        }
        if (len != 1 && len != s[j]) {
          return null;
        }
        len = s[j];
      }
      out[k] = len;
    }
    return out;
  }

  static int[] broadcastShape(int[]... shapes) {
    int[] out = broadcastShapeOrNull(shapes);
    if (out == null) {
      throw new AssertionError("shapes do not broadcast: " + Arrays.deepToString(shapes));
    }
    return out;
  }

  /** The index into an array of {@code shape} that broadcasts to the position {@code at}. */
  static int[] broadcastIndex(int[] at, int[] shape) {
    int[] idx = new int[shape.length];
    for (int k = 0; k < shape.length; k++) {
      idx[k] = shape[k] == 1 ? 0 : at[at.length - shape.length + k];
    }
    return idx;
  }

  /** The multi-index of C-order position {@code flat} in {@code shape}. */
  static int[] unravel(int flat, int[] shape) {
    int[] p = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      p[d] = flat % shape[d];
      flat /= shape[d];
    }
    return p;
  }

  /**
   * A random shape that broadcasts to {@code target}: possibly fewer trailing dimensions, or extra
   * leading dimensions of length 1, and lengths of 1 where the value repeats.
   */
  static int[] broadcastableTo(SplittableRandom rnd, int[] target) {
    int lead = rnd.nextInt(4) == 0 ? rnd.nextInt(1, 3) : 0;
    int kept = rnd.nextInt(0, target.length + 1);
    int[] s = new int[lead + kept];
    Arrays.fill(s, 0, lead, 1);
    for (int k = 0; k < kept; k++) {
      s[lead + k] = rnd.nextInt(3) == 0 ? 1 : target[target.length - kept + k];
    }
    return s;
  }

  /**
   * A random shape that does NOT broadcast to {@code target}, or null when every shape of the drawn
   * form would (never for a non-empty target).
   */
  static int[] notBroadcastableTo(SplittableRandom rnd, int[] target) {
    if (target.length == 0 || rnd.nextInt(4) == 0) {
      // an extra leading dimension longer than 1
      int[] s = new int[target.length + 1];
      s[0] = rnd.nextInt(2, 4);
      System.arraycopy(target, 0, s, 1, target.length);
      return s;
    }
    int[] s = target.clone();
    int k = rnd.nextInt(target.length);
    s[k] = target[k] == 0 ? rnd.nextInt(2, 4) : target[k] + rnd.nextInt(1, 3);
    if (s[k] == 1) {
      s[k] = 2;
    }
    int drop = rnd.nextInt(0, k + 1); // leading dimensions may be left out
    return Arrays.copyOfRange(s, drop, s.length);
  }

  /** The C-order flat index of {@code pos} in {@code shape}. */
  static int flat(long[] pos, long[] shape) {
    return BasicSelectionPropertyTest.flat(pos, shape);
  }
}
