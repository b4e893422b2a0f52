package dev.zarr4j.store.redis;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;

/**
 * An opened value of a {@link RedisStore} too large to read whole: its bytes were copied on the
 * server to a snapshot key when it was opened, and every read takes a range of that copy with
 * {@code GETRANGE}, renewing the snapshot's expiry in the same transaction. A snapshot found gone
 * (expired after a long pause) fails the read rather than return other bytes. Closing deletes the
 * snapshot.
 */
final class RedisSnapshotSource implements ByteSource {
  private final RedisStore store;
  private final String key;
  private final byte[] snapshot;
  private final long size;
  private final long ttlMillis;
  private boolean closed;

  RedisSnapshotSource(RedisStore store, String key, byte[] snapshot, long size, long ttlMillis) {
    this.store = store;
    this.key = key;
    this.snapshot = snapshot;
    this.size = size;
    this.ttlMillis = ttlMillis;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, ByteBuffer dst) {
    int len = dst.remaining();
    Objects.checkFromIndexSize(offset, len, size);
    if (len == 0) {
      return;
    }
    dst.put(readRanges(List.of(ByteRange.of(offset, len))).get(0));
  }

  @Override
  public List<ByteBuffer> read(List<ByteRange> ranges) {
    return readRanges(ranges);
  }

  /** Every range (clipped to the value) in one transaction that also renews the snapshot. */
  private List<ByteBuffer> readRanges(List<ByteRange> ranges) {
    if (closed) {
      throw new StoreException("the opened value of key '" + key + "' is closed");
    }
    List<ByteRange> clipped = new ArrayList<>(ranges.size());
    for (ByteRange r : ranges) {
      long start = r.start(size);
      long end = r.end(size);
      if (end - start > Integer.MAX_VALUE - 64) {
        throw new StoreException(
            "cannot hold " + (end - start) + " bytes of key '" + key + "' in one buffer");
      }
      clipped.add(ByteRange.of(start, end - start));
    }
    return store.call(
        "read",
        "the opened value of " + store.subject(key),
        () -> {
          Response<Long> renewed;
          List<Response<byte[]>> parts = new ArrayList<>(clipped.size());
          try (AbstractTransaction tx = store.client().multi()) {
            renewed = tx.pexpire(snapshot, ttlMillis);
            for (ByteRange r : clipped) {
              parts.add(RedisStore.getRange(tx, snapshot, r));
            }
            tx.exec();
          }
          if (renewed.get() == 0) {
            throw new StoreException(
                "the snapshot of key '"
                    + key
                    + "' taken when it was opened has expired (unused for longer than "
                    + ttlMillis
                    + " ms); open the key again");
          }
          List<ByteBuffer> out = new ArrayList<>(clipped.size());
          for (int i = 0; i < clipped.size(); i++) {
            byte[] b = parts.get(i) == null ? null : parts.get(i).get();
            byte[] bytes = b == null ? new byte[0] : b;
            if (bytes.length != ((ByteRange.Bounded) clipped.get(i)).length()) {
              throw new StoreException(
                  "the snapshot of key '" + key + "' changed size; open the key again");
            }
            out.add(ByteBuffer.wrap(bytes));
          }
          return out;
        });
  }

  /** Deletes the snapshot; a failure is left to its expiry. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      store.client().unlink(snapshot);
    } catch (RuntimeException ignored) {
      // the snapshot expires on its own
    }
  }
}
