package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.ndarray.NpyHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;

/**
 * Streams the data of a {@code .npy} file into a Zarr array of the same shape: contiguous blocks of
 * the file ({@link BlockPlan}, in the file's C or Fortran order) are read one at a time, converted
 * to the array's data type if it differs, and written to the matching region.
 */
final class NpyImport {
  private NpyImport() {}

  /**
   * Copies the data.
   *
   * @param file the open {@code .npy} file
   * @param header its header
   * @param source the file's data type
   * @param array the target, with the file's shape
   * @param budget most bytes of file data read at once
   * @param progress told the number of elements written after each block
   * @return the number of blocks
   * @throws CliException if the file is shorter than its header says
   * @throws IOException if reading fails
   */
  static long copy(
      FileChannel file,
      NpyHeader header,
      DataType source,
      ZarrArray array,
      long budget,
      LongConsumer progress)
      throws IOException {
    long[] shape = header.shape();
    int itemSize = source.itemSize();
    int[] chunks = array.spec().grid().maxChunkShape(); // stored objects: shards when sharded
    long[] granule = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      granule[d] = chunks[d];
    }
    long[] phase = new long[shape.length];
    if (!header.fortranOrder()
        && MappedValues.supports(source)
        && source
            .withByteOrder(ByteOrder.LITTLE_ENDIAN)
            .equals(array.spec().dtype().withByteOrder(ByteOrder.LITTLE_ENDIAN))) {
      return copyMapped(file, header, source, array, budget, progress, granule, phase);
    }
    // Two blocks are alive at once (one written while the next is read), so each takes half.
    long half = Math.max(1, budget / 2);
    BlockPlan plan =
        header.fortranOrder()
            ? BlockPlan.fOrder(shape, itemSize, half, granule, phase)
            : BlockPlan.cOrder(shape, itemSize, half, granule, phase);
    long[] elements = {0};
    long blocks =
        Lookahead.run(
            plan,
            block -> read(file, header, source, block),
            (block, data) -> {
              array.set(selection(block), data);
              elements[0] += block.size();
              progress.accept(elements[0]);
            });
    return blocks;
  }

  /**
   * The copy for numbers and booleans in C order whose type the array shares (byte order aside):
   * each chunk is encoded straight from a map of its block of the file ({@link ZarrArray#setFrom}),
   * so nothing is copied to the heap first and a block may take the whole budget.
   */
  private static long copyMapped(
      FileChannel file,
      NpyHeader header,
      DataType source,
      ZarrArray array,
      long budget,
      LongConsumer progress,
      long[] granule,
      long[] phase)
      throws IOException {
    long[] shape = header.shape();
    int itemSize = source.itemSize();
    long blocks = 0;
    long elements = 0;
    for (BlockPlan.Block block : BlockPlan.cOrder(shape, itemSize, budget, granule, phase)) {
      ByteBuffer values = map(file, header, itemSize, block).order(MappedValues.order(source));
      array.setFrom(selection(block), values);
      blocks++;
      elements += block.size();
      progress.accept(elements);
    }
    return blocks;
  }

  private static BasicSelection selection(BlockPlan.Block block) {
    Object[] sel = new Object[block.start().length];
    for (int d = 0; d < sel.length; d++) {
      sel[d] = Slice.of(block.start()[d], block.start()[d] + block.count()[d]);
    }
    return BasicSelection.of(sel);
  }

  /** Maps one block of the file, checking that the file holds it. */
  private static ByteBuffer map(
      FileChannel file, NpyHeader header, int itemSize, BlockPlan.Block block) throws IOException {
    long length = block.size() * itemSize;
    long position = header.dataOffset() + block.offset() * itemSize;
    if (position + length > file.size()) {
      throw new CliException(
          "the .npy file ends at byte "
              + file.size()
              + " but its header says the data runs to byte "
              + (header.dataOffset() + header.dataLength(itemSize)));
    }
    return file.map(FileChannel.MapMode.READ_ONLY, position, length);
  }

  /** Maps one block of the file and decodes it into a new array of the file's data type. */
  private static NdArray read(
      FileChannel file, NpyHeader header, DataType source, BlockPlan.Block block)
      throws IOException {
    // Mapped, not read: the page cache's bytes are decoded in place, without a copy to the heap.
    ByteBuffer buffer = map(file, header, source.itemSize(), block);
    NdArray data = NdArray.zeros(source, block.intCount());
    Npy.decode(buffer, header.fortranOrder(), data);
    return data;
  }
}
