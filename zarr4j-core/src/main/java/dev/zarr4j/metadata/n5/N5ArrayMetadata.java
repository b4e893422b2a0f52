package dev.zarr4j.metadata.n5;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormat;
import java.util.List;
import java.util.Objects;

/**
 * An N5 dataset as an array: the reserved attributes of its {@code attributes.json} ({@link
 * N5DatasetAttributes}) and the {@link ArraySpec} they define. Immutable.
 *
 * <p>The spec: the dataset's shape and data type (little-endian where byte order applies, as
 * zarr-python reads the {@code dataType} name back), a regular grid of {@code blockSize} whose edge
 * chunks are stored cut to the array, N5's reversed {@code "/"} chunk keys, fill value 0, and one
 * codec, N5's block format with the dataset's compression; no dimension names.
 *
 * <p>zarr-python 2's view of the array's codecs: {@link #compressor()} is the numcodecs codec the
 * dataset's compression stands for ({@code null} for {@code raw}), no filters, order C, no object
 * codec.
 */
public final class N5ArrayMetadata implements ArrayMetadata {
  private final N5DatasetAttributes dataset;
  private final ArraySpec spec;

  /**
   * The array a dataset's attributes describe. The data type's byte order is not kept (N5 records
   * only the type's name): a big-endian type becomes the little-endian one, as reading the document
   * back gives it.
   *
   * @param dataset the dataset's reserved attributes
   */
  public N5ArrayMetadata(N5DatasetAttributes dataset) {
    Objects.requireNonNull(dataset, "dataset");
    this.dataset =
        new N5DatasetAttributes(
            dataset.shape(),
            dataset.blockSize(),
            N5DataTypes.parse(N5DataTypes.name(dataset.dataType())),
            dataset.compression());
    this.spec =
        new ArraySpec(
            this.dataset.shape(),
            this.dataset.dataType(),
            this.dataset.chunkGrid(),
            this.dataset.chunkKeyEncoding(),
            this.dataset.fillValue(),
            CodecChain.of(this.dataset.blockCodec()),
            List.of());
  }

  /** The dataset's reserved attributes, Zarr order. */
  public N5DatasetAttributes dataset() {
    return dataset;
  }

  @Override
  public NodeFormat format() {
    return N5Format.INSTANCE;
  }

  @Override
  public ArraySpec spec() {
    return spec;
  }

  @Override
  public N5ArrayMetadata withShape(long[] shape) {
    return new N5ArrayMetadata(
        new N5DatasetAttributes(
            shape, dataset.blockSize(), dataset.dataType(), dataset.compression()));
  }

  /**
   * The numcodecs codec of the dataset's compression ({@code null} for {@code raw}); N5 Java's
   * {@code lz4} block stream reports as numcodecs' {@code LZ4}.
   */
  @Override
  public BytesToBytesCodec compressor() {
    return dataset.compression().numcodecsCodec();
  }

  /** None: N5 has no filters. */
  @Override
  public List<Codec> filters() {
    return List.of();
  }

  /** C: blocks hold their elements in Zarr's C order (N5's F order of the reversed shape). */
  @Override
  public MemoryOrder order() {
    return MemoryOrder.C;
  }

  /** None: N5 holds no object arrays. */
  @Override
  public ObjectCodec objectCodec() {
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof N5ArrayMetadata m && m.dataset.equals(dataset);
  }

  @Override
  public int hashCode() {
    return dataset.hashCode();
  }

  @Override
  public String toString() {
    return "N5ArrayMetadata" + dataset.toAttributes();
  }
}
