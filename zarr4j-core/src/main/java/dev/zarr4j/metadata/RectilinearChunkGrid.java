package dev.zarr4j.metadata;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.IrregularChunksException;
import dev.zarr4j.indexing.ChunkLayout;
import dev.zarr4j.indexing.DimChunks;
import dev.zarr4j.indexing.ExplicitDimChunks;
import dev.zarr4j.indexing.RegularDimChunks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Zarr v3's rectilinear chunk grid (the {@code rectilinear} extension of zarr-extensions, which
 * zarrs and zarr-python 3 write experimentally): along each dimension either one chunk length
 * repeated as far as the array reaches ({@link RegularDimChunks}, the document's bare integer) or a
 * list of chunk lengths in order ({@link ExplicitDimChunks}). The listed lengths must sum to at
 * least the dimension's length; chunks listed wholly past the array's end hold no elements and are
 * not part of {@link #gridShape}. Chunks are stored at their full listed shape, the part past the
 * array's end holding the fill value, as in Zarr's regular grid.
 *
 * @param dims each dimension's chunks, in order
 */
public record RectilinearChunkGrid(List<DimChunks> dims) implements ChunkGrid {

  /** Copies the list. */
  public RectilinearChunkGrid {
    dims = List.copyOf(dims);
  }

  /**
   * The grid of the given chunk lengths per dimension: a dimension given one length is regular
   * (that length repeated, written as a bare integer), one given several lists them in order.
   *
   * @throws InvalidArrayException naming the dimension whose lengths are empty, below 1 or above
   *     2^31 - 1
   */
  public static RectilinearChunkGrid of(long[]... perDimension) {
    List<DimChunks> dims = new ArrayList<>(perDimension.length);
    for (int d = 0; d < perDimension.length; d++) {
      long[] l = perDimension[d];
      if (l == null || l.length == 0) {
        throw new InvalidArrayException(
            "chunk lengths of dimension " + d + " must list at least one length");
      }
      int[] lengths = new int[l.length];
      for (int k = 0; k < l.length; k++) {
        if (l[k] < 1 || l[k] > Integer.MAX_VALUE) {
          throw new InvalidArrayException(
              "chunk lengths of dimension "
                  + d
                  + " "
                  + Arrays.toString(l)
                  + " must each be 1..2^31-1 (position "
                  + k
                  + ")");
        }
        lengths[k] = (int) l[k];
      }
      dims.add(
          lengths.length == 1 ? new RegularDimChunks(lengths[0]) : new ExplicitDimChunks(lengths));
    }
    return new RectilinearChunkGrid(dims);
  }

  @Override
  public int ndim() {
    return dims.size();
  }

  @Override
  public ChunkLayout layout() {
    return ChunkLayout.of(dims);
  }

  @Override
  public long[] gridShape(long[] arrayShape) {
    long[] g = new long[arrayShape.length];
    for (int d = 0; d < g.length; d++) {
      g[d] = dims.get(d).chunkCount(arrayShape[d]);
    }
    return g;
  }

  @Override
  public long[] chunkOrigin(long[] coords) {
    long[] o = new long[coords.length];
    for (int d = 0; d < o.length; d++) {
      o[d] = dims.get(d).chunkStart(coords[d]);
    }
    return o;
  }

  @Override
  public int[] storedChunkShape(long[] coords, long[] arrayShape) {
    int[] s = new int[coords.length];
    for (int d = 0; d < s.length; d++) {
      s[d] = dims.get(d).chunkLength(coords[d]);
    }
    return s;
  }

  @Override
  public boolean isRegular() {
    for (DimChunks d : dims) {
      if (d.regularLength() == 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] chunkShape() {
    int[] s = new int[dims.size()];
    for (int d = 0; d < s.length; d++) {
      s[d] = dims.get(d).regularLength();
      if (s[d] == 0) {
        throw new IrregularChunksException(
            "the rectilinear chunk grid "
                + this
                + " has chunks of different lengths along dimension "
                + d
                + ": there is no one chunk shape (ask for the chunk lengths per dimension)");
      }
    }
    return s;
  }

  @Override
  public int[] maxChunkShape() {
    int[] s = new int[dims.size()];
    for (int d = 0; d < s.length; d++) {
      s[d] = dims.get(d).maxChunkLength();
    }
    return s;
  }

  @Override
  public void checkCovers(long[] arrayShape) {
    for (int d = 0; d < arrayShape.length && d < dims.size(); d++) {
      long covered = dims.get(d).coveredLength();
      if (covered < arrayShape[d]) {
        throw new InvalidArrayException(
            "chunk lengths of dimension "
                + d
                + " "
                + dims.get(d)
                + " sum to "
                + covered
                + ", less than its length "
                + arrayShape[d]
                + " in shape "
                + Arrays.toString(arrayShape));
      }
    }
  }

  @Override
  public RectilinearChunkGrid resized(long[] oldShape, long[] newShape, int[] multiples) {
    List<DimChunks> out = new ArrayList<>(dims.size());
    for (int d = 0; d < dims.size(); d++) {
      out.add(dims.get(d).grownTo(newShape[d], multiples == null ? 1 : multiples[d]));
    }
    return new RectilinearChunkGrid(out);
  }

  @Override
  public String toString() {
    return "RectilinearChunkGrid" + dims;
  }
}
