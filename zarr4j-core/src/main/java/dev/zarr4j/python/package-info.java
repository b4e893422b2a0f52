/**
 * Text as zarr-python and NumPy write it: JSON documents laid out as zarr-python writes metadata
 * ({@link dev.zarr4j.python.PythonJson}: sorted keys, four-space indent, {@code NaN} and
 * infinities, text as Python escapes it), Python's shortest float repr ({@link
 * dev.zarr4j.python.PythonFloat}) and Python's tuple and string reprs ({@link
 * dev.zarr4j.python.PythonText}). Byte-for-byte agreement with zarr-python's documents and printed
 * reports rests on these.
 */
package dev.zarr4j.python;
