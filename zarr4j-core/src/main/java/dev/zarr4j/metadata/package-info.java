/**
 * The format-independent model of an array ({@link dev.zarr4j.metadata.ArraySpec}) that every
 * on-disk metadata format (v2 now; v3 and N5 later) is normalised into.
 */
package dev.zarr4j.metadata;
