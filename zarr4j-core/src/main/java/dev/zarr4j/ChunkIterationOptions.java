package dev.zarr4j;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * How {@link ZarrArray#chunkStream(ChunkIterationOptions)} walks an array: how many chunks one
 * block groups along the last axes, whether the unit is a shard (Zarr v3 sharding) rather than a
 * chunk, and how many blocks are read ahead while the caller works on the current one.
 *
 * <p>Immutable; build with {@link #builder()}, or take {@link #defaults()}: one chunk per block (an
 * inner chunk of a sharded array, as zarr-python 3's {@code chunks}), the default look-ahead
 * ({@link #defaultPrefetch}).
 */
public final class ChunkIterationOptions {
  private static final ChunkIterationOptions DEFAULTS = builder().build();

  private final int[] chunksPerBlock;
  private final boolean byShard;
  private final int prefetch;

  private ChunkIterationOptions(Builder b) {
    this.chunksPerBlock = b.chunksPerBlock.clone();
    this.byShard = b.byShard;
    this.prefetch = b.prefetch;
  }

  /** One chunk per block, the default look-ahead ({@link #defaultPrefetch}). */
  public static ChunkIterationOptions defaults() {
    return DEFAULTS;
  }

  /** The most bytes of blocks the default look-ahead holds beyond twice the chunk threads. */
  public static final long DEFAULT_PREFETCH_BYTES = 32L << 20;

  /**
   * The look-ahead a stream takes when none is set: twice the array's chunk threads, or more blocks
   * while they hold at most {@link #DEFAULT_PREFETCH_BYTES} together, up to eight times the
   * threads. A deeper queue keeps the chunk threads busy when the caller is slow to come back for
   * its next block (which is when the stream queues more), at a bounded memory cost: 16 blocks of 1
   * MiB on 2 threads, 4 blocks of 16 MiB.
   *
   * @param threads the array's chunk threads
   * @param blockBytes the bytes of the stream's largest block
   */
  public static int defaultPrefetch(int threads, long blockBytes) {
    long byBytes = DEFAULT_PREFETCH_BYTES / Math.max(1, blockBytes);
    return (int) Math.max(2L * threads, Math.min(8L * threads, byBytes));
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The block's length in units (chunks, or shards with {@link #byShard()}) along the last axes,
   * right-aligned: {@code [4]} groups 4 along the last axis, {@code [2, 4]} 2 along the one before
   * and 4 along the last; axes not named take 1. Empty for one unit per block.
   */
  public int[] chunksPerBlock() {
    return chunksPerBlock.clone();
  }

  /** Whether the unit is a shard (the stored object) rather than an inner chunk. */
  public boolean byShard() {
    return byShard;
  }

  /** The number of blocks read ahead, or empty for the default ({@link #defaultPrefetch}). */
  public OptionalInt prefetch() {
    return prefetch < 0 ? OptionalInt.empty() : OptionalInt.of(prefetch);
  }

  /** This object's settings in a builder. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.chunksPerBlock = chunksPerBlock.clone();
    b.byShard = byShard;
    b.prefetch = prefetch;
    return b;
  }

  @Override
  public String toString() {
    return "ChunkIterationOptions[chunksPerBlock="
        + Arrays.toString(chunksPerBlock)
        + ", byShard="
        + byShard
        + ", prefetch="
        + (prefetch < 0 ? "default" : prefetch)
        + "]";
  }

  /** Builds {@link ChunkIterationOptions}; each setter validates its argument. */
  public static final class Builder {
    private int[] chunksPerBlock = new int[0];
    private boolean byShard;
    private int prefetch = -1;

    private Builder() {}

    /**
     * Groups units into blocks along the last axes (see {@link
     * ChunkIterationOptions#chunksPerBlock()}); a length longer than the grid takes the whole axis,
     * so {@code Integer.MAX_VALUE} spans it. More lengths than the array has dimensions are refused
     * when the stream opens.
     *
     * @throws IllegalArgumentException if a length is below 1
     */
    public Builder chunksPerBlock(int... lastAxes) {
      for (int n : lastAxes) {
        if (n < 1) {
          throw new IllegalArgumentException(
              "chunksPerBlock must be at least 1 per axis, got " + Arrays.toString(lastAxes));
        }
      }
      this.chunksPerBlock = lastAxes.clone();
      return this;
    }

    /**
     * Whether the unit is the shard of a sharded (Zarr v3) array, the object the store holds, so
     * that each shard is read with one request for its index and one for its chunks; for an array
     * without shards the unit is its chunk either way.
     */
    public Builder byShard(boolean byShard) {
      this.byShard = byShard;
      return this;
    }

    /**
     * How many blocks are read ahead on the array's chunk threads while the caller works; 0 reads
     * each block when the caller asks for it. Memory is about {@code prefetch + 1} blocks.
     *
     * @throws IllegalArgumentException if {@code blocks} is negative
     */
    public Builder prefetch(int blocks) {
      if (blocks < 0) {
        throw new IllegalArgumentException("prefetch must be 0 or more blocks, got " + blocks);
      }
      this.prefetch = blocks;
      return this;
    }

    /** The options. */
    public ChunkIterationOptions build() {
      return new ChunkIterationOptions(this);
    }
  }
}
