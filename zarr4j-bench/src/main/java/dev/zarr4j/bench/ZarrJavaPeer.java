package dev.zarr4j.bench;

import dev.zarr.zarrjava.core.chunkkeyencoding.Separator;
import dev.zarr.zarrjava.store.FilesystemStore;
import dev.zarr.zarrjava.store.StoreHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calls the benchmark makes on zarr-java 0.0.9 ({@code dev.zarr:zarr-java}), shared by its Zarr
 * v2 arrays in the main table ({@link PeerBench}) and its Zarr v3 arrays in the v3 scenario ({@link
 * V3Subject.ZarrJava}): whole-array writes and reads in zarr-java's parallel mode (a parallel
 * stream over the chunks on the common fork-join pool), region reads and writes in its default,
 * sequential mode, and the conversion of its {@code ucar.ma2} results to a {@code float[]}. Nothing
 * here measures anything.
 */
final class ZarrJavaPeer {
  private ZarrJavaPeer() {}

  /** A store handle on the directory {@code dir}. */
  static StoreHandle handle(Path dir) {
    return new StoreHandle(new FilesystemStore(dir));
  }

  /**
   * Why zarr-java's Zarr v2 API cannot write the main table's codec {@code codec} ({@code none},
   * {@code blosc-lz4}, {@code zstd-3}), or null when it can.
   */
  static String v2Unsupported(String codec) {
    return switch (codec) {
      case "none", "blosc-lz4" -> null;
      case "zstd-3" ->
          "zarr-java 0.0.9's Zarr v2 API has no zstd compressor (its v2 codec registry knows only"
              + " blosc and zlib)";
      default -> "not a main-table codec: " + codec;
    };
  }

  /**
   * Deletes whatever is in {@code dir} and creates an empty Zarr v2 float32 array there with
   * zarr-java's v2 API: C order, "." chunk keys, fill value 0, and the main table's codec ({@code
   * none}, or {@code blosc-lz4}: Blosc LZ4, clevel 5, byte shuffle, automatic block size, as zarr4j
   * and zarr-python write it).
   *
   * @throws IllegalArgumentException when {@link #v2Unsupported} names a reason
   */
  static dev.zarr.zarrjava.v2.Array createV2(Path dir, long[] shape, int[] chunks, String codec)
      throws Exception {
    String unsupported = v2Unsupported(codec);
    if (unsupported != null) {
      throw new IllegalArgumentException(unsupported);
    }
    PeerBench.deleteTree(dir);
    Files.createDirectories(dir);
    dev.zarr.zarrjava.v2.ArrayMetadataBuilder b =
        dev.zarr.zarrjava.v2.Array.metadataBuilder()
            .withShape(shape)
            .withChunks(chunks)
            // the data type first: the Blosc builder takes its typesize from it
            .withDataType(dev.zarr.zarrjava.v2.DataType.FLOAT32)
            .withOrder(dev.zarr.zarrjava.v2.Order.C)
            .withDimensionSeparator(Separator.DOT)
            .withFillValue(0.0f);
    if (codec.equals("blosc-lz4")) {
      b = b.withBloscCompressor("lz4", "shuffle", 5, 0);
    }
    return dev.zarr.zarrjava.v2.Array.create(handle(dir), b.build());
  }

  /** Opens the Zarr v2 array in {@code dir}. */
  static dev.zarr.zarrjava.v2.Array openV2(Path dir) throws Exception {
    return dev.zarr.zarrjava.v2.Array.open(handle(dir));
  }

  /** Writes all of row-major {@code data} ({@code rows x cols}) at the origin, in parallel mode. */
  static void writeAll(dev.zarr.zarrjava.core.Array array, float[] data, int rows, int cols) {
    array.write(
        new long[2],
        ucar.ma2.Array.factory(ucar.ma2.DataType.FLOAT, new int[] {rows, cols}, data),
        true);
  }

  /** Reads the whole 2-d array in parallel mode; {@link #values} converts the result. */
  static Object readAll(dev.zarr.zarrjava.core.Array array) throws Exception {
    long[] s = array.metadata().shape;
    return array.read(new long[2], new int[] {(int) s[0], (int) s[1]}, true);
  }

  /**
   * Reads the {@code h x w} region at {@code (i, j)} in the default, sequential mode. zarr-java
   * 0.0.9 returns zeros for part of a region that is not aligned to chunks and spans three or more
   * chunks along an axis (rows 1 to 17 of chunks of 8 rows lack row 15, for one), so callers check
   * what it returns; regions within two chunks per axis read right.
   */
  static Object read(dev.zarr.zarrjava.core.Array array, long i, long j, int h, int w)
      throws Exception {
    return array.read(new long[] {i, j}, new int[] {h, w});
  }

  /**
   * Reads the {@code h x w} region at {@code (i, j)} in zarr-java's parallel mode (a parallel
   * stream over the region's chunks); the same caveat as {@link #read(dev.zarr.zarrjava.core.Array,
   * long, long, int, int)} applies to unaligned regions.
   */
  static Object readParallel(dev.zarr.zarrjava.core.Array array, long i, long j, int h, int w)
      throws Exception {
    return array.read(new long[] {i, j}, new int[] {h, w}, true);
  }

  /** Writes row-major {@code block} ({@code h x w}) at {@code (i, j)}, sequential mode. */
  static void write(
      dev.zarr.zarrjava.core.Array array, long i, long j, float[] block, int h, int w) {
    array.write(
        new long[] {i, j},
        ucar.ma2.Array.factory(ucar.ma2.DataType.FLOAT, new int[] {h, w}, block));
  }

  /** The row-major float values of a result of {@link #readAll} or {@link #read}. */
  static float[] values(Object result) {
    return (float[]) ((ucar.ma2.Array) result).get1DJavaArray(ucar.ma2.DataType.FLOAT);
  }
}
