package dev.zarr4j.metadata;

/**
 * How an array's shape is cut into chunks: which chunks there are, where each starts and what shape
 * it has when stored. Zarr's regular grid is the one implementation today ({@link
 * RegularChunkGrid}); a rectilinear grid (chunk lengths listed per dimension) can be added beside
 * it.
 */
public sealed interface ChunkGrid permits RegularChunkGrid {

  /** The number of dimensions. */
  int ndim();

  /** The number of chunks along each dimension of an array of {@code arrayShape}. */
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
   * The chunk shape when every chunk has the same one (padded at the array's end), which the
   * indexer and zarr-python's {@code chunks} use.
   */
  int[] chunkShape();
}
