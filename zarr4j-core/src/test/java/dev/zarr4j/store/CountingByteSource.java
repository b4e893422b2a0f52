package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A source over bytes in memory that counts the requests made of it (each ranged read of the
 * primitive {@link #read(long, ByteBuffer)}, and each batched call) and the bytes read, and refuses
 * reads outside the bytes; it does not offer its memory, so decoders take the ranged paths.
 */
public class CountingByteSource implements ByteSource {
  /** The bytes read from. */
  protected final ByteBuffer bytes;

  /** Ranged reads made. */
  public int reads;

  /** Batched read calls made. */
  public int batches;

  /** Bytes read. */
  public long bytesRead;

  /** Each ranged read's offset and length, in order. */
  public final List<long[]> ranges = new ArrayList<>();

  /** A source over {@code bytes}. */
  public CountingByteSource(byte[] bytes) {
    this.bytes = ByteBuffer.wrap(bytes);
  }

  @Override
  public long size() {
    return bytes.capacity();
  }

  @Override
  public void read(long offset, ByteBuffer dst) {
    int len = dst.remaining();
    Objects.checkFromIndexSize(offset, len, bytes.capacity());
    reads++;
    bytesRead += len;
    ranges.add(new long[] {offset, len});
    dst.put(bytes.slice((int) offset, len));
  }

  @Override
  public List<ByteBuffer> read(List<ByteRange> rs) {
    batches++;
    return ByteSource.super.read(rs);
  }
}
