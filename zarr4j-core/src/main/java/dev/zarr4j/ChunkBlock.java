package dev.zarr4j;

import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.ChunkBlocks;
import dev.zarr4j.ndarray.NdArray;

/**
 * One step of a {@link ChunkStream}: a block of whole chunks of an array, where it lies and its
 * values. zarr-python 2 reads the same region with {@code z.blocks[i0:i1, j0:j1]}, the block
 * selection of its chunk positions ({@link #firstChunk()} to {@code firstChunk + chunkCounts}).
 *
 * <p>The values live in a buffer the stream reuses: they stay valid until the stream's iterator
 * moves to the next block or the stream closes. Keep them longer with {@code values().copy()}.
 */
public final class ChunkBlock {
  private final ChunkBlocks.GridBlock block;
  private final NdArray values;

  ChunkBlock(ChunkBlocks.GridBlock block, NdArray values) {
    this.block = block;
    this.values = values;
  }

  /** The block's number: 0 for the first the stream gives, counting in C order of positions. */
  public long index() {
    return block.index();
  }

  /** The block's position in the grid of blocks. */
  public long[] position() {
    return block.position().clone();
  }

  /** The grid position of the block's first chunk (of its first shard when iterating shards). */
  public long[] firstChunk() {
    return block.firstChunk().clone();
  }

  /** How many chunks (or shards) the block spans along each dimension. */
  public int[] chunkCounts() {
    return block.chunkCounts().clone();
  }

  /** The array index of the block's first element. */
  public long[] origin() {
    return block.origin().clone();
  }

  /** The block's extent along each dimension (cut at the array's end). */
  public long[] shape() {
    return block.shape().clone();
  }

  /** The number of elements in the block. */
  public long size() {
    return block.size();
  }

  /** The selection of the block's region, to write results back with {@link ZarrArray#set}. */
  public BasicSelection selection() {
    return block.selection();
  }

  /**
   * The block's values, of {@link #shape()}: valid until the stream moves on or closes (see the
   * class comment).
   */
  public NdArray values() {
    return values;
  }

  @Override
  public String toString() {
    return "ChunkBlock" + block.toString().substring("GridBlock".length());
  }
}
