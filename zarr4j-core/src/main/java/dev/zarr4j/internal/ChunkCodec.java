package dev.zarr4j.internal;

import dev.zarr4j.CodecException;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns stored chunk bytes into raw chunk bytes and back for one array: the compressor, the filters
 * (in reverse when decoding), and the raw layout (element byte order and C/F order) that {@link
 * RawCopy} reads and writes. Immutable and thread-safe.
 */
public final class ChunkCodec {
  private final ArraySpec spec;
  private final DataType dtype;
  private final List<BytesToBytesCodec> filters;
  private final BytesToBytesCodec compressor;
  private final int chunkBytes;
  private final long[] rawStrides;
  private final byte[] fillElement;
  private volatile byte[] fillChunk;

  /** Builds the codec for an array. */
  public ChunkCodec(ArraySpec spec) {
    this.spec = spec;
    this.dtype = spec.dtype();
    this.filters = spec.filters();
    this.compressor = spec.compressor();
    this.chunkBytes = spec.chunkBytes();
    long[] chunkShape = new long[spec.ndim()];
    for (int i = 0; i < chunkShape.length; i++) {
      chunkShape[i] = spec.chunks()[i];
    }
    long[] elemStrides =
        spec.order() == MemoryOrder.C
            ? StridedCopy.cStrides(chunkShape)
            : StridedCopy.fStrides(chunkShape);
    this.rawStrides = new long[elemStrides.length];
    for (int i = 0; i < elemStrides.length; i++) {
      rawStrides[i] = elemStrides[i] * dtype.itemSize();
    }
    this.fillElement = elementBytes(spec.fillValue());
  }

  /** The array description this codec serves. */
  public ArraySpec spec() {
    return spec;
  }

  /** Bytes of one raw (decoded) chunk. */
  public int chunkBytes() {
    return chunkBytes;
  }

  /** Byte stride of each dimension inside a raw chunk. */
  public long[] rawStrides() {
    return rawStrides.clone();
  }

  /** Raw bytes of one element holding the fill value (zeros when there is none). */
  public byte[] fillElement() {
    return fillElement.clone();
  }

  private byte[] elementBytes(Object value) {
    byte[] out = new byte[dtype.itemSize()];
    if (value == null) {
      return out;
    }
    NdArray one = NdArray.scalar(dtype, value);
    RawCopy.encode(one.data(), 0, new long[0], ByteBuffer.wrap(out), 0, new long[0], new long[0], dtype);
    return out;
  }

  /** A full raw chunk of the fill value (shared; callers must not modify it). */
  byte[] fillChunk() {
    byte[] f = fillChunk;
    if (f == null) {
      f = repeat(fillElement, chunkBytes);
      fillChunk = f;
    }
    return f;
  }

  /** A new, writable raw chunk holding the fill value everywhere. */
  public ByteBuffer newFillChunk() {
    return ByteBuffer.wrap(fillChunk().clone());
  }

  /** Overwrites the first {@link #chunkBytes()} bytes of {@code dst} (from index 0) with the fill value. */
  public void fill(ByteBuffer dst) {
    dst.put(0, fillChunk(), 0, chunkBytes);
  }

  /**
   * Overwrites the first {@link #chunkBytes()} bytes of {@code dst} (from index 0) with {@code
   * pattern} repeated (one element's raw bytes).
   */
  public void fill(ByteBuffer dst, byte[] pattern) {
    if (dst.hasArray()) {
      fillArray(dst.array(), dst.arrayOffset(), chunkBytes, pattern);
      return;
    }
    int perRow = Math.max(1, 8192 / pattern.length);
    byte[] row = new byte[(int) Math.min(chunkBytes, (long) perRow * pattern.length)];
    fillArray(row, 0, row.length, pattern);
    for (int off = 0; off < chunkBytes; off += row.length) {
      dst.put(off, row, 0, Math.min(row.length, chunkBytes - off));
    }
  }

  /** Fills {@code a[off, off+total)} with {@code pattern} repeated. */
  private static void fillArray(byte[] a, int off, int total, byte[] pattern) {
    if (total == 0) {
      return;
    }
    int n = Math.min(pattern.length, total);
    System.arraycopy(pattern, 0, a, off, n);
    while (n < total) {
      int k = Math.min(n, total - n);
      System.arraycopy(a, off, a, off + n, k);
      n += k;
    }
  }

  /** A byte array of {@code total} bytes repeating {@code pattern}. */
  public static byte[] repeat(byte[] pattern, int total) {
    byte[] out = new byte[total];
    if (total == 0) {
      return out;
    }
    boolean zero = true;
    for (byte b : pattern) {
      zero &= b == 0;
    }
    if (zero) {
      return out;
    }
    int n = Math.min(pattern.length, total);
    System.arraycopy(pattern, 0, out, 0, n);
    while (n < total) {
      int k = Math.min(n, total - n);
      System.arraycopy(out, 0, out, n, k);
      n += k;
    }
    return out;
  }

  /** Whether a raw chunk holds only the fill value. */
  public boolean isFillChunk(ByteBuffer raw) {
    byte[] f = fillChunk();
    if (raw.remaining() != f.length) {
      return false;
    }
    if (raw.hasArray()) {
      int off = raw.arrayOffset() + raw.position();
      return Arrays.mismatch(raw.array(), off, off + f.length, f, 0, f.length) < 0;
    }
    return raw.duplicate().mismatch(ByteBuffer.wrap(f)) < 0;
  }

  /** Whether stored chunks are the raw chunks themselves (no compressor, no filters). */
  public boolean isIdentity() {
    return compressor == null && filters.isEmpty();
  }

  /**
   * Whether {@link #decode(ByteBuffer, String, byte[])} decodes into the caller's array (a lone
   * Blosc compressor), so that lending it one is worthwhile.
   */
  public boolean decodesInPlace() {
    return filters.isEmpty() && compressor instanceof Blosc;
  }

  /**
   * Decodes stored chunk bytes into a raw chunk, into {@code scratch} when the codec can (see
   * {@link #decodesInPlace()}).
   *
   * @param scratch null, or an array of at least {@link #chunkBytes()} bytes the result may occupy
   * @return exactly {@link #chunkBytes()} remaining bytes: a view of {@code scratch}, {@code stored}
   *     itself (see {@link #isIdentity()}), or a new buffer; valid until {@code scratch} is reused
   * @throws CodecException if a codec fails or the result has the wrong size
   */
  public ByteBuffer decode(ByteBuffer stored, String key, byte[] scratch) {
    if (scratch == null || !decodesInPlace() || scratch.length < chunkBytes) {
      return decode(stored, key);
    }
    int n;
    try {
      n = Blosc.decodedSize(stored);
      if (n == chunkBytes) {
        Blosc.decodeInto(stored, scratch, 0, chunkBytes);
      }
    } catch (CodecException e) {
      throw new CodecException("chunk '" + key + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CodecException("chunk '" + key + "' could not be decoded: " + e, e);
    }
    if (n != chunkBytes) {
      throw wrongSize(key, n);
    }
    return ByteBuffer.wrap(scratch, 0, chunkBytes);
  }

  private CodecException wrongSize(String key, long decodedBytes) {
    return new CodecException(
        "chunk '"
            + key
            + "' decoded to "
            + decodedBytes
            + " bytes but a chunk of shape "
            + Arrays.toString(spec.chunks())
            + " and type "
            + dtype
            + " has "
            + chunkBytes
            + (isIdentity() ? " (the stored chunk is truncated or too long)" : ""));
  }

  /**
   * Decodes stored chunk bytes into a raw chunk.
   *
   * @param key the chunk's store key, named in errors
   * @throws CodecException if a codec fails or the result has the wrong size
   */
  public ByteBuffer decode(ByteBuffer stored, String key) {
    ByteBuffer b = stored;
    try {
      if (compressor != null) {
        b = compressor.decode(b, maxStageSize());
      }
      for (int i = filters.size() - 1; i >= 0; i--) {
        b = filters.get(i).decode(b, maxStageSize());
      }
    } catch (CodecException e) {
      throw new CodecException("chunk '" + key + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CodecException("chunk '" + key + "' could not be decoded: " + e, e);
    }
    if (b.remaining() != chunkBytes) {
      throw wrongSize(key, b.remaining());
    }
    return b;
  }

  private int maxStageSize() {
    // filters may widen the data (e.g. astype); allow generous head room but stay bounded
    long max = (long) chunkBytes * (filters.isEmpty() ? 1 : 8) + 1024;
    return (int) Math.min(Integer.MAX_VALUE - 64, max);
  }

  /** Encodes a raw chunk into the bytes to store. */
  public ByteBuffer encode(ByteBuffer raw, String key) {
    ByteBuffer b = raw;
    try {
      // each stage sees the element type numcodecs' previous stage returns (Blosc's typesize too)
      DataType type = dtype;
      for (BytesToBytesCodec f : filters) {
        b = f.encode(b, type);
        type = f.encodedType(type);
      }
      if (compressor != null) {
        b = compressor.encode(b, type.itemSize());
      }
    } catch (CodecException e) {
      throw new CodecException("chunk '" + key + "': " + e.getMessage(), e);
    }
    return b;
  }
}
