package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Objects;

/**
 * One value of a store opened as a {@link ByteSource} that owns the store: closing the source
 * closes the store too. A {@link StoreProvider#openObject} built on a store (the object's parent as
 * the store, its name as the key) returns one, so that a chained URL such as {@code
 * zip::s3://bucket/data.zip} releases the store it opened when its {@link ZipStore} is closed.
 * Every read goes to the store's own opened value ({@link ReadableStore#open}), with its ranged
 * reads, batching and version checks.
 */
public final class StoreObjectSource implements ByteSource {
  private final ReadableStore store;
  private final ByteSource value;
  private final String url;

  private StoreObjectSource(ReadableStore store, ByteSource value, String url) {
    this.store = store;
    this.value = value;
    this.url = url;
  }

  /**
   * Opens the value of {@code key} in {@code store} and hands the store to the returned source. If
   * the value cannot be opened, the store is closed before the exception propagates.
   *
   * @param store the store, open; the returned source closes it
   * @param key the key of the object in the store
   * @param url the object's URL, named in messages and by {@link #toString()}
   * @throws StoreException if the key is absent (the message names {@code url}) or cannot be read
   */
  public static StoreObjectSource open(ReadableStore store, String key, String url) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(url, "url");
    ByteSource value;
    try {
      value =
          store
              .open(key)
              .orElseThrow(
                  () ->
                      new StoreException(
                          "no object at '" + url + "' (key '" + key + "' of " + store + ")"));
    } catch (RuntimeException | Error e) {
      try {
        store.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new StoreObjectSource(store, value, url);
  }

  @Override
  public long size() {
    return value.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) {
    value.read(offset, dst);
  }

  @Override
  public void read(long offset, byte[] dst, int off, int len) {
    value.read(offset, dst, off, len);
  }

  @Override
  public ByteBuffer read(ByteRange range) {
    return value.read(range);
  }

  @Override
  public List<ByteBuffer> read(List<ByteRange> ranges) {
    return value.read(ranges);
  }

  @Override
  public void readPacked(ByteRuns runs, byte[] dst, int off) {
    value.readPacked(runs, dst, off);
  }

  @Override
  public ByteBuffer readAll() {
    return value.readAll();
  }

  @Override
  public ByteBuffer memory() {
    return value.memory();
  }

  @Override
  public boolean transfersDirectly() {
    return value.transfersDirectly();
  }

  @Override
  public void transferTo(long offset, long length, WritableByteChannel target) throws IOException {
    value.transferTo(offset, length, target);
  }

  /** Closes the value, then the store. */
  @Override
  public void close() {
    try {
      value.close();
    } finally {
      store.close();
    }
  }

  /** The object's URL. */
  @Override
  public String toString() {
    return url;
  }
}
