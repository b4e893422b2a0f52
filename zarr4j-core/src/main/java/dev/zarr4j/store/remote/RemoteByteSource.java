package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One object of a network store opened for random reads ({@link RemoteReads#open}). Its size and
 * version come from the HEAD that opened it; every read is a ranged GET of that version ({@code
 * If-Match}), so a value replaced meanwhile fails with a {@link StoreException} rather than mix two
 * versions (a server that sends no version tag cannot promise this). Batched reads ({@link
 * #read(List)}, {@link #readPacked}) coalesce neighbouring ranges and send the requests together.
 */
final class RemoteByteSource implements ByteSource {
  private final RemoteReads reads;
  private final String key;
  private final long size;
  private final String version;

  RemoteByteSource(RemoteReads reads, String key, ObjectInfo info) {
    this.reads = reads;
    this.key = key;
    this.size = info.size();
    this.version = info.version();
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
    dst.put(fetch(offset, offset + len));
  }

  @Override
  public ByteBuffer read(ByteRange range) {
    long start = range.start(size);
    long end = range.end(size);
    if (end - start > Integer.MAX_VALUE - 64) {
      throw new StoreException(
          "cannot hold " + (end - start) + " bytes of key '" + key + "' in one buffer");
    }
    return start == end ? ByteBuffer.allocate(0) : fetch(start, end);
  }

  @Override
  public List<ByteBuffer> read(List<ByteRange> ranges) {
    long[] starts = new long[ranges.size()];
    long[] ends = new long[ranges.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = ranges.get(i).start(size);
      ends[i] = ranges.get(i).end(size);
      if (ends[i] - starts[i] > Integer.MAX_VALUE - 64) {
        throw new StoreException(
            "cannot hold " + (ends[i] - starts[i]) + " bytes of key '" + key + "' in one buffer");
      }
    }
    return Arrays.asList(readAbsolute(starts, ends));
  }

  @Override
  public void readPacked(ByteRuns runs, byte[] dst, int off) {
    Objects.checkFromIndexSize(off, runs.totalBytes(), dst.length);
    int n = runs.count();
    long[] starts = new long[n];
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      starts[i] = runs.start(i);
      ends[i] = runs.end(i);
      Objects.checkFromToIndex(starts[i], ends[i], size);
    }
    ByteBuffer[] parts = readAbsolute(starts, ends);
    int at = off;
    for (ByteBuffer p : parts) {
      int len = p.remaining();
      p.get(dst, at, len);
      at += len;
    }
  }

  /** The bytes {@code [starts[i], ends[i])} of each range, coalesced into few requests. */
  private ByteBuffer[] readAbsolute(long[] starts, long[] ends) {
    ByteBuffer[] out = new ByteBuffer[starts.length];
    RemoteOptions o = reads.calls().options();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (RangeCoalescer.Group g :
        RangeCoalescer.coalesce(starts, ends, o.coalesceGap(), o.maxCoalescedLength())) {
      if (g.start() == g.end()) {
        for (int m : g.members()) {
          out[m] = ByteBuffer.allocate(0);
        }
        continue;
      }
      tasks.add(
          () -> {
            ByteBuffer whole = fetch(g.start(), g.end());
            for (int m : g.members()) {
              ByteBuffer part =
                  whole.slice((int) (starts[m] - g.start()), (int) (ends[m] - starts[m]));
              if (g.members().length > 1) {
                ByteBuffer copy = ByteBuffer.allocate(part.remaining());
                part = copy.put(part).flip();
              }
              out[m] = part;
            }
            return null;
          });
    }
    if (!tasks.isEmpty()) {
      reads.calls().all(tasks);
    }
    return out;
  }

  /** The bytes {@code [start, end)} of the opened version. */
  private ByteBuffer fetch(long start, long end) {
    ByteRange range = ByteRange.of(start, end - start);
    Optional<ObjectSlice> slice = reads.fetch(key, range, version);
    if (slice.isEmpty()) {
      throw new StoreException(
          "key '" + key + "' at " + reads.url(key) + " was deleted while it was open for reading");
    }
    ObjectSlice s = slice.get();
    if (version != null && s.version() != null && !version.equals(s.version())) {
      throw changed();
    }
    if (s.totalSize() >= 0 && s.totalSize() != size) {
      throw changed();
    }
    return reads.cut(key, s, range, size);
  }

  private StoreException changed() {
    return new StoreException(
        "key '" + key + "' at " + reads.url(key) + " changed while it was open for reading");
  }
}
