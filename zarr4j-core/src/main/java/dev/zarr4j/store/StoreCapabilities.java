package dev.zarr4j.store;

/**
 * What a store can do, so callers choose the cheapest way to use it; reported by {@link
 * ReadableStore#capabilities()}, so that a read-only store reports it too.
 *
 * @param writable values can be set and deleted
 * @param listable keys can be listed
 * @param partialReads byte ranges are served without reading the whole value
 * @param persistent values outlive the process (a file, a database, a server)
 * @param rename {@link WritableStore#rename} moves keys and prefixes (natively, or by copying each
 *     value and deleting the original); a store that cannot delete (a zip archive) or is read-only
 *     says false and its {@code rename} throws
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
    boolean rename,
    boolean latencyBound) {

  /**
   * The capabilities of a local store (not latency-bound) that renames exactly when it is writable
   * and listable (what {@link Store#rename}'s default needs: it lists, copies and deletes).
   */
  public StoreCapabilities(
      boolean writable, boolean listable, boolean partialReads, boolean persistent) {
    this(writable, listable, partialReads, persistent, writable && listable, false);
  }

  /** These capabilities with {@code rename} set as given. */
  public StoreCapabilities withRename(boolean rename) {
    return new StoreCapabilities(
        writable, listable, partialReads, persistent, rename, latencyBound);
  }

  /** These capabilities with {@code latencyBound} set as given. */
  public StoreCapabilities withLatencyBound(boolean latencyBound) {
    return new StoreCapabilities(
        writable, listable, partialReads, persistent, rename, latencyBound);
  }

  /** These capabilities without writes (nor renames): what a read-only view of the store can do. */
  public StoreCapabilities readOnly() {
    return new StoreCapabilities(false, listable, partialReads, persistent, false, latencyBound);
  }
}
