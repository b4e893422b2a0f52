package dev.zarr4j.store.azure;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store contract on Azure Blob Storage (a real azurite, see {@link AzuriteTestServer}): each
 * test gets a container of its own and a store under a prefix in it, so that the prefix is part of
 * every blob name the contract checks.
 */
class AzureBlobStoreContractIT extends StoreContractTest {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private AzureBlobStoreOptions created;

  @Override
  protected Store createStore() {
    AzuriteTestServer server = AzuriteTestServer.get();
    created =
        server
            .options(server.newContainer())
            .prefix("t" + NEXT.incrementAndGet() + "/data")
            .build();
    return AzureBlobStore.open(created);
  }

  /** A new store on the same container and prefix: the blobs are still there. */
  @Override
  protected Store reopen() {
    return AzureBlobStore.open(created);
  }

  /** The store's own read-only mode, on the same blobs. */
  @Override
  protected Store createReadOnlyView(Store written) {
    return AzureBlobStore.open(created.toBuilder().readOnly(true).build());
  }

  /** An opened value is read with If-Match on its ETag: a replaced blob fails the read. */
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
