/**
 * Raw LZ4 blocks (the block format alone, without LZ4's frame): {@link
 * dev.zarr4j.compression.lz4.Lz4BlockEncoder}, LZ4's fast mode with its acceleration setting, and
 * {@link dev.zarr4j.compression.lz4.Lz4BlockDecoder}, which checks every length and offset before
 * it is used.
 */
package dev.zarr4j.compression.lz4;
