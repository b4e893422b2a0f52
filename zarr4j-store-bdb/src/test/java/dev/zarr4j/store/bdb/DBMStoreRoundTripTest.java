package dev.zarr4j.store.bdb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreRoundTripTest;
import java.nio.file.Path;

/** Arrays and groups (Zarr v2, v3, sharded v3) through a {@link DBMStore} closed and reopened. */
class DBMStoreRoundTripTest extends StoreRoundTripTest {
  @Override
  protected Store openStore(Path location, boolean readOnly) {
    return new DBMStore(location, readOnly);
  }
}
