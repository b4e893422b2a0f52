package dev.zarr4j.store.gcs;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreHierarchyRoundTripTest;

/**
 * Zarr v2 and v3 hierarchies (sharding included) on a GCS store, read back through a second store
 * on the same objects, on the client library's in-process fake ({@link GcsFake}).
 */
class GcsStoreHierarchyRoundTripTest extends StoreHierarchyRoundTripTest {
  private final GcsFake fake = new GcsFake();

  @Override
  protected Store createStore() {
    return GcsStore.open(fake.storage(), GcsFake.options("bucket", "h/data.zarr").build());
  }

  @Override
  protected Store reopen(Store store) {
    return GcsStore.open(fake.storage(), GcsFake.options("bucket", "h/data.zarr").build());
  }
}
