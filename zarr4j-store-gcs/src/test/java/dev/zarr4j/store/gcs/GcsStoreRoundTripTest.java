package dev.zarr4j.store.gcs;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreRoundTripTest;
import java.nio.file.Path;

/**
 * Arrays and groups through a GCS store closed and opened again, read-only the second time (the
 * store's own read-only mode), on the client library's in-process fake ({@link GcsFake}); the
 * location's name becomes the object prefix.
 */
class GcsStoreRoundTripTest extends StoreRoundTripTest {
  private final GcsFake fake = new GcsFake();

  @Override
  protected Store openStore(Path location, boolean readOnly) {
    return GcsStore.open(
        fake.storage(),
        GcsFake.options("bucket", "rt/" + location.getFileName()).readOnly(readOnly).build());
  }
}
