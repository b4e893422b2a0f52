package dev.zarr4j.store.bdb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link DBMStore} against the store contract, on a fresh environment per test. */
class DBMStoreContractTest extends StoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store createStore() {
    return new DBMStore(dir.resolve("contract.bdb"));
  }
}
