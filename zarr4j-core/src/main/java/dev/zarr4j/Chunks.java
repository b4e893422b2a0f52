package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.util.Arrays;

/**
 * How an array is divided into chunks when it is created, as zarr-python's {@code chunks} argument:
 * guessed from the shape and item size ({@link #auto()}, {@code chunks=True}), one chunk for the
 * whole array ({@link #whole()}, {@code chunks=False}), or explicit lengths where -1 means the
 * whole dimension and missing trailing entries take the whole dimension.
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

  /** Resolves the chunk shape for an array shape and item size. */
  int[] resolve(long[] shape, int itemSize);

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
