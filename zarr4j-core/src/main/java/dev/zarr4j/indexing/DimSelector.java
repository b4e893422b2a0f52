package dev.zarr4j.indexing;

/**
 * What a basic selection takes from one dimension: a single {@link Index}, a {@link Slice}, or the
 * {@link Ellipsis} standing for as many full slices as needed.
 */
public sealed interface DimSelector permits DimSelector.Index, Slice, DimSelector.Ellipsis {

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
}
