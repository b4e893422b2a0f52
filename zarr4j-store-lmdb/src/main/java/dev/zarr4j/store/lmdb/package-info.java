/**
 * The LMDB store: {@link dev.zarr4j.store.lmdb.LMDBStore}, Zarr keys and values in an LMDB
 * environment with zarr-python's {@code zarr.LMDBStore} layout, and its provider for {@code lmdb:}
 * URLs ({@link dev.zarr4j.store.lmdb.LMDBStoreProvider}). On Java 17 the JVM needs {@value
 * dev.zarr4j.store.lmdb.LMDBStore#REQUIRED_JVM_FLAGS}.
 */
package dev.zarr4j.store.lmdb;
