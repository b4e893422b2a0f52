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

  // The two hooks below are those of the contract's close-and-reopen and read-only-view checks
  // (being added to StoreContractTest): the store's own read-only mode on the same data.

  /** A new store on the same data. */
  protected Store reopen() {
    return new SQLiteStore(dir.resolve("contract.sqlite"));
  }

  /** The store's own read-only mode on the data {@code written} holds (closed first). */
  protected Store createReadOnlyView(Store written) {
    written.close();
    return new SQLiteStore(dir.resolve("contract.sqlite"), true);
  }
}
