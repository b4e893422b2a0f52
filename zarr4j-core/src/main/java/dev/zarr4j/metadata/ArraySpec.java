package dev.zarr4j.metadata;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.ndarray.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Everything needed to read and write an array's chunks, independent of the on-disk metadata
 * format: shape, chunk grid, data type, fill value, chunk memory order, the codecs (filters then
 * compressor) and how chunk keys are spelled.
 *
 * @param shape array shape
 * @param chunks chunk shape (regular grid); same length as {@code shape}, every entry at least 1
 * @param dtype element type
 * @param fillValue value of elements never written, as a Java value of the data type (see {@link
 *     dev.zarr4j.ndarray.NdArray}), or {@code null} for none
 * @param order element order inside a chunk
 * @param filters filter codecs applied before the compressor, in encoding order
 * @param compressor the compressor, or {@code null} for none
 * @param dimensionSeparator {@code "."} or {@code "/"} between chunk coordinates in keys
 * @param objectCodec for object arrays, the codec that turns a chunk's elements into bytes (Zarr v2
 *     stores it as the first filter); {@code null} for every other data type
 */
public record ArraySpec(
    long[] shape,
    int[] chunks,
    DataType dtype,
    Object fillValue,
    MemoryOrder order,
    List<BytesToBytesCodec> filters,
    BytesToBytesCodec compressor,
    String dimensionSeparator,
    ObjectCodec objectCodec) {

  /** A spec for an array that is not an object array. */
  public ArraySpec(
      long[] shape,
      int[] chunks,
      DataType dtype,
      Object fillValue,
      MemoryOrder order,
      List<BytesToBytesCodec> filters,
      BytesToBytesCodec compressor,
      String dimensionSeparator) {
    this(shape, chunks, dtype, fillValue, order, filters, compressor, dimensionSeparator, null);
  }

  /** Validates shape against chunks and copies arrays defensively. */
  public ArraySpec {
    if ((dtype.kind() == DataType.Kind.OBJECT) != (objectCodec != null)) {
      throw new InvalidArrayException(
          dtype.kind() == DataType.Kind.OBJECT
              ? "object arrays need an object codec (vlen-utf8, vlen-bytes, vlen-array, json2, msgpack2, categorize)"
              : "an object codec ("
                  + objectCodec
                  + ") applies only to object arrays, not to "
                  + dtype);
    }
    shape = shape.clone();
    chunks = chunks.clone();
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(order, "order");
    filters = List.copyOf(filters);
    if (!".".equals(dimensionSeparator) && !"/".equals(dimensionSeparator)) {
      throw new InvalidArrayException(
          "dimension separator must be '.' or '/', got '" + dimensionSeparator + "'");
    }
    if (shape.length != chunks.length) {
      throw new InvalidArrayException(
          "chunks "
              + Arrays.toString(chunks)
              + " must have one entry per dimension of shape "
              + Arrays.toString(shape));
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new InvalidArrayException(
            "shape " + Arrays.toString(shape) + " has a negative length in dimension " + i);
      }
      if (chunks[i] < 1) {
        throw new InvalidArrayException(
            "chunks "
                + Arrays.toString(chunks)
                + " must be at least 1 in every dimension (dimension "
                + i
                + ")");
      }
    }
    long chunkElems = 1;
    for (int c : chunks) {
      chunkElems *= c;
      if (chunkElems * Math.max(1, dtype.itemSize()) > Integer.MAX_VALUE - 64) {
        throw new InvalidArrayException(
            "chunks "
                + Arrays.toString(chunks)
                + " of "
                + dtype
                + " exceed 2 GiB per chunk; choose smaller chunks");
      }
    }
  }

  /** Number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** Number of elements in the array. */
  public long size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  /** Number of elements in one chunk. */
  public int chunkSize() {
    int n = 1;
    for (int c : chunks) {
      n *= c;
    }
    return n;
  }

  /** Bytes of one decoded chunk. */
  public int chunkBytes() {
    return chunkSize() * dtype.itemSize();
  }

  /** Number of chunks along each dimension. */
  public long[] gridShape() {
    long[] g = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      g[i] = (shape[i] + chunks[i] - 1) / chunks[i];
    }
    return g;
  }

  /** Total number of chunks in the grid. */
  public long chunkCount() {
    long n = 1;
    for (long g : gridShape()) {
      n *= g;
    }
    return n;
  }

  /**
   * The chunk's key relative to the array's path: coordinates joined by the dimension separator,
   * {@code "0"} for a 0-dimensional array.
   */
  public String chunkKey(long[] coords) {
    if (coords.length == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder(coords.length * 3);
    for (int i = 0; i < coords.length; i++) {
      if (i > 0) {
        sb.append(dimensionSeparator);
      }
      sb.append(coords[i]);
    }
    return sb.toString();
  }

  /** Compiled chunk-key patterns by dimension count and separator (few distinct ones exist). */
  private static final ConcurrentMap<String, Pattern> CHUNK_KEY_PATTERNS =
      new ConcurrentHashMap<>();

  /**
   * Matches exactly the keys {@link #chunkKey} can produce for this array's dimension count and
   * separator, relative to the array's path ({@code "0"} for a 0-dimensional array); compiled once
   * and shared.
   */
  public Pattern chunkKeyPattern() {
    int ndim = shape.length;
    return CHUNK_KEY_PATTERNS.computeIfAbsent(
        ndim + dimensionSeparator,
        k ->
            ndim == 0
                ? Pattern.compile("0")
                : Pattern.compile(
                    "\\d+(" + Pattern.quote(dimensionSeparator) + "\\d+){" + (ndim - 1) + "}"));
  }

  /** A copy with a different shape (for resize). */
  public ArraySpec withShape(long[] newShape) {
    return new ArraySpec(
        newShape,
        chunks,
        dtype,
        fillValue,
        order,
        filters,
        compressor,
        dimensionSeparator,
        objectCodec);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArraySpec s
        && Arrays.equals(shape, s.shape)
        && Arrays.equals(chunks, s.chunks)
        && dtype.equals(s.dtype)
        && Objects.deepEquals(fillValue, s.fillValue)
        && order == s.order
        && filters.equals(s.filters)
        && Objects.equals(compressor, s.compressor)
        && dimensionSeparator.equals(s.dimensionSeparator)
        && Objects.equals(objectCodec, s.objectCodec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(shape), Arrays.hashCode(chunks), dtype, order, dimensionSeparator);
  }

  @Override
  public String toString() {
    return "ArraySpec[shape="
        + Arrays.toString(shape)
        + ", chunks="
        + Arrays.toString(chunks)
        + ", dtype="
        + dtype
        + ", fillValue="
        + fillValue
        + ", order="
        + order
        + ", filters="
        + filters
        + ", compressor="
        + compressor
        + ", dimensionSeparator="
        + dimensionSeparator
        + (objectCodec == null ? "" : ", objectCodec=" + objectCodec)
        + "]";
  }
}
