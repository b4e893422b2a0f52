package dev.zarr4j.indexing;

/**
 * The part of a selection that falls in one chunk: which chunk, which positions inside it, and
 * where those land in the selection's result. Arrays are indexed by array dimension; for a
 * dimension selected by a single integer the result has no such dimension and {@code outStart} is
 * 0.
 *
 * @param chunkCoords the chunk's grid coordinates
 * @param chunkStart first selected position inside the chunk, per dimension
 * @param chunkStep distance between selected positions inside the chunk, per dimension
 * @param count number of selected positions, per dimension
 * @param outStart position of the first selected element in the result, per array dimension
 * @param complete whether every in-bounds element of the chunk is selected, so a write may replace
 *     the chunk without reading it
 */
public record ChunkProjection(
    long[] chunkCoords,
    int[] chunkStart,
    int[] chunkStep,
    long[] count,
    long[] outStart,
    boolean complete)
    implements Projection {

  /** The selected positions inside the chunk, as a strided box. */
  public dev.zarr4j.ndarray.StridedBox box() {
    return new dev.zarr4j.ndarray.StridedBox(chunkStart, chunkStep, count);
  }
}
