package dev.zarr4j.store.sqlite;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreRoundTripTest;
import java.nio.file.Path;

/**
 * Arrays and groups (Zarr v2, v3, sharded v3) through a {@link SQLiteStore} closed and reopened
 * (read-only too).
 */
class SQLiteStoreRoundTripTest extends StoreRoundTripTest {
  private Path location() {
    return dir.resolve("round-trip");
  }

  @Override
  protected Store createStore() {
    return new SQLiteStore(location(), false);
  }

  @Override
  protected Store reopen() {
    return new SQLiteStore(location(), false);
  }

  @Override
  protected Store reopenReadOnly() {
    return new SQLiteStore(location(), true);
  }
}
