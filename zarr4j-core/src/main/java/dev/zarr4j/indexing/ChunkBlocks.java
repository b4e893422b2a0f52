package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.Arrays;

/**
 * An array's chunk grid cut into blocks of whole chunks, numbered in C order of their positions in
 * the grid of blocks: block {@code b} along dimension {@code d} holds chunks {@code [b * n_d,
 * min((b + 1) * n_d, chunks_d))}, where {@code n_d} is the block's length in chunks there. Each
 * block's region is the part of the array its chunks cover (cut at the array's end). A pure
 * function of the shape, the {@link ChunkLayout} and the block lengths; nothing is read.
 */
public final class ChunkBlocks {
  private final long[] shape;
  private final ChunkLayout layout;
  private final int[] chunksPerBlock;
  private final long[] chunkGrid;
  private final long[] blockGrid;
  private final long count;

  /**
   * One block's place: its position in the grid of blocks, its first chunk and number of chunks per
   * dimension, and the region of the array it covers.
   *
   * @param index the block's number in C order of the grid of blocks
   * @param position the block's position in the grid of blocks
   * @param firstChunk the grid position of its first chunk
   * @param chunkCounts how many chunks it spans along each dimension
   * @param origin the array index of its first element
   * @param shape its extent along each dimension (cut at the array's end)
   */
  public record GridBlock(
      long index,
      long[] position,
      long[] firstChunk,
      int[] chunkCounts,
      long[] origin,
      long[] shape) {

    /** The number of elements in the block's region. */
    public long size() {
      long n = 1;
      for (long s : shape) {
        n *= s;
      }
      return n;
    }

    /** The basic selection of the block's region: one slice per dimension. */
    public BasicSelection selection() {
      Object[] items = new Object[origin.length];
      for (int d = 0; d < origin.length; d++) {
        items[d] = Slice.of(origin[d], origin[d] + shape[d]);
      }
      return BasicSelection.of(items);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GridBlock b
          && index == b.index
          && Arrays.equals(position, b.position)
          && Arrays.equals(firstChunk, b.firstChunk)
          && Arrays.equals(chunkCounts, b.chunkCounts)
          && Arrays.equals(origin, b.origin)
          && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(index) * 31 + Arrays.hashCode(origin);
    }

    @Override
    public String toString() {
      return "GridBlock[index="
          + index
          + ", origin="
          + Arrays.toString(origin)
          + ", shape="
          + Arrays.toString(shape)
          + ", firstChunk="
          + Arrays.toString(firstChunk)
          + "]";
    }
  }

  /**
   * The blocks of an array.
   *
   * @param shape the array's shape
   * @param layout how each dimension is cut into chunks
   * @param chunksPerBlock the block's length in chunks along each dimension (at least 1; longer
   *     than the grid means the whole dimension)
   * @throws InvalidSelectionException if the lengths do not match the dimensions or one is below 1
   */
  public ChunkBlocks(long[] shape, ChunkLayout layout, int[] chunksPerBlock) {
    if (chunksPerBlock.length != shape.length || layout.ndim() != shape.length) {
      throw new InvalidSelectionException(
          "blocks of "
              + Arrays.toString(chunksPerBlock)
              + " chunks do not match an array of "
              + shape.length
              + " dimensions");
    }
    this.shape = shape.clone();
    this.layout = layout;
    this.chunksPerBlock = chunksPerBlock.clone();
    this.chunkGrid = layout.gridShape(shape);
    this.blockGrid = new long[shape.length];
    long n = 1;
    for (int d = 0; d < shape.length; d++) {
      if (chunksPerBlock[d] < 1) {
        throw new InvalidSelectionException(
            "a block must span at least one chunk along each dimension, got "
                + Arrays.toString(chunksPerBlock));
      }
      blockGrid[d] = (chunkGrid[d] + chunksPerBlock[d] - 1) / chunksPerBlock[d];
      n = Math.multiplyExact(n, blockGrid[d]);
    }
    this.count = n;
  }

  /** The number of blocks (1 for a 0-dimensional array; 0 when a dimension has length 0). */
  public long count() {
    return count;
  }

  /** The number of blocks along each dimension. */
  public long[] gridShape() {
    return blockGrid.clone();
  }

  /** The largest number of elements a block's region holds (that of a block not cut short). */
  public long maxBlockSize() {
    long n = 1;
    for (int d = 0; d < shape.length; d++) {
      long covered = 0;
      long chunks = Math.min(chunksPerBlock[d], chunkGrid[d]);
      // for a regular dimension every full block is alike; a listed one may differ per block
      for (long b = 0; b < blockGrid[d]; b++) {
        covered = Math.max(covered, extent(d, b));
        if (layout.dim(d).regularLength() > 0) {
          break;
        }
      }
      n = Math.multiplyExact(n, chunks == 0 ? 0 : covered);
    }
    return n;
  }

  /** The extent of block {@code b} along dimension {@code d}, cut at the array's end. */
  private long extent(int d, long b) {
    DimChunks dim = layout.dim(d);
    long first = b * chunksPerBlock[d];
    long last = Math.min(first + chunksPerBlock[d], chunkGrid[d]) - 1;
    long start = dim.chunkStart(first);
    long end = Math.min(shape[d], dim.chunkStart(last) + dim.chunkLength(last));
    return end - start;
  }

  /**
   * Block {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not below {@link #count()}
   */
  public GridBlock block(long index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("block " + index + " of " + count);
    }
    int n = shape.length;
    long[] position = new long[n];
    long rest = index;
    for (int d = n - 1; d >= 0; d--) {
      position[d] = rest % blockGrid[d];
      rest /= blockGrid[d];
    }
    long[] firstChunk = new long[n];
    int[] counts = new int[n];
    long[] origin = new long[n];
    long[] extent = new long[n];
    for (int d = 0; d < n; d++) {
      firstChunk[d] = position[d] * chunksPerBlock[d];
      counts[d] = (int) (Math.min(firstChunk[d] + chunksPerBlock[d], chunkGrid[d]) - firstChunk[d]);
      origin[d] = layout.dim(d).chunkStart(firstChunk[d]);
      extent[d] = extent(d, position[d]);
    }
    return new GridBlock(index, position, firstChunk, counts, origin, extent);
  }
}
