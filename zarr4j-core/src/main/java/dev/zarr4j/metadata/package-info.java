/**
 * The format-independent model of an array ({@link dev.zarr4j.metadata.ArraySpec}: shape, data
 * type, chunk grid, chunk key encoding, fill value, codec chain) that every on-disk metadata format
 * is normalised into, and the format seam: {@link dev.zarr4j.metadata.NodeFormat} (one per format,
 * found by {@link java.util.ServiceLoader} through {@link dev.zarr4j.metadata.NodeFormats}: Zarr v2
 * in {@code .v2}, N5 in {@code .n5}; Zarr v3 later) and {@link dev.zarr4j.metadata.ArrayMetadata}.
 */
package dev.zarr4j.metadata;
