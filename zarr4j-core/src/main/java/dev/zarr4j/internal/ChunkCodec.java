package dev.zarr4j.internal;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedCopy;
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
  private final ObjectCodec objectCodec;
  private final long[] elementStrides;
  private final int[]
      stageBounds; // [k]: most bytes filter k's decode may produce; [filters]: the compressor's
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
    this.objectCodec = spec.objectCodec();
    this.elementStrides =
        spec.order() == MemoryOrder.C
            ? StridedCopy.cStrides(chunkShape)
            : StridedCopy.fStrides(chunkShape);
    this.rawStrides = new long[elementStrides.length];
    for (int i = 0; i < elementStrides.length; i++) {
      rawStrides[i] = elementStrides[i] * dtype.itemSize();
    }
    this.fillElement = objectCodec != null ? new byte[0] : elementBytes(spec.fillValue());
    this.stageBounds = stageBounds();
  }

  /**
   * The most bytes each decoding stage may produce, found by walking the chain forward from the raw
   * chunk: a filter that changes the element type (Delta, AsType, FixedScaleOffset, Quantize,
   * Categorize) keeps the element count and changes the item size; one that sees plain bytes
   * (checksums, shuffles, bit packing) grows the data by a few bytes at most. Each decoder is held
   * to its bound, so a hostile chunk cannot make any stage allocate more than the chunk can be.
   */
  private int[] stageBounds() {
    int[] bounds = new int[filters.size() + 1];
    long size;
    DataType type;
    if (objectCodec != null) {
      size = Integer.MAX_VALUE - 64L; // an object chunk's encoded size is not known in advance
      type = objectCodec.encodedType();
    } else {
      size = chunkBytes;
      type = dtype;
    }
    for (int i = 0; i < filters.size(); i++) {
      bounds[i] = (int) Math.min(Integer.MAX_VALUE - 64L, size);
      DataType next = filters.get(i).encodedType(type);
      if (next.equals(DataType.UINT8) && !type.equals(DataType.UINT8)) {
        size = size + 64; // byte-level stage: a checksum adds 4 bytes, the others do not grow
      } else {
        size = size / Math.max(1, type.itemSize()) * next.itemSize() + 64;
      }
      type = next;
    }
    bounds[filters.size()] = (int) Math.min(Integer.MAX_VALUE - 64L, size);
    return bounds;
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
    RawCopy.encode(
        one.data(), 0, new long[0], ByteBuffer.wrap(out), 0, new long[0], new long[0], dtype);
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

  /**
   * Overwrites the first {@link #chunkBytes()} bytes of {@code dst} (from index 0) with the fill
   * value.
   */
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
   * @return exactly {@link #chunkBytes()} remaining bytes: a view of {@code scratch}, {@code
   *     stored} itself (see {@link #isIdentity()}), or a new buffer; valid until {@code scratch} is
   *     reused
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

  // ------------------------------------------------------------------ partial decoding

  /** Most runs a partial decode is asked for; a selection needing more is decoded whole. */
  static final int MAX_RUNS = 1 << 13;

  /**
   * Whether parts of a chunk can be decoded alone ({@link #decodeRuns}): a lone Blosc compressor,
   * no filters, not an object array.
   */
  public boolean decodesPartially() {
    return objectCodec == null && filters.isEmpty() && compressor instanceof Blosc;
  }

  /**
   * The byte runs of the raw chunk that a strided box of elements occupies (sorted, disjoint,
   * adjacent runs merged, as start/end pairs), or null when a partial decode would not pay: more
   * than {@link #MAX_RUNS} runs, or more than half of the chunk's elements.
   *
   * @param start first position per dimension inside the chunk
   * @param step distance between positions per dimension
   * @param count number of positions per dimension
   */
  public int[] boxRuns(int[] start, int[] step, long[] count) {
    int nd = start.length;
    int item = dtype.itemSize();
    long elements = 1;
    for (long c : count) {
      elements *= c;
    }
    if (elements == 0 || elements * 2 > spec.chunkSize()) {
      return null; // also every 0-d chunk, whose one element is the whole chunk
    }
    boolean c = spec.order() == MemoryOrder.C;
    int inner = c ? nd - 1 : 0;
    boolean contiguous = step[inner] == 1;
    long runLen = contiguous ? count[inner] * item : item;
    long nruns = contiguous ? elements / count[inner] : elements;
    if (nruns > MAX_RUNS) {
      return null;
    }
    int[] runs = new int[(int) (2 * nruns)];
    int n = 0;
    long[] pos = new long[nd]; // odometer over the box, inner dimension stepped per run
    long base = 0;
    for (int d = 0; d < nd; d++) {
      base += start[d] * rawStrides[d];
    }
    long innerStride = rawStrides[inner] * step[inner];
    long innerCount = contiguous ? 1 : count[inner];
    while (true) {
      long off = base;
      for (int d = 0; d < nd; d++) {
        off += pos[d] * step[d] * rawStrides[d];
      }
      for (long k = 0; k < innerCount; k++) {
        int a = (int) (off + k * innerStride);
        int b = (int) (a + runLen);
        if (n > 0 && runs[2 * n - 1] == a) {
          runs[2 * n - 1] = b; // adjacent to the previous run
        } else {
          runs[2 * n] = a;
          runs[2 * n + 1] = b;
          n++;
        }
      }
      // next outer position, fastest-varying dimension first (memory order)
      int d = c ? nd - 2 : 1;
      while (true) {
        if (c ? d < 0 : d >= nd) {
          return java.util.Arrays.copyOf(runs, 2 * n);
        }
        if (++pos[d] < count[d]) {
          break;
        }
        pos[d] = 0;
        d += c ? -1 : 1;
      }
    }
  }

  /** Whether reading {@code count} points of a chunk by {@link #pointRuns} can pay. */
  public boolean pointRunsPay(int count) {
    return decodesPartially()
        && count > 0
        && count <= MAX_RUNS
        && (long) count * 2 <= spec.chunkSize();
  }

  /**
   * The byte runs of the raw chunk holding elements at the given byte offsets (any order, repeats
   * allowed), or null when a partial decode would not pay (see {@link #boxRuns}). Fills {@code
   * packed} with where each element lands in the packed result of {@link #decodeRuns}.
   */
  public int[] pointRuns(long[] offsets, long[] packed) {
    int item = dtype.itemSize();
    int count = offsets.length;
    if (!pointRunsPay(count)) {
      return null;
    }
    long[] keys = new long[count]; // offset, then the element's index
    for (int i = 0; i < count; i++) {
      keys[i] = offsets[i] << 32 | i;
    }
    java.util.Arrays.sort(keys);
    int[] runs = new int[2 * count];
    int n = 0;
    int at = -item; // packed offset of the last distinct element
    long last = -1;
    for (long k : keys) {
      long o = k >>> 32;
      if (o != last) {
        at += item;
        int a = (int) o;
        if (n > 0 && runs[2 * n - 1] == a) {
          runs[2 * n - 1] = a + item;
        } else {
          runs[2 * n] = a;
          runs[2 * n + 1] = a + item;
          n++;
        }
        last = o;
      }
      packed[(int) k] = at;
    }
    return java.util.Arrays.copyOf(runs, 2 * n);
  }

  /** Whether runs reach over more than half of the raw chunk, from the first to the last. */
  public boolean spansMostOfChunk(int[] runs) {
    return runs.length >= 2 && 2L * (runs[runs.length - 1] - runs[0]) > chunkBytes;
  }

  /** The total length of the runs: the size of {@link #decodeRuns}' packed result. */
  public static int runBytes(int[] runs) {
    int n = 0;
    for (int r = 0; r + 1 < runs.length; r += 2) {
      n += runs[r + 1] - runs[r];
    }
    return n;
  }

  /**
   * Byte strides of a strided box's elements in the packed result of {@link #decodeRuns} with
   * {@link #boxRuns}' runs: the box's elements in the chunk's memory order, one after another.
   */
  public long[] packedStrides(long[] count) {
    int nd = count.length;
    long[] strides = new long[nd];
    long acc = dtype.itemSize();
    if (spec.order() == MemoryOrder.C) {
      for (int d = nd - 1; d >= 0; d--) {
        strides[d] = acc;
        acc *= count[d];
      }
    } else {
      for (int d = 0; d < nd; d++) {
        strides[d] = acc;
        acc *= count[d];
      }
    }
    return strides;
  }

  /**
   * Decodes only the {@code runs} of the raw chunk (see {@link #boxRuns}) from stored bytes, and
   * writes them packed, run after run, into {@code dst}.
   *
   * @param dst at least {@link #runBytes} bytes
   * @return a view of {@code dst} of {@link #runBytes} bytes
   * @throws CodecException naming the key if the parts read are corrupt or the chunk has the wrong
   *     size
   */
  public ByteBuffer decodeRuns(ByteBuffer stored, String key, int[] runs, byte[] dst) {
    int n;
    try {
      n = Blosc.decodedSize(stored);
      if (n == chunkBytes) {
        Blosc.decodeRuns(stored, chunkBytes, runs, runs.length / 2, dst, 0);
      }
    } catch (CodecException e) {
      throw new CodecException("chunk '" + key + "': " + e.getMessage(), e);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException("chunk '" + key + "' could not be decoded: " + e, e);
    }
    if (n != chunkBytes) {
      throw wrongSize(key, n);
    }
    return ByteBuffer.wrap(dst, 0, runBytes(runs));
  }

  /**
   * Like {@link #decodeRuns(ByteBuffer, String, int[], byte[])}, reading from {@code reader} only
   * the parts of the stored chunk that the runs need.
   *
   * @throws dev.zarr4j.exceptions.StoreException if the reader fails
   */
  public ByteBuffer decodeRuns(RangeReaderView reader, String key, int[] runs, byte[] dst) {
    int n;
    try {
      byte[] header = new byte[16];
      if (reader.size() < 16) {
        throw new CodecException(
            "blosc: frame of " + reader.size() + " bytes is shorter than the 16-byte header");
      }
      reader.read(0, header, 0, 16);
      n = Blosc.decodedSize(ByteBuffer.wrap(header));
      if (n == chunkBytes) {
        Blosc.decodeRuns(reader, chunkBytes, runs, runs.length / 2, dst, 0);
      }
    } catch (CodecException e) {
      throw new CodecException("chunk '" + key + "': " + e.getMessage(), e);
    } catch (IllegalArgumentException
        | IndexOutOfBoundsException
        | dev.zarr4j.exceptions.StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException("chunk '" + key + "' could not be decoded: " + e, e);
    }
    if (n != chunkBytes) {
      throw wrongSize(key, n);
    }
    return ByteBuffer.wrap(dst, 0, runBytes(runs));
  }

  /** A store's {@link dev.zarr4j.store.RangeReader} seen as the frame source Blosc reads from. */
  public static final class RangeReaderView implements Blosc.FrameSource {
    private final dev.zarr4j.store.RangeReader reader;

    /** Wraps a reader (which the caller still closes). */
    public RangeReaderView(dev.zarr4j.store.RangeReader reader) {
      this.reader = reader;
    }

    @Override
    public long size() {
      return reader.size();
    }

    @Override
    public void read(long offset, byte[] dst, int off, int len) {
      reader.read(offset, dst, off, len);
    }
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
      b = decodeStages(b);
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

  /** Undoes the compressor, then the filters in reverse, each held to its stage bound. */
  private ByteBuffer decodeStages(ByteBuffer stored) {
    ByteBuffer b = stored;
    if (compressor != null) {
      b = compressor.decode(b, stageBounds[filters.size()]);
    }
    for (int i = filters.size() - 1; i >= 0; i--) {
      b = filters.get(i).decode(b, stageBounds[i]);
    }
    return b;
  }

  // ------------------------------------------------------------------ object arrays

  /** Whether this is an object array, whose chunks are element arrays rather than raw bytes. */
  public boolean isObject() {
    return objectCodec != null;
  }

  /** Element stride of each dimension inside a chunk (C or F order). */
  public long[] elementStrides() {
    return elementStrides.clone();
  }

  /** A new object chunk holding the fill value everywhere. */
  public Object[] newFillObjects() {
    Object[] out = new Object[spec.chunkSize()];
    Arrays.fill(out, spec.fillValue());
    return out;
  }

  /**
   * Decodes a stored object-array chunk into its elements, in the chunk's memory order.
   *
   * @throws CodecException naming the key if a codec fails or the element count is wrong
   */
  public Object[] decodeObjects(ByteBuffer stored, String key) {
    try {
      Object[] elements = objectCodec.decodeObjects(decodeStages(stored), spec.chunkSize());
      if (elements.length != spec.chunkSize()) {
        throw new CodecException(
            "decoded " + elements.length + " elements, a chunk holds " + spec.chunkSize());
      }
      return elements;
    } catch (CodecException e) {
      throw new CodecException("chunk '" + key + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CodecException("chunk '" + key + "' could not be decoded: " + e, e);
    }
  }

  /** Encodes an object-array chunk's elements (memory order) into the bytes to store. */
  public ByteBuffer encodeObjects(Object[] elements, String key) {
    try {
      ByteBuffer b = objectCodec.encodeObjects(elements, spec.chunks());
      DataType type = objectCodec.encodedType();
      for (BytesToBytesCodec f : filters) {
        b = f.encode(b, type);
        type = f.encodedType(type);
      }
      if (compressor != null) {
        b = compressor.encode(b, type.itemSize());
      }
      return b;
    } catch (CodecException e) {
      throw new CodecException("chunk '" + key + "': " + e.getMessage(), e);
    }
  }

  /** Whether an object chunk holds only the fill value. */
  public boolean isFillObjects(Object[] elements) {
    Object fill = spec.fillValue();
    for (Object e : elements) {
      if (!java.util.Objects.deepEquals(e, fill)) {
        return false;
      }
    }
    return true;
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
