package dev.zarr4j.store.redis;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreRoundTripTest;

/**
 * Zarr v2 and v3 (sharded) hierarchies on a real {@code redis-server}, read back through a new
 * store with its own connections on the same prefix once the first is closed; the small snapshot
 * threshold sends the sharded reads through server-side snapshots.
 */
class RedisStoreRoundTripTest extends StoreRoundTripTest {
  private RedisStore created;

  @Override
  protected Store createStore() {
    created = RedisServer.get().newStore().snapshotThreshold(64).build();
    return created;
  }

  @Override
  protected Store reopen() {
    RedisStore redis = created;
    return RedisStore.builder()
        .host("127.0.0.1")
        .port(RedisServer.get().port)
        .prefix(redis.prefix())
        .build();
  }
}
