package dev.zarr4j.store.mongodb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;

/**
 * The store contract on a real MongoDB wire-protocol server (mongo-java-server, in-process), each
 * test in its own collection.
 */
class MongoDBStoreTest extends StoreContractTest {
  @Override
  protected Store createStore() {
    return MongoServerForTests.newStore().build();
  }
}
