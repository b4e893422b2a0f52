package dev.zarr4j.store.gcs;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.StoreContractTest;

/**
 * The store contract on the client library's in-process fake of Google Cloud Storage ({@link
 * GcsFake}): each test gets a fake of its own and a store under a prefix in it, so that the prefix
 * is part of every key the contract checks.
 */
class GcsStoreContractTest extends StoreContractTest {
  private GcsFake fake;

  @Override
  protected Store createStore() {
    fake = new GcsFake();
    return GcsStore.open(fake.storage(), GcsFake.options("bucket", "t/data").build());
  }

  /** A new store on the same fake and prefix: the objects are still there. */
  @Override
  protected Store reopen() {
    return GcsStore.open(fake.storage(), GcsFake.options("bucket", "t/data").build());
  }

  /** The store's own read-only mode, on the same objects. */
  @Override
  protected Store createReadOnlyView(Store written) {
    return GcsStore.open(
        fake.storage(), GcsFake.options("bucket", "t/data").readOnly(true).build());
  }

  /**
   * An opened value is read with ifGenerationMatch on its generation; the fake keeps no
   * generations, so only the size is checked there: a replaced value may fail the read.
   */
  @Override
  protected boolean openedValuesSurviveChanges() {
    return false;
  }

  /** Fewer operations: each ranged read of the fake builds a client of its own. */
  @Override
  protected int randomOperations() {
    return 200;
  }
}
