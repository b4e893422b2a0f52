package dev.zarr4j.metadata;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.IrregularChunksException;
import dev.zarr4j.indexing.ChunkLayout;

/**
 * How an array's shape is cut into chunks: which chunks there are, where each starts and what shape
 * it has when stored. Two kinds: Zarr's regular grid ({@link RegularChunkGrid}, one chunk shape;
 * N5's variant cuts edge chunks to the array) and the rectilinear grid of Zarr v3's extension
 * ({@link RectilinearChunkGrid}, chunk lengths listed per dimension). The indexers see a grid only
 * through its {@link #layout()}: per dimension, which chunk holds an index and where each chunk
 * starts and ends.
 */
public sealed interface ChunkGrid permits RegularChunkGrid, RectilinearChunkGrid {

  /** The number of dimensions. */
  int ndim();

  /** The chunk boundaries along every dimension, for the indexers. */
  ChunkLayout layout();

  /**
   * The number of chunks along each dimension of an array of {@code arrayShape}: the chunks that
   * hold at least one element (chunks listed wholly past the array's end are not counted).
   */
  long[] gridShape(long[] arrayShape);

  /** The array index of the first element of the chunk at {@code coords}, per dimension. */
  long[] chunkOrigin(long[] coords);

  /**
   * The shape the chunk at {@code coords} has when encoded and stored, for an array of {@code
   * arrayShape}. A chunk may reach past the array's end, its extra elements holding the fill value
   * (Zarr), or be cut at the array's end (N5).
   */
  int[] storedChunkShape(long[] coords, long[] arrayShape);

  /**
   * The chunk shape when every chunk has the same one (padded at the array's end), which
   * zarr-python's {@code chunks} answers.
   *
   * @throws IrregularChunksException if chunks differ in shape ({@link #isRegular()} is false)
   */
  int[] chunkShape();

  /** Whether every chunk has one shape ({@link #chunkShape()} answers). */
  boolean isRegular();

  /** The largest length of a chunk along each dimension: the largest chunk a codec may see. */
  int[] maxChunkShape();

  /**
   * Checks that the grid covers an array of {@code arrayShape}.
   *
   * @throws InvalidArrayException naming the dimension whose chunk lengths sum to less than its
   *     length
   */
  void checkCovers(long[] arrayShape);

  /**
   * The grid of the array after a resize from {@code oldShape} to {@code newShape}. A regular grid
   * stays as it is; a rectilinear grid keeps its listed lengths and, along a dimension that grows
   * past their sum, gains one chunk holding the growth (as zarr-python 3 resizes it).
   */
  default ChunkGrid resized(long[] oldShape, long[] newShape) {
    return resized(oldShape, newShape, null);
  }

  /**
   * {@link #resized(long[], long[])}, a chunk added along dimension {@code d} rounded up to a
   * multiple of {@code multiples[d]} (a sharded array's inner chunk shape, so that every shard
   * holds whole inner chunks), or not rounded when {@code multiples} is null.
   */
  ChunkGrid resized(long[] oldShape, long[] newShape, int[] multiples);

  /**
   * Checks that every chunk of the grid is cut into whole inner chunks of {@code inner} (what a
   * sharded array's shards must be): every chunk length along dimension {@code d} a multiple of
   * {@code inner[d]}.
   *
   * @throws InvalidArrayException naming the dimension, the length and the inner chunk shape
   */
  default void checkHoldsWhole(int[] inner) {
    ChunkLayout layout = layout();
    for (int d = 0; d < ndim() && d < inner.length; d++) {
      int bad = inner[d] < 1 ? -1 : layout.dim(d).lengthNotMultipleOf(inner[d]);
      if (bad != 0) {
        throw new InvalidArrayException(
            "shard lengths "
                + this
                + " along dimension "
                + d
                + " must each be a multiple of the inner chunk length "
                + inner[d]
                + " (inner chunks "
                + java.util.Arrays.toString(inner)
                + "), got "
                + bad);
      }
    }
  }
}
