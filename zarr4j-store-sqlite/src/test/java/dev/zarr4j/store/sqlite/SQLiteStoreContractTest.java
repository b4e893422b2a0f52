package dev.zarr4j.store.sqlite;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link SQLiteStore} against the store contract, on a fresh database file per test. */
class SQLiteStoreContractTest extends StoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store createStore() {
    return new SQLiteStore(dir.resolve("contract.sqlite"));
  }
}
