package dev.zarr4j.store;

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
}
