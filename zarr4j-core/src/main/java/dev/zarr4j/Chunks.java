package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.metadata.RectilinearChunkGrid;
import java.util.Arrays;

/**
 * How an array is divided into chunks when it is created, as zarr-python's {@code chunks} argument:
 * guessed from the shape and item size ({@link #auto()}, {@code chunks=True}), one chunk for the
 * whole array ({@link #whole()}, {@code chunks=False}), or explicit lengths where -1 means the
 * whole dimension and missing trailing entries take the whole dimension; or, for Zarr v3, chunk
 * lengths listed per dimension ({@link #sizes}, zarr-python 3's nested {@code chunks}: a
 * rectilinear grid).
 */
public sealed interface Chunks {

  /** Guess a chunk shape with zarr-python's heuristic. */
  static Chunks auto() {
    return Auto.INSTANCE;
  }

  /** One chunk covering the whole array. */
  static Chunks whole() {
    return Whole.INSTANCE;
  }

  /**
   * Explicit chunk lengths: one per dimension (fewer means the rest are whole), -1 for a whole
   * dimension; a single value applies to every dimension.
   */
  static Chunks of(long... lengths) {
    return new Explicit(lengths.clone());
  }

  /**
   * Chunk lengths listed per dimension, zarr-python 3's {@code chunks=[[10, 20, 30], [50, 50]]}:
   * along each dimension the chunks from position 0 in order, summing to at least the dimension's
   * length. A dimension given one length is cut regularly (that length repeated). When every
   * dimension is regular (one length, or equal lengths but for a shorter last one that reaches the
   * end) the array gets Zarr's regular grid; otherwise a rectilinear chunk grid (the {@code
   * rectilinear} extension of Zarr v3, which only Zarr v3 arrays can have: Zarr v2 and N5 refuse
   * it).
   *
   * @param perDimension one array of lengths per dimension
   */
  static Chunks sizes(long[]... perDimension) {
    long[][] copy = new long[perDimension.length][];
    for (int d = 0; d < copy.length; d++) {
      copy[d] = perDimension[d] == null ? null : perDimension[d].clone();
    }
    return new PerDimension(copy);
  }

  /**
   * Resolves the chunk shape for an array shape and item size (for lengths listed per dimension
   * that differ, the largest chunk's shape).
   */
  int[] resolve(long[] shape, int itemSize);

  /**
   * The rectilinear grid these chunks give an array of {@code shape}, or {@code null} when they
   * give a regular grid of {@link #resolve}'s shape.
   */
  default RectilinearChunkGrid rectilinearGrid(long[] shape) {
    return null;
  }

  /**
   * Chunk lengths listed per dimension (see {@link Chunks#sizes}).
   *
   * @param lengths per dimension, the lengths in order
   */
  record PerDimension(long[][] lengths) implements Chunks {

    /** The lengths per dimension (a copy). */
    @Override
    public long[][] lengths() {
      long[][] copy = new long[lengths.length][];
      for (int d = 0; d < copy.length; d++) {
        copy[d] = lengths[d] == null ? null : lengths[d].clone();
      }
      return copy;
    }

    @Override
    public int[] resolve(long[] shape, int itemSize) {
      int[] regular = regularShape(shape);
      return regular != null ? regular : grid(shape).maxChunkShape();
    }

    @Override
    public RectilinearChunkGrid rectilinearGrid(long[] shape) {
      return regularShape(shape) != null ? null : grid(shape);
    }

    private RectilinearChunkGrid grid(long[] shape) {
      if (lengths.length != shape.length) {
        throw new InvalidArrayException(
            "chunk sizes "
                + text()
                + " must have one list per dimension of shape "
                + Arrays.toString(shape));
      }
      RectilinearChunkGrid g = RectilinearChunkGrid.of(lengths);
      g.checkCovers(shape);
      return g;
    }

    /** The chunk shape when every dimension is cut regularly, else {@code null}. */
    private int[] regularShape(long[] shape) {
      grid(shape); // checks
      int[] out = new int[shape.length];
      for (int d = 0; d < shape.length; d++) {
        long[] l = lengths[d];
        long sum = 0;
        for (int k = 0; k < l.length; k++) {
          if (k < l.length - 1 ? l[k] != l[0] : l[k] > l[0]) {
            return null;
          }
          sum += l[k];
        }
        if (l.length > 1 && sum - l[l.length - 1] >= shape[d]) {
          return null; // a chunk wholly past the end: keep the list
        }
        out[d] = (int) l[0];
      }
      return out;
    }

    private String text() {
      StringBuilder sb = new StringBuilder("[");
      for (int d = 0; d < lengths.length; d++) {
        sb.append(d > 0 ? ", " : "").append(Arrays.toString(lengths[d]));
      }
      return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PerDimension p && Arrays.deepEquals(lengths, p.lengths);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(lengths);
    }

    @Override
    public String toString() {
      return "Chunks.sizes" + text();
    }
  }

  /** The guessing strategy. */
  enum Auto implements Chunks {
    /** The one instance. */
    INSTANCE;

    @Override
    public int[] resolve(long[] shape, int itemSize) {
      return ChunkGuess.guess(shape, itemSize);
    }
  }

  /** The single-chunk strategy. */
  enum Whole implements Chunks {
    /** The one instance. */
    INSTANCE;

    @Override
    public int[] resolve(long[] shape, int itemSize) {
      int[] c = new int[shape.length];
      for (int i = 0; i < shape.length; i++) {
        if (shape[i] > Integer.MAX_VALUE) {
          throw new InvalidArrayException(
              "a single chunk cannot span dimension " + i + " of length " + shape[i]);
        }
        c[i] = (int) Math.max(1, shape[i]);
      }
      return c;
    }
  }

  /**
   * Explicit lengths.
   *
   * @param lengths per-dimension lengths (-1: whole dimension); one entry applies to all
   */
  record Explicit(long[] lengths) implements Chunks {
    @Override
    public int[] resolve(long[] shape, int itemSize) {
      long[] l = lengths;
      if (l.length == 1 && shape.length != 1) {
        long v = l[0];
        l = new long[shape.length];
        Arrays.fill(l, v);
      }
      if (l.length > shape.length) {
        throw new InvalidArrayException(
            "chunks "
                + Arrays.toString(lengths)
                + " have more dimensions than shape "
                + Arrays.toString(shape));
      }
      int[] c = new int[shape.length];
      for (int i = 0; i < shape.length; i++) {
        long v = i < l.length ? l[i] : -1;
        if (v == -1) {
          v = Math.max(1, shape[i]);
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
          throw new InvalidArrayException(
              "chunks "
                  + Arrays.toString(lengths)
                  + " have invalid length "
                  + v
                  + " in dimension "
                  + i
                  + " (must be at least 1, or -1 for the whole dimension)");
        }
        c[i] = (int) v;
      }
      return c;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Explicit e && Arrays.equals(lengths, e.lengths);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
      return "Chunks" + Arrays.toString(lengths);
    }
  }
}
