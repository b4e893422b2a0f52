package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A directory store that counts the values it is given as parts (by a wrapping store's tests). */
final class PartsCountingStore extends DirectoryStore {
  final AtomicInteger partsWrites = new AtomicInteger();

  PartsCountingStore(Path root) {
    super(root);
  }

  @Override
  public void set(String key, ValueParts value) {
    partsWrites.incrementAndGet();
    super.set(key, value);
  }

  /**
   * Writes a value through {@code wrapper} (a store wrapping this one) as parts, a range of the
   * key's old value and new bytes, and checks that it arrived here as parts, once, and reads back
   * through the wrapper (so a cache dropped the old value).
   */
  void checkPartsArriveAsParts(Store wrapper) {
    int before = partsWrites.get();
    wrapper.set("a/0", ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    assertThat(wrapper.get("a/0")).isPresent(); // cached by a cache, read by a log
    try (ByteSource old = wrapper.open("a/0").orElseThrow()) {
      wrapper.set(
          "a/0", ValueParts.builder().add(old, 2, 2).add(ByteBuffer.wrap(new byte[] {9})).build());
    }
    assertThat(partsWrites.get() - before).isEqualTo(1);
    ByteBuffer now = wrapper.get("a/0").orElseThrow();
    byte[] got = new byte[now.remaining()];
    now.get(got);
    assertThat(got).containsExactly(3, 4, 9);
  }
}
