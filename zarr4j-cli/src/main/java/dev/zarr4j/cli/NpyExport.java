package dev.zarr4j.cli;

import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.NpyHeader;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedCopy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Streams a basic selection of a Zarr array into {@code .npy} bytes: the header first, then the
 * selection's elements in C order, fetched block by block ({@link BlockPlan}) so that no more than
 * about one block is held in memory, whatever the array's size. Object arrays, which {@code .npy}
 * cannot hold without pickle, stream as JSON instead ({@link JsonElements}).
 */
final class NpyExport {
  /**
   * The size {@link #writeToFile}'s blocks aim for. Each of its two native buffers is touched page
   * by page when first filled; smaller buffers fault in fewer pages, and a block this size still
   * keeps a write system call per block cheap next to decoding it. Measured on the benchmark's 256
   * MiB export (docs/benchmarks.md): 16 MiB blocks cost about 0.1 CPU-seconds less system time than
   * 32 MiB ones; blocks smaller than a band of chunks cost more, each chunk then being decoded in
   * parts.
   */
  static final long FILE_BLOCK_BYTES = 16L << 20;

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
    Geometry g = Geometry.of(array, selection);
    long[] selShape = g.shape();
    ResolvedSelection resolved = g.resolved();
    long[] granule = g.granule();
    long[] phase = g.phase();

    ByteBuffer head =
        objects
            ? ByteBuffer.wrap(JsonElements.header(selShape, array.objectCodec().toConfig()))
            : ByteBuffer.wrap(NpyHeader.of(dtype.toJson(), false, selShape).toBytes());
    long written = writeFully(out, head);

    int itemSize =
        objects ? 64 : dtype.itemSize(); // object elements: a nominal size for the budget
    // Two blocks are alive at once (one written while the next is read), so each takes half.
    BlockPlan plan = BlockPlan.cOrder(selShape, itemSize, Math.max(1, budget / 2), granule, phase);
    Writer writer = new Writer(out, dtype, itemSize, objects, progress);
    long blocks =
        Lookahead.run(
            plan, block -> array.get(resolved.block(block.start(), block.count())), writer::write);
    written += writer.written;
    if (objects) {
      written += writeFully(out, ByteBuffer.wrap(JsonElements.footer()));
    }
    return new Summary(selShape, dtype, written, blocks);
  }

  /**
   * {@link #write} into a file. Where the file's bytes are the values' own bytes (numbers and
   * booleans), each block is decoded by the array straight into one of two reused native buffers
   * ({@link ZarrArray#getInto}) and written from there by a writer thread while the next block is
   * decoded into the other; other data types take {@link #write}'s path.
   *
   * <p>Why not a memory map of the file, which would skip the write: measured on the 256 MiB export
   * of the benchmark, faulting in the map's pages one by one cost the kernel about 0.5 CPU-seconds
   * more than the same bytes written in large positional writes (docs/design-notes.md).
   *
   * @param file open for writing, empty
   */
  static Summary writeToFile(
      ZarrArray array, Selection selection, FileChannel file, long budget, LongConsumer progress)
      throws IOException {
    return writeToFile(array, selection, file, budget, FILE_BLOCK_BYTES, progress);
  }

  /**
   * {@link #writeToFile(ZarrArray, Selection, FileChannel, long, LongConsumer)} with blocks aiming
   * at {@code blockBytes} instead of {@link #FILE_BLOCK_BYTES} (tests use small ones).
   */
  static Summary writeToFile(
      ZarrArray array,
      Selection selection,
      FileChannel file,
      long budget,
      long blockBytes,
      LongConsumer progress)
      throws IOException {
    DataType dtype = array.spec().dtype();
    if (!MappedValues.supports(dtype)) {
      return write(array, selection, file, budget, progress);
    }
    Geometry g = Geometry.of(array, selection);
    ResolvedSelection resolved = g.resolved();
    ByteBuffer head = ByteBuffer.wrap(NpyHeader.of(dtype.toJson(), false, g.shape()).toBytes());
    long dataOffset = writeFully(file, head);
    int itemSize = dtype.itemSize();
    ByteOrder order = MappedValues.order(dtype);
    BlockPlan plan =
        BlockPlan.cOrder(
            g.shape(),
            itemSize,
            fileBlockBytes(g, itemSize, budget, blockBytes),
            g.granule(),
            g.phase());
    ByteBuffer[] buffers = new ByteBuffer[2];
    ExecutorService writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "zarr4j-export-writer");
              t.setDaemon(true);
              return t;
            });
    Future<?> pending = null;
    long blocks = 0;
    long elements = 0;
    try {
      for (BlockPlan.Block block : plan) {
        int bytes = Math.toIntExact(block.size() * itemSize);
        int k = (int) (blocks & 1);
        if (buffers[k] == null || buffers[k].capacity() < bytes) {
          buffers[k] = ByteBuffer.allocateDirect(bytes).order(order);
        }
        ByteBuffer buffer = buffers[k].clear().limit(bytes);
        array.getInto(resolved.block(block.start(), block.count()), buffer);
        awaitWrite(pending); // the previous block's, from the other buffer
        long position = dataOffset + block.offset() * itemSize;
        pending = writer.submit(() -> writeFullyAt(file, buffer, position));
        blocks++;
        elements += block.size();
        progress.accept(elements);
      }
      awaitWrite(pending);
      pending = null;
    } finally {
      if (pending != null) {
        pending.cancel(false);
        try {
          pending.get(); // never leave a write running into a file the caller deletes
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
          // the first failure is the one reported
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      writer.shutdownNow();
    }
    long total = dataOffset + elements * itemSize;
    return new Summary(g.shape(), dtype, total, blocks);
  }

  /**
   * The most bytes a block of {@link #writeToFile} may take: half the budget (two buffers are alive
   * at once, one written while the next is decoded), but no more than {@code target} unless one
   * band of chunks (a chunk's extent in the first dimension, everything after it) needs more, so
   * that each chunk is still decoded by one block.
   */
  private static long fileBlockBytes(Geometry g, int itemSize, long budget, long target) {
    long half = Math.max(1, budget / 2);
    long[] shape = g.shape();
    if (shape.length == 0) {
      return half;
    }
    long band = Math.multiplyExact(itemSize, g.granule()[0]);
    for (int d = 1; d < shape.length; d++) {
      band = BlockPlan.multiplySaturated(band, shape[d]);
    }
    return Math.min(half, Math.max(target, band));
  }

  /** Waits for a write the writer thread runs, rethrowing its failure. */
  private static void awaitWrite(Future<?> pending) throws IOException {
    if (pending == null) {
      return;
    }
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing the output");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Writes all of {@code buffer}'s remaining bytes at {@code position}. */
  private static Void writeFullyAt(FileChannel file, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += file.write(buffer, at);
    }
    return null;
  }

  /**
   * The selection's shape, its resolved form, and the alignment of blocks with chunk boundaries in
   * selection coordinates (granule and phase per kept dimension, where chunks are regular).
   */
  private record Geometry(long[] shape, ResolvedSelection resolved, long[] granule, long[] phase) {
    static Geometry of(ZarrArray array, Selection selection) {
      ArraySpec spec = array.spec();
      long[] shape = spec.shape();
      int[] chunks = spec.grid().maxChunkShape(); // the largest chunk of a rectilinear grid
      BasicIndexer indexer =
          new BasicIndexer(selection, shape, spec.layout()); // validates the selection
      ResolvedSelection resolved = ResolvedSelection.of((BasicSelection) selection, shape);
      int[] keptDims = resolved.kept();
      int kept = keptDims.length;
      long[] granule = BlockPlan.ones(kept);
      long[] phase = new long[kept];
      for (int j = 0; j < kept; j++) {
        int d = keptDims[j];
        long c = chunks[d];
        long s = resolved.dim(d).start();
        long t = resolved.dim(d).step();
        if (t < c && c % t == 0) {
          granule[j] = c / t;
          long nextChunkStart = (s / c + 1) * c;
          phase[j] = ceilDiv(nextChunkStart - s, t);
        }
      }
      return new Geometry(indexer.selectionShape(), resolved, granule, phase);
    }
  }

  /** Encodes and writes fetched blocks in order, reusing one byte buffer. */
  private static final class Writer {
    private final WritableByteChannel out;
    private final DataType dtype;
    private final int itemSize;
    private final boolean objects;
    private final LongConsumer progress;
    private ByteBuffer buffer;
    private long elements;
    long written;

    Writer(
        WritableByteChannel out,
        DataType dtype,
        int itemSize,
        boolean objects,
        LongConsumer progress) {
      this.out = out;
      this.dtype = dtype;
      this.itemSize = itemSize;
      this.objects = objects;
      this.progress = progress;
    }

    void write(BlockPlan.Block block, NdArray data) throws IOException {
      if (objects) {
        written +=
            writeFully(
                out, ByteBuffer.wrap(JsonElements.elements((Object[]) data.data(), elements == 0)));
      } else {
        int bytes = Math.toIntExact(block.size() * itemSize);
        if (buffer == null || buffer.capacity() < bytes) {
          buffer = ByteBuffer.allocateDirect(bytes); // written without a copy to a native buffer
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
      }
      elements += block.size();
      progress.accept(elements);
    }
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
