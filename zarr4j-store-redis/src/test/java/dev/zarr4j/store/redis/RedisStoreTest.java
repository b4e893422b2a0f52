package dev.zarr4j.store.redis;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;

/**
 * The store contract on a real {@code redis-server}, each test under its own key prefix; values up
 * to 256 KiB are read whole when opened, larger ones through a server-side snapshot.
 */
class RedisStoreTest extends StoreContractTest {
  @Override
  protected Store createStore() {
    return RedisServer.get().newStore().build();
  }
}
