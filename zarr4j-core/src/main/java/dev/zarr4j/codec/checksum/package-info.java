/**
 * Checksum codecs of numcodecs: {@link dev.zarr4j.codec.checksum.Crc32}, {@link
 * dev.zarr4j.codec.checksum.Adler32} and {@link dev.zarr4j.codec.checksum.Fletcher32}, and Zarr
 * v3's {@link dev.zarr4j.codec.checksum.Crc32c}. Each adds a 32-bit checksum to the chunk bytes
 * when encoding and verifies it when decoding; a mismatch is a {@link
 * dev.zarr4j.exceptions.CodecException} naming the codec and both checksums.
 */
package dev.zarr4j.codec.checksum;
