package dev.zarr4j;

import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.ndarray.NdArray;

/**
 * zarr-python's {@code z.blocks}: reads and writes whole chunks by their grid indices. Obtained
 * from {@link ZarrArray#blocks()}.
 */
public final class BlockView {
  private final ZarrArray array;

  BlockView(ZarrArray array) {
    this.array = array;
  }

  /** {@code z.blocks[items]}: integers and {@link dev.zarr4j.indexing.Slice}s of block indices. */
  public NdArray get(Object... items) {
    return array.get(BlockSelection.of(items));
  }

  /** {@code z.blocks["1, 0:2"]}. */
  public NdArray get(String selection) {
    return array.get(BlockSelection.parse(selection, array.ndim()));
  }

  /** {@code z.blocks[items] = value}. */
  public void set(Object value, Object... items) {
    array.set(BlockSelection.of(items), value);
  }

  /** {@code z.blocks["..."] = value}. */
  public void set(String selection, Object value) {
    array.set(BlockSelection.parse(selection, array.ndim()), value);
  }
}
