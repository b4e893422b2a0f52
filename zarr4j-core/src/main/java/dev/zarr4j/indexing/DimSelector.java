package dev.zarr4j.indexing;

/**
 * What a selection takes from one dimension: a single {@link Index}, a {@link Slice}, the {@link
 * Ellipsis} standing for as many full slices as needed, and, in orthogonal selections, an {@link
 * IndexList} of positions or a {@link BoolMask} over the dimension.
 */
public sealed interface DimSelector
    permits DimSelector.Index,
        Slice,
        DimSelector.Ellipsis,
        DimSelector.IndexList,
        DimSelector.BoolMask {

  /**
   * One position; negative counts from the end. The dimension is dropped from the result.
   *
   * @param index the position
   */
  record Index(long index) implements DimSelector {
    @Override
    public String toString() {
      return Long.toString(index);
    }
  }

  /** {@code ...}: full slices for every dimension not otherwise selected. */
  enum Ellipsis implements DimSelector {
    /** The one instance. */
    INSTANCE;

    @Override
    public String toString() {
      return "...";
    }
  }

  /**
   * Positions in one dimension, in any order and with repeats; negative positions count from the
   * end. Orthogonal selections only.
   *
   * @param indices the positions (copied)
   */
  record IndexList(long[] indices) implements DimSelector {
    /** Copies the positions. */
    public IndexList {
      indices = indices.clone();
    }

    @Override
    public long[] indices() {
      return indices.clone();
    }

    /** The number of positions. */
    public int size() {
      return indices.length;
    }

    long at(int i) {
      return indices[i];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IndexList l && java.util.Arrays.equals(indices, l.indices);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < indices.length; i++) {
        sb.append(i > 0 ? ", " : "").append(indices[i]);
      }
      return sb.append(']').toString();
    }
  }

  /**
   * A boolean mask over one whole dimension: the positions where it is true. Orthogonal selections
   * only; its length must equal the dimension's.
   *
   * @param mask one flag per position (copied)
   */
  record BoolMask(boolean[] mask) implements DimSelector {
    /** Copies the mask. */
    public BoolMask {
      mask = mask.clone();
    }

    @Override
    public boolean[] mask() {
      return mask.clone();
    }

    boolean at(int i) {
      return mask[i];
    }

    int length() {
      return mask.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BoolMask m && java.util.Arrays.equals(mask, m.mask);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < mask.length; i++) {
        sb.append(i > 0 ? ", " : "").append(mask[i] ? "True" : "False");
      }
      return sb.append(']').toString();
    }
  }
}
