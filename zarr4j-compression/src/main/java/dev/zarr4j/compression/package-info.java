/**
 * zarr4j's pure-Java compression library: LZ4 block and Zstandard frame codecs written in Java,
 * with no dependency beyond the JDK. This package holds what the formats share: {@link
 * dev.zarr4j.compression.DecompressionException}, thrown on input that cannot be decoded, the LZ77
 * {@link dev.zarr4j.compression.MatchCopier}, {@link dev.zarr4j.compression.XxHash64} and {@link
 * dev.zarr4j.compression.LittleEndian} word access.
 *
 * <p>The formats are in {@link dev.zarr4j.compression.lz4} and {@link dev.zarr4j.compression.zstd}.
 * Every decoder treats its input as possibly hostile: it reads and writes only within the ranges it
 * is given and reports malformed input as a {@link dev.zarr4j.compression.DecompressionException}
 * whose message starts with the name of the data. The classes know nothing of Zarr: zarr4j's codecs
 * choose between them and the native libraries, and turn a {@code DecompressionException} into
 * zarr4j's {@code CodecException}.
 */
package dev.zarr4j.compression;
