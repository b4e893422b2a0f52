package dev.zarr4j.store;

/**
 * What a store can do, so callers choose the cheapest way to use it; reported by {@link
 * ReadableStore#capabilities()}, so that a read-only store reports it too.
 *
 * @param writable values can be set and deleted
 * @param listable keys can be listed
 * @param partialReads byte ranges are served without reading the whole value
 * @param persistent values outlive the process (a file, a database, a server)
 */
public record StoreCapabilities(
    boolean writable, boolean listable, boolean partialReads, boolean persistent) {}
