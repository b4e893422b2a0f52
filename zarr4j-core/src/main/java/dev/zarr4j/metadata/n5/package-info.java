/**
 * The N5 format's metadata (<a href="https://github.com/saalfeldlab/n5">N5</a>, as zarr-python 2's
 * {@code N5Store} and {@code N5FSStore} read and write it): the {@code attributes.json} document of
 * every node ({@link dev.zarr4j.metadata.n5.N5Attributes}), a dataset's reserved attributes in Zarr
 * order ({@link dev.zarr4j.metadata.n5.N5DatasetAttributes}), the {@code dataType} names ({@link
 * dev.zarr4j.metadata.n5.N5DataTypes}) and N5's block keys ({@link
 * dev.zarr4j.metadata.n5.N5ChunkKeyEncoding}). The block format and compressions are in {@link
 * dev.zarr4j.codec.n5}.
 */
package dev.zarr4j.metadata.n5;
