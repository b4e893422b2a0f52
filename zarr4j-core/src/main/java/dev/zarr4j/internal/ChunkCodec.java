package dev.zarr4j.internal;

import dev.zarr4j.CodecException;
import dev.zarr4j.codec.BytesToBytesCodec;
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
      throw new CodecException(
          "chunk '"
              + key
              + "' decoded to "
              + b.remaining()
              + " bytes but a chunk of shape "
              + Arrays.toString(spec.chunks())
              + " and type "
              + dtype
              + " has "
              + chunkBytes
              + (compressor == null && filters.isEmpty() ? " (the stored chunk is truncated or too long)" : ""));
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
