package dev.zarr4j.store.azure;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreArrayRoundTripTest;

/**
 * Arrays, groups, copy and consolidated metadata on Azure Blob Storage (a real azurite, see {@link
 * AzuriteTestServer}), each test in a container of its own under a prefix, reopened by a second
 * store on the same blobs.
 */
class AzureBlobStoreArrayRoundTripIT extends StoreArrayRoundTripTest {
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
}
