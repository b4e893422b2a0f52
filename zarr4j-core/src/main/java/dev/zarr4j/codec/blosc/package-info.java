/**
 * The Blosc compressor ({@link dev.zarr4j.codec.blosc.Blosc}), a Java implementation of the Blosc1
 * frame format written and read by c-blosc 1.x and numcodecs: 16-byte header, block offset table,
 * per-block byte or bit shuffle, per-byte-of-item stream split, and the blosclz, lz4, lz4hc,
 * snappy, zlib and zstd inner compressors. No native Blosc library is needed; lz4 and zstd use
 * their native libraries when available (see {@link dev.zarr4j.codec.CodecBackend}).
 */
package dev.zarr4j.codec.blosc;
