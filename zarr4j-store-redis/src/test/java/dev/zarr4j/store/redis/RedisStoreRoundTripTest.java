package dev.zarr4j.store.redis;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreHierarchyRoundTripTest;

/**
 * Zarr v2 and v3 (sharded) hierarchies on a real {@code redis-server}, read back through a second
 * store with its own connections on the same prefix; the small snapshot threshold sends the sharded
 * reads through server-side snapshots.
 */
class RedisStoreRoundTripTest extends StoreHierarchyRoundTripTest {
  @Override
  protected Store createStore() {
    return RedisServer.get().newStore().snapshotThreshold(64).build();
  }

  @Override
  protected Store reopen(Store store) {
    RedisStore redis = (RedisStore) store;
    return RedisStore.builder()
        .host("127.0.0.1")
        .port(RedisServer.get().port)
        .prefix(redis.prefix())
        .build();
  }
}
