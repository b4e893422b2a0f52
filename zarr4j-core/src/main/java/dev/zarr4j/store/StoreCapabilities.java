package dev.zarr4j.store;

/**
 * What a store can do, so callers choose the cheapest way to use it; reported by {@link
 * ReadableStore#capabilities()}, so that a read-only store reports it too.
 *
 * @param writable values can be set and deleted
 * @param listable keys can be listed
 * @param partialReads byte ranges are served without reading the whole value
 * @param persistent values outlive the process (a file, a database, a server)
 * @param latencyBound each read waits on a network round trip far longer than it takes to decode
 *     what it returns (an object store, a web server), and the store serves a batched {@link
 *     ReadableStore#getMany} with many requests in flight at once: callers reading many values ask
 *     for them together rather than one by one. False for memory and local file stores.
 */
public record StoreCapabilities(
    boolean writable,
    boolean listable,
    boolean partialReads,
    boolean persistent,
    boolean latencyBound) {

  /** The capabilities of a store that is not latency-bound (a local store). */
  public StoreCapabilities(
      boolean writable, boolean listable, boolean partialReads, boolean persistent) {
    this(writable, listable, partialReads, persistent, false);
  }

  /** These capabilities without writes: what a read-only view of the same store can do. */
  public StoreCapabilities readOnly() {
    return new StoreCapabilities(false, listable, partialReads, persistent, latencyBound);
  }
}
