/**
 * Internal helpers shared by zarr4j's compressor codecs: raw LZ4, Zstandard, deflate and Snappy
 * blocks on their native or pure-Java backends, strict configuration reading, byte-order access.
 * Not part of the public API: it may change without notice.
 */
package dev.zarr4j.internal.codec;
