package dev.zarr4j;

import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.store.Store;
import dev.zarr4j.sync.Synchronizer;

/**
 * Where a node lives and the options it shares with the other nodes opened through it: the store
 * (and the separate chunk store, or null when chunks live in the store), the node's path, its
 * format, the configuration its calls run with, whether it is read-only, whether it caches its
 * attributes and the synchronizer of its writes. A group passes its context to the members it
 * opens, {@linkplain #at(String) at their paths}.
 */
record NodeContext(
    Store store,
    Store chunkStore,
    String path,
    NodeFormat format,
    ZarrConfig config,
    boolean readOnly,
    boolean cacheAttrs,
    Synchronizer synchronizer) {

  /** This context at another path (already normalised). */
  NodeContext at(String otherPath) {
    return new NodeContext(
        store, chunkStore, otherPath, format, config, readOnly, cacheAttrs, synchronizer);
  }
}
