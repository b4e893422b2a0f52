/**
 * Internal helpers shared by zarr4j's compressor codecs: raw LZ4, Zstandard, deflate and Snappy
 * blocks on their native or pure-Java backends, strict configuration reading, buffer helpers. The
 * pure-Java LZ4 and Zstandard implementations are the {@code zarr4j-compression} module ({@link
 * dev.zarr4j.compression}); the classes here choose between them and the native libraries and turn
 * their {@link dev.zarr4j.compression.DecompressionException} into a {@link
 * dev.zarr4j.exceptions.CodecException} with the same message. Not part of the public API: it may
 * change without notice.
 */
package dev.zarr4j.internal.codec;
