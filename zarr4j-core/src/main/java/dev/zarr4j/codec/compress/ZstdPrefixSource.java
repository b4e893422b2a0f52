package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ZstdBlock;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The decoded bytes of Zstandard frames, decoded only up to the last byte read: zstd decodes a
 * frame from its start, block by block, so a read of bytes near the start of a chunk stops after
 * the block holding them (a 64-row window of a 512-row chunk needs on average about half of it).
 * The compressed value is read whole, once. Frames that do not record their content size are
 * decoded whole on the first read.
 */
final class ZstdPrefixSource implements ByteSource {
  private final ByteSource encoded;
  private final BytesSpec decoded;
  private final CodecOptions options;

  private byte[] frame; // the compressed value: frame[frameOff, frameOff + frameLen)
  private int frameOff;
  private int frameLen;
  private boolean frameLent;
  private int size = -1; // decoded size
  private ByteBuffer whole; // the whole decode, when the frames do not record their size
  private byte[] out; // lent: the decoded prefix out[0, decodedUpTo)
  private int decodedUpTo;

  ZstdPrefixSource(ByteSource encoded, BytesSpec decoded, CodecOptions options) {
    this.encoded = Objects.requireNonNull(encoded, "encoded");
    this.decoded = Objects.requireNonNull(decoded, "decoded");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Reads the compressed value and learns the decoded size (once). */
  private void load() {
    if (frame != null) {
      return;
    }
    ByteBuffer mem = encoded.memory();
    if (mem != null) {
      ByteSlice s = ByteSlice.of(mem);
      frame = s.array();
      frameOff = s.offset();
      frameLen = s.length();
    } else {
      long stored = encoded.size();
      if (stored > Integer.MAX_VALUE - 64) {
        throw new CodecException("zstd: a value of " + stored + " bytes is too large");
      }
      frameLen = (int) stored;
      frame = ChunkScratch.get().lendHeap(frameLen);
      frameLent = true;
      encoded.read(0, frame, 0, frameLen);
    }
    long n = ZstdBlock.contentSize(frame, frameOff, frameLen, Zstd.ID);
    if (n < 0) {
      whole =
          Zstd.DEFAULT.decode(ByteBuffer.wrap(frame, frameOff, frameLen), decoded, options).slice();
      n = whole.remaining();
    }
    if (decoded.isBounded() && n > decoded.maxSize()) {
      throw new CodecException(
          "zstd: frames claim "
              + n
              + " decoded bytes, more than the limit of "
              + decoded.maxSize());
    }
    if (decoded.exact() && n != decoded.maxSize()) {
      throw new CodecException(
          "zstd: frames claim " + n + " decoded bytes but the chunk has " + decoded.maxSize());
    }
    if (n > Integer.MAX_VALUE - 64) {
      throw new CodecException("zstd: frames claim " + n + " decoded bytes, too many to decode");
    }
    size = (int) n;
  }

  /** The decoded bytes, holding at least {@code [0, end)}; the array is {@link #out} or whole's. */
  private byte[] decodedTo(long end) {
    load();
    if (whole != null) {
      return null;
    }
    if (out == null) {
      out = ChunkScratch.get().lendHeap(Math.max(1, size));
    }
    if (end > decodedUpTo) {
      decodedUpTo =
          ZstdBlock.decompressPrefix(
              frame, frameOff, frameLen, out, 0, size, (int) end, Zstd.ID, options.pureJava());
    }
    return out;
  }

  @Override
  public long size() {
    load();
    return size;
  }

  @Override
  public void read(long offset, ByteBuffer dst) {
    int len = dst.remaining();
    Objects.checkFromIndexSize(offset, len, size());
    byte[] b = decodedTo(offset + len);
    if (b == null) {
      dst.put(whole.slice((int) offset, len));
    } else {
      dst.put(b, (int) offset, len);
    }
  }

  @Override
  public void readPacked(ByteRuns runs, byte[] dst, int off) {
    int n = runs.count();
    if (n == 0) {
      return;
    }
    Objects.checkFromIndexSize(off, runs.totalBytes(), dst.length);
    Objects.checkFromToIndex(runs.start(0), runs.last(), size());
    byte[] b = decodedTo(runs.last());
    int at = off;
    for (int i = 0; i < n; i++) {
      int start = (int) runs.start(i);
      int len = (int) (runs.end(i) - start);
      if (b == null) {
        whole.get(start, dst, at, len);
      } else {
        System.arraycopy(b, start, dst, at, len);
      }
      at += len;
    }
  }

  @Override
  public ByteBuffer readAll() {
    load();
    if (whole != null) {
      return whole.duplicate();
    }
    byte[] b = decodedTo(size);
    return ByteBuffer.wrap(Arrays.copyOf(b, size));
  }

  @Override
  public void close() {
    ChunkScratch scratch = ChunkScratch.get();
    if (out != null) {
      scratch.release(out);
      out = null;
    }
    if (frameLent) {
      scratch.release(frame);
      frameLent = false;
    }
    frame = null;
    encoded.close();
  }
}
