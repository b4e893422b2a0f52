package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.Indexer;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.pipeline.ChunkPipeline;
import java.util.Arrays;

/**
 * Reading and writing one selection of an array: the selection becomes chunk projections through
 * its {@link Indexer}, the caller's value an array broadcast to the selection's shape, and the
 * {@link ChunkPipeline} moves the elements. {@link ZarrArray}'s reads and writes all end here.
 */
final class SelectionIo {
  private SelectionIo() {}

  /** The selected elements, with dimensions selected by one integer dropped (NumPy's rule). */
  static NdArray read(ChunkPipeline pipeline, Selection selection) {
    ArraySpec spec = pipeline.spec();
    Indexer indexer = Indexer.of(selection, spec.shape(), spec.layout());
    long[] selShape = indexer.selectionShape();
    NdArray out = NdArray.zeros(spec.dtype(), ArrayValues.inMemoryShape(selShape, selection));
    long[] outStrides =
        indexer instanceof BasicIndexer basic
            ? ArrayValues.perArrayDimension(
                basic.droppedDimensions(), StridedCopy.cStrides(selShape))
            : null;
    pipeline.read(indexer.projections(), out.data(), outStrides);
    return out;
  }

  /**
   * Reads the selected elements into a caller's buffer (see {@link ZarrArray#getInto}), in C order
   * of the selection's shape, decoding each chunk straight into its region of the buffer.
   */
  static void readInto(ChunkPipeline pipeline, String path, Selection selection, Object buffer) {
    ArraySpec spec = pipeline.spec();
    Indexer indexer = Indexer.of(selection, spec.shape(), spec.layout());
    long[] selShape = indexer.selectionShape();
    Object storage = CallerBuffer.storage(buffer, spec.dtype(), selShape, path, true);
    long[] outStrides =
        indexer instanceof BasicIndexer basic
            ? ArrayValues.perArrayDimension(
                basic.droppedDimensions(), StridedCopy.cStrides(selShape))
            : null;
    pipeline.read(indexer.projections(), storage, outStrides);
  }

  /**
   * Writes the selected elements from a caller's buffer (see {@link ZarrArray#setFrom}), in C order
   * of the selection's shape, encoding each chunk straight from its region of the buffer.
   */
  static void writeFrom(ChunkPipeline pipeline, String path, Selection selection, Object buffer) {
    ArraySpec spec = pipeline.spec();
    Indexer indexer = Indexer.of(selection, spec.shape(), spec.layout());
    long[] selShape = indexer.selectionShape();
    Object storage = CallerBuffer.storage(buffer, spec.dtype(), selShape, path, false);
    long[] selStrides = StridedCopy.cStrides(selShape);
    long[] dimStrides =
        indexer instanceof BasicIndexer basic
            ? ArrayValues.perArrayDimension(basic.droppedDimensions(), selStrides)
            : null;
    pipeline.write(
        indexer.projections(),
        new ChunkPipeline.Source(storage, dimStrides, selShape, selStrides, false));
  }

  /**
   * Writes {@code value} (an {@link NdArray}, a scalar or a {@link ZarrArray}) to the selection;
   * see {@link ZarrArray#set(Selection, Object)}.
   */
  static void write(ChunkPipeline pipeline, Selection selection, Object value) {
    write(pipeline, selection, value, n -> {});
  }

  /**
   * {@link #write(ChunkPipeline, Selection, Object)}, telling {@code chunksWritten} how many
   * destination chunks each step of a copy from a {@link ZarrArray} into a basic selection wrote
   * (other writes do not report).
   */
  static void write(
      ChunkPipeline pipeline,
      Selection selection,
      Object value,
      java.util.function.LongConsumer chunksWritten) {
    ArraySpec spec = pipeline.spec();
    Indexer indexer = Indexer.of(selection, spec.shape(), spec.layout());
    long[] selShape = indexer.selectionShape();
    if (spec.dtype().kind() == DataType.Kind.OBJECT
        && selShape.length == 0
        && value instanceof NdArray a
        && a.dtype().kind() != DataType.Kind.OBJECT
        && a.ndim() > 0) {
      value = NdArray.scalar(DataType.OBJECT, a); // z[i] = array: the array is the element
    }
    if (value instanceof ZarrArray source && indexer instanceof BasicIndexer basic) {
      StreamingCopy.copy(source, basic, selShape, pipeline, selection, chunksWritten);
      return;
    }
    NdArray v =
        ArrayValues.asArray(value instanceof ZarrArray source ? source.get() : value, spec.dtype());
    long[] selStrides = ArrayValues.broadcastStrides(v, selShape, selection);
    long[] dimStrides =
        indexer instanceof BasicIndexer basic
            ? ArrayValues.perArrayDimension(basic.droppedDimensions(), selStrides)
            : null;
    pipeline.write(
        indexer.projections(),
        new ChunkPipeline.Source(v.data(), dimStrides, selShape, selStrides, v.size() == 1));
  }

  /**
   * Replaces {@code fields} of a structured array's selected records with {@code value}; see {@link
   * ZarrArray#set(Selection, Object, String...)}.
   */
  static void writeFields(ZarrArray array, Selection selection, Object value, String[] fields) {
    DataType dtype = array.dtype();
    if (!dtype.isStructured()) {
      throw new InvalidArrayException(
          "fields "
              + Arrays.toString(fields)
              + " cannot be set on array '"
              + array.path()
              + "' of type "
              + dtype
              + ", which has no fields");
    }
    for (String f : fields) {
      dtype.field(f); // an unknown name fails before anything is read or written
    }
    NdArray records = array.get(selection);
    // the selected records are held in memory anyway, so a source array is read whole too; a
    // value that does not broadcast fails here, before anything is written
    records.setFields(value instanceof ZarrArray source ? source.get() : value, fields);
    array.set(selection, records);
  }
}
