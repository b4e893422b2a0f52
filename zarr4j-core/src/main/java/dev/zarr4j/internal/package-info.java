/**
 * Implementation details shared across packages (chunk executor, strided and raw-byte copies, the
 * per-array chunk codec). Not part of the API: anything here may change without notice.
 */
package dev.zarr4j.internal;
