package dev.zarr4j.store.mongodb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.ZarrPythonStoreInterop;

/**
 * Hierarchies shared with zarr-python 2's {@code zarr.MongoDBStore} (pymongo) through
 * mongo-java-server listening on a loopback port, both ways. Needs Debian's python3-zarr and
 * python3-pymongo (skipped without them unless {@code -Dzarr4j.interop.required=true}).
 */
class MongoDBStoreZarrPythonIT extends ZarrPythonStoreInterop {
  private MongoDBStore mongo;

  @Override
  protected Store createStore() {
    mongo = MongoServerForTests.newStore().build();
    return mongo;
  }

  @Override
  protected String pythonStore() {
    return "zarr.MongoDBStore(database='"
        + mongo.database()
        + "', collection='"
        + mongo.collection()
        + "', host='127.0.0.1', port="
        + MongoServerForTests.address().getPort()
        + ")";
  }

  @Override
  protected String[] pythonModules() {
    return new String[] {"pymongo"};
  }
}
