package dev.zarr4j.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A source over bytes in memory that counts the requests made of it (each ranged read of the
 * primitive {@link #read(long, ByteBuffer)}, and each batched call) and the bytes read, and refuses
 * reads outside the bytes; it does not offer its memory, so decoders take the ranged paths.
 */
public class CountingByteSource implements ByteSource {
  /** The bytes read from ({@link ByteSource#of}, whose memory this source does not offer). */
  private final ByteSource inner;

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
    this(ByteBuffer.wrap(bytes));
  }

  /** A source over the remaining bytes of {@code value} (kept, not copied). */
  public CountingByteSource(ByteBuffer value) {
    this.inner = ByteSource.of(value);
  }

  @Override
  public long size() {
    return inner.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) {
    int len = dst.remaining();
    inner.read(offset, dst); // refuses reads outside the bytes
    reads++;
    bytesRead += len;
    ranges.add(new long[] {offset, len});
  }

  @Override
  public List<ByteBuffer> read(List<ByteRange> rs) {
    batches++;
    return ByteSource.super.read(rs);
  }
}
