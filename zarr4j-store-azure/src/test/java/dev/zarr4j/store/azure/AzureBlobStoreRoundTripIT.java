package dev.zarr4j.store.azure;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreRoundTripTest;

/**
 * Arrays, groups, hierarchies (Zarr v2 and sharded v3), copy and consolidated metadata on Azure
 * Blob Storage (a real azurite, see {@link AzuriteTestServer}), each test in a container of its own
 * under a prefix, read back through a second store on the same blobs and through the store's own
 * read-only mode.
 */
class AzureBlobStoreRoundTripIT extends StoreRoundTripTest {
  private AzureBlobStoreOptions created;

  @Override
  protected Store createStore() {
    AzuriteTestServer server = AzuriteTestServer.get();
    created = server.options(server.newContainer()).prefix("round/trip.zarr").build();
    return AzureBlobStore.open(created);
  }

  @Override
  protected Store reopen() {
    return AzureBlobStore.open(created);
  }

  @Override
  protected Store reopenReadOnly() {
    return AzureBlobStore.open(created.toBuilder().readOnly(true).build());
  }
}
