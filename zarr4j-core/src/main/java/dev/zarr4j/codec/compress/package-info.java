/**
 * numcodecs-compatible compressors: {@link dev.zarr4j.codec.compress.Zstd}, {@link
 * dev.zarr4j.codec.compress.Lz4}, {@link dev.zarr4j.codec.compress.Zlib} and {@link
 * dev.zarr4j.codec.compress.GZip}, and the {@link
 * dev.zarr4j.codec.compress.CompressionCodecProvider} that registers them (and Blosc) by numcodecs
 * id.
 *
 * <p>Zstd and LZ4 run on native libraries when they load and on pure-Java implementations
 * otherwise, or when {@link dev.zarr4j.codec.CodecBackend} forces it.
 */
package dev.zarr4j.codec.compress;
