package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.testkit.StoreContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestedDirectoryStoreTest extends StoreContractTest {

  @TempDir Path tempDir;
  Path root;

  @Override
  protected Store createStore() {
    root = tempDir.resolve("nested.zarr");
    return new NestedDirectoryStore(root);
  }

  @Override
  protected Store reopen() {
    return new NestedDirectoryStore(root);
  }

  /**
   * The shared fixtures directory: the system property {@code zarr4j.fixtures}, else the first
   * {@code shared/fixtures} found above the working directory.
   */
  static Path fixtures() {
    String configured = System.getProperty("zarr4j.fixtures");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/fixtures");
      if (Files.isRegularFile(candidate.resolve("manifest.json"))) {
        return candidate;
      }
    }
    return null;
  }

  static Path fixture(String relative) {
    Path dir = fixtures();
    Assumptions.assumeTrue(dir != null, "shared/fixtures not found (set -Dzarr4j.fixtures)");
    Path path = dir.resolve(relative);
    Assumptions.assumeTrue(Files.isDirectory(path), () -> path + " not found");
    return path;
  }

  @Test
  void arraysCreatedHereNestTheirChunksByDefault() {
    assertThat(((DimensionSeparatorDefault) store).defaultDimensionSeparator()).isEqualTo("/");
    assertThat(new DirectoryStore(root)).isNotInstanceOf(DimensionSeparatorDefault.class);
  }

  @Test
  void keysAreNotRewritten() throws IOException {
    // zarr-python 2.13 stores every key verbatim; only the array layer chooses '/' or '.'
    store.set("arr/0.0", new byte[] {1});
    store.set("arr/1/0", new byte[] {2});
    store.set("foo/10.20.30", new byte[] {3});
    store.set("42", new byte[] {4});
    assertThat(DirectoryStoreTest.filesBelow(root))
        .containsExactly("42", "arr/0.0", "arr/1/0", "foo/10.20.30");
    assertThat(store.get("arr/0/0")).isEmpty();
    assertThat(store.get("arr/1.0")).isEmpty();
    assertThat(bytesOf(store.get("foo/10.20.30"))).containsExactly(3);
  }

  @Test
  void listDirOfAnArrayFollowsTheContractNotZarrPythonsDottedNames() {
    store.set("arr/.zarray", new byte[1]);
    store.set("arr/0/0", new byte[1]);
    store.set("arr/0/1", new byte[1]);
    store.set("arr/1/0", new byte[1]);
    assertThat(store.listDir("arr")).containsExactly(".zarray", "0", "1");
    assertThat(store.listPrefix("arr"))
        .containsExactly("arr/.zarray", "arr/0/0", "arr/0/1", "arr/1/0");
  }

  @Test
  void readsTheNestedArrayZarrPythonWrote() throws IOException {
    Path dir = fixture("zarr-python-v2-fixture/fixture/nested");
    try (NestedDirectoryStore fixture = new NestedDirectoryStore(dir)) {
      assertThat(fixture.listPrefix("")).containsExactly(".zarray", "0/0");
      assertThat(new String(bytesOf(fixture.get(".zarray")), "UTF-8"))
          .contains("\"dimension_separator\": \"/\"");
      assertThat(bytesOf(fixture.get("0/0"))).isEqualTo(Files.readAllBytes(dir.resolve("0/0")));
    }
  }

  @Test
  void readsTheLegacyNestedArrayWithTheDefaultSeparator() throws IOException {
    // written before zarr-python 2.8: no dimension_separator in .zarray, chunks nested anyway
    Path dir = fixture("zarr-python-v2-fixture/fixture/nested_legacy");
    try (NestedDirectoryStore fixture = new NestedDirectoryStore(dir)) {
      assertThat(new String(bytesOf(fixture.get(".zarray")), "UTF-8"))
          .doesNotContain("dimension_separator");
      String chunk00 = String.join(fixture.defaultDimensionSeparator(), "0", "0");
      assertThat(bytesOf(fixture.get(chunk00))).isEqualTo(Files.readAllBytes(dir.resolve("0/0")));
      assertThat(fixture.get("0.0")).as("the flat key names no file").isEmpty();
    }
  }

  @Test
  void serializesAsANestedStore() throws Exception {
    Object copy = MemoryStoreTest.roundTrip(store);
    assertThat(copy).isInstanceOf(NestedDirectoryStore.class).isEqualTo(store);
    assertThat(((DimensionSeparatorDefault) copy).defaultDimensionSeparator()).isEqualTo("/");
  }
}
