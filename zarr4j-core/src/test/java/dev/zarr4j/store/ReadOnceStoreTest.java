package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReadOnceStore} against the store it reads as the reference: every answer is the store's,
 * and the store sees one whole read per key, whatever is asked and how often.
 */
class ReadOnceStoreTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void answersAsTheStoreWithOneWholeReadPerKey(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    MemoryStore reference = new MemoryStore();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = "k" + i + (random.nextBoolean() ? "/.zarray" : "/zarr.json");
      keys.add(key);
      if (random.nextInt(3) > 0) { // some stay absent
        byte[] value = new byte[random.nextInt(40)];
        random.nextBytes(value);
        reference.set(key, value);
      }
    }
    LoggingStore logged = new LoggingStore(reference);
    ReadOnceStore view = ReadOnceStore.over(logged);
    for (int step = 0; step < 200; step++) {
      String key = keys.get(random.nextInt(keys.size()));
      long size = reference.size(key);
      switch (random.nextInt(5)) {
        case 0 -> {
          Optional<ByteBuffer> got = view.get(key);
          assertThat(got).isEqualTo(reference.get(key));
          got.ifPresent(b -> b.put(0, (byte) (b.get(0) + 1))); // the caller owns it
        }
        case 1 -> {
          long offset = size <= 0 ? 0 : random.nextLong(size + 1);
          long length = random.nextLong(20);
          ByteRange range = ByteRange.of(offset, length);
          assertThat(view.get(key, range)).isEqualTo(reference.get(key, range));
        }
        case 2 -> assertThat(view.contains(key)).isEqualTo(reference.contains(key));
        case 3 -> assertThat(view.size(key)).isEqualTo(size);
        default -> {
          Optional<ByteSource> opened = view.open(key);
          assertThat(opened.isPresent()).isEqualTo(size >= 0);
          opened.ifPresent(
              s -> {
                try (s) {
                  assertThat(s.readAll()).isEqualTo(reference.get(key).orElseThrow());
                }
              });
        }
      }
    }
    List<String> reads = new ArrayList<>();
    for (LoggingStore.Operation o : logged.operations()) {
      assertThat(o.kind()).isEqualTo(LoggingStore.Kind.GET);
      assertThat(o.range()).isEqualTo(ByteRange.FULL);
      reads.add(o.key());
    }
    assertThat(reads).doesNotHaveDuplicates();
  }

  @Test
  void keepsWhatItReadAndOnlyReads(@TempDir Path dir) {
    MemoryStore store = new MemoryStore();
    store.set("a/zarr.json", new byte[] {1});
    ReadOnceStore view = ReadOnceStore.over(store);
    assertThat(view.contains("a/zarr.json")).isTrue();
    assertThat(view.contains("b/zarr.json")).isFalse();
    store.set("a/zarr.json", new byte[] {2});
    store.set("b/zarr.json", new byte[] {3});
    // what it read, present or absent, for its whole life; a new view reads the store afresh
    assertThat(view.get("a/zarr.json")).contains(ByteBuffer.wrap(new byte[] {1}));
    assertThat(view.contains("b/zarr.json")).isFalse();
    assertThat(ReadOnceStore.over(store).get("a/zarr.json"))
        .contains(ByteBuffer.wrap(new byte[] {2}));
    assertThat(view.capabilities().writable()).isFalse();
    assertThat(view.capabilities().latencyBound()).isEqualTo(store.capabilities().latencyBound());
    assertThat(view.defaultDimensionSeparator()).isEqualTo(".");
    assertThat(ReadOnceStore.over(new NestedDirectoryStore(dir)).defaultDimensionSeparator())
        .isEqualTo("/");
  }
}
