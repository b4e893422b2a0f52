package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.ndarray.StridedView;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One chunk in array form, as it passes between the array stages of a codec chain and to and from
 * the caller's array: the elements of a {@link ChunkSpec}, either as raw bytes laid out in the
 * spec's data type (its item size and byte order, as NumPy holds an array in memory) or, for object
 * data types, as Java values.
 *
 * <p>The elements are addressed by strides (in elements, per dimension), which are C order unless
 * an axis-reordering stage made a view ({@link #permute}); the elements always fill their storage
 * densely from its start. A chunk wraps the storage it is given; copying elements in and out
 * ({@link #copyTo}, {@link #copyFrom} and the point forms) is where byte order is converted. Not
 * thread-safe.
 */
public final class ChunkArray {
  private final ChunkSpec spec;
  private final ByteBuffer bytes; // position 0 = element 0 of storage
  private final Object[] objects;
  private final long[] strides; // in elements

  private ChunkArray(ChunkSpec spec, ByteBuffer bytes, Object[] objects, long[] strides) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.bytes = bytes;
    this.objects = objects;
    this.strides = strides;
  }

  /**
   * A chunk of fixed-size elements held as raw bytes in C order.
   *
   * @param bytes exactly {@link ChunkSpec#byteSize()} remaining bytes (kept, not copied)
   * @throws CodecException if the number of bytes does not match the spec
   */
  public static ChunkArray ofBytes(ChunkSpec spec, ByteBuffer bytes) {
    return ofBytes(spec, bytes, cStrides(spec.shape()));
  }

  /**
   * A chunk of fixed-size elements held as raw bytes laid out by {@code strides}, which must
   * address every element of the buffer exactly once (a reordering of C-order strides).
   *
   * @throws CodecException if the number of bytes does not match the spec
   */
  public static ChunkArray ofBytes(ChunkSpec spec, ByteBuffer bytes, long[] strides) {
    if (spec.dtype().kind() == DataType.Kind.OBJECT) {
      throw new IllegalArgumentException("an object chunk holds Java values, not bytes");
    }
    if (bytes.remaining() != spec.byteSize()) {
      throw new CodecException(
          "a chunk of shape "
              + Arrays.toString(spec.shape())
              + " and type "
              + spec.dtype()
              + " has "
              + spec.byteSize()
              + " bytes, got "
              + bytes.remaining());
    }
    checkStrides(spec, strides);
    return new ChunkArray(spec, bytes.slice(), null, strides.clone());
  }

  /**
   * A chunk of an object data type held as Java values in C order.
   *
   * @param objects exactly {@link ChunkSpec#size()} values (kept, not copied)
   * @throws CodecException if the number of values does not match the spec
   */
  public static ChunkArray ofObjects(ChunkSpec spec, Object[] objects) {
    return ofObjects(spec, objects, cStrides(spec.shape()));
  }

  /**
   * A chunk of Java values laid out by {@code strides} (see {@link #ofBytes(ChunkSpec, ByteBuffer,
   * long[])}).
   */
  public static ChunkArray ofObjects(ChunkSpec spec, Object[] objects, long[] strides) {
    if (spec.dtype().kind() != DataType.Kind.OBJECT) {
      throw new IllegalArgumentException("a chunk of " + spec.dtype() + " holds raw bytes");
    }
    if (objects.length != spec.size()) {
      throw new CodecException(
          "decoded " + objects.length + " elements, a chunk holds " + spec.size());
    }
    checkStrides(spec, strides);
    return new ChunkArray(spec, null, objects, strides.clone());
  }

  /**
   * A new chunk whose every element is {@code value} (or zero bytes, empty values, when it is
   * {@code null}), laid out by {@code strides} (C order when {@code null}).
   */
  public static ChunkArray filled(ChunkSpec spec, Object value, long[] strides) {
    long[] st = strides == null ? cStrides(spec.shape()) : strides;
    if (spec.dtype().kind() == DataType.Kind.OBJECT) {
      Object[] o = new Object[Math.toIntExact(spec.size())];
      Arrays.fill(o, value);
      return ofObjects(spec, o, st);
    }
    byte[] b = new byte[Math.toIntExact(spec.byteSize())];
    fill(b, 0, b.length, elementBytes(spec.dtype(), value));
    return ofBytes(spec, ByteBuffer.wrap(b), st);
  }

  /** A new chunk holding the spec's fill value everywhere, in C order. */
  public static ChunkArray filled(ChunkSpec spec) {
    return filled(spec, spec.fillValue(), null);
  }

  /** The C-order strides (in elements) of a shape. */
  public static long[] cStrides(int[] shape) {
    long[] st = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= shape[i];
    }
    return st;
  }

  private static void checkStrides(ChunkSpec spec, long[] strides) {
    if (strides.length != spec.ndim()) {
      throw new IllegalArgumentException(
          "strides "
              + Arrays.toString(strides)
              + " do not match shape "
              + Arrays.toString(spec.shape()));
    }
  }

  /** The raw bytes of one element holding {@code value} (zero bytes for {@code null}). */
  public static byte[] elementBytes(DataType dtype, Object value) {
    byte[] out = new byte[dtype.itemSize()];
    if (value == null) {
      return out;
    }
    NdArray one = NdArray.scalar(dtype, value);
    RawCopy.encode(
        one.data(), 0, new long[0], ByteBuffer.wrap(out), 0, new long[0], new long[0], dtype);
    return out;
  }

  /** Fills {@code a[off, off+total)} with {@code pattern} repeated. */
  static void fill(byte[] a, int off, int total, byte[] pattern) {
    if (total == 0 || pattern.length == 0) {
      return;
    }
    boolean zero = true;
    for (byte x : pattern) {
      zero &= x == 0;
    }
    if (zero) {
      Arrays.fill(a, off, off + total, (byte) 0);
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

  // ------------------------------------------------------------------ properties

  /** The chunk's shape, element type and fill value. */
  public ChunkSpec spec() {
    return spec;
  }

  /** Whether the elements are Java values ({@link #objects()}) rather than raw bytes. */
  public boolean isObjects() {
    return objects != null;
  }

  /** The strides, in elements, per dimension (a copy). */
  public long[] strides() {
    return strides.clone();
  }

  /** Whether the elements are laid out in C order. */
  public boolean isContiguous() {
    return Arrays.equals(strides, cStrides(spec.shape()));
  }

  /**
   * The raw bytes: the chunk's own buffer (not a copy), positioned at its first byte, in the layout
   * of {@link #strides()}.
   *
   * @throws IllegalStateException for an object chunk
   */
  public ByteBuffer bytes() {
    if (bytes == null) {
      throw new IllegalStateException("an object chunk has no raw bytes");
    }
    return bytes.duplicate();
  }

  /**
   * The Java values: the chunk's own array (not a copy), in the layout of {@link #strides()}.
   *
   * @throws IllegalStateException for a chunk of raw bytes
   */
  public Object[] objects() {
    if (objects == null) {
      throw new IllegalStateException("a chunk of " + spec.dtype() + " holds raw bytes");
    }
    return objects;
  }

  // ------------------------------------------------------------------ views

  /**
   * A view with the axes reordered: axis {@code i} of the view is axis {@code order[i]} of this
   * chunk. Nothing is copied.
   */
  public ChunkArray permute(int[] order) {
    int[] shape = spec.shape();
    int[] s = new int[order.length];
    long[] st = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      s[i] = shape[order[i]];
      st[i] = strides[order[i]];
    }
    return new ChunkArray(spec.withShape(s), bytes, objects, st);
  }

  /**
   * A copy that owns its storage, laid out as this chunk is (same strides): raw bytes copied into a
   * new heap buffer, Java values into a new array (the values themselves are shared). A decoder may
   * hand back a view of stored or lent bytes; a writer copies before it changes the chunk.
   */
  public ChunkArray copy() {
    if (objects != null) {
      return new ChunkArray(spec, null, objects.clone(), strides.clone());
    }
    byte[] b = new byte[bytes.remaining()];
    bytes.duplicate().get(b);
    return new ChunkArray(spec, ByteBuffer.wrap(b), null, strides.clone());
  }

  /** This chunk if its elements are in C order, else a copy in C order. */
  public ChunkArray contiguous() {
    if (isContiguous()) {
      return this;
    }
    long[] c = cStrides(spec.shape());
    long[] counts = counts();
    if (objects != null) {
      Object[] out = new Object[objects.length];
      StridedCopy.copy(objects, 0, strides, out, 0, c, counts, 1);
      return new ChunkArray(spec, null, out, c);
    }
    int item = spec.dtype().itemSize();
    byte[] out = new byte[bytes.remaining()];
    byte[] src;
    long srcOff;
    int at = bytes.hasArray() ? bytes.arrayOffset() + bytes.position() : -1;
    if (at >= 0 && at % item == 0) {
      src = bytes.array();
      srcOff = at / item;
    } else {
      src = new byte[bytes.remaining()];
      bytes.duplicate().get(src);
      srcOff = 0;
    }
    // each element moves as item bytes, so its byte order is untouched
    StridedCopy.copy(src, srcOff, strides, out, 0, c, counts, item);
    return new ChunkArray(spec, ByteBuffer.wrap(out), null, c);
  }

  private long[] counts() {
    int[] shape = spec.shape();
    long[] c = new long[shape.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = shape[i];
    }
    return c;
  }

  private static long[] scale(long[] a, long k) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * k;
    }
    return out;
  }

  // ------------------------------------------------------------------ regions

  /**
   * Copies the region of this chunk that starts at {@code start} and has {@code dst}'s shape into
   * {@code dst}, elements as they are stored (no byte-order conversion: both chunks hold the same
   * data type). Either chunk may have any strides. A sharding codec cuts a shard into its inner
   * chunks this way.
   *
   * @throws IllegalArgumentException if the data types differ or the region is not inside this
   *     chunk
   */
  public void copyRegionTo(int[] start, ChunkArray dst) {
    copyRegion(this, start, dst, new int[start.length], dst.spec.shape());
  }

  /**
   * Copies every element of {@code src} into the region of this chunk that starts at {@code start}
   * and has {@code src}'s shape, elements as they are stored (see {@link #copyRegionTo}). A
   * sharding codec assembles a shard from its decoded inner chunks this way.
   *
   * @throws IllegalArgumentException if the data types differ or the region is not inside this
   *     chunk
   */
  public void copyRegionFrom(ChunkArray src, int[] start) {
    copyRegion(src, new int[start.length], this, start, src.spec.shape());
  }

  private static void copyRegion(
      ChunkArray src, int[] srcStart, ChunkArray dst, int[] dstStart, int[] shape) {
    if (!src.spec.dtype().equals(dst.spec.dtype())) {
      throw new IllegalArgumentException(
          "cannot copy elements of " + src.spec.dtype() + " into a chunk of " + dst.spec.dtype());
    }
    int nd = shape.length;
    checkRegion(src.spec, srcStart, shape);
    checkRegion(dst.spec, dstStart, shape);
    long[] counts = new long[nd];
    for (int d = 0; d < nd; d++) {
      counts[d] = shape[d];
    }
    long srcOff = 0;
    long dstOff = 0;
    for (int d = 0; d < nd; d++) {
      srcOff += srcStart[d] * src.strides[d];
      dstOff += dstStart[d] * dst.strides[d];
    }
    if (src.objects != null) {
      StridedCopy.copy(
          src.objects, srcOff, src.strides, dst.objects, dstOff, dst.strides, counts, 1);
      return;
    }
    // copy bytes: element strides scaled to bytes, plus an innermost dimension of the item's
    // bytes, so any alignment of the buffers works and contiguous rows merge into one arraycopy
    int item = src.spec.dtype().itemSize();
    long[] c = Arrays.copyOf(counts, nd + 1);
    c[nd] = item;
    long[] ss = Arrays.copyOf(scale(src.strides, item), nd + 1);
    long[] ds = Arrays.copyOf(scale(dst.strides, item), nd + 1);
    ss[nd] = 1;
    ds[nd] = 1;
    ByteBuffer sb = src.bytes;
    byte[] sa;
    long sAt;
    if (sb.hasArray()) {
      sa = sb.array();
      sAt = sb.arrayOffset() + sb.position();
    } else {
      sa = new byte[sb.remaining()];
      sb.duplicate().get(sa);
      sAt = 0;
    }
    ByteBuffer db = dst.bytes;
    if (db.hasArray()) {
      StridedCopy.copy(
          sa,
          sAt + srcOff * item,
          ss,
          db.array(),
          db.arrayOffset() + db.position() + dstOff * item,
          ds,
          c,
          1);
    } else {
      byte[] da = new byte[db.remaining()];
      db.duplicate().get(da);
      StridedCopy.copy(sa, sAt + srcOff * item, ss, da, dstOff * item, ds, c, 1);
      db.duplicate().put(da);
    }
  }

  private static void checkRegion(ChunkSpec spec, int[] start, int[] shape) {
    boolean ok = start.length == spec.ndim() && shape.length == spec.ndim();
    for (int d = 0; ok && d < start.length; d++) {
      ok = start[d] >= 0 && shape[d] >= 0 && (long) start[d] + shape[d] <= spec.shape(d);
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "the region at "
              + Arrays.toString(start)
              + " of shape "
              + Arrays.toString(shape)
              + " is not inside a chunk of shape "
              + Arrays.toString(spec.shape()));
    }
  }

  // ------------------------------------------------------------------ element copies

  /**
   * Copies the elements of {@code box} into {@code out}: box position {@code (i0, ..., in)} goes to
   * index {@code (i0, ..., in)} of the view, whose storage holds elements of this chunk's storage
   * kind.
   */
  public void copyTo(StridedBox box, StridedView out) {
    long off = boxOffset(box);
    long[] st = boxStrides(box);
    if (objects != null) {
      StridedCopy.copy(
          objects, off, st, out.storage(), out.offset(), out.strides(), box.count(), 1);
    } else {
      int item = spec.dtype().itemSize();
      RawCopy.decode(
          bytes,
          off * item,
          scale(st, item),
          out.storage(),
          out.offset(),
          out.strides(),
          box.count(),
          spec.dtype());
    }
  }

  /**
   * Copies elements from {@code src} into the positions of {@code box}: index {@code (i0, ..., in)}
   * of the view goes to box position {@code (i0, ..., in)}; a view stride of 0 repeats an element.
   */
  public void copyFrom(StridedView src, StridedBox box) {
    long off = boxOffset(box);
    long[] st = boxStrides(box);
    if (objects != null) {
      StridedCopy.copy(
          src.storage(), src.offset(), src.strides(), objects, off, st, box.count(), 1);
    } else {
      int item = spec.dtype().itemSize();
      RawCopy.encode(
          src.storage(),
          src.offset(),
          src.strides(),
          bytes,
          off * item,
          scale(st, item),
          box.count(),
          spec.dtype());
    }
  }

  /**
   * Copies single elements out: element {@code i}, at chunk position {@code positions[i * ndim ..
   * (i + 1) * ndim)}, goes to element offset {@code outOffsets[i]} of {@code out}.
   */
  public void copyPointsTo(int[] positions, Object out, long[] outOffsets) {
    long[] offs = pointOffsets(positions, outOffsets.length);
    if (objects != null) {
      Object[] o = (Object[]) out;
      for (int i = 0; i < offs.length; i++) {
        o[(int) outOffsets[i]] = objects[(int) offs[i]];
      }
    } else {
      int item = spec.dtype().itemSize();
      for (int i = 0; i < offs.length; i++) {
        offs[i] *= item;
      }
      RawCopy.decodePoints(bytes, offs, out, outOffsets, spec.dtype());
    }
  }

  /**
   * Copies single elements in, in order (a later element wins where two positions repeat): element
   * {@code i} comes from element offset {@code srcOffsets[i]} of {@code src}.
   */
  public void copyPointsFrom(Object src, long[] srcOffsets, int[] positions) {
    long[] offs = pointOffsets(positions, srcOffsets.length);
    if (objects != null) {
      Object[] s = (Object[]) src;
      for (int i = 0; i < offs.length; i++) {
        objects[(int) offs[i]] = s[(int) srcOffsets[i]];
      }
    } else {
      int item = spec.dtype().itemSize();
      for (int i = 0; i < offs.length; i++) {
        offs[i] *= item;
      }
      RawCopy.encodePoints(src, srcOffsets, bytes, offs, spec.dtype());
    }
  }

  /** Element offsets in storage of points given as chunk positions. */
  public long[] pointOffsets(int[] positions, int count) {
    int nd = strides.length;
    long[] offs = new long[count];
    for (int i = 0; i < count; i++) {
      long o = 0;
      for (int d = 0; d < nd; d++) {
        o += positions[i * nd + d] * strides[d];
      }
      offs[i] = o;
    }
    return offs;
  }

  private long boxOffset(StridedBox box) {
    int[] start = box.start();
    long off = 0;
    for (int d = 0; d < start.length; d++) {
      off += start[d] * strides[d];
    }
    return off;
  }

  private long[] boxStrides(StridedBox box) {
    int[] step = box.step();
    long[] st = new long[step.length];
    for (int d = 0; d < step.length; d++) {
      st[d] = strides[d] * step[d];
    }
    return st;
  }

  // ------------------------------------------------------------------ fill values

  /** Sets every element to {@code value} (zero bytes, or {@code null} values, when it is null). */
  public void fill(Object value) {
    if (objects != null) {
      Arrays.fill(objects, value);
      return;
    }
    fillPattern(elementBytes(spec.dtype(), value));
  }

  private void fillPattern(byte[] pattern) {
    int total = bytes.remaining();
    if (bytes.hasArray()) {
      fill(bytes.array(), bytes.arrayOffset() + bytes.position(), total, pattern);
      return;
    }
    byte[] row = new byte[Math.min(total, Math.max(1, 8192 / pattern.length) * pattern.length)];
    fill(row, 0, row.length, pattern);
    for (int off = 0; off < total; off += row.length) {
      bytes.put(off, row, 0, Math.min(row.length, total - off));
    }
  }

  /**
   * Sets every element to the element at {@code index} of a storage array of this chunk's kind,
   * copied exactly (raw bytes for fixed-size types, so text with code points Java cannot hold in a
   * {@code String} keeps them).
   */
  public void fillWithElement(Object storage, long index) {
    if (objects != null) {
      Arrays.fill(objects, ((Object[]) storage)[Math.toIntExact(index)]);
      return;
    }
    byte[] pattern = new byte[spec.dtype().itemSize()];
    RawCopy.encode(
        storage,
        index,
        new long[0],
        ByteBuffer.wrap(pattern),
        0,
        new long[0],
        new long[0],
        spec.dtype());
    fillPattern(pattern);
  }

  /** Whether every element equals {@code value} (compared as raw bytes for fixed-size types). */
  public boolean isFilledWith(Object value) {
    if (objects != null) {
      for (Object e : objects) {
        if (!Objects.deepEquals(e, value)) {
          return false;
        }
      }
      return true;
    }
    byte[] pattern = elementBytes(spec.dtype(), value);
    int total = bytes.remaining();
    if (total == 0) {
      return true;
    }
    int rowLen = Math.min(total, Math.max(1, 8192 / Math.max(1, pattern.length)) * pattern.length);
    byte[] row = new byte[rowLen];
    fill(row, 0, rowLen, pattern);
    ByteBuffer r = ByteBuffer.wrap(row);
    for (int off = 0; off < total; off += rowLen) {
      int n = Math.min(rowLen, total - off);
      if (bytes.slice(off, n).mismatch(r.slice(0, n)) >= 0) {
        return false;
      }
    }
    return true;
  }
}
