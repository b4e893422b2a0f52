package dev.zarr4j.testutil;

import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * A store over a {@link MemoryStore} that forwards writes, listings and reads to it but inherits
 * {@link Store}'s default read paths, so a test can change what the store says it can do ({@link
 * #capabilities()}) or how opened values behave ({@link #open}) and see the engine use only those.
 */
public abstract class MemoryBackedStore implements Store {
  /** Where the values live. */
  public final MemoryStore inner = new MemoryStore();

  @Override
  public Optional<ByteSource> open(String key) {
    return inner.open(key);
  }

  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    return inner.get(key, range);
  }

  @Override
  public void set(String key, ByteBuffer value) {
    inner.set(key, value);
  }

  @Override
  public void delete(String key) {
    inner.delete(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    inner.deletePrefix(prefix);
  }

  @Override
  public List<String> listPrefix(String prefix) {
    return inner.listPrefix(prefix);
  }

  @Override
  public List<String> listDir(String prefix) {
    return inner.listDir(prefix);
  }
}
