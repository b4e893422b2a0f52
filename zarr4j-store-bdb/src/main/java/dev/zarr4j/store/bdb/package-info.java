/**
 * The embedded B-tree store: {@link dev.zarr4j.store.bdb.DBMStore}, zarr-python's {@code
 * zarr.DBMStore} on Berkeley DB Java Edition (not file-compatible with Python's {@code dbm} or
 * Berkeley DB files), and its provider for {@code bdb:} URLs ({@link
 * dev.zarr4j.store.bdb.DBMStoreProvider}).
 */
package dev.zarr4j.store.bdb;
