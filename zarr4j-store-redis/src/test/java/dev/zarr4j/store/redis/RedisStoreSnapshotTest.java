package dev.zarr4j.store.redis;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;

/**
 * The store contract with every opened value read through a server-side snapshot (threshold 0), so
 * that the snapshot path meets every read the contract makes.
 */
class RedisStoreSnapshotTest extends StoreContractTest {
  private String prefix;

  @Override
  protected Store createStore() {
    RedisStore s = RedisServer.get().newStore().snapshotThreshold(0).build();
    prefix = s.prefix();
    return s;
  }

  /** A new store on the same server and key prefix. */
  @Override
  protected Store reopen() {
    return RedisServer.get().newStore().snapshotThreshold(0).prefix(prefix).build();
  }
}
