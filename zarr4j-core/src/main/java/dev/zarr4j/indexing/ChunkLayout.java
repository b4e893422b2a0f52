package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.util.Arrays;
import java.util.List;

/**
 * The chunk boundaries of every dimension of an array's grid: what the indexers need to know of a
 * chunk grid. A regular grid is a layout of {@link RegularDimChunks}; a rectilinear grid may mix
 * them with {@link ExplicitDimChunks}.
 */
public final class ChunkLayout {

  private final DimChunks[] dims;

  private ChunkLayout(DimChunks[] dims) {
    this.dims = dims;
  }

  /** The layout of the given dimensions, in order. */
  public static ChunkLayout of(List<DimChunks> dims) {
    return new ChunkLayout(dims.toArray(new DimChunks[0]));
  }

  /**
   * The layout of a regular grid of {@code chunkShape}.
   *
   * @throws InvalidArrayException if a length is below 1
   */
  public static ChunkLayout regular(int[] chunkShape) {
    DimChunks[] d = new DimChunks[chunkShape.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = new RegularDimChunks(chunkShape[i]);
    }
    return new ChunkLayout(d);
  }

  /** The number of dimensions. */
  public int ndim() {
    return dims.length;
  }

  /** Dimension {@code d}'s chunks. */
  public DimChunks dim(int d) {
    return dims[d];
  }

  /** The dimensions' chunks in order. */
  public List<DimChunks> dims() {
    return List.of(dims);
  }

  /** The number of chunks along each dimension of an array of {@code shape}. */
  public long[] gridShape(long[] shape) {
    long[] g = new long[dims.length];
    for (int d = 0; d < g.length; d++) {
      g[d] = dims[d].chunkCount(shape[d]);
    }
    return g;
  }

  /** The chunk shape when every dimension is regular, else {@code null}. */
  public int[] regularShape() {
    int[] s = new int[dims.length];
    for (int d = 0; d < s.length; d++) {
      s[d] = dims[d].regularLength();
      if (s[d] == 0) {
        return null;
      }
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkLayout l && Arrays.equals(dims, l.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
