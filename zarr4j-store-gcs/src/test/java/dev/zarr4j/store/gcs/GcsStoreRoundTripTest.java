package dev.zarr4j.store.gcs;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreRoundTripTest;

/**
 * Arrays, groups, hierarchies (Zarr v2 and sharded v3), copy and consolidate through a GCS store,
 * read back through a second store on the same objects and through the store's own read-only mode,
 * on the client library's in-process fake ({@link GcsFake}).
 */
class GcsStoreRoundTripTest extends StoreRoundTripTest {
  private final GcsFake fake = new GcsFake();

  @Override
  protected Store createStore() {
    return GcsStore.open(fake.storage(), GcsFake.options("bucket", "rt/data.zarr").build());
  }

  @Override
  protected Store reopen() {
    return createStore();
  }

  @Override
  protected Store reopenReadOnly() {
    return GcsStore.open(
        fake.storage(), GcsFake.options("bucket", "rt/data.zarr").readOnly(true).build());
  }
}
