package dev.zarr4j.store.azure;

import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.ZarrPythonStoreInterop;

/**
 * Hierarchies shared with zarr-python 2's {@code ABSStore} through one azurite container and prefix
 * (zarr-python on Debian's {@code python3-azure}, whose {@code azure.storage.blob} it needs):
 * zarr4j writes and zarr-python reads, and the reverse. Skipped without zarr-python and {@code
 * azure.storage.blob}, or azurite, unless {@code -Dzarr4j.interop.required=true}.
 */
class AzureBlobStoreInteropIT extends ZarrPythonStoreInterop {
  private String container;

  @Override
  protected Store createStore() {
    AzuriteTestServer server = AzuriteTestServer.get();
    container = server.newContainer();
    return AzureBlobStore.open(server.options(container).prefix("shared/data.zarr").build());
  }

  /** zarr-python's ABSStore on the same container and prefix, through a connection string. */
  @Override
  protected String pythonStore() {
    return "zarr.ABSStore(container='"
        + container
        + "', prefix='shared/data.zarr', client=__import__('azure.storage.blob',"
        + " fromlist=['ContainerClient']).ContainerClient.from_connection_string('"
        + AzuriteTestServer.get().connectionString()
        + "', '"
        + container
        + "'))";
  }

  @Override
  protected String[] pythonModules() {
    return new String[] {"azure.storage.blob"};
  }
}
