package dev.zarr4j.store.redis;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;

/**
 * The store contract with every opened value read through a server-side snapshot (threshold 0), so
 * that the snapshot path meets every read the contract makes.
 */
class RedisStoreSnapshotTest extends StoreContractTest {
  @Override
  protected Store createStore() {
    return RedisServer.get().newStore().snapshotThreshold(0).build();
  }
}
