package dev.zarr4j.codec.sharding;

import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bytes {@code [base, base + length)} of another source, as a source of their own: an inner
 * chunk inside its shard, for the inner chain's partial decoder. Every read goes to the shard's
 * source, shifted (batched and packed reads stay batched and packed). Closing it leaves the shard's
 * source open.
 */
final class ByteWindow implements ByteSource {
  private final ByteSource source;
  private final long base;
  private final long length;

  ByteWindow(ByteSource source, long base, long length) {
    this.source = source;
    this.base = base;
    this.length = length;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public void read(long offset, ByteBuffer dst) {
    Objects.checkFromIndexSize(offset, dst.remaining(), length);
    source.read(base + offset, dst);
  }

  @Override
  public void read(long offset, byte[] dst, int off, int len) {
    Objects.checkFromIndexSize(offset, len, length);
    source.read(base + offset, dst, off, len);
  }

  @Override
  public List<ByteBuffer> read(List<ByteRange> ranges) {
    List<ByteRange> shifted = new ArrayList<>(ranges.size());
    for (ByteRange r : ranges) {
      long start = r.start(length);
      shifted.add(ByteRange.of(base + start, r.end(length) - start));
    }
    return source.read(shifted);
  }

  @Override
  public void readPacked(ByteRuns runs, byte[] dst, int off) {
    long[] bounds = new long[2 * runs.count()];
    for (int i = 0; i < runs.count(); i++) {
      Objects.checkFromToIndex(runs.start(i), runs.end(i), length);
      bounds[2 * i] = base + runs.start(i);
      bounds[2 * i + 1] = base + runs.end(i);
    }
    source.readPacked(ByteRuns.of(bounds), dst, off);
  }

  @Override
  public ByteBuffer memory() {
    ByteBuffer m = source.memory();
    return m == null ? null : m.slice((int) base, (int) length);
  }

  @Override
  public ByteBuffer readAll() {
    ByteBuffer m = memory();
    return m != null ? m : read(ByteRange.of(0, length));
  }
}
