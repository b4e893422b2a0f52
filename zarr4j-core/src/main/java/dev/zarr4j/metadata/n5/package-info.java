/**
 * The N5 format (<a href="https://github.com/saalfeldlab/n5">N5</a>, as zarr-python 2's {@code
 * N5Store} and {@code N5FSStore} read and write it): {@link dev.zarr4j.metadata.n5.N5Format}, the
 * {@link dev.zarr4j.metadata.NodeFormat} registered for it (name {@code "n5"}); the array model of
 * a dataset ({@link dev.zarr4j.metadata.n5.N5ArrayMetadata}); the {@code attributes.json} document
 * of every node ({@link dev.zarr4j.metadata.n5.N5Attributes}), a dataset's reserved attributes in
 * Zarr order ({@link dev.zarr4j.metadata.n5.N5DatasetAttributes}), the {@code dataType} names
 * ({@link dev.zarr4j.metadata.n5.N5DataTypes}) and N5's block keys ({@link
 * dev.zarr4j.metadata.n5.N5ChunkKeyEncoding}). The block format and compressions are in {@link
 * dev.zarr4j.codec.n5}. Nothing outside these two packages names them: arrays, groups and the
 * convenience functions reach N5 through the format seam.
 */
package dev.zarr4j.metadata.n5;
