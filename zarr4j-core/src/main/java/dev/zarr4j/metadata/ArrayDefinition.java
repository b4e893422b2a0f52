package dev.zarr4j.metadata;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.ndarray.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a new array is to be, in zarr-python's terms and independent of any format: what {@link
 * NodeFormat#newArray} turns into the format's metadata, refusing what the format cannot hold.
 *
 * @param shape the shape
 * @param chunks the chunk shape
 * @param dtype the element type
 * @param fillValue the fill value (already normalised for the type), or {@code null}
 * @param order the element order inside chunks
 * @param filters the filters, in encoding order (empty for none)
 * @param compressor the compressor, or {@code null}
 * @param objectCodec for object arrays the codec of their elements, else {@code null}
 * @param dimensionSeparator the chunk key separator, or {@code null} for the format's (or store's)
 *     default
 * @param dimensionNames a name per dimension, or an empty list
 * @param shards the shard shape, a multiple of {@code chunks} per dimension (Zarr v3 sharding), or
 *     {@code null} for one stored object per chunk
 * @param codecs the whole codec chain in encoding order (Zarr v3), or {@code null} to build it from
 *     the order, filters, object codec, compressor and shards
 * @param rectilinearGrid chunk lengths listed per dimension (Zarr v3's rectilinear grid; {@code
 *     chunks} is then its largest chunk's shape), or {@code null} for the regular grid of {@code
 *     chunks}; with {@code shards} it lists the shards ({@code shards} its largest shard's shape,
 *     {@code chunks} the regular inner chunks); formats without it refuse it
 */
public record ArrayDefinition(
    long[] shape,
    int[] chunks,
    DataType dtype,
    Object fillValue,
    MemoryOrder order,
    List<Codec> filters,
    BytesToBytesCodec compressor,
    ObjectCodec objectCodec,
    String dimensionSeparator,
    List<String> dimensionNames,
    int[] shards,
    List<Codec> codecs,
    RectilinearChunkGrid rectilinearGrid) {

  /** A definition with the regular grid of {@code chunks}. */
  public ArrayDefinition(
      long[] shape,
      int[] chunks,
      DataType dtype,
      Object fillValue,
      MemoryOrder order,
      List<Codec> filters,
      BytesToBytesCodec compressor,
      ObjectCodec objectCodec,
      String dimensionSeparator,
      List<String> dimensionNames,
      int[] shards,
      List<Codec> codecs) {
    this(
        shape,
        chunks,
        dtype,
        fillValue,
        order,
        filters,
        compressor,
        objectCodec,
        dimensionSeparator,
        dimensionNames,
        shards,
        codecs,
        null);
  }

  /**
   * Refuses a rectilinear grid for a format that has none.
   *
   * @throws dev.zarr4j.exceptions.UnsupportedByFormatException naming the format
   */
  public void requireRegularGrid(String format) {
    if (rectilinearGrid != null) {
      throw new dev.zarr4j.exceptions.UnsupportedByFormatException(
          format
              + " has no rectilinear chunk grid (chunk lengths listed per dimension, "
              + rectilinearGrid
              + "); only Zarr v3 arrays can have one");
    }
  }

  /** Copies arrays and lists. */
  public ArrayDefinition {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(order, "order");
    shape = shape.clone();
    chunks = chunks.clone();
    shards = shards == null ? null : shards.clone();
    codecs = codecs == null ? null : List.copyOf(codecs);
    filters = filters == null ? List.of() : List.copyOf(filters);
    dimensionNames =
        dimensionNames == null
            ? List.of()
            : Collections.unmodifiableList(new ArrayList<>(dimensionNames));
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public int[] chunks() {
    return chunks.clone();
  }

  @Override
  public int[] shards() {
    return shards == null ? null : shards.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayDefinition d
        && Arrays.equals(shape, d.shape)
        && Arrays.equals(chunks, d.chunks)
        && dtype.equals(d.dtype)
        && Objects.deepEquals(fillValue, d.fillValue)
        && order == d.order
        && filters.equals(d.filters)
        && Objects.equals(compressor, d.compressor)
        && Objects.equals(objectCodec, d.objectCodec)
        && Objects.equals(dimensionSeparator, d.dimensionSeparator)
        && dimensionNames.equals(d.dimensionNames)
        && Arrays.equals(shards, d.shards)
        && Objects.equals(codecs, d.codecs)
        && Objects.equals(rectilinearGrid, d.rectilinearGrid);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(chunks), dtype, order);
  }

  @Override
  public String toString() {
    return "ArrayDefinition[shape="
        + Arrays.toString(shape)
        + ", chunks="
        + Arrays.toString(chunks)
        + ", dtype="
        + dtype
        + ", order="
        + order
        + ", filters="
        + filters
        + ", compressor="
        + compressor
        + "]";
  }
}
