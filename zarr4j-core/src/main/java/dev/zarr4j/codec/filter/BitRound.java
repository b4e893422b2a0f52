package dev.zarr4j.codec.filter;

import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bit-round filter (numcodecs id {@code "bitround"}): a lossy filter that rounds each float's
 * significand to {@code keepbits} bits (round to nearest, ties to even, on the bit pattern as
 * numcodecs does), leaving trailing zero bits that compress well. Decoding returns the bytes
 * unchanged.
 *
 * <p>Unlike the other filters, BitRound has no dtype of its own: it rounds the elements it is
 * given, which must be float16 (up to 10 bits), float32 (23) or float64 (52). Through {@link
 * #encode(ByteBuffer, DataType)} it uses the width and byte order of the incoming type (the array's
 * dtype, or the previous filter's output type); through {@link #encode(ByteBuffer, int)} it takes a
 * little-endian float of that item size. {@code keepbits} equal to the significand width leaves the
 * data unchanged; larger values are an error, as in numcodecs.
 *
 * <p>{@code toString()} is numcodecs' repr, e.g. {@code BitRound(keepbits=10)}.
 */
public final class BitRound implements FlatArrayCodec {
  /** The numcodecs codec id. */
  public static final String ID = "bitround";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("keepbits");

  private final int keepbits;

  private BitRound(int keepbits) {
    if (keepbits < 0) {
      throw new CodecException("bitround: keepbits must be zero or positive, got " + keepbits);
    }
    this.keepbits = keepbits;
  }

  /**
   * A bit-round filter.
   *
   * @param keepbits the significand bits to keep
   * @throws CodecException if {@code keepbits} is negative
   */
  public static BitRound of(int keepbits) {
    return new BitRound(keepbits);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key if a key is unknown, missing or invalid
   */
  public static BitRound fromConfig(Map<String, Object> config) {
    ConfigReader r = Filters.reader(ID, config, KEYS);
    if (!r.has("keepbits")) {
      throw new CodecException("codec '" + ID + "': configuration key 'keepbits' is missing");
    }
    return new BitRound(r.getInt("keepbits", 0, 0, Integer.MAX_VALUE));
  }

  /** The significand bits kept. */
  public int keepbits() {
    return keepbits;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("keepbits", keepbits);
    return Collections.unmodifiableMap(m);
  }

  /**
   * {@inheritDoc} The elements are taken as little-endian floats of {@code itemSize} bytes (2, 4 or
   * 8).
   */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    if (itemSize != 2 && itemSize != 4 && itemSize != 8) {
      throw new CodecException(
          "bitround: only float arrays (16-64 bit) can be bit-rounded, got item size " + itemSize);
    }
    return round(decoded, itemSize, false);
  }

  /** {@inheritDoc} The type must be a float type; its width and byte order are used. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, DataType type) {
    if (type.kind() != DataType.Kind.FLOAT || type.itemSize() > 8 || !type.isNumpyType()) {
      throw new CodecException(
          "bitround: only float16, float32 and float64 arrays can be bit-rounded, got '"
              + type.typestr()
              + "'");
    }
    return round(decoded, type.itemSize(), NumType.bigEndian(type));
  }

  private ByteBuffer round(ByteBuffer decoded, int size, boolean big) {
    int bits = size == 2 ? 10 : size == 4 ? 23 : 52;
    if (keepbits > bits) {
      throw new CodecException(
          "bitround: keepbits="
              + keepbits
              + " is too large for float"
              + size * 8
              + " (at most "
              + bits
              + ")");
    }
    ByteSlice in = ByteSlice.of(decoded);
    int n = Filters.count(ID, in, size, "f" + size);
    byte[] out = Arrays.copyOfRange(in.array(), in.offset(), in.offset() + in.length());
    if (keepbits == bits) {
      return ByteBuffer.wrap(out);
    }
    int maskbits = bits - keepbits;
    long mask = -1L << maskbits;
    long halfQuantum = (1L << (maskbits - 1)) - 1;
    NumType t = NumType.signed(size);
    for (int i = 0; i < n; i++) {
      int off = i * size;
      long b = Num.read(out, off, t, big);
      b = Num.wrap(b + ((b >> maskbits) & 1) + halfQuantum, t);
      Num.writeRaw(out, off, size, big, b & mask);
    }
    return ByteBuffer.wrap(out);
  }

  /** Returns the bytes unchanged: rounding cannot be undone. */
  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    Filters.bounded(ID, in.length(), maxDecodedSize);
    return ByteBuffer.wrap(Arrays.copyOfRange(in.array(), in.offset(), in.offset() + in.length()));
  }

  /**
   * {@inheritDoc} The chunk's elements must be floats (16 to 64 bit) with at least {@code keepbits}
   * significand bits.
   */
  @Override
  public ChunkSpec resolve(ChunkSpec decoded) {
    DataType type = decoded.dtype();
    if (type.kind() != DataType.Kind.FLOAT || type.itemSize() > 8 || !type.isNumpyType()) {
      throw new CodecException(
          "bitround: only float16, float32 and float64 arrays can be bit-rounded, got '"
              + type.typestr()
              + "'");
    }
    int size = type.itemSize();
    int bits = size == 2 ? 10 : size == 4 ? 23 : 52;
    if (keepbits > bits) {
      throw new CodecException(
          "bitround: keepbits="
              + keepbits
              + " is too large for float"
              + size * 8
              + " (at most "
              + bits
              + ")");
    }
    return FlatArrayCodec.super.resolve(decoded);
  }

  /** The output has the input's element type (numcodecs returns the same-width integer view). */
  @Override
  public DataType encodedType(DataType decodedType) {
    return decodedType;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitRound b && b.keepbits == keepbits;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(keepbits);
  }

  /** numcodecs' repr, e.g. {@code BitRound(keepbits=10)}. */
  @Override
  public String toString() {
    return "BitRound(keepbits=" + keepbits + ")";
  }
}
