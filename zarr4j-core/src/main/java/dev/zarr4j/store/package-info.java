/**
 * Key-value stores holding Zarr metadata and chunks, and the contract they share.
 *
 * <p>A {@link dev.zarr4j.store.Store} maps validated {@code /}-separated keys (see {@link
 * dev.zarr4j.store.StoreKeys}) to byte values. Reading a missing key yields {@link
 * java.util.Optional#empty()}; reads may ask for a {@link dev.zarr4j.store.ByteRange}; a store
 * describes what it can do with {@link dev.zarr4j.store.StoreCapabilities}. Every store is
 * thread-safe.
 *
 * <p>The local stores are {@link dev.zarr4j.store.MemoryStore} (in memory, serialisable with its
 * data), {@link dev.zarr4j.store.DirectoryStore} (one file per key, atomic writes, the layout
 * zarr-python uses), {@link dev.zarr4j.store.NestedDirectoryStore} (the same, with nested chunk
 * directories by default) and {@link dev.zarr4j.store.TempStore} (a directory store deleted on
 * close). The {@code zarr4j-testkit} artifact's {@code StoreContractTest} checks any implementation
 * against this contract.
 */
package dev.zarr4j.store;
