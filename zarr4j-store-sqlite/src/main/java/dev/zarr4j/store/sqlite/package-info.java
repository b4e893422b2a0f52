/**
 * The SQLite store: {@link dev.zarr4j.store.sqlite.SQLiteStore}, Zarr keys and values in one SQLite
 * database file with zarr-python's {@code zarr.SQLiteStore} table layout, and its provider for
 * {@code sqlite:} URLs ({@link dev.zarr4j.store.sqlite.SQLiteStoreProvider}).
 */
package dev.zarr4j.store.sqlite;
