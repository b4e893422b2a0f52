package com.example.zarrcodecs;

import dev.zarr4j.codec.ArrayToArrayCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An array-to-array codec written outside zarr4j (id {@code "example.zigzag_delta"}): along one
 * axis of the chunk, each integer is replaced by its difference from the one before it (the first
 * by itself), and the difference is zig-zag encoded ({@code 0, -1, 1, -2, ...} become {@code 0, 1,
 * 2, 3, ...}) into the unsigned type of the same width. Smooth integer data become small unsigned
 * numbers that a bytes-to-bytes compressor after it (such as {@link RunLength}) packs well.
 * Lossless: differences wrap modulo 2<sup>bits</sup>, so every value decodes exactly.
 *
 * <p>What {@link #resolve} allows and returns:
 *
 * <ul>
 *   <li>signed or unsigned integers of 1, 2, 4 or 8 bytes in either byte order; anything else
 *       (bool, float, complex, strings, dates, records, objects) is refused with a {@link
 *       CodecException} naming the codec and the type;
 *   <li>an {@code axis} inside the chunk's dimensions ({@code -ndim <= axis < ndim}, negative
 *       counting from the end); so 0-dimensional chunks are refused;
 *   <li>the output has the chunk's shape and the unsigned type of the same width and byte order
 *       ({@code <i2} becomes {@code <u2}, {@code >i8} becomes {@code >u8}, {@code |i1} becomes
 *       {@code |u1}), with no fill value.
 * </ul>
 *
 * <p>Configuration: {@code {"id": "example.zigzag_delta", "axis": -1}}; {@code axis} defaults to -1
 * (the last axis) and is always written. Any other key is refused by name.
 *
 * <p>Immutable and thread-safe. It needs only zarr4j-core's public codec API: it works on the
 * chunk's elements through {@link ChunkArray} (taking a C-order copy with {@link
 * ChunkArray#contiguous()} when a stage before it handed it a strided view).
 */
public final class ZigZagDelta implements ArrayToArrayCodec {
  /** The codec id. */
  public static final String ID = "example.zigzag_delta";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("axis");

  private final int axis;

  /**
   * The codec along {@code axis} (negative counts from the end: -1 is the last axis).
   *
   * @param axis the axis along which differences are taken
   */
  public ZigZagDelta(int axis) {
    this.axis = axis;
  }

  /** The codec along the last axis. */
  public static ZigZagDelta lastAxis() {
    return new ZigZagDelta(-1);
  }

  /**
   * Builds the codec from its JSON configuration.
   *
   * @throws CodecException naming the key if a key is unknown or {@code axis} is not an integer
   */
  public static ZigZagDelta fromConfig(Map<String, Object> config) {
    Configs.check(ID, config, KEYS);
    return new ZigZagDelta(
        Configs.integer(ID, config, "axis", -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  /** The configured axis, as given (negative counts from the end). */
  public int axis() {
    return axis;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("axis", axis);
    return Collections.unmodifiableMap(m);
  }

  // ------------------------------------------------------------------ resolution

  /**
   * {@inheritDoc}
   *
   * @throws CodecException naming the codec if the element type is not an integer type or the axis
   *     is outside the chunk's dimensions
   */
  @Override
  public ChunkSpec resolve(ChunkSpec decoded) {
    DataType t = decoded.dtype();
    if (t.kind() != DataType.Kind.INT && t.kind() != DataType.Kind.UINT) {
      throw new CodecException(
          "codec '"
              + ID
              + "' encodes signed or unsigned integers only; it cannot encode elements of type "
              + t
              + " ('"
              + t.typestr()
              + "')");
    }
    axisIndex(decoded.ndim());
    return new ChunkSpec(decoded.shape(), encodedType(t), null);
  }

  /** The unsigned type of the same width and byte order as the integer type {@code t}. */
  static DataType encodedType(DataType t) {
    switch (t.itemSize()) {
      case 1:
        return DataType.UINT8;
      case 2:
        return DataType.UINT16.withByteOrder(t.byteOrder());
      case 4:
        return DataType.UINT32.withByteOrder(t.byteOrder());
      case 8:
        return DataType.UINT64.withByteOrder(t.byteOrder());
      default:
        throw new CodecException(
            "codec '" + ID + "': integers of " + t.itemSize() + " bytes are not supported");
    }
  }

  private int axisIndex(int ndim) {
    int a = axis < 0 ? axis + ndim : axis;
    if (a < 0 || a >= ndim) {
      throw new CodecException(
          "codec '"
              + ID
              + "': axis "
              + axis
              + " is outside a "
              + ndim
              + "-dimensional chunk"
              + (ndim == 0 ? " (it needs at least one dimension)" : ""));
    }
    return a;
  }

  // ------------------------------------------------------------------ encoding and decoding

  @Override
  public ChunkArray encode(ChunkArray decoded, CodecOptions options) {
    ChunkSpec spec = decoded.spec();
    ChunkSpec out = resolve(spec);
    ChunkArray c = decoded.contiguous();
    byte[] dst = new byte[Math.toIntExact(spec.byteSize())];
    transform(
        c.bytes().order(order(spec.dtype())),
        ByteBuffer.wrap(dst).order(order(spec.dtype())),
        spec.shape(),
        axisIndex(spec.ndim()),
        spec.dtype().itemSize(),
        true);
    return ChunkArray.ofBytes(out, ByteBuffer.wrap(dst));
  }

  /**
   * {@inheritDoc}
   *
   * @throws CodecException if {@code encoded} is not a chunk of {@code resolve(decoded)}
   */
  @Override
  public ChunkArray decode(ChunkArray encoded, ChunkSpec decoded, CodecOptions options) {
    ChunkSpec expected = resolve(decoded);
    ChunkSpec got = encoded.spec();
    if (!Arrays.equals(got.shape(), expected.shape()) || !got.dtype().equals(expected.dtype())) {
      throw new CodecException(
          "codec '" + ID + "': expected an encoded chunk of " + expected + ", got " + got);
    }
    ChunkArray c = encoded.contiguous();
    byte[] dst = new byte[Math.toIntExact(decoded.byteSize())];
    transform(
        c.bytes().order(order(decoded.dtype())),
        ByteBuffer.wrap(dst).order(order(decoded.dtype())),
        decoded.shape(),
        axisIndex(decoded.ndim()),
        decoded.dtype().itemSize(),
        false);
    return ChunkArray.ofBytes(decoded, ByteBuffer.wrap(dst));
  }

  private static ByteOrder order(DataType t) {
    return t.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  /**
   * Encodes or decodes C-order elements of {@code item} bytes from {@code src} to {@code dst} (both
   * positioned at element 0 and set to the elements' byte order) along axis {@code a}.
   */
  private static void transform(
      ByteBuffer src, ByteBuffer dst, int[] shape, int a, int item, boolean encode) {
    int len = shape[a];
    long innerL = 1;
    for (int d = a + 1; d < shape.length; d++) {
      innerL *= shape[d];
    }
    long outerL = 1;
    for (int d = 0; d < a; d++) {
      outerL *= shape[d];
    }
    if (len == 0 || innerL == 0 || outerL == 0) {
      return;
    }
    int inner = Math.toIntExact(innerL);
    int outer = Math.toIntExact(outerL);
    int bits = item * 8;
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    int so = src.position();
    int doff = dst.position();
    for (int o = 0; o < outer; o++) {
      int base = o * len * inner;
      for (int k = 0; k < len; k++) {
        int row = base + k * inner;
        for (int j = 0; j < inner; j++) {
          int i = row + j;
          if (encode) {
            long x = read(src, so, i, item);
            long prev = k == 0 ? 0 : read(src, so, i - inner, item);
            long d = (x - prev) & mask;
            long s = bits == 64 ? d : (d << (64 - bits)) >> (64 - bits);
            write(dst, doff, i, item, ((s << 1) ^ (s >> 63)) & mask);
          } else {
            long z = read(src, so, i, item) & mask;
            long s = (z >>> 1) ^ -(z & 1);
            long prev = k == 0 ? 0 : read(dst, doff, i - inner, item);
            write(dst, doff, i, item, (prev + s) & mask);
          }
        }
      }
    }
  }

  private static long read(ByteBuffer b, int off, int i, int item) {
    switch (item) {
      case 1:
        return b.get(off + i);
      case 2:
        return b.getShort(off + i * 2);
      case 4:
        return b.getInt(off + i * 4);
      default:
        return b.getLong(off + i * 8);
    }
  }

  private static void write(ByteBuffer b, int off, int i, int item, long v) {
    switch (item) {
      case 1:
        b.put(off + i, (byte) v);
        break;
      case 2:
        b.putShort(off + i * 2, (short) v);
        break;
      case 4:
        b.putInt(off + i * 4, (int) v);
        break;
      default:
        b.putLong(off + i * 8, v);
    }
  }

  // ------------------------------------------------------------------ identity

  @Override
  public boolean equals(Object o) {
    return o instanceof ZigZagDelta z && z.axis == axis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ID, axis);
  }

  /** In numcodecs' repr style: {@code ZigZagDelta(axis=-1)}. */
  @Override
  public String toString() {
    return "ZigZagDelta(axis=" + axis + ")";
  }
}
