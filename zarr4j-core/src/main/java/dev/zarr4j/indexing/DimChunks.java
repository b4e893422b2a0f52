package dev.zarr4j.indexing;

/**
 * How one dimension of an array is cut into chunks: which chunk holds an index, where a chunk
 * starts and how long it is. A chunk's length is its full length in the grid; the last chunk that
 * meets the array may reach past the array's end. {@link RegularDimChunks} answers by arithmetic,
 * {@link ExplicitDimChunks} from a table of boundaries by binary search; the indexers ask only this
 * interface, so every selection kind works on either.
 */
public sealed interface DimChunks permits RegularDimChunks, ExplicitDimChunks {

  /**
   * The chunk holding {@code index}.
   *
   * @param index a position, at least 0 and inside the lengths the dimension covers
   */
  long chunkOf(long index);

  /** The position of the first element of chunk {@code chunk}. */
  long chunkStart(long chunk);

  /** The full length of chunk {@code chunk} (at least 1). */
  int chunkLength(long chunk);

  /** The number of chunks that hold at least one of the positions {@code [0, extent)}. */
  default long chunkCount(long extent) {
    return extent <= 0 ? 0 : chunkOf(extent - 1) + 1;
  }

  /** The longest chunk's length. */
  int maxChunkLength();

  /**
   * The length every chunk has, or 0 when chunks differ in length (a regular dimension answers its
   * chunk length; a list of lengths answers 0 even when they happen to be equal).
   */
  int regularLength();

  /** How many positions the chunks cover ({@link Long#MAX_VALUE} for a regular dimension). */
  long coveredLength();

  /**
   * These chunks, grown to cover {@code extent} positions: a regular dimension covers any extent
   * and stays as it is; listed lengths that sum to less gain one chunk holding the difference (how
   * zarr-python 3 resizes a rectilinear grid).
   *
   * @throws dev.zarr4j.exceptions.InvalidArrayException if that chunk would be longer than 2^31 - 1
   */
  default DimChunks grownTo(long extent) {
    return grownTo(extent, 1);
  }

  /**
   * {@link #grownTo(long)}, the added chunk's length rounded up to a multiple of {@code multiple}
   * (the inner chunk length of a sharded array, so that every shard holds whole inner chunks; the
   * part past the end is allowed, as for any last chunk).
   *
   * @throws dev.zarr4j.exceptions.InvalidArrayException if that chunk would be longer than 2^31 - 1
   */
  DimChunks grownTo(long extent, int multiple);

  /**
   * The first chunk length that is not a multiple of {@code multiple}, or 0 when every length is
   * one (a regular dimension has one length; a list is checked entry by entry).
   */
  int lengthNotMultipleOf(int multiple);
}
