package dev.zarr4j.codec.blosc;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.store.ByteRuns;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The decoded bytes of one Blosc frame, decoded only where they are read: a read decodes the blocks
 * (and inside them the streams) that hold the bytes asked for, reading from the frame's source only
 * the header, the block table and those streams. Reads that spread over more than half of the
 * decoded size read the frame in one piece first, as one read then costs less than many.
 */
final class BloscPartialSource implements ByteSource {
  private final ByteSource encoded;
  private final BytesSpec decoded;
  private final boolean pureJava;
  private int size = -1;
  private ByteBuffer frame;
  private byte[] lent;

  BloscPartialSource(ByteSource encoded, BytesSpec decoded, boolean pureJava) {
    this.encoded = Objects.requireNonNull(encoded, "encoded");
    this.decoded = Objects.requireNonNull(decoded, "decoded");
    this.pureJava = pureJava;
  }

  @Override
  public long size() {
    if (size < 0) {
      ByteBuffer mem = inMemory();
      int n;
      if (mem != null) {
        n = Blosc.decodedSize(mem);
      } else {
        long stored = encoded.size();
        if (stored < BloscFrame.HEADER) {
          throw new CodecException(
              "blosc: frame of "
                  + stored
                  + " bytes is shorter than the "
                  + BloscFrame.HEADER
                  + "-byte header");
        }
        byte[] header = new byte[BloscFrame.HEADER];
        encoded.read(0, header, 0, header.length);
        n = Blosc.decodedSize(ByteBuffer.wrap(header));
      }
      if (decoded.exact() && n != decoded.maxSize()) {
        throw new CodecException(
            "decoded to " + n + " bytes but the chunk has " + decoded.maxSize());
      }
      if (decoded.isBounded() && n > decoded.maxSize()) {
        throw new CodecException(
            "blosc: frame claims "
                + n
                + " decoded bytes, more than the "
                + decoded.maxSize()
                + " expected");
      }
      size = n;
    }
    return size;
  }

  private ByteBuffer inMemory() {
    return frame != null ? frame : encoded.memory();
  }

  @Override
  public void read(long offset, ByteBuffer dst) {
    int len = dst.remaining();
    if (dst.hasArray()) {
      readPacked(
          ByteRuns.single(offset, offset + len), dst.array(), dst.arrayOffset() + dst.position());
      dst.position(dst.limit());
    } else {
      byte[] b = new byte[len];
      readPacked(ByteRuns.single(offset, offset + len), b, 0);
      dst.put(b);
    }
  }

  @Override
  public void readPacked(ByteRuns runs, byte[] dst, int off) {
    if (runs.count() == 0) {
      return;
    }
    ByteBuffer mem = inMemory();
    // runs over most of the decoded bytes need most blocks: one read of the whole frame then costs
    // less than reading them one by one (decided before the header is read, where the decoded size
    // is known, so that one read is the only one)
    long expected = decoded.exact() ? decoded.maxSize() : size();
    if (mem == null && 2 * runs.span() > expected) {
      mem = readFrame();
    }
    int n = (int) size();
    int[] r = runs.toIntBounds();
    if (mem != null) {
      Blosc.decodeRuns(mem, n, r, r.length / 2, dst, off, pureJava);
    } else {
      Blosc.decodeRuns(
          new Blosc.FrameSource() {
            @Override
            public long size() {
              return encoded.size();
            }

            @Override
            public void read(long offset, byte[] b, int o, int len) {
              encoded.read(offset, b, o, len);
            }
          },
          n,
          r,
          r.length / 2,
          dst,
          off,
          pureJava);
    }
  }

  @Override
  public ByteBuffer readAll() {
    int n = (int) size();
    ByteBuffer mem = inMemory();
    if (mem == null) {
      mem = readFrame();
    }
    byte[] out = new byte[n];
    Blosc.decodeInto(mem, out, 0, n, pureJava);
    return ByteBuffer.wrap(out);
  }

  /** Reads the whole frame once, into a buffer lent for as long as this source is open. */
  private ByteBuffer readFrame() {
    long stored = encoded.size();
    if (stored > Integer.MAX_VALUE - 64) {
      throw new CodecException("blosc: frame of " + stored + " bytes is too large");
    }
    int len = (int) stored;
    lent = ChunkScratch.get().lendHeap(len);
    encoded.read(0, lent, 0, len);
    frame = ByteBuffer.wrap(lent, 0, len);
    return frame;
  }

  @Override
  public void close() {
    if (lent != null) {
      ChunkScratch.get().release(lent);
      lent = null;
      frame = null;
    }
    encoded.close();
  }
}
