/**
 * Locks that make concurrent partial-chunk writes and metadata changes safe, as zarr-python's
 * synchronizers: {@link dev.zarr4j.sync.ThreadSynchronizer} among the threads of one JVM, {@link
 * dev.zarr4j.sync.ProcessSynchronizer} among processes (zarr-python's included) through lock files.
 */
package dev.zarr4j.sync;
