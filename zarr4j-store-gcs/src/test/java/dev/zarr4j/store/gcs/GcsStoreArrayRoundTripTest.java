package dev.zarr4j.store.gcs;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreArrayRoundTripTest;

/**
 * Arrays, groups, copy, consolidate and move on a GCS store, and the hierarchy opened again from a
 * second store on the same objects, on the client library's in-process fake ({@link GcsFake}).
 */
class GcsStoreArrayRoundTripTest extends StoreArrayRoundTripTest {
  private final GcsFake fake = new GcsFake();

  @Override
  protected Store createStore() {
    return GcsStore.open(fake.storage(), GcsFake.options("bucket", "arrays").build());
  }

  @Override
  protected Store reopen() {
    return GcsStore.open(fake.storage(), GcsFake.options("bucket", "arrays").build());
  }
}
