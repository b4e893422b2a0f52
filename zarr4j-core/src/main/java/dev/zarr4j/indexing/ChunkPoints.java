package dev.zarr4j.indexing;

/**
 * The elements of one chunk that a point-wise selection (coordinates, masks, orthogonal selections
 * with position lists) takes: for each element its position inside the chunk and its flat C-order
 * offset in the selection's result. Elements are listed in the order they were selected, so when a
 * position repeats in a write the later value wins, as in NumPy.
 *
 * @param chunkCoords the chunk's grid coordinates
 * @param positions in-chunk coordinates, {@code ndim} entries per element, element after element
 * @param outOffsets each element's flat C-order offset in the result
 */
public record ChunkPoints(long[] chunkCoords, int[] positions, long[] outOffsets)
    implements Projection {

  /** Number of elements. */
  public int size() {
    return outOffsets.length;
  }
}
