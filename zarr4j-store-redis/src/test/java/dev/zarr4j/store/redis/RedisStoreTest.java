package dev.zarr4j.store.redis;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;

/**
 * The store contract on a real {@code redis-server}, each test under its own key prefix; values up
 * to 256 KiB are read whole when opened, larger ones through a server-side snapshot.
 */
class RedisStoreTest extends StoreContractTest {
  private String prefix;

  @Override
  protected Store createStore() {
    RedisStore s = RedisServer.get().newStore().build();
    prefix = s.prefix();
    return s;
  }

  /** A new store on the same server and key prefix. */
  @Override
  protected Store reopen() {
    return RedisServer.get().newStore().prefix(prefix).build();
  }
}
