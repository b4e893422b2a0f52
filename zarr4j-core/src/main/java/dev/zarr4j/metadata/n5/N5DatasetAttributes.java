package dev.zarr4j.metadata.n5;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.n5.N5BlockCodec;
import dev.zarr4j.codec.n5.N5Compression;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.RegularChunkGrid;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reserved attributes that make an N5 node a dataset ({@code dimensions}, {@code blockSize},
 * {@code dataType}, {@code compression}), held in <b>Zarr order</b>: {@code shape} and {@code
 * blockSize} list the slowest-varying dimension first, the reverse of the JSON. Immutable.
 *
 * <p>What the dataset means to zarr4j's format-neutral model: a regular chunk grid of {@code
 * blockSize} whose edge chunks are stored cut to the array ({@link #chunkGrid()}), N5's chunk keys
 * ({@link #chunkKeyEncoding()}), fill value 0 ({@link #fillValue()}), C order, no filters, and one
 * array-to-bytes codec, the N5 block format with the dataset's compression ({@link #blockCodec()}).
 *
 * @param shape the array shape, Zarr order; every length at least 0
 * @param blockSize the block (chunk) shape, Zarr order; every length at least 1
 * @param dataType the element type (see {@link N5DataTypes})
 * @param compression the payload compression
 */
public record N5DatasetAttributes(
    long[] shape, int[] blockSize, DataType dataType, N5Compression compression) {

  /** The attribute holding the shape (N5 order). */
  public static final String DIMENSIONS = "dimensions";

  /** The attribute holding the block shape (N5 order). */
  public static final String BLOCK_SIZE = "blockSize";

  /** The attribute holding the element type's name. */
  public static final String DATA_TYPE = "dataType";

  /** The attribute holding the compression object. */
  public static final String COMPRESSION = "compression";

  /** N5 version 0's attribute naming the compression type when {@code compression} is absent. */
  public static final String LEGACY_COMPRESSION_TYPE = "compressionType";

  /** Validates the fields and copies the arrays. */
  public N5DatasetAttributes {
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(compression, "compression");
    shape = shape.clone();
    blockSize = blockSize.clone();
    if (shape.length != blockSize.length) {
      throw new InvalidArrayException(
          "N5 blockSize "
              + Arrays.toString(blockSize)
              + " must have one entry per dimension of "
              + Arrays.toString(shape));
    }
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] < 0) {
        throw new InvalidArrayException(
            "N5 dimensions " + Arrays.toString(shape) + " has a negative length");
      }
      if (blockSize[d] < 1) {
        throw new InvalidArrayException(
            "N5 blockSize "
                + Arrays.toString(blockSize)
                + " must be at least 1 in every dimension");
      }
    }
    N5DataTypes.name(dataType); // refuses types N5 cannot hold
    long bytes = dataType.itemSize();
    for (int b : blockSize) {
      bytes *= b;
      if (bytes > N5BlockCodec.MAX_BLOCK_BYTES) {
        throw new InvalidArrayException(
            "N5 blocks of "
                + Arrays.toString(blockSize)
                + " x "
                + dataType
                + " exceed N5's 2 GiB block limit");
      }
    }
  }

  // ------------------------------------------------------------------ new datasets

  /**
   * The dataset for a new array, refusing what N5 cannot hold exactly as zarr-python's {@code
   * N5Store} refuses it (with its messages): a fill value other than 0 or {@code null}, order F,
   * filters; and, where zarr-python would write metadata it cannot read back, a data type N5 has no
   * name for. The shape and chunks are in Zarr order; the data type's byte order is not kept.
   *
   * @param filters the array's filters (must be empty or {@code null})
   * @param compressor the compressor, or {@code null} for {@code raw}
   * @throws InvalidArrayException naming what N5 cannot hold
   */
  public static N5DatasetAttributes create(
      long[] shape,
      int[] chunks,
      DataType dtype,
      Object fillValue,
      MemoryOrder order,
      List<?> filters,
      BytesToBytesCodec compressor) {
    if (!isZero(fillValue, dtype)) {
      throw new InvalidArrayException(
          "Received fill_value = " + fillValue + ", but N5 only supports fill_value = 0");
    }
    if (order != null && order != MemoryOrder.C) {
      throw new InvalidArrayException(
          "Received order = " + order + ", but N5 only supports order = C");
    }
    if (filters != null && !filters.isEmpty()) {
      throw new InvalidArrayException(
          "Received filters, but N5 storage does not support zarr filters");
    }
    N5Compression compression;
    try {
      compression = N5Compression.fromCodec(compressor);
    } catch (CodecException e) {
      throw new InvalidArrayException(e.getMessage(), e);
    }
    return new N5DatasetAttributes(shape, chunks, dtype, compression);
  }

  /** Whether zarr-python accepts a fill value for N5 ({@code None}, or equal to 0). */
  static boolean isZero(Object value, DataType dtype) {
    if (value == null) {
      return true;
    }
    if (dtype.kind() == DataType.Kind.OBJECT) {
      return false;
    }
    Object v;
    try {
      v = NdArray.scalar(dtype, value).get();
    } catch (RuntimeException e) {
      return false;
    }
    if (v instanceof Double d) {
      return d == 0.0; // -0.0 == 0 in Python too
    }
    if (v instanceof Float f) {
      return f == 0.0f;
    }
    if (v instanceof Complex c) {
      return c.re() == 0.0 && c.im() == 0.0;
    }
    for (byte b : ChunkArray.elementBytes(dtype, v)) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ JSON

  /**
   * Reads the dataset attributes of an {@code attributes.json} document. A missing {@code
   * blockSize} defaults to the dimensions and a missing {@code compression} to the version-0 {@code
   * compressionType}, as N5 Java reads them; other attributes are ignored.
   *
   * @param attributes the parsed document
   * @param source names the document in messages (e.g. {@code "raw/attributes.json"})
   * @throws MetadataException naming the document and attribute if one is missing, ill-typed or
   *     describes an array N5 cannot hold
   */
  public static N5DatasetAttributes fromAttributes(Map<String, Object> attributes, String source) {
    String src = source == null ? N5Attributes.FILE : source;
    if (!attributes.containsKey(DIMENSIONS)) {
      throw new MetadataException("'" + src + "' has no '" + DIMENSIONS + "': not an N5 dataset");
    }
    long[] n5Dims = longList(attributes.get(DIMENSIONS), src, DIMENSIONS);
    Object dt = attributes.get(DATA_TYPE);
    if (!(dt instanceof String dtName)) {
      throw new MetadataException(
          "'" + src + "' attribute '" + DATA_TYPE + "' must be a string, got " + describe(dt));
    }
    DataType dtype;
    try {
      dtype = N5DataTypes.parse(dtName);
    } catch (InvalidArrayException e) {
      throw new MetadataException("'" + src + "': " + e.getMessage(), e);
    }
    int[] n5Block;
    if (attributes.containsKey(BLOCK_SIZE)) {
      long[] b = longList(attributes.get(BLOCK_SIZE), src, BLOCK_SIZE);
      n5Block = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        if (b[i] < 1 || b[i] > Integer.MAX_VALUE) {
          throw new MetadataException(
              "'"
                  + src
                  + "' attribute '"
                  + BLOCK_SIZE
                  + "' "
                  + Arrays.toString(b)
                  + " must hold integers in [1, 2^31 - 1]");
        }
        n5Block[i] = (int) b[i];
      }
    } else {
      n5Block = new int[n5Dims.length];
      for (int i = 0; i < n5Dims.length; i++) {
        n5Block[i] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, n5Dims[i]));
      }
    }
    N5Compression compression;
    try {
      if (attributes.containsKey(COMPRESSION)) {
        compression = N5Compression.fromJson(attributes.get(COMPRESSION));
      } else if (attributes.containsKey(LEGACY_COMPRESSION_TYPE)) {
        Object t = attributes.get(LEGACY_COMPRESSION_TYPE);
        compression = N5Compression.fromLegacyType(t instanceof String s ? s : String.valueOf(t));
      } else {
        throw new MetadataException(
            "'"
                + src
                + "' has neither '"
                + COMPRESSION
                + "' nor the version-0 '"
                + LEGACY_COMPRESSION_TYPE
                + "'");
      }
    } catch (CodecException e) {
      throw new MetadataException(
          "'" + src + "' attribute '" + COMPRESSION + "': " + e.getMessage(), e);
    }
    try {
      return new N5DatasetAttributes(reverse(n5Dims), reverse(n5Block), dtype, compression);
    } catch (InvalidArrayException e) {
      throw new MetadataException(
          "'" + src + "' describes an invalid dataset: " + e.getMessage(), e);
    }
  }

  private static long[] longList(Object v, String src, String key) {
    if (!(v instanceof List<?> list)) {
      throw new MetadataException(
          "'" + src + "' attribute '" + key + "' must be a list of integers, got " + describe(v));
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object e = list.get(i);
      if (e instanceof Long || e instanceof Integer || e instanceof Short || e instanceof Byte) {
        out[i] = ((Number) e).longValue();
      } else if (e instanceof BigInteger) {
        throw new MetadataException(
            "'" + src + "' attribute '" + key + "' holds " + e + ", which does not fit a long");
      } else {
        throw new MetadataException(
            "'" + src + "' attribute '" + key + "' must be a list of integers, got " + describe(v));
      }
      if (out[i] < 0) {
        throw new MetadataException(
            "'" + src + "' attribute '" + key + "' holds a negative value " + out[i]);
      }
    }
    return out;
  }

  private static String describe(Object v) {
    return v == null ? "null" : v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  private static long[] reverse(long[] a) {
    long[] r = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      r[a.length - 1 - i] = a[i];
    }
    return r;
  }

  private static int[] reverse(int[] a) {
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      r[a.length - 1 - i] = a[i];
    }
    return r;
  }

  /**
   * The reserved dataset attributes as {@code attributes.json} holds them (N5 order), in the order
   * {@code dataType}, {@code dimensions}, {@code blockSize}, {@code compression}. Does not include
   * the {@code n5} version (see {@link N5Attributes#withDataset}).
   */
  public Map<String, Object> toAttributes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(DATA_TYPE, N5DataTypes.name(dataType));
    List<Object> dims = new ArrayList<>(shape.length);
    List<Object> block = new ArrayList<>(shape.length);
    for (int i = shape.length - 1; i >= 0; i--) {
      dims.add(shape[i]);
      block.add((long) blockSize[i]);
    }
    m.put(DIMENSIONS, dims);
    m.put(BLOCK_SIZE, block);
    m.put(COMPRESSION, compression.toJson());
    return m;
  }

  // ------------------------------------------------------------------ the neutral model

  /** The number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** The shape, Zarr order (a copy). */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The block shape, Zarr order (a copy). */
  @Override
  public int[] blockSize() {
    return blockSize.clone();
  }

  /** The chunk grid: regular, of {@link #blockSize()}, edge chunks stored cut to the array. */
  public RegularChunkGrid chunkGrid() {
    return new RegularChunkGrid(blockSize, RegularChunkGrid.EdgeChunks.CLIPPED);
  }

  /** N5's chunk keys: reversed coordinates joined by {@code "/"}. */
  public N5ChunkKeyEncoding chunkKeyEncoding() {
    return N5ChunkKeyEncoding.INSTANCE;
  }

  /** The fill value: 0 of the data type (false, 0, 0.0, 0j, the epoch), as zarr-python reports. */
  public Object fillValue() {
    return NdArray.zeros(dataType).get();
  }

  /** The one codec of the dataset's chunks: N5's block format with its compression. */
  public N5BlockCodec blockCodec() {
    return N5BlockCodec.of(compression, blockSize);
  }

  /**
   * The spec of the chunk at grid coordinates {@code coords} (Zarr order) as stored: cut to the
   * array at its far end.
   */
  public ChunkSpec chunkSpec(long[] coords) {
    return new ChunkSpec(chunkGrid().storedChunkShape(coords, shape), dataType, fillValue());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof N5DatasetAttributes a
        && Arrays.equals(a.shape, shape)
        && Arrays.equals(a.blockSize, blockSize)
        && a.dataType.equals(dataType)
        && a.compression.equals(compression);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(blockSize), dataType, compression);
  }

  @Override
  public String toString() {
    return "N5DatasetAttributes[shape="
        + Arrays.toString(shape)
        + ", blockSize="
        + Arrays.toString(blockSize)
        + ", dataType="
        + N5DataTypes.name(dataType)
        + ", compression="
        + compression.toJson()
        + "]";
  }
}
