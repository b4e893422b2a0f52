package dev.zarr4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr.zarrjava.core.chunkkeyencoding.Separator;
import dev.zarr.zarrjava.v3.Node;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One array of the v3 scenario and the library that writes and reads it: a fresh array in its own
 * directory, whole-array writes and reads, and reads and writes of one rectangular region (an inner
 * chunk, or a whole shard for the whole-shard baseline). {@link V3Bench} times the calls; nothing
 * here measures anything.
 */
abstract class V3Subject {
  /** Which library runs the calls. */
  final String library;

  /** The array's layout and codecs, as the table shows them. */
  final String layout;

  /** Where the array lives (deleted and recreated by {@link #create}). */
  final Path dir;

  /** Whether the array is sharded (the whole-shard baseline is measured only then). */
  final boolean sharded;

  V3Subject(String library, String layout, Path dir, boolean sharded) {
    this.library = library;
    this.layout = layout;
    this.dir = dir;
    this.sharded = sharded;
  }

  /** The table's label: library and layout. */
  String label() {
    return library + " " + layout;
  }

  /** Deletes whatever is in {@link #dir} and creates an empty array there (not timed). */
  abstract void create() throws Exception;

  /** Opens the array already in {@link #dir} (not timed). */
  abstract void open() throws Exception;

  /** Writes the whole array from row-major {@code data} of {@code rows x cols}. */
  abstract void writeAll(float[] data, int rows, int cols) throws Exception;

  /**
   * Reads the whole array and returns the library's own result object (converted by {@link #values}
   * outside the timed region).
   */
  abstract Object readAll() throws Exception;

  /** Reads the region at {@code (i, j)} of {@code h x w}; returns the library's result object. */
  abstract Object read(long i, long j, int h, int w) throws Exception;

  /** Writes row-major {@code block} ({@code h x w}) at {@code (i, j)}. */
  abstract void write(long i, long j, float[] block, int h, int w) throws Exception;

  /** The row-major float values of a result of {@link #readAll} or {@link #read}. */
  abstract float[] values(Object result);

  // ---------------------------------------------------------------- zarr4j

  /** zarr4j on an array described by {@link ArrayOptions} (the store is set here). */
  static final class Zarr4j extends V3Subject {
    private final ArrayOptions options;
    private ZarrArray z;

    Zarr4j(String layout, Path dir, boolean sharded, ArrayOptions options) {
      super("zarr4j", layout, dir, sharded);
      this.options = options;
    }

    @Override
    void create() throws Exception {
      PeerBench.deleteTree(dir);
      z = Zarr.create(options.toBuilder().store(new DirectoryStore(dir)).build());
    }

    @Override
    void open() {
      z = Zarr.openArray(new DirectoryStore(dir), OpenMode.READ_WRITE);
    }

    @Override
    void writeAll(float[] data, int rows, int cols) {
      z.set(NdArray.of(data, rows, cols));
    }

    @Override
    Object readAll() {
      return z.get();
    }

    @Override
    Object read(long i, long j, int h, int w) {
      return z.get(Slice.of(i, i + h), Slice.of(j, j + w));
    }

    @Override
    void write(long i, long j, float[] block, int h, int w) {
      z.set(BasicSelection.of(Slice.of(i, i + h), Slice.of(j, j + w)), NdArray.of(block, h, w));
    }

    @Override
    float[] values(Object result) {
      return (float[]) ((NdArray) result).data();
    }
  }

  // ---------------------------------------------------------------- zarr-java

  /**
   * zarr-java 0.0.9 on a Zarr v3 array whose codec chain is given as {@code zarr.json} entries
   * (parsed by zarr-java's own Jackson bindings), through the calls of {@link ZarrJavaPeer}:
   * whole-array calls in its parallel mode, region calls in its default, sequential mode, which
   * makes no difference for a region inside one chunk or shard.
   */
  static final class ZarrJava extends V3Subject {
    private static final ObjectMapper MAPPER = Node.makeObjectMapper();

    private final long[] shape;
    private final int[] chunkShape;
    private final String codecsJson;
    private dev.zarr.zarrjava.v3.Array array;

    /**
     * @param chunkShape the chunk grid's shape: the shard shape for a sharded array
     * @param codecsJson the codec chain as a JSON list of {@code zarr.json} codec entries
     */
    ZarrJava(
        String layout,
        Path dir,
        boolean sharded,
        long[] shape,
        int[] chunkShape,
        String codecsJson) {
      super("zarr-java", layout, dir, sharded);
      this.shape = shape.clone();
      this.chunkShape = chunkShape.clone();
      this.codecsJson = codecsJson;
    }

    @Override
    void create() throws Exception {
      PeerBench.deleteTree(dir);
      Files.createDirectories(dir);
      dev.zarr.zarrjava.v3.codec.Codec[] codecs =
          MAPPER.readValue(codecsJson, dev.zarr.zarrjava.v3.codec.Codec[].class);
      array =
          dev.zarr.zarrjava.v3.Array.create(
              ZarrJavaPeer.handle(dir),
              dev.zarr.zarrjava.v3.Array.metadataBuilder()
                  .withShape(shape)
                  .withDataType(dev.zarr.zarrjava.v3.DataType.FLOAT32)
                  .withChunkShape(chunkShape)
                  .withDefaultChunkKeyEncoding(Separator.SLASH)
                  .withFillValue(0.0f)
                  .withCodecs(codecs)
                  .build());
    }

    @Override
    void open() throws Exception {
      array = dev.zarr.zarrjava.v3.Array.open(ZarrJavaPeer.handle(dir));
    }

    @Override
    void writeAll(float[] data, int rows, int cols) {
      ZarrJavaPeer.writeAll(array, data, rows, cols);
    }

    @Override
    Object readAll() throws Exception {
      return ZarrJavaPeer.readAll(array);
    }

    @Override
    Object read(long i, long j, int h, int w) throws Exception {
      return ZarrJavaPeer.read(array, i, j, h, w);
    }

    @Override
    void write(long i, long j, float[] block, int h, int w) {
      ZarrJavaPeer.write(array, i, j, block, h, w);
    }

    @Override
    float[] values(Object result) {
      return ZarrJavaPeer.values(result);
    }
  }
}
