/**
 * N5's block format as a codec: {@link dev.zarr4j.codec.n5.N5BlockCodec} (the array-to-bytes stage
 * of an N5 dataset's chunks, zarr-python's {@code n5_wrapper}), its {@link
 * dev.zarr4j.codec.n5.N5BlockHeader}, the mapping between N5 {@code compression} objects and
 * zarr4j's compressors ({@link dev.zarr4j.codec.n5.N5Compression}), and N5's {@code lz4} in both of
 * its framings ({@link dev.zarr4j.codec.n5.N5Lz4}).
 */
package dev.zarr4j.codec.n5;
