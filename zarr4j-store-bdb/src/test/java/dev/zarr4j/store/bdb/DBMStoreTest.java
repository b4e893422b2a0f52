package dev.zarr4j.store.bdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import dev.zarr4j.testkit.SeededRandom;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store contract does not cover: persistence, read-only mode, options and URLs. */
class DBMStoreTest {
  @TempDir Path dir;

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(ReadableStore store, String key, ByteRange range) {
    ByteBuffer b = store.get(key, range).orElseThrow(() -> new AssertionError("missing " + key));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void valuesOutliveTheStoreAndPartialReadsCutThem() {
    Path env = dir.resolve("env");
    byte[] big = new SeededRandom(5).bytes(3_000_000);
    try (DBMStore store = new DBMStore(env)) {
      store.set("a/big", big);
      store.set("a/small", utf8("small"));
      store.flush();
    }
    try (DBMStore store = new DBMStore(env, true)) {
      assertThat(store.listPrefix("")).containsExactly("a/big", "a/small");
      assertThat(bytes(store, "a/big", ByteRange.of(2_999_990, 100)))
          .isEqualTo(Arrays.copyOfRange(big, 2_999_990, 3_000_000));
      assertThat(bytes(store, "a/big", new ByteRange.FromOffset(1_000_000)))
          .isEqualTo(Arrays.copyOfRange(big, 1_000_000, 3_000_000));
      assertThat(bytes(store, "a/big", ByteRange.of(Integer.MAX_VALUE + 10L, Long.MAX_VALUE)))
          .isEmpty();
      assertThat(bytes(store, "a/small", ByteRange.FULL)).isEqualTo(utf8("small"));
    }
  }

  @Test
  void readOnlyNeedsAnExistingEnvironmentAndRefusesWrites() {
    Path env = dir.resolve("env");
    assertThatThrownBy(() -> new DBMStore(env, true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(env.toString());
    try (DBMStore store = new DBMStore(env)) {
      store.set("k", utf8("v"));
    }
    try (DBMStore store = new DBMStore(env, true)) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThatThrownBy(() -> store.set("k", utf8("w")))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessageContaining("'k'")
          .hasMessageContaining(env.toString());
      assertThatThrownBy(() -> store.delete("k")).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.deletePrefix("")).isInstanceOf(ReadOnlyException.class);
      assertThat(bytes(store, "k", ByteRange.FULL)).isEqualTo(utf8("v"));
    }
  }

  @Test
  void storesOpenByUrl() {
    Path env = dir.resolve("by url");
    String url = env.toUri().toString().replace("file:", "bdb:");
    assertThat(Stores.schemes()).contains("bdb", "file");
    try (Store store = Stores.openWritable(url, null)) {
      assertThat(store).isInstanceOf(DBMStore.class);
      assertThat(((DBMStore) store).directory()).isEqualTo(env);
      store.set("a", utf8("1"));
    }
    try (ReadableStore store = Stores.open(url, Map.<String, Object>of("read_only", true))) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(bytes(store, "a", ByteRange.FULL)).isEqualTo(utf8("1"));
    }
    assertThatThrownBy(() -> Stores.openWritable(url, Map.<String, Object>of("read_only", "true")))
        .isInstanceOf(ReadOnlyException.class);
    assertThatThrownBy(() -> Stores.open(url, Map.<String, Object>of("flag", "c")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'flag'")
        .hasMessageContaining("read_only");
    assertThatThrownBy(() -> Stores.open("bdb://server/data"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'server'");
  }
}
