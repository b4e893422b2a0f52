package dev.zarr4j.metadata;

import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.ndarray.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to read and write an array's chunks, whatever the format its metadata is stored
 * in (Zarr v2, N5, Zarr v3): shape, data type, how the shape is cut into chunks, how chunk keys are
 * spelled, the fill value, the codec chain and the dimension names. Each format's metadata reader
 * builds one ({@link ArrayMetadata#spec()}).
 *
 * <p>A spec is checked when it is built: lengths match, the element, byte and chunk counts fit in
 * 64 bits, a chunk fits in a Java array, and the codec chain accepts the array's chunks.
 *
 * @param shape the array's shape; every length at least 0
 * @param dtype the element type
 * @param grid how the shape is cut into chunks
 * @param keyEncoding how a chunk's coordinates become its key, relative to the array's path
 * @param fillValue the value of elements never written (a Java value of {@code dtype}), or {@code
 *     null} for none
 * @param codecs the codec chain that turns a chunk into stored bytes
 * @param dimensionNames a name per dimension ({@code null} entries for unnamed ones), or an empty
 *     list when the array names none
 */
public record ArraySpec(
    long[] shape,
    DataType dtype,
    ChunkGrid grid,
    ChunkKeyEncoding keyEncoding,
    Object fillValue,
    CodecChain codecs,
    List<String> dimensionNames) {

  /** The most bytes one decoded chunk may have (a Java array's limit, with room for headers). */
  public static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE - 64L;

  /** Validates the spec and copies arrays defensively. */
  public ArraySpec {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(keyEncoding, "keyEncoding");
    Objects.requireNonNull(codecs, "codecs");
    shape = shape.clone();
    dimensionNames =
        dimensionNames == null
            ? List.of()
            : Collections.unmodifiableList(new ArrayList<>(dimensionNames));
    if (!dimensionNames.isEmpty() && dimensionNames.size() != shape.length) {
      throw new InvalidArrayException(
          "dimension names "
              + dimensionNames
              + " must have one entry per dimension of shape "
              + Arrays.toString(shape));
    }
    int[] chunks = grid.maxChunkShape();
    if (grid.ndim() != shape.length) {
      throw new InvalidArrayException(
          "chunks "
              + (grid.isRegular() ? Arrays.toString(chunks) : grid.toString())
              + " must have one entry per dimension of shape "
              + Arrays.toString(shape));
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new InvalidArrayException(
            "shape " + Arrays.toString(shape) + " has a negative length in dimension " + i);
      }
    }
    long size = countOf("shape", shape, Arrays.toString(shape), "elements");
    if (size > 0 && dtype.itemSize() > 0 && size > Long.MAX_VALUE / dtype.itemSize()) {
      throw new InvalidArrayException(
          "shape "
              + Arrays.toString(shape)
              + " of "
              + dtype
              + " holds more than 2^63 - 1 bytes; no array can be that large");
    }
    grid.checkCovers(shape);
    if (!grid.isRegular() && codecs.innerChunks() != null) {
      // shards of different shapes, each cut into whole inner chunks (zarr-python 3's rule)
      grid.checkHoldsWhole(codecs.innerChunks().shape());
    }
    long[] gridShape = grid.gridShape(shape);
    countOf("chunk grid", gridShape, Arrays.toString(gridShape), "chunks");
    long chunkElems = 1;
    for (int c : chunks) {
      chunkElems *= c;
      if (chunkElems * Math.max(1, dtype.itemSize()) > MAX_CHUNK_BYTES) {
        throw new InvalidArrayException(
            "chunks "
                + Arrays.toString(chunks)
                + " of "
                + dtype
                + " exceed 2 GiB per chunk; choose smaller chunks");
      }
    }
    try {
      codecs.resolve(new ChunkSpec(chunks, dtype, fillValue));
    } catch (CodecException e) {
      throw new InvalidArrayException(
          "the codecs cannot encode chunks "
              + Arrays.toString(chunks)
              + " of "
              + dtype
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The product of {@code lengths}, or an error naming the field when it overflows 64 bits. */
  private static long countOf(String field, long[] lengths, String shown, String what) {
    long n = 1;
    boolean zero = false;
    for (long l : lengths) {
      zero |= l == 0;
    }
    if (zero) {
      return 0;
    }
    for (long l : lengths) {
      try {
        n = Math.multiplyExact(n, l);
      } catch (ArithmeticException e) {
        throw new InvalidArrayException(
            field
                + " "
                + shown
                + " has more than 2^63 - 1 "
                + what
                + "; no array can be that large");
      }
    }
    return n;
  }

  /** The shape (a copy). */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The number of dimensions. */
  public int ndim() {
    return shape.length;
  }

  /** The number of elements in the array (checked to fit when the spec was built). */
  public long size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  /** The number of bytes of the array's elements uncompressed. */
  public long nbytes() {
    return size() * dtype.itemSize();
  }

  /**
   * The chunk shape of the grid (see {@link ChunkGrid#chunkShape()}).
   *
   * @throws dev.zarr4j.exceptions.IrregularChunksException if the grid's chunks differ in shape
   */
  public int[] chunkShape() {
    return grid.chunkShape();
  }

  /** The number of elements in the largest chunk (every chunk, for a regular grid). */
  public int chunkSize() {
    int n = 1;
    for (int c : grid.maxChunkShape()) {
      n *= c;
    }
    return n;
  }

  /** The number of chunks along each dimension. */
  public long[] gridShape() {
    return grid.gridShape(shape);
  }

  /** The total number of chunks in the grid (checked to fit when the spec was built). */
  public long chunkCount() {
    long n = 1;
    for (long g : gridShape()) {
      n *= g;
    }
    return n;
  }

  /** The key of the chunk at {@code coords}, relative to the array's path. */
  public String chunkKey(long[] coords) {
    return keyEncoding.encode(coords);
  }

  /**
   * The grid coordinates of the chunk stored at {@code key}, relative to the array's path.
   *
   * @throws dev.zarr4j.exceptions.InvalidKeyException if it is not a chunk key of this array
   */
  public long[] chunkCoords(String key) {
    return keyEncoding.decode(key, shape.length);
  }

  /** Whether {@code key}, relative to the array's path, is the key of one of its chunks. */
  public boolean isChunkKey(String key) {
    return keyEncoding.isChunkKey(key, shape.length);
  }

  /** What the chunk at {@code coords} looks like when it is encoded. */
  public ChunkSpec chunkSpec(long[] coords) {
    return new ChunkSpec(grid.storedChunkShape(coords, shape), dtype, fillValue);
  }

  /**
   * The chunk boundaries along every dimension (see {@link ChunkGrid#layout()}), what the indexers
   * take.
   */
  public dev.zarr4j.indexing.ChunkLayout layout() {
    return grid.layout();
  }

  /**
   * Whether the chunk at {@code coords} lies wholly inside the array (an edge chunk of a padded
   * grid reaches past its end).
   */
  public boolean isInterior(long[] coords) {
    long[] origin = grid.chunkOrigin(coords);
    int[] stored = grid.storedChunkShape(coords, shape);
    for (int d = 0; d < coords.length; d++) {
      if (origin[d] + stored[d] > shape[d]) {
        return false;
      }
    }
    return true;
  }

  /** This spec with another shape (for resize). */
  public ArraySpec withShape(long[] newShape) {
    return new ArraySpec(newShape, dtype, grid, keyEncoding, fillValue, codecs, dimensionNames);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArraySpec s
        && Arrays.equals(shape, s.shape)
        && dtype.equals(s.dtype)
        && grid.equals(s.grid)
        && keyEncoding.equals(s.keyEncoding)
        && Objects.deepEquals(fillValue, s.fillValue)
        && codecs.equals(s.codecs)
        && dimensionNames.equals(s.dimensionNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(shape), dtype, grid, keyEncoding, codecs);
  }

  @Override
  public String toString() {
    return "ArraySpec[shape="
        + Arrays.toString(shape)
        + ", dtype="
        + dtype
        + ", grid="
        + grid
        + ", keyEncoding="
        + keyEncoding
        + ", fillValue="
        + fillValue
        + ", codecs="
        + codecs
        + (dimensionNames.isEmpty() ? "" : ", dimensionNames=" + dimensionNames)
        + "]";
  }
}
