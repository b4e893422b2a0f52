package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.util.Arrays;

/**
 * A dimension cut into chunks of listed lengths, in order from position 0 (a rectilinear grid's
 * dimension). Which chunk holds an index is a binary search over the chunks' ends.
 */
public final class ExplicitDimChunks implements DimChunks {

  private final int[] lengths;
  private final long[] ends; // ends[k] = lengths[0] + ... + lengths[k]
  private final int max;

  /**
   * @param lengths the chunk lengths in order; at least one, each at least 1
   * @throws InvalidArrayException if there are none, one is below 1, or they sum past 2^63 - 1
   */
  public ExplicitDimChunks(int[] lengths) {
    if (lengths.length == 0) {
      throw new InvalidArrayException("a dimension's chunk lengths must list at least one chunk");
    }
    this.lengths = lengths.clone();
    this.ends = new long[lengths.length];
    long sum = 0;
    int m = 0;
    for (int k = 0; k < lengths.length; k++) {
      if (lengths[k] < 1) {
        throw new InvalidArrayException(
            "chunk length " + lengths[k] + " at position " + k + " must be at least 1");
      }
      try {
        sum = Math.addExact(sum, lengths[k]);
      } catch (ArithmeticException e) {
        throw new InvalidArrayException("chunk lengths sum past 2^63 - 1");
      }
      ends[k] = sum;
      m = Math.max(m, lengths[k]);
    }
    this.max = m;
  }

  /** The chunk lengths in order (a copy). */
  public int[] lengths() {
    return lengths.clone();
  }

  /** The number of chunks listed (some may lie wholly past an array's end). */
  public int size() {
    return lengths.length;
  }

  /**
   * {@inheritDoc}
   *
   * <p>An index at or past {@link #coveredLength()} answers the number of chunks listed.
   */
  @Override
  public long chunkOf(long index) {
    int i = Arrays.binarySearch(ends, index);
    // an exact hit on an end means the next chunk starts there
    return i >= 0 ? i + 1 : -i - 1;
  }

  @Override
  public long chunkStart(long chunk) {
    return chunk == 0 ? 0 : ends[(int) chunk - 1];
  }

  @Override
  public int chunkLength(long chunk) {
    return lengths[(int) chunk];
  }

  @Override
  public int maxChunkLength() {
    return max;
  }

  @Override
  public int regularLength() {
    return 0;
  }

  @Override
  public long coveredLength() {
    return ends[ends.length - 1];
  }

  @Override
  public ExplicitDimChunks grownTo(long extent) {
    return grownTo(extent, 1);
  }

  @Override
  public ExplicitDimChunks grownTo(long extent, int multiple) {
    long covered = coveredLength();
    if (extent <= covered) {
      return this;
    }
    long growth = (extent - covered + multiple - 1) / multiple * multiple;
    if (growth > Integer.MAX_VALUE) {
      throw new InvalidArrayException(
          "growing chunk lengths "
              + this
              + " to "
              + extent
              + " adds one chunk of "
              + growth
              + ", longer than a chunk can be (2^31 - 1)");
    }
    int[] grown = Arrays.copyOf(lengths, lengths.length + 1);
    grown[lengths.length] = (int) growth;
    return new ExplicitDimChunks(grown);
  }

  @Override
  public int lengthNotMultipleOf(int multiple) {
    for (int l : lengths) {
      if (l % multiple != 0) {
        return l;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExplicitDimChunks e && Arrays.equals(lengths, e.lengths);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lengths);
  }

  @Override
  public String toString() {
    return Arrays.toString(lengths);
  }
}
