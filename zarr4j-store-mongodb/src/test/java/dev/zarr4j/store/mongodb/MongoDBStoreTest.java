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

  /**
   * 400 operations per seeded sequence instead of 1000: each is a round trip to the in-process
   * server (about a millisecond once warm, several before), and five seeds of 400 still reach every
   * operation many times.
   */
  @Override
  protected int randomOperations() {
    return 400;
  }
}
