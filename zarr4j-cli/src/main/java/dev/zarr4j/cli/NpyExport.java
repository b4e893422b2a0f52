package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.NpyHeader;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedCopy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Streams a basic selection of a Zarr array into {@code .npy} bytes: the header first, then the
 * selection's elements in C order, fetched block by block ({@link BlockPlan}) so that no more than
 * about one block is held in memory, whatever the array's size. Object arrays, which {@code .npy}
 * cannot hold without pickle, stream as JSON instead ({@link JsonElements}).
 */
final class NpyExport {
  private NpyExport() {}

  /**
   * What was written.
   *
   * @param shape the shape of the {@code .npy} array
   * @param dtype its data type
   * @param bytes total bytes written, header included
   * @param blocks number of blocks fetched
   */
  record Summary(long[] shape, DataType dtype, long bytes, long blocks) {}

  /** One array dimension resolved against a selection: a dropped index or start, step, count. */
  private record Dim(boolean dropped, long start, long step, long count) {}

  /**
   * Writes {@code selection} of {@code array} as a {@code .npy} file to {@code out}.
   *
   * @param budget most bytes of element data fetched at once
   * @param progress told the number of elements written after each block
   * @throws CliException for object arrays, which {@code .npy} cannot hold without pickle
   * @throws IOException if writing fails
   */
  static Summary write(
      ZarrArray array,
      Selection selection,
      WritableByteChannel out,
      long budget,
      LongConsumer progress)
      throws IOException {
    ArraySpec spec = array.spec();
    DataType dtype = spec.dtype();
    boolean objects = dtype.kind() == DataType.Kind.OBJECT;
    long[] shape = spec.shape();
    int[] chunks = spec.chunkShape();
    BasicIndexer indexer = new BasicIndexer(selection, shape, chunks); // validates the selection
    long[] selShape = indexer.selectionShape();
    List<DimSelector> items = ((BasicSelection) selection).expand(shape.length);
    Dim[] dims = new Dim[shape.length];
    int kept = 0;
    for (int d = 0; d < shape.length; d++) {
      DimSelector item = items.get(d);
      if (item instanceof DimSelector.Index idx) {
        long i = idx.index() < 0 ? idx.index() + shape[d] : idx.index();
        dims[d] = new Dim(true, i, 1, 1);
      } else {
        Slice s = (Slice) item;
        long[] r = s.resolve(shape[d]);
        dims[d] = new Dim(false, r[0], s.step(), r[1]);
        kept++;
      }
    }
    // Align blocks with chunk boundaries, in selection coordinates, where they are regular.
    long[] granule = BlockPlan.ones(kept);
    long[] phase = new long[kept];
    for (int d = 0, j = 0; d < shape.length; d++) {
      if (dims[d].dropped()) {
        continue;
      }
      long c = chunks[d];
      long s = dims[d].start();
      long t = dims[d].step();
      if (t < c && c % t == 0) {
        granule[j] = c / t;
        long nextChunkStart = (s / c + 1) * c;
        phase[j] = ceilDiv(nextChunkStart - s, t);
      }
      j++;
    }

    ByteBuffer head =
        objects
            ? ByteBuffer.wrap(JsonElements.header(selShape, array.objectCodec().toConfig()))
            : ByteBuffer.wrap(NpyHeader.of(dtype.toJson(), false, selShape).toBytes());
    long written = writeFully(out, head);

    int itemSize =
        objects ? 64 : dtype.itemSize(); // object elements: a nominal size for the budget
    BlockPlan plan = BlockPlan.cOrder(selShape, itemSize, budget, granule, phase);
    ByteBuffer buffer = null;
    long blocks = 0;
    long elements = 0;
    for (BlockPlan.Block block : plan) {
      Object[] sub = new Object[shape.length];
      for (int d = 0, j = 0; d < shape.length; d++) {
        Dim dim = dims[d];
        if (dim.dropped()) {
          sub[d] = dim.start();
          continue;
        }
        long first = dim.start() + block.start()[j] * dim.step();
        long last = dim.start() + (block.start()[j] + block.count()[j] - 1) * dim.step();
        sub[d] = Slice.of(first, last + 1, dim.step());
        j++;
      }
      NdArray data = array.get(BasicSelection.of(sub));
      if (objects) {
        written +=
            writeFully(
                out, ByteBuffer.wrap(JsonElements.elements((Object[]) data.data(), elements == 0)));
        blocks++;
        elements += block.size();
        progress.accept(elements);
        continue;
      }
      int bytes = Math.toIntExact(block.size() * itemSize);
      if (buffer == null || buffer.capacity() < bytes) {
        buffer = ByteBuffer.allocate(bytes);
      }
      buffer.clear();
      long[] count = block.count();
      long[] elemStrides = StridedCopy.cStrides(count);
      long[] byteStrides = new long[count.length];
      for (int i = 0; i < count.length; i++) {
        byteStrides[i] = elemStrides[i] * itemSize;
      }
      RawCopy.encode(data.data(), 0, elemStrides, buffer, 0, byteStrides, count, dtype);
      buffer.limit(bytes);
      written += writeFully(out, buffer);
      blocks++;
      elements += block.size();
      progress.accept(elements);
    }
    if (objects) {
      written += writeFully(out, ByteBuffer.wrap(JsonElements.footer()));
    }
    return new Summary(selShape, dtype, written, blocks);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  static long writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
    long n = 0;
    while (buffer.hasRemaining()) {
      n += out.write(buffer);
    }
    return n;
  }
}
