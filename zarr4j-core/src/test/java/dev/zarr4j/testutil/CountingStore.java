package dev.zarr4j.testutil;

import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A store wrapper that counts reads (each {@code open}, {@code get} or {@code getInto} once),
 * existence checks, listings and writes.
 */
public final class CountingStore implements Store {
  private final Store inner;
  public final AtomicLong gets = new AtomicLong();
  public final AtomicLong contains = new AtomicLong();
  public final AtomicLong lists = new AtomicLong();
  public final AtomicLong sizes = new AtomicLong();
  public final AtomicLong writes = new AtomicLong();

  /** The keys read with get, in order. */
  public final List<String> keysRead =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  public CountingStore(Store inner) {
    this.inner = inner;
  }

  public void reset() {
    gets.set(0);
    contains.set(0);
    lists.set(0);
    sizes.set(0);
    writes.set(0);
    keysRead.clear();
  }

  /** Every operation that touches the underlying store. */
  public long total() {
    return gets.get() + contains.get() + lists.get() + sizes.get() + writes.get();
  }

  @Override
  public StoreCapabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public Optional<ByteSource> open(String key) {
    gets.incrementAndGet();
    keysRead.add(key);
    return inner.open(key);
  }

  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    gets.incrementAndGet();
    keysRead.add(key);
    return inner.get(key, range);
  }

  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    gets.incrementAndGet();
    keysRead.add(key);
    return inner.getInto(key, allocator);
  }

  @Override
  public boolean contains(String key) {
    contains.incrementAndGet();
    return inner.contains(key);
  }

  @Override
  public long size(String key) {
    sizes.incrementAndGet();
    return inner.size(key);
  }

  @Override
  public void set(String key, ByteBuffer value) {
    writes.incrementAndGet();
    inner.set(key, value);
  }

  @Override
  public void delete(String key) {
    writes.incrementAndGet();
    inner.delete(key);
  }

  @Override
  public void deletePrefix(String prefix) {
    writes.incrementAndGet();
    inner.deletePrefix(prefix);
  }

  @Override
  public List<String> listPrefix(String prefix) {
    lists.incrementAndGet();
    return inner.listPrefix(prefix);
  }

  @Override
  public List<String> listDir(String prefix) {
    lists.incrementAndGet();
    return inner.listDir(prefix);
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public String toString() {
    return "CountingStore[" + inner + "]";
  }
}
