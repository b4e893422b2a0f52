/**
 * Key-value stores holding Zarr metadata and chunks, and the contract they share.
 *
 * <p>A {@link dev.zarr4j.store.Store} maps validated {@code /}-separated keys (see {@link
 * dev.zarr4j.store.StoreKeys}) to byte values. Reading a missing key yields {@link
 * java.util.Optional#empty()}. Every store is thread-safe.
 *
 * <p><b>Reading</b> goes through one seam, {@link dev.zarr4j.store.ReadableStore#open}: it opens a
 * value as a {@link dev.zarr4j.store.ByteSource} (its size, any {@link dev.zarr4j.store.ByteRange},
 * a batch of ranges, packed {@link dev.zarr4j.store.ByteRuns}), and every read of one source sees
 * the same version of the value. Ranged and whole reads, reads into a caller's buffer ({@code
 * getInto}), batched reads of {@link dev.zarr4j.store.KeyRange}s of many keys ({@code getMany}),
 * {@code contains} and {@code size} are defaults built on it, and a store describes what it can do
 * with {@link dev.zarr4j.store.StoreCapabilities} on the same readable side. A read-only store is a
 * {@link dev.zarr4j.store.ReadableStore} only; a {@code Store} adds {@link
 * dev.zarr4j.store.WritableStore} and {@link dev.zarr4j.store.ListableStore}.
 *
 * <p>The local stores are {@link dev.zarr4j.store.MemoryStore} (in memory, serialisable with its
 * data), {@link dev.zarr4j.store.DirectoryStore} (one file per key, atomic writes, the layout
 * zarr-python uses), {@link dev.zarr4j.store.NestedDirectoryStore} (the same, with nested chunk
 * directories by default), {@link dev.zarr4j.store.TempStore} (a directory store deleted on close)
 * {@link dev.zarr4j.store.ConsolidatedMetadataStore} (a hierarchy's metadata from one consolidated
 * document), {@link dev.zarr4j.store.MapStore} (any {@code Map<String, byte[]>}) and {@link
 * dev.zarr4j.store.ZipStore} (a ZIP archive). Wrappers: {@link dev.zarr4j.store.ReadOnlyStore},
 * {@link dev.zarr4j.store.LoggingStore} (records every operation) and {@link
 * dev.zarr4j.store.LruCacheStore} (keeps recent values and listings in memory). The {@code
 * zarr4j-testkit} artifact's {@code StoreContractTest} checks any implementation against this
 * contract.
 *
 * <p><b>URLs.</b> {@link dev.zarr4j.store.Stores#open(String, java.util.Map)} opens a store from a
 * URL or a path, with storage options, through the {@link dev.zarr4j.store.StoreProvider} that
 * {@link java.util.ServiceLoader} finds for the URL's scheme or a path's ending; the core provides
 * {@code file:} and plain paths ({@link dev.zarr4j.store.FileStoreProvider}) and {@code zip:},
 * {@code zip::<url>} and {@code *.zip} ({@link dev.zarr4j.store.ZipStoreProvider}).
 */
package dev.zarr4j.store;
