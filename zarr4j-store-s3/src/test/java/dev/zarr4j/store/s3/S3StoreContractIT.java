package dev.zarr4j.store.s3;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store contract on S3 (a real S3 server in this JVM, see {@link S3TestServer}): each test gets
 * a bucket of its own (the server lists a bucket by walking all of it), and a store under a prefix
 * in it, so that the prefix is part of every key the contract checks.
 */
class S3StoreContractIT extends StoreContractTest {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private S3StoreOptions created;

  @Override
  protected Store createStore() throws Exception {
    S3TestServer server = S3TestServer.get();
    created =
        server.options(server.newBucket()).prefix("t" + NEXT.incrementAndGet() + "/data").build();
    return S3Store.open(created);
  }

  /** A new store on the same bucket and prefix: the objects are still there. */
  @Override
  protected Store reopen() {
    return S3Store.open(created);
  }

  /** An opened value is read with If-Match on its ETag: a replaced object fails the read. */
  @Override
  protected boolean openedValuesSurviveChanges() {
    return false;
  }

  /** Fewer operations: each is a round trip. */
  @Override
  protected int randomOperations() {
    return 100;
  }
}
