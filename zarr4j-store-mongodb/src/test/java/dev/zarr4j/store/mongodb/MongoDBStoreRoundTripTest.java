package dev.zarr4j.store.mongodb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreRoundTripTest;

/**
 * Zarr v2 and v3 (sharded) hierarchies on mongo-java-server, read back through a new store with its
 * own client on the same collection once the first is closed.
 */
class MongoDBStoreRoundTripTest extends StoreRoundTripTest {
  private MongoDBStore created;

  @Override
  protected Store createStore() {
    created = MongoServerForTests.newStore().build();
    return created;
  }

  @Override
  protected Store reopen() {
    MongoDBStore mongo = created;
    return MongoDBStore.builder()
        .connectionString(MongoServerForTests.connectionString())
        .database(mongo.database())
        .collection(mongo.collection())
        .build();
  }
}
