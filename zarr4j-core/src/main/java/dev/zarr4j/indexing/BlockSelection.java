package dev.zarr4j.indexing;

import dev.zarr4j.exceptions.InvalidSelectionException;
import java.util.List;

/**
 * A block selection, zarr-python's {@code blocks} / {@code get_block_selection}: integers and
 * slices (step 1) over the chunk grid, selecting whole chunks. An integer keeps its dimension (it
 * selects one block, not one element); edge blocks are clipped to the array.
 *
 * <p>{@code BlockSelection.of(1, Slice.of(0, 2))} is {@code z.blocks[1, 0:2]}.
 *
 * @param items one selector per dimension of the chunk grid; at most one ellipsis
 */
public record BlockSelection(List<DimSelector> items) implements Selection {

  /** Checks the items: integers, slices with step 1, at most one ellipsis. */
  public BlockSelection {
    items = List.copyOf(items);
    int ellipses = 0;
    for (DimSelector d : items) {
      if (d instanceof DimSelector.Ellipsis) {
        ellipses++;
      } else if (d instanceof Slice s && s.step() != 1) {
        throw new InvalidSelectionException(
            "block selections take slices with step 1 only, got " + s);
      } else if (!(d instanceof DimSelector.Index) && !(d instanceof Slice)) {
        throw new InvalidSelectionException(
            "block selections take integers and slices of block indices, got " + d);
      }
    }
    if (ellipses > 1) {
      throw new InvalidSelectionException("a selection may contain only one '...', got " + items);
    }
  }

  /** Builds a block selection from integers, {@link Slice}s and the ellipsis. */
  public static BlockSelection of(Object... items) {
    return new BlockSelection(Selections.toSelectors(items));
  }

  /**
   * Parses NumPy's text form as zarr-python's {@code z.blocks[...]} reads it: integers and slices
   * (step 1) of block indices, and {@code ...}.
   *
   * @param ndim the number of dimensions of the array (and so of its chunk grid)
   * @throws InvalidSelectionException if the text holds lists, masks, field names or stepped slices
   */
  public static BlockSelection parse(String text, int ndim) {
    Selection s = Selection.parse(text, ndim);
    if (s instanceof BasicSelection b) {
      return new BlockSelection(b.items());
    }
    throw new InvalidSelectionException(
        "blocks takes integers and slices of block indices, got '" + text + "'");
  }

  /**
   * The equivalent basic selection over elements, for an array of {@code shape} and {@code chunks}.
   *
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException if a block index is outside the
   *     grid
   */
  public BasicSelection toBasic(long[] shape, int[] chunks) {
    return toBasic(shape, ChunkLayout.regular(chunks));
  }

  /**
   * The equivalent basic selection over elements, for an array of {@code shape} on a grid of any
   * chunk boundaries.
   *
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException if a block index is outside the
   *     grid
   */
  public BasicSelection toBasic(long[] shape, ChunkLayout layout) {
    List<DimSelector> expanded = Selections.expand(items, shape.length, this);
    Object[] out = new Object[shape.length];
    for (int d = 0; d < shape.length; d++) {
      DimChunks chunking = layout.dim(d);
      long blocks = chunking.chunkCount(shape[d]);
      DimSelector item = expanded.get(d);
      long from;
      long to;
      if (item instanceof DimSelector.Index i) {
        long b = Selections.normalize(i.index(), blocks, d);
        from = b;
        to = b + 1;
      } else {
        long[] r = ((Slice) item).resolve(blocks);
        from = r[0];
        to = r[0] + r[1];
      }
      out[d] =
          Slice.of(
              Math.min(boundary(chunking, from, blocks, shape[d]), shape[d]),
              Math.min(boundary(chunking, to, blocks, shape[d]), shape[d]));
    }
    return BasicSelection.of(out);
  }

  /** Where block {@code b} starts; the array's end for the block after the last. */
  private static long boundary(DimChunks chunking, long b, long blocks, long length) {
    return b >= blocks ? length : chunking.chunkStart(b);
  }

  @Override
  public String toString() {
    return Selections.text(items);
  }
}
