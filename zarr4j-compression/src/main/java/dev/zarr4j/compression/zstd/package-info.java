/**
 * Zstandard (RFC 8878): {@link dev.zarr4j.compression.zstd.ZstdDecoder} decodes every frame feature
 * but dictionaries, {@link dev.zarr4j.compression.zstd.ZstdFastEncoder} writes frames with zstd's
 * "fast" strategy (levels up to 2 and negative levels), and {@link
 * dev.zarr4j.compression.zstd.ZstdFrames} reads the decoded size from frame headers without
 * decoding. The other classes are the entropy coders and tables behind them and are not public.
 */
package dev.zarr4j.compression.zstd;
