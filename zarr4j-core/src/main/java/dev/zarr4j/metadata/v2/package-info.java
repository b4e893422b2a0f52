/**
 * The Zarr v2 on-disk metadata documents ({@code .zarray}, {@code .zgroup}, {@code .zattrs}) read
 * into and written from the format-independent {@link dev.zarr4j.metadata.ArraySpec}, byte for byte
 * as zarr-python writes them.
 */
package dev.zarr4j.metadata.v2;
