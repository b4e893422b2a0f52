/**
 * zarr-python's {@code zarr.convenience} functions in {@link dev.zarr4j.convenience.Convenience}:
 * opening whatever is at a path, saving and loading NumPy-style, copying arrays and groups between
 * hierarchies ({@link dev.zarr4j.convenience.CopyOptions}) or stored bytes between stores ({@link
 * dev.zarr4j.convenience.CopyStoreOptions}), consolidating a hierarchy's metadata into one document
 * and opening it from there, and migrating format 1 arrays. {@link
 * dev.zarr4j.convenience.LazyLoader} is what loading a group returns.
 */
package dev.zarr4j.convenience;
