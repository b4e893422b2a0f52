package dev.zarr4j.codec.n5;

import dev.zarr4j.codec.ArrayToBytesCodec;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * N5's block format as the array-to-bytes stage of a chunk's codecs: an {@link N5BlockHeader}
 * (mode, dimensions in N5 order), then the block's elements big-endian in Zarr's C order (N5's F
 * order), compressed by the dataset's {@link N5Compression}. zarr-python's {@code N5ChunkWrapper}
 * (id {@code "n5_wrapper"}) does the same.
 *
 * <p><b>Encoding</b> writes a default-mode header whose dimensions are the chunk's shape: for a
 * chunk at the array's end, the shape the chunk grid ({@code EdgeChunks.CLIPPED}) cut it to, as the
 * N5 specification and N5 Java write edge blocks. (zarr-python writes edge blocks at the full block
 * size, padding included; it reads cut ones.)
 *
 * <p><b>Decoding</b> accepts a block whose header dimensions differ from the expected chunk shape,
 * as readers of both kinds of writer must: the elements where the two shapes overlap are copied and
 * the rest of the chunk holds the fill value. A header dimension may exceed the expected one only
 * up to the dataset's block size (given to {@link #of(N5Compression, int[])}), which bounds what a
 * block can make a reader allocate. Refused, each with a {@link CodecException} saying what is
 * wrong: a truncated header; mode 2 (object blocks) or an unknown mode; a varlength block (mode 1)
 * whose element count differs from the product of its dimensions; a number of dimensions other than
 * the chunk's; a dimension above the block size; a payload that is shorter or longer than the
 * header's elements (raw) or does not decompress to exactly that many bytes.
 *
 * <p>Element types: booleans, integers, floats (16 to 64 bits), complex numbers, datetime64 and
 * timedelta64, in either byte order (blocks are big-endian whatever the type says). Immutable and
 * thread-safe.
 */
public final class N5BlockCodec implements ArrayToBytesCodec {

  /** zarr-python's codec id for its N5 block wrapper. */
  public static final String ID = "n5_wrapper";

  /** The largest block N5 allows: 2^31 - 1 bytes of elements. */
  public static final long MAX_BLOCK_BYTES = Integer.MAX_VALUE - 64L;

  private final N5Compression compression;
  private final int[] blockSize; // Zarr order; null when unknown

  private N5BlockCodec(N5Compression compression, int[] blockSize) {
    this.compression = Objects.requireNonNull(compression, "compression");
    this.blockSize = blockSize == null ? null : blockSize.clone();
    if (this.blockSize != null) {
      for (int b : this.blockSize) {
        if (b < 1) {
          throw new IllegalArgumentException(
              "N5 block size " + Arrays.toString(blockSize) + " must be at least 1 everywhere");
        }
      }
    }
  }

  /**
   * A block codec that does not know the dataset's block size: blocks larger than the expected
   * chunk in some dimension are refused.
   */
  public static N5BlockCodec of(N5Compression compression) {
    return new N5BlockCodec(compression, null);
  }

  /**
   * A block codec for a dataset whose blocks are {@code blockSize} (Zarr order): blocks up to that
   * size decode into any smaller expected chunk (an edge chunk stored at full size).
   */
  public static N5BlockCodec of(N5Compression compression, int[] blockSize) {
    return new N5BlockCodec(compression, Objects.requireNonNull(blockSize, "blockSize"));
  }

  /** The payload compression. */
  public N5Compression compression() {
    return compression;
  }

  /** The dataset's block size in Zarr order (a copy), or {@code null} when unknown. */
  public int[] blockSize() {
    return blockSize == null ? null : blockSize.clone();
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@code {"id": "n5_wrapper", "compressor_config": <the compressor's configuration or null>}}, as
   * zarr-python's {@code N5ChunkWrapper.get_config()}.
   */
  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    BytesToBytesCodec c = compression.codec();
    m.put("compressor_config", c == null ? null : c.toConfig());
    return Collections.unmodifiableMap(m);
  }

  // ------------------------------------------------------------------ resolve

  @Override
  public BytesSpec resolve(ChunkSpec decoded) {
    checkType(decoded.dtype());
    if (decoded.ndim() > 0xFFFF) {
      throw new CodecException(
          ID + ": an N5 block has at most 65535 dimensions, got " + decoded.ndim());
    }
    if (blockSize != null && blockSize.length != decoded.ndim()) {
      throw new CodecException(
          ID
              + ": chunks of "
              + decoded.ndim()
              + " dimensions do not match the block size "
              + Arrays.toString(blockSize));
    }
    long bytes = decoded.byteSize();
    if (bytes > MAX_BLOCK_BYTES) {
      throw new CodecException(
          ID
              + ": a chunk of shape "
              + Arrays.toString(decoded.shape())
              + " and type "
              + decoded.dtype()
              + " has "
              + bytes
              + " bytes; N5 blocks hold at most 2 GiB");
    }
    long header = 4L + 4L * decoded.ndim();
    return compression.isRaw()
        ? BytesSpec.exactly(header + bytes, DataType.UINT8)
        : BytesSpec.unbounded();
  }

  /**
   * {@inheritDoc} The longest header (mode 1 adds an element count) and the compression's worst
   * case for a whole block of the dataset's block size: an edge block may be stored clipped (N5) or
   * at the full block size (zarr-python). {@link BytesSpec#UNBOUNDED} when the block size is
   * unknown.
   */
  @Override
  public long maxEncodedSize(ChunkSpec decoded) {
    resolve(decoded);
    if (blockSize == null || blockSize.length != decoded.ndim()) {
      return BytesSpec.UNBOUNDED;
    }
    long elements = 1;
    for (int d = 0; d < blockSize.length; d++) {
      elements = Math.multiplyExact(elements, Math.max(blockSize[d], decoded.shape()[d]));
    }
    long bytes = Math.multiplyExact(elements, (long) decoded.dtype().itemSize());
    long header = 4L + 4L * decoded.ndim() + 4L;
    long body =
        compression.isRaw()
            ? bytes
            : compression.codec().maxEncodedSize(BytesSpec.atMost(bytes, decoded.dtype()));
    return body < 0 ? BytesSpec.UNBOUNDED : header + body;
  }

  private static void checkType(DataType t) {
    switch (t.kind()) {
      case BOOL:
      case INT:
      case UINT:
      case FLOAT:
      case COMPLEX:
      case DATETIME:
      case TIMEDELTA:
        return;
      default:
        throw new CodecException(
            ID + ": N5 blocks hold numbers, datetimes and timedeltas, not elements of type " + t);
    }
  }

  // ------------------------------------------------------------------ encode

  @Override
  public ByteBuffer encode(ChunkArray decoded, CodecOptions options) {
    ChunkSpec spec = decoded.spec();
    resolve(spec);
    ChunkArray chunk = decoded.contiguous();
    DataType type = spec.dtype();
    byte[] header = N5BlockHeader.of(spec.shape()).toBytes();
    int n = Math.toIntExact(spec.byteSize());
    ByteBuffer src = chunk.bytes();
    BytesToBytesCodec codec = compression.codec();
    if (codec == null) {
      byte[] out = new byte[header.length + n];
      System.arraycopy(header, 0, out, 0, header.length);
      src.get(out, header.length, n);
      toBigEndian(out, header.length, n, type);
      return ByteBuffer.wrap(out);
    }
    byte[] elems = new byte[n];
    src.get(elems);
    toBigEndian(elems, 0, n, type);
    DataType big = type.withByteOrder(ByteOrder.BIG_ENDIAN);
    ByteBuffer payload = codec.encode(ByteBuffer.wrap(elems), BytesSpec.exactly(n, big), options);
    ByteBuffer out = ByteBuffer.allocate(header.length + payload.remaining());
    out.put(header).put(payload.duplicate());
    return out.flip();
  }

  // ------------------------------------------------------------------ decode

  @Override
  public ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options) {
    resolve(decoded);
    N5BlockHeader h = N5BlockHeader.read(encoded);
    int nd = decoded.ndim();
    if (h.ndim() != nd) {
      throw new CodecException(
          ID
              + ": the block has "
              + h.ndim()
              + " dimensions, the chunk "
              + nd
              + " (shape "
              + Arrays.toString(decoded.shape())
              + ")");
    }
    int[] got = h.shape();
    for (int d = 0; d < nd; d++) {
      int allowed = Math.max(decoded.shape(d), blockSize == null ? 0 : blockSize[d]);
      if (got[d] > allowed) {
        throw new CodecException(
            ID
                + ": block shape "
                + Arrays.toString(got)
                + " exceeds "
                + (blockSize == null
                    ? "the chunk shape " + Arrays.toString(decoded.shape())
                    : "the block size " + Arrays.toString(blockSize))
                + " in dimension "
                + d);
      }
    }
    if (h.mode() == N5BlockHeader.MODE_VARLENGTH && h.numElements() != h.shapeSize()) {
      throw new CodecException(
          ID
              + ": varlength block of shape "
              + Arrays.toString(got)
              + " holds "
              + h.numElements()
              + " elements; only blocks holding exactly their shape's "
              + h.shapeSize()
              + " elements are supported");
    }
    DataType type = decoded.dtype();
    long nbytes = h.shapeSize() * type.itemSize();
    if (nbytes > MAX_BLOCK_BYTES) {
      throw new CodecException(
          ID + ": block shape " + Arrays.toString(got) + " holds more than 2 GiB of " + type);
    }
    int n = (int) nbytes;
    ByteBuffer payload =
        encoded.slice(encoded.position() + h.length(), encoded.remaining() - h.length());
    byte[] elems = new byte[n];
    BytesToBytesCodec codec = compression.codec();
    if (codec == null) {
      if (payload.remaining() != n) {
        throw new CodecException(
            ID
                + ": raw block of shape "
                + Arrays.toString(got)
                + " and type "
                + type
                + " needs "
                + n
                + " payload bytes, the block has "
                + payload.remaining());
      }
      payload.get(elems);
    } else {
      try {
        codec.decodeInto(payload, elems, 0, n, options);
      } catch (CodecException e) {
        throw new CodecException(
            ID
                + ": "
                + compression.type()
                + " payload of a block of shape "
                + Arrays.toString(got)
                + " ("
                + n
                + " bytes): "
                + e.getMessage(),
            e);
      } catch (IndexOutOfBoundsException
          | BufferUnderflowException
          | IllegalArgumentException
          | ArithmeticException e) {
        throw new CodecException(ID + ": corrupt " + compression.type() + " payload: " + e, e);
      }
    }
    fromBigEndian(elems, 0, n, type);
    if (Arrays.equals(got, decoded.shape())) {
      return ChunkArray.ofBytes(decoded, ByteBuffer.wrap(elems));
    }
    ChunkArray out = ChunkArray.filled(decoded);
    ByteBuffer dst = out.bytes();
    copyOverlap(
        elems,
        got,
        dst.array(),
        dst.arrayOffset() + dst.position(),
        decoded.shape(),
        type.itemSize());
    return out;
  }

  /**
   * Copies the elements where a block of {@code srcShape} and a chunk of {@code dstShape} overlap.
   */
  private static void copyOverlap(
      byte[] src, int[] srcShape, byte[] dst, int dstBase, int[] dstShape, int item) {
    int nd = srcShape.length;
    int[] common = new int[nd];
    for (int d = 0; d < nd; d++) {
      common[d] = Math.min(srcShape[d], dstShape[d]);
      if (common[d] == 0) {
        return;
      }
    }
    long[] srcStride = byteStrides(srcShape, item);
    long[] dstStride = byteStrides(dstShape, item);
    int run = common[nd - 1] * item;
    int[] idx = new int[nd];
    while (true) {
      long s = 0;
      long t = 0;
      for (int d = 0; d < nd - 1; d++) {
        s += idx[d] * srcStride[d];
        t += idx[d] * dstStride[d];
      }
      System.arraycopy(src, (int) s, dst, dstBase + (int) t, run);
      int d = nd - 2;
      while (d >= 0 && ++idx[d] == common[d]) {
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  private static long[] byteStrides(int[] shape, int item) {
    long[] st = new long[shape.length];
    long acc = item;
    for (int d = shape.length - 1; d >= 0; d--) {
      st[d] = acc;
      acc *= shape[d];
    }
    return st;
  }

  // ------------------------------------------------------------------ byte order

  /** The width of the units whose bytes are reversed: a complex number's parts, else the item. */
  private static int swapUnit(DataType t) {
    return t.kind() == DataType.Kind.COMPLEX ? t.itemSize() / 2 : t.itemSize();
  }

  private static void toBigEndian(byte[] a, int off, int len, DataType t) {
    if (ByteOrder.LITTLE_ENDIAN.equals(t.byteOrder())) {
      swap(a, off, len, swapUnit(t));
    }
  }

  private static void fromBigEndian(byte[] a, int off, int len, DataType t) {
    toBigEndian(a, off, len, t); // the same reversal
  }

  private static void swap(byte[] a, int off, int len, int unit) {
    if (unit <= 1) {
      return;
    }
    for (int i = off; i < off + len; i += unit) {
      for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
        byte x = a[lo];
        a[lo] = a[hi];
        a[hi] = x;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof N5BlockCodec c
        && c.compression.equals(compression)
        && Arrays.equals(c.blockSize, blockSize);
  }

  @Override
  public int hashCode() {
    return compression.hashCode() * 31 + Arrays.hashCode(blockSize);
  }

  @Override
  public String toString() {
    return "N5BlockCodec(compression="
        + compression.toJson()
        + (blockSize == null ? "" : ", blockSize=" + Arrays.toString(blockSize))
        + ")";
  }
}
