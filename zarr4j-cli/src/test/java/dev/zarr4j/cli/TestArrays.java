package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import java.nio.file.Path;
import java.util.Map;

/** Arrays the CLI tests start from. */
final class TestArrays {
  private TestArrays() {}

  /**
   * Writes a 12 x 10 int32 array (chunks 5 x 4, values 0..119) at {@code g/a} of a directory store
   * at {@code storeDir}, with the given attributes, and returns its values.
   */
  static NdArray writeIntArray(Path storeDir, Map<String, Object> attrs) {
    NdArray a = NdArray.arange(DataType.INT32, 12 * 10, 12, 10);
    try (DirectoryStore store = new DirectoryStore(storeDir)) {
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .store(store)
                  .path("g/a")
                  .shape(12, 10)
                  .chunks(5, 4)
                  .dtype("<i4")
                  .build());
      z.set(a);
      attrs.forEach((k, v) -> z.attrs().put(k, v));
    }
    return a;
  }
}
