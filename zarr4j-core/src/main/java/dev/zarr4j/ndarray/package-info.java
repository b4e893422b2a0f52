/**
 * N-dimensional arrays, their data types, and NumPy {@code .npy} file input and output.
 *
 * <p>{@link dev.zarr4j.ndarray.NpyHeader} reads and writes the header of a {@code .npy} file
 * exactly as NumPy does; the element data that follows it is raw bytes in the order and byte order
 * the header describes.
 */
package dev.zarr4j.ndarray;
