package dev.zarr4j.store.mongodb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreHierarchyRoundTripTest;

/**
 * Zarr v2 and v3 (sharded) hierarchies on mongo-java-server, read back through a second store with
 * its own client on the same collection.
 */
class MongoDBStoreRoundTripTest extends StoreHierarchyRoundTripTest {
  @Override
  protected Store createStore() {
    return MongoServerForTests.newStore().build();
  }

  @Override
  protected Store reopen(Store store) {
    MongoDBStore mongo = (MongoDBStore) store;
    return MongoDBStore.builder()
        .connectionString(MongoServerForTests.connectionString())
        .database(mongo.database())
        .collection(mongo.collection())
        .build();
  }
}
