package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.Iterator;

/**
 * A selection mapped onto an array's shape and chunk grid: the result's shape and, chunk by chunk,
 * which elements go where. Pure computation.
 */
public interface Indexer {

  /** The shape of the selection's result. */
  long[] selectionShape();

  /** The per-chunk projections; each chunk appears at most once. */
  Iterator<? extends Projection> projections();

  /**
   * The indexer for any selection kind on a regular grid of {@code chunks}.
   *
   * @throws InvalidSelectionException if the selection does not fit the array
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException naming the dimension of an index
   *     out of range
   */
  static Indexer of(Selection selection, long[] shape, int[] chunks) {
    return of(selection, shape, ChunkLayout.regular(chunks));
  }

  /**
   * The indexer for any selection kind on a grid of any chunk boundaries.
   *
   * @throws InvalidSelectionException if the selection does not fit the array
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException naming the dimension of an index
   *     out of range
   */
  static Indexer of(Selection selection, long[] shape, ChunkLayout chunks) {
    if (selection instanceof BasicSelection) {
      return new BasicIndexer(selection, shape, chunks);
    } else if (selection instanceof OrthogonalSelection o) {
      return o.isBasic()
          ? new BasicIndexer(new BasicSelection(o.items()), shape, chunks)
          : new OrthogonalIndexer(o, shape, chunks);
    } else if (selection instanceof BlockSelection b) {
      return new BasicIndexer(b.toBasic(shape, chunks), shape, chunks);
    } else if (selection instanceof CoordinateSelection c) {
      return PointIndexer.coordinates(c, shape, chunks);
    } else if (selection instanceof MaskSelection m) {
      return PointIndexer.mask(m, shape, chunks);
    }
    throw new InvalidSelectionException("unsupported selection " + selection);
  }
}
