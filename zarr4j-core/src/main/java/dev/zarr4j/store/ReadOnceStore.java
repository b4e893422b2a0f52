package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only view of a store that reads each key at most once, in whole, and answers every later
 * read of that key (whole, ranged, {@link #contains}, {@link #size}) from what it read, present or
 * absent: the node documents of one open, shared by the look that finds the node, the choice of
 * array or group and the reading of its metadata, so that an open over HTTP or an object store
 * reads each document once.
 *
 * <p>It lives for one operation and is then dropped: it never sees later changes of the store, so
 * it must not outlive the open it serves (arrays and groups keep the store itself, never this view,
 * and read their metadata afresh from it). {@link #contains} reads the whole value, as the value is
 * wanted next; it is meant for small documents, not for chunks. Thread-safe.
 */
public final class ReadOnceStore implements ReadableStore, DimensionSeparatorDefault {
  private final ReadableStore store;
  private final ConcurrentHashMap<String, Optional<ByteBuffer>> read = new ConcurrentHashMap<>();

  private ReadOnceStore(ReadableStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** A new view of {@code store} that has read nothing yet. */
  public static ReadOnceStore over(ReadableStore store) {
    return new ReadOnceStore(store);
  }

  /** The store this view reads. */
  public ReadableStore store() {
    return store;
  }

  /** The value under {@code key} as first read (a read-only view of it), reading it if not yet. */
  private Optional<ByteBuffer> value(String key) {
    Optional<ByteBuffer> v = read.get(key);
    if (v == null) {
      Optional<ByteBuffer> got = store.get(key).map(ByteBuffer::asReadOnlyBuffer);
      v = read.putIfAbsent(key, got);
      if (v == null) {
        v = got;
      }
    }
    return v.map(ByteBuffer::duplicate);
  }

  @Override
  public Optional<ByteSource> open(String key) {
    return value(key).map(ByteSource::of);
  }

  /** {@inheritDoc} The store's, without writes: this view only reads. */
  @Override
  public StoreCapabilities capabilities() {
    return store.capabilities().readOnly();
  }

  /** {@inheritDoc} A copy of the value as first read. */
  @Override
  public Optional<ByteBuffer> get(String key) {
    return value(key)
        .map(
            v -> {
              ByteBuffer copy = ByteBuffer.allocate(v.remaining());
              copy.put(v).flip();
              return copy;
            });
  }

  /** {@inheritDoc} Answered by reading the whole value once, which is kept. */
  @Override
  public boolean contains(String key) {
    return value(key).isPresent();
  }

  @Override
  public long size(String key) {
    return value(key).map(v -> (long) v.remaining()).orElse(-1L);
  }

  /** {@inheritDoc} The store's when it has one, else {@code "."} (Zarr v2's default). */
  @Override
  public String defaultDimensionSeparator() {
    return store instanceof DimensionSeparatorDefault d ? d.defaultDimensionSeparator() : ".";
  }

  /** {@inheritDoc} Does nothing: the store belongs to the caller. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return store.toString();
  }
}
