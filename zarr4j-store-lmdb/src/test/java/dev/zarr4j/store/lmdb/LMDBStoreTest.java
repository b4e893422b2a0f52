package dev.zarr4j.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store contract does not cover: layout, options, URLs, limits and failures. */
class LMDBStoreTest {
  @TempDir Path dir;

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(ReadableStore store, String key) {
    ByteBuffer b = store.get(key).orElseThrow(() -> new AssertionError("missing " + key));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void anEnvironmentIsADirectoryOrWithoutSubdirAFile() {
    Path env = dir.resolve("env");
    try (LMDBStore store = new LMDBStore(env)) {
      store.set("a/b", utf8("x"));
    }
    assertThat(env.resolve("data.mdb")).isRegularFile();
    assertThat(env.resolve("lock.mdb")).isRegularFile();
    Path file = dir.resolve("single.mdb");
    try (LMDBStore store = new LMDBStore(file, false, false, 1 << 24)) {
      store.set("a/b", utf8("y"));
      assertThat(store.isSubdir()).isFalse();
    }
    assertThat(file).isRegularFile();
    assertThat(dir.resolve("single.mdb-lock")).isRegularFile();
    try (LMDBStore store = new LMDBStore(file, true, false, 1 << 24)) {
      assertThat(text(store, "a/b")).isEqualTo("y");
    }
  }

  @Test
  void anEnvironmentOpensOnceInAJvm() {
    Path env = dir.resolve("env");
    try (LMDBStore store = new LMDBStore(env)) {
      store.set("k", utf8("v"));
      assertThatThrownBy(() -> new LMDBStore(env.resolve("..").resolve("env"), true))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already open");
      assertThat(text(store, "k")).isEqualTo("v");
    }
    try (LMDBStore again = new LMDBStore(env, true)) {
      assertThat(text(again, "k")).isEqualTo("v");
    }
  }

  @Test
  void readOnlyRefusesWritesAndNeedsAnExistingEnvironment() {
    Path env = dir.resolve("env");
    assertThatThrownBy(() -> new LMDBStore(env, true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(env.toString())
        .hasMessageContaining("does not exist");
    try (LMDBStore store = new LMDBStore(env)) {
      store.set("k", utf8("v"));
    }
    try (LMDBStore store = new LMDBStore(env, true)) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(text(store, "k")).isEqualTo("v");
      assertThatThrownBy(() -> store.set("k", utf8("w")))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessageContaining("'k'");
      assertThatThrownBy(() -> store.delete("k")).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.deletePrefix("")).isInstanceOf(ReadOnlyException.class);
      assertThat(text(store, "k")).isEqualTo("v");
    }
  }

  @Test
  void aKeyLongerThanLmdbAllowsIsRefusedByName() {
    try (LMDBStore store = new LMDBStore(dir.resolve("env"))) {
      String key = "g/" + "x".repeat(LMDBStore.MAX_KEY_BYTES - 1);
      assertThatThrownBy(() -> store.set(key, utf8("v")))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining(key)
          .hasMessageContaining("511 bytes");
      assertThat(store.listPrefix("")).isEmpty();
      assertThat(store.get(key)).isEmpty();
      assertThat(store.open(key)).isEmpty();
      assertThat(store.size(key)).isEqualTo(-1);
      assertThat(store.listPrefix(key)).isEmpty();
      assertThat(store.listDir(key)).isEmpty();
      store.delete(key);
      store.deletePrefix(key);
      String longest = "g/" + "x".repeat(LMDBStore.MAX_KEY_BYTES - 2);
      store.set(longest, utf8("fits"));
      assertThat(store.listPrefix("g")).containsExactly(longest);
    }
  }

  @Test
  void aFullMapIsReportedAndKeepsThePreviousValues() {
    try (LMDBStore store = new LMDBStore(dir.resolve("env"), false, true, 1 << 20)) {
      store.set("small", utf8("kept"));
      assertThatThrownBy(() -> store.set("big", new byte[4 << 20]))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'big'")
          .hasMessageContaining("map size");
      assertThat(text(store, "small")).isEqualTo("kept");
      assertThat(store.contains("big")).isFalse();
    }
  }

  @Test
  void aSourceStillOpenWhenTheStoreClosesFailsCleanly() {
    LMDBStore store = new LMDBStore(dir.resolve("env"));
    store.set("k", new byte[100_000]);
    ByteSource source = store.open("k").orElseThrow();
    assertThat(source.read(dev.zarr4j.store.ByteRange.of(0, 4)).remaining()).isEqualTo(4);
    store.close();
    assertThatThrownBy(() -> source.read(0, ByteBuffer.allocate(4)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    source.close();
    source.close();
    store.close();
  }

  @Test
  void closingWhileOtherThreadsReadAndWriteFailsThemCleanly() throws InterruptedException {
    LMDBStore store = new LMDBStore(dir.resolve("env"));
    byte[] value = new byte[50_000];
    store.set("k", value);
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(4);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                started.countDown();
                try {
                  for (int i = 0; ; i++) {
                    if (id == 0) {
                      store.set("w/" + (i % 10), value);
                    } else if (id == 1) {
                      assertThat(store.get("k").orElseThrow().remaining()).isEqualTo(50_000);
                    } else {
                      // a source kept open across the close: its reads must fail, not crash
                      try (ByteSource source = store.open("k").orElseThrow()) {
                        for (int j = 0; j < 50; j++) {
                          source.read(j * 1000L, ByteBuffer.allocate(1000));
                        }
                      }
                    }
                    done.incrementAndGet();
                  }
                } catch (StoreException e) {
                  if (!String.valueOf(e.getMessage()).contains("closed")) {
                    unexpected.compareAndSet(null, e);
                  }
                } catch (Throwable e) {
                  unexpected.compareAndSet(null, e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    started.await();
    Thread.sleep(300);
    store.close();
    for (Thread thread : threads) {
      thread.join(10_000);
      assertThat(thread.isAlive()).as("a thread still running after close").isFalse();
    }
    assertThat(unexpected.get()).as("unexpected failure").isNull();
    assertThat(done.get()).as("operations before the close").isPositive();
  }

  @Test
  void manySourcesOpenAtOnceEachReadTheirOwnSnapshot() {
    try (LMDBStore store = new LMDBStore(dir.resolve("env"))) {
      ByteSource[] sources = new ByteSource[200];
      for (int i = 0; i < sources.length; i++) {
        store.set("k", utf8("value " + i));
        sources[i] = store.open("k").orElseThrow();
      }
      for (int i = 0; i < sources.length; i++) {
        ByteBuffer all = sources[i].readAll();
        byte[] b = new byte[all.remaining()];
        all.get(b);
        assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("value " + i);
        sources[i].close();
      }
    }
  }

  @Test
  void storesOpenByUrlWithZarrPythonsOptions() {
    Path env = dir.resolve("by url");
    assertThat(Stores.schemes()).contains("lmdb", "file");
    String url = env.toUri().toString().replace("file:", "lmdb:");
    assertThat(url).contains("by%20url");
    try (Store store = Stores.openWritable(url, null)) {
      assertThat(store).isInstanceOf(LMDBStore.class);
      store.set("a", utf8("1"));
    }
    try (ReadableStore store = Stores.open(url, Map.<String, Object>of("read_only", "true"))) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(text(store, "a")).isEqualTo("1");
    }
    assertThatThrownBy(() -> Stores.openWritable(url, Map.<String, Object>of("read_only", true)))
        .isInstanceOf(ReadOnlyException.class);
    Path file = dir.resolve("file.mdb");
    try (ReadableStore store =
        Stores.open(
            "lmdb://localhost" + file,
            Map.<String, Object>of("subdir", false, "map_size", 1L << 24))) {
      assertThat(((LMDBStore) store).isSubdir()).isFalse();
    }
    assertThat(file).isRegularFile();
    assertThatThrownBy(() -> Stores.open(url, Map.<String, Object>of("mapsize", 10)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'mapsize'")
        .hasMessageContaining("map_size");
    assertThatThrownBy(() -> Stores.open(url, Map.<String, Object>of("map_size", "big")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'big'");
    assertThatThrownBy(() -> Stores.open("lmdb://server/data.mdb"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'server'");
  }

  @Test
  void withoutTheJvmFlagsOpeningSaysWhichFlagsAreMissing()
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OpenWithoutJvmFlags.class.getName(),
                dir.resolve("env").toString())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = out.lines().toList();
    assertThat(lines).as(out).hasSize(2);
    for (String line : lines) {
      assertThat(line)
          .startsWith("StoreException: cannot open LMDB store " + dir.resolve("env"))
          .contains("--add-opens java.base/java.nio=ALL-UNNAMED")
          .contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED");
    }
    assertThat(Files.exists(dir.resolve("env/data.mdb"))).isFalse();
  }
}
