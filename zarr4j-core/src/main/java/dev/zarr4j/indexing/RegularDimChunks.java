package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidArrayException;

/**
 * A dimension cut into chunks of one length, the first at position 0, as many as needed.
 *
 * @param length the chunk length, at least 1
 */
public record RegularDimChunks(int length) implements DimChunks {

  /** Checks the length. */
  public RegularDimChunks {
    if (length < 1) {
      throw new InvalidArrayException("chunk length " + length + " must be at least 1");
    }
  }

  @Override
  public long chunkOf(long index) {
    return index / length;
  }

  @Override
  public long chunkStart(long chunk) {
    return chunk * length;
  }

  @Override
  public int chunkLength(long chunk) {
    return length;
  }

  @Override
  public long chunkCount(long extent) {
    return extent <= 0 ? 0 : (extent - 1) / length + 1;
  }

  @Override
  public int maxChunkLength() {
    return length;
  }

  @Override
  public int regularLength() {
    return length;
  }

  @Override
  public long coveredLength() {
    return Long.MAX_VALUE;
  }

  @Override
  public RegularDimChunks grownTo(long extent, int multiple) {
    return this;
  }

  @Override
  public int lengthNotMultipleOf(int multiple) {
    return length % multiple == 0 ? 0 : length;
  }

  /** The length, as the rectilinear grid's document spells a regular dimension. */
  @Override
  public String toString() {
    return Integer.toString(length);
  }
}
