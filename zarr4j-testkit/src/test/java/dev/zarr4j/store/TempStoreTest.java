package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.testkit.StoreContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempStoreTest extends StoreContractTest {

  @TempDir Path tempDir;

  @Override
  protected Store createStore() {
    return new TempStore("zarr4j-test-", ".zarr", tempDir, false);
  }

  TempStore temp() {
    return (TempStore) store;
  }

  @Test
  void theDirectoryIsFreshAndNamedWithPrefixAndSuffix() {
    Path root = temp().root();
    assertThat(root).isDirectory().isEmptyDirectory();
    assertThat(root.getParent()).isEqualTo(tempDir.toAbsolutePath().normalize());
    assertThat(root.getFileName().toString()).startsWith("zarr4j-test-").endsWith(".zarr");
    try (TempStore other = new TempStore("zarr4j-test-", ".zarr", tempDir, false)) {
      assertThat(other.root()).isNotEqualTo(root);
    }
  }

  @Test
  void theDefaultsUseTheSystemTemporaryDirectory() throws Exception {
    try (TempStore defaults = new TempStore()) {
      assertThat(defaults.root().getParent())
          .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize());
      assertThat(defaults.root().getFileName().toString()).startsWith("zarr");
      if (Files.getFileStore(defaults.root()).supportsFileAttributeView("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaults.root())))
            .isEqualTo("rwx------");
      }
    }
  }

  @Test
  void closeDeletesTheDirectoryWithEverythingInIt() {
    Path root = temp().root();
    store.set("a/b/c", new byte[10]);
    store.set(".zgroup", new byte[2]);
    store.close();
    assertThat(root).doesNotExist();
    store.close();
    assertThat(tempDir).isEmptyDirectory();
  }

  @Test
  void uncloseStoresAreDeletedAtJvmExit() throws Exception {
    Path root;
    try (ChildJvm child = ChildJvm.start(ExitingTempStoreOwner.class)) {
      String line = child.readLine();
      assertThat(line).as("child output").isNotNull();
      root = Path.of(line);
      assertThat(child.waitFor()).isZero();
    }
    assertThat(root.getFileName().toString()).startsWith("zarr4j-exit-");
    assertThat(root).doesNotExist();
  }

  @Test
  void isNotPersistent() {
    assertThat(store.capabilities()).isEqualTo(new StoreCapabilities(true, true, true, false));
  }

  @Test
  void serializesAsADirectoryStoreThatDoesNotOwnTheDirectory() throws Exception {
    store.set("k", new byte[] {7});
    Object copy = MemoryStoreTest.roundTrip(store);
    assertThat(copy.getClass()).isEqualTo(DirectoryStore.class);
    DirectoryStore restored = (DirectoryStore) copy;
    assertThat(restored.root()).isEqualTo(temp().root());
    restored.close();
    assertThat(temp().root()).isDirectory();
    assertThat(bytesOf(store.get("k"))).containsExactly(7);
  }

  @Test
  void prefixesWithSeparatorsAreRejected() {
    assertThatThrownBy(() -> new TempStore("a/b", "", tempDir, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TempStore("", "x\\y", tempDir, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
