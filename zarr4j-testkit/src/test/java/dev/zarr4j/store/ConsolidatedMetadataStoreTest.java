package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.ReadOnlyException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read seam of the consolidated view: metadata from memory, every other key from below. */
class ConsolidatedMetadataStoreTest {

  @TempDir Path tempDir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytesOf(Optional<ByteBuffer> value) {
    return value
        .map(
            b -> {
              byte[] out = new byte[b.remaining()];
              b.duplicate().get(out);
              return out;
            })
        .orElse(null);
  }

  private static DirectoryStore underlying(Path root) {
    DirectoryStore store = new DirectoryStore(root);
    store.set(
        ".zmetadata",
        utf8(
            "{\"metadata\": {\".zgroup\": {\"zarr_format\": 2},"
                + " \"a/.zarray\": {\"zarr_format\": 2, \"shape\": [4]},"
                + " \"a/.zattrs\": {\"units\": \"m\"}},"
                + " \"zarr_consolidated_format\": 1}"));
    store.set(".zgroup", utf8("{\"zarr_format\": 2}"));
    store.set("a/.zarray", utf8("{\"stale\": true}"));
    store.set("a/0", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    return store;
  }

  @Test
  void metadataComesFromTheDocumentAndEverythingElseFromTheUnderlyingStore() {
    DirectoryStore store = underlying(tempDir.resolve("c.zarr"));
    try (ConsolidatedMetadataStore view = new ConsolidatedMetadataStore(store)) {
      store.set("b/.zgroup", utf8("{\"zarr_format\": 2}")); // added after consolidating
      byte[] zarray = bytesOf(view.get("a/.zarray"));
      assertThat(new String(zarray, StandardCharsets.UTF_8)).contains("\"shape\"");
      assertThat(view.contains("b/.zgroup")).as("metadata not in the document").isFalse();
      assertThat(view.open("b/.zgroup")).isEmpty();
      assertThat(view.size("b/.zgroup")).isEqualTo(-1);
      try (ByteSource source = view.open("a/.zattrs").orElseThrow()) {
        assertThat(source.size()).isEqualTo(view.size("a/.zattrs"));
      }

      assertThat(bytesOf(view.get("a/0"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
      assertThat(bytesOf(view.get("a/0", new ByteRange.Suffix(2)))).containsExactly(7, 8);
      assertThat(bytesOf(view.getInto("a/0", ByteBuffer::allocate))).hasSize(8);
      assertThat(view.contains("a/0")).isTrue();
      assertThat(view.size("a/0")).isEqualTo(8);
      assertThat(view.contains("a/1")).isFalse();
      try (ByteSource source = view.open("a/0").orElseThrow()) {
        assertThat(bytesOf(Optional.of(source.read(ByteRange.of(2, 2))))).containsExactly(3, 4);
      }
      List<Optional<ByteBuffer>> many =
          view.getMany(
              List.of(
                  KeyRange.of("a/0", ByteRange.of(0, 1)),
                  KeyRange.of("a/.zarray"),
                  KeyRange.of("b/.zgroup"),
                  KeyRange.of("a/0", new ByteRange.FromOffset(7))));
      assertThat(bytesOf(many.get(0))).containsExactly(1);
      assertThat(bytesOf(many.get(1))).isEqualTo(zarray);
      assertThat(many.get(2)).isEmpty();
      assertThat(bytesOf(many.get(3))).containsExactly(8);

      assertThat(view.listPrefix("")).containsExactly(".zgroup", "a/.zarray", "a/.zattrs");
      assertThatThrownBy(() -> view.set("a/0", new byte[1])).isInstanceOf(ReadOnlyException.class);
      assertThat(bytesOf(store.get("a/0"))).hasSize(8);
    }
  }

  @Test
  void theReadableSideReportsTheCapabilities() {
    ReadableStore view = new ConsolidatedMetadataStore(underlying(tempDir.resolve("d.zarr")));
    assertThat(view.capabilities()).isEqualTo(new StoreCapabilities(false, true, true, true));
    MemoryStore memory = new MemoryStore();
    memory.set(".zmetadata", utf8("{\"metadata\": {}, \"zarr_consolidated_format\": 1}"));
    assertThat(new ConsolidatedMetadataStore(memory).capabilities())
        .isEqualTo(new StoreCapabilities(false, true, true, false));
  }
}
