package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.zarrstores.MemTestStoreProvider;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

  @TempDir Path tempDir;

  private static DirectoryStore directory(ReadableStore store) {
    assertThat(store).isInstanceOf(DirectoryStore.class);
    return (DirectoryStore) store;
  }

  @Test
  void plainPathsOpenDirectoryStores() throws IOException {
    Path root = tempDir.resolve("plain.zarr");
    try (ReadableStore opened = Stores.open(root.toString())) {
      DirectoryStore store = directory(opened);
      assertThat(store.root()).isEqualTo(root.toAbsolutePath().normalize());
      assertThat(store.normalizeKeys()).isFalse();
      store.set("a/.zgroup", "{}".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(root.resolve("a/.zgroup")).isRegularFile();
    try (ReadableStore relative = Stores.open("relative/dir.zarr", null)) {
      assertThat(directory(relative).root())
          .isEqualTo(Path.of("relative/dir.zarr").toAbsolutePath().normalize());
      assertThat(Path.of("relative")).as("nothing is created by opening").doesNotExist();
    }
  }

  @Test
  void fileUrlsOpenDirectoryStoresInEveryForm() {
    Path root = tempDir.resolve("with space é.zarr").toAbsolutePath();
    String path = root.toString();
    List<String> urls =
        List.of(
            root.toUri().toString(), // file:///.../with%20space%20%C3%A9.zarr
            "file:" + root.toUri().getRawPath(),
            "file://localhost" + root.toUri().getRawPath(),
            "FILE://" + root.toUri().getRawPath());
    for (String url : urls) {
      try (ReadableStore store = Stores.open(url, Map.of())) {
        assertThat(directory(store).root()).as(url).isEqualTo(Path.of(path));
      }
    }
    try (ReadableStore store = Stores.open("file:relative/x.zarr")) {
      assertThat(directory(store).root())
          .isEqualTo(Path.of("relative/x.zarr").toAbsolutePath().normalize());
    }
  }

  @Test
  void theFileProviderTakesNormalizeKeys() {
    String url = tempDir.resolve("n.zarr").toUri().toString();
    try (ReadableStore store = Stores.open(url, Map.of("normalize_keys", true))) {
      assertThat(directory(store).normalizeKeys()).isTrue();
    }
    try (ReadableStore store = Stores.open(url, Map.of("normalize_keys", "FALSE"))) {
      assertThat(directory(store).normalizeKeys()).isFalse();
    }
    assertThatThrownBy(() -> Stores.open(url, Map.of("normalize_keys", 1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("normalize_keys")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> Stores.open(url, Map.of("anon", true)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'anon'")
        .hasMessageContaining("normalize_keys");
  }

  @Test
  void anUnknownSchemeIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> Stores.open("s3://bucket/a.zarr", Map.of("anon", true)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'s3'")
        .hasMessageContaining("s3://bucket/a.zarr")
        .hasMessageContaining("known schemes: file, http, https, memtest, zip");
    assertThatThrownBy(() -> Stores.open("tar::file:///data/a.tar"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'tar'");
    assertThatThrownBy(() -> Stores.open("zip::file:///data/missing.zip", Map.of("mode", "r")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("missing.zip");
    assertThatThrownBy(() -> Stores.open("zip::memtest://x/a.zip"))
        .as("a scheme that serves no single objects cannot be chained")
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("memtest");
    assertThatThrownBy(() -> Stores.open("FTP://example.com/a.zarr"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'ftp'");
    // schemes are compared ignoring case (opening an HTTP store sends no request)
    try (ReadableStore web = Stores.open("HTTPS://example.com/a.zarr")) {
      assertThat(web).isInstanceOf(dev.zarr4j.store.http.HttpStore.class);
    }
  }

  @Test
  void aMalformedUrlIsNamed() {
    assertThatThrownBy(() -> Stores.open("s3://bucket/a b.zarr"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("malformed store URL 's3://bucket/a b.zarr'");
    assertThatThrownBy(() -> Stores.open("file:///tmp/x y.zarr"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'file:///tmp/x y.zarr'");
    assertThatThrownBy(() -> Stores.open("file://server/share/a.zarr"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'server'");
    assertThatThrownBy(() -> Stores.open("file:///tmp/a.zarr?version=2"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("query");
    assertThatThrownBy(() -> Stores.open("bad\0path"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("bad");
    assertThatThrownBy(() -> Stores.open(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stores.open("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFileThatIsNotADirectoryIsRefused() throws IOException {
    Path file = Files.write(tempDir.resolve("plain-file"), new byte[1]);
    assertThatThrownBy(() -> Stores.open(file.toUri().toString()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void schemesAreThoseOfTheRegisteredProviders() {
    assertThat(Stores.schemes()).containsExactly("file", "http", "https", "memtest", "zip");
    assertThat(Stores.schemeOf("C:\\data\\a.zarr")).as("a drive letter").isNull();
    assertThat(Stores.schemeOf("c:/data")).isNull();
    assertThat(Stores.schemeOf("data/a:b.zarr")).isNull();
    assertThat(Stores.schemeOf("./a:b")).isNull();
    assertThat(Stores.schemeOf("s3://b/k")).isEqualTo("s3");
    assertThat(Stores.schemeOf("gcs+http:x")).isEqualTo("gcs+http");
    assertThat(Stores.schemeOf("zip::s3://b/a.zip")).isEqualTo("zip");
  }

  /** The provider registered in this module's test resources, as a third party registers one. */
  @Test
  void aThirdPartyProviderAddsAScheme() {
    try (ReadableStore opened = Stores.open("memtest://shared")) {
      assertThat(opened).isInstanceOf(MemoryStore.class);
      ((MemoryStore) opened).set("a/0", new byte[] {1, 2, 3});
    }
    assertThat(MemTestStoreProvider.STORES).containsKey("shared");
    try (Store writable = Stores.openWritable("MEMTEST://shared", new HashMap<>())) {
      assertThat(writable.listPrefix("")).containsExactly("a/0");
    }
    assertThatThrownBy(() -> Stores.open("memtest://shared", Map.of("colour", "red")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("colour");
  }

  /** A read-only store implements open and capabilities only; every read works through them. */
  @Test
  void aReadOnlyStoreImplementsTheReadSeamOnly() {
    MemTestStoreProvider.STORES
        .computeIfAbsent("ro", n -> new MemoryStore())
        .set("k", "hello world".getBytes(StandardCharsets.UTF_8));
    try (ReadableStore store = Stores.open("memtest:ro", Map.of("read_only", true))) {
      assertThat(store).isNotInstanceOf(Store.class);
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(store.contains("k")).isTrue();
      assertThat(store.contains("missing")).isFalse();
      assertThat(store.size("k")).isEqualTo(11);
      assertThat(text(store.get("k"))).isEqualTo("hello world");
      assertThat(text(store.get("k", new ByteRange.Suffix(5)))).isEqualTo("world");
      assertThat(text(store.getInto("k", ByteBuffer::allocateDirect))).isEqualTo("hello world");
      List<Optional<ByteBuffer>> many =
          store.getMany(
              List.of(
                  KeyRange.of("k", ByteRange.of(0, 5)),
                  KeyRange.of("missing"),
                  KeyRange.of("k", new ByteRange.FromOffset(6))));
      assertThat(text(many.get(0))).isEqualTo("hello");
      assertThat(many.get(1)).isEmpty();
      assertThat(text(many.get(2))).isEqualTo("world");
    }
    assertThatThrownBy(() -> Stores.openWritable("memtest:ro", Map.of("read_only", true)))
        .isInstanceOf(ReadOnlyException.class)
        .hasMessageContaining("memtest:ro");
  }

  private static String text(Optional<ByteBuffer> value) {
    ByteBuffer b = value.orElseThrow().duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A provider that claims {@code file}, to show an application can replace the core's. */
  static final class OtherFileProvider implements StoreProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("FILE", "other");
    }

    @Override
    public ReadableStore open(URI uri, Map<String, Object> options) {
      return new MemoryStore();
    }
  }

  @Test
  void theCoreProviderComesLastAndIsAlwaysThere() {
    StoreProvider core = new FileStoreProvider();
    StoreProvider other = new OtherFileProvider();
    Map<String, StoreProvider> bySchemes = Stores.bySchemes(List.of(core, other));
    assertThat(bySchemes.get("file")).isSameAs(other);
    assertThat(bySchemes.get("other")).isSameAs(other);
    Map<String, StoreProvider> none = Stores.bySchemes(List.of());
    assertThat(none.keySet()).containsExactly("file");
    assertThat(none.get("file")).isInstanceOf(FileStoreProvider.class);
    Map<String, StoreProvider> twice =
        Stores.bySchemes(List.of(other, new OtherFileProvider(), core));
    assertThat(twice.get("file")).isSameAs(other);
  }
}
