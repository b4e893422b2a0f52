package dev.zarr4j.store.redis;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.ZarrPythonStoreInterop;

/**
 * Hierarchies shared with zarr-python 2's {@code zarr.RedisStore} on one real {@code redis-server},
 * both ways. Needs Debian's python3-zarr and python3-redis (skipped without them unless {@code
 * -Dzarr4j.interop.required=true}).
 */
class RedisStoreZarrPythonIT extends ZarrPythonStoreInterop {
  private RedisStore redis;

  @Override
  protected Store createStore() {
    redis = RedisServer.get().newStore().build();
    return redis;
  }

  @Override
  protected String pythonStore() {
    return "zarr.RedisStore(prefix='"
        + redis.prefix()
        + "', host='127.0.0.1', port="
        + RedisServer.get().port
        + ")";
  }

  @Override
  protected String[] pythonModules() {
    return new String[] {"redis"};
  }
}
