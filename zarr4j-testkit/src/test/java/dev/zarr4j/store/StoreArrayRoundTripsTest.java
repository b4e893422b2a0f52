package dev.zarr4j.store;

import dev.zarr4j.testkit.StoreRoundTripTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Arrays, groups, copy and consolidate on each writable store zarr4j's core ships. */
class StoreArrayRoundTripsTest {

  @Nested
  class OnAMemoryStore extends StoreRoundTripTest {
    @Override
    protected Store createStore() {
      return new MemoryStore();
    }

    @Override
    protected Store reopen() {
      return store;
    }
  }

  @Nested
  class OnADirectoryStore extends StoreRoundTripTest {
    @TempDir Path tempDir;

    @Override
    protected Store createStore() {
      return new DirectoryStore(tempDir.resolve("rt.zarr"));
    }

    @Override
    protected Store reopen() {
      return new DirectoryStore(tempDir.resolve("rt.zarr"));
    }
  }

  @Nested
  class OnANestedDirectoryStore extends StoreRoundTripTest {
    @TempDir Path tempDir;

    @Override
    protected Store createStore() {
      return new NestedDirectoryStore(tempDir.resolve("rt.zarr"));
    }

    @Override
    protected Store reopen() {
      return new NestedDirectoryStore(tempDir.resolve("rt.zarr"));
    }
  }

  @Nested
  class OnATempStore extends StoreRoundTripTest {
    @Override
    protected Store createStore() {
      return new TempStore();
    }
  }
}
