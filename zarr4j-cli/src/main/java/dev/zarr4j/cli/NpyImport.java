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
    BlockPlan plan =
        header.fortranOrder()
            ? BlockPlan.fOrder(shape, itemSize, budget, granule, phase)
            : BlockPlan.cOrder(shape, itemSize, budget, granule, phase);
    ByteBuffer buffer = null;
    long blocks = 0;
    long elements = 0;
    for (BlockPlan.Block block : plan) {
      int bytes = Math.toIntExact(block.size() * itemSize);
      if (buffer == null || buffer.capacity() < bytes) {
        buffer = ByteBuffer.allocate(bytes);
      }
      buffer.clear().limit(bytes);
      long position = header.dataOffset() + block.offset() * itemSize;
      while (buffer.hasRemaining()) {
        int n = file.read(buffer, position + buffer.position());
        if (n < 0) {
          throw new CliException(
              "the .npy file ends at byte "
                  + (position + buffer.position())
                  + " but its header says the data runs to byte "
                  + (header.dataOffset() + header.dataLength(itemSize)));
        }
      }
      buffer.flip();
      NdArray data = NdArray.zeros(source, block.intCount());
      Npy.decode(buffer, header.fortranOrder(), data);
      Object[] sel = new Object[shape.length];
      for (int d = 0; d < shape.length; d++) {
        sel[d] = Slice.of(block.start()[d], block.start()[d] + block.count()[d]);
      }
      array.set(BasicSelection.of(sel), data);
      blocks++;
      elements += block.size();
      progress.accept(elements);
    }
    return blocks;
  }
}
