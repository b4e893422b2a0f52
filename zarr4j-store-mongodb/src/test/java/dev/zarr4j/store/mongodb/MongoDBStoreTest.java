package dev.zarr4j.store.mongodb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;

/**
 * The store contract on a real MongoDB wire-protocol server (mongo-java-server, in-process), each
 * test in its own collection.
 */
class MongoDBStoreTest extends StoreContractTest {
  private String collection;

  @Override
  protected Store createStore() {
    MongoDBStore s = MongoServerForTests.newStore().build();
    collection = s.collection();
    return s;
  }

  /** A new store on the same collection. */
  @Override
  protected Store reopen() {
    return MongoServerForTests.newStore().collection(collection).build();
  }

  /** The largest value one document holds under the contract's key (MongoDB's 16 MiB limit). */
  @Override
  protected int largeValueSize() {
    return MongoDBStore.maxValueSize("large/c/0/0");
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
