package dev.zarr4j.store.lmdb;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link LMDBStore} against the store contract, on a fresh environment per test. */
class LMDBStoreContractTest extends StoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store createStore() {
    return new LMDBStore(dir.resolve("contract.mdb"));
  }
}
