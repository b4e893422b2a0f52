package dev.zarr4j.metadata;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.indexing.ChunkLayout;
import java.util.Arrays;

/**
 * A grid of chunks of one shape, the first at the array's origin. Chunks at the array's far end
 * either keep the full shape, the part past the end holding the fill value (Zarr v2 and v3), or are
 * stored cut to the array's end (N5 writes edge blocks at their actual size).
 *
 * @param chunkShape the chunk shape; every length at least 1
 * @param edges how chunks at the array's end are stored
 */
public record RegularChunkGrid(int[] chunkShape, EdgeChunks edges) implements ChunkGrid {

  /** How chunks that reach past the array's end are stored. */
  public enum EdgeChunks {
    /** At the full chunk shape; elements past the array's end hold the fill value. */
    PADDED,
    /** Cut to the array's end. */
    CLIPPED
  }

  /** Validates and copies the chunk shape. */
  public RegularChunkGrid {
    java.util.Objects.requireNonNull(edges, "edges");
    chunkShape = chunkShape.clone();
    for (int i = 0; i < chunkShape.length; i++) {
      if (chunkShape[i] < 1) {
        throw new InvalidArrayException(
            "chunks "
                + Arrays.toString(chunkShape)
                + " must be at least 1 in every dimension (dimension "
                + i
                + ")");
      }
    }
  }

  /** Zarr's regular grid: edge chunks padded to the full shape. */
  public static RegularChunkGrid of(int... chunkShape) {
    return new RegularChunkGrid(chunkShape, EdgeChunks.PADDED);
  }

  @Override
  public int[] chunkShape() {
    return chunkShape.clone();
  }

  @Override
  public boolean isRegular() {
    return true;
  }

  @Override
  public int[] maxChunkShape() {
    return chunkShape.clone();
  }

  @Override
  public ChunkLayout layout() {
    return ChunkLayout.regular(chunkShape);
  }

  @Override
  public void checkCovers(long[] arrayShape) {
    // a regular grid covers any shape
  }

  @Override
  public RegularChunkGrid resized(long[] oldShape, long[] newShape, int[] multiples) {
    return this;
  }

  @Override
  public int ndim() {
    return chunkShape.length;
  }

  @Override
  public long[] gridShape(long[] arrayShape) {
    long[] g = new long[arrayShape.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = arrayShape[i] / chunkShape[i] + (arrayShape[i] % chunkShape[i] == 0 ? 0 : 1);
    }
    return g;
  }

  @Override
  public long[] chunkOrigin(long[] coords) {
    long[] o = new long[coords.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = coords[i] * chunkShape[i];
    }
    return o;
  }

  @Override
  public int[] storedChunkShape(long[] coords, long[] arrayShape) {
    if (edges == EdgeChunks.PADDED) {
      return chunkShape.clone();
    }
    int[] s = new int[coords.length];
    for (int i = 0; i < s.length; i++) {
      long start = coords[i] * chunkShape[i];
      s[i] = (int) Math.max(0, Math.min(chunkShape[i], arrayShape[i] - start));
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegularChunkGrid g
        && Arrays.equals(chunkShape, g.chunkShape)
        && edges == g.edges;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(chunkShape) * 31 + edges.hashCode();
  }

  @Override
  public String toString() {
    return "RegularChunkGrid[chunkShape=" + Arrays.toString(chunkShape) + ", edges=" + edges + "]";
  }
}
