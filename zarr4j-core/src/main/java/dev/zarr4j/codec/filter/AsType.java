package dev.zarr4j.codec.filter;

import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The type-conversion filter (numcodecs id {@code "astype"}): encodes by casting elements from
 * {@code decode_dtype} to {@code encode_dtype}, decodes by casting back, with NumPy's unsafe casts
 * (integers wrap; floats round to nearest even, overflow to infinity, and truncate toward zero when
 * cast to integers). Lossy when {@code encode_dtype} is narrower, as in numcodecs.
 *
 * <p>Configuration: {@code encode_dtype} and {@code decode_dtype}, both required; bool, integer or
 * float types in either byte order. {@code toString()} is numcodecs' repr, e.g. {@code
 * AsType(encode_dtype='<f4', decode_dtype='<f8')}.
 */
public final class AsType implements FlatArrayCodec {
  /** The numcodecs codec id. */
  public static final String ID = "astype";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("encode_dtype", "decode_dtype");

  private final DataType encodeType;
  private final DataType decodeType;
  private final NumType et;
  private final NumType dt;

  private AsType(DataType encodeType, DataType decodeType) {
    this.encodeType = Objects.requireNonNull(encodeType, "encode_dtype");
    this.decodeType = Objects.requireNonNull(decodeType, "decode_dtype");
    this.et = NumType.of(encodeType, ID);
    this.dt = NumType.of(decodeType, ID);
  }

  /**
   * A type-conversion filter.
   *
   * @param encodeDtype the stored element type, e.g. {@code "<f4"}
   * @param decodeDtype the array's element type, e.g. {@code "<f8"}
   * @throws dev.zarr4j.exceptions.CodecException if a type is not supported
   */
  public static AsType of(String encodeDtype, String decodeDtype) {
    return new AsType(
        Filters.parseType(ID, "encode_dtype", encodeDtype),
        Filters.parseType(ID, "decode_dtype", decodeDtype));
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws dev.zarr4j.exceptions.CodecException naming the key if a key is unknown, missing or
   *     invalid
   */
  public static AsType fromConfig(Map<String, Object> config) {
    Filters.reader(ID, config, KEYS);
    return new AsType(
        Filters.requiredType(ID, config, "encode_dtype"),
        Filters.requiredType(ID, config, "decode_dtype"));
  }

  /** The stored element type. */
  public DataType encodeDtype() {
    return encodeType;
  }

  /** The decoded element type. */
  public DataType decodeDtype() {
    return decodeType;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("encode_dtype", encodeType.typestr());
    m.put("decode_dtype", decodeType.typestr());
    return Collections.unmodifiableMap(m);
  }

  /** {@inheritDoc} The elements are read as {@code decode_dtype}; {@code itemSize} is ignored. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    int n = Filters.count(ID, in, decodeType.itemSize(), decodeType.typestr());
    byte[] out = new byte[Filters.encodable(ID, (long) n * encodeType.itemSize())];
    convert(in, n, decodeType, dt, out, encodeType, et);
    return ByteBuffer.wrap(out);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    int n = Filters.count(ID, in, encodeType.itemSize(), encodeType.typestr());
    byte[] out = new byte[Filters.bounded(ID, (long) n * decodeType.itemSize(), maxDecodedSize)];
    convert(in, n, encodeType, et, out, decodeType, dt);
    return ByteBuffer.wrap(out);
  }

  private static void convert(
      ByteSlice in, int n, DataType from, NumType f, byte[] out, DataType to, NumType t) {
    boolean fBig = NumType.bigEndian(from);
    boolean tBig = NumType.bigEndian(to);
    int fs = from.itemSize();
    int ts = to.itemSize();
    for (int i = 0; i < n; i++) {
      long v = Num.read(in.array(), in.offset() + i * fs, f, fBig);
      Num.write(out, i * ts, t, tBig, Num.cast(v, f, t));
    }
  }

  /** {@inheritDoc} numcodecs reads the buffer as {@code decodeType}. */
  @Override
  public DataType decodedView(DataType incoming) {
    return decodeType;
  }

  /** The encoded elements have type {@code encode_dtype}. */
  @Override
  public DataType encodedType(DataType decodedType) {
    return encodeType;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AsType a
        && a.encodeType.equals(encodeType)
        && a.decodeType.equals(decodeType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(encodeType, decodeType);
  }

  /** numcodecs' repr, e.g. {@code AsType(encode_dtype='<f4', decode_dtype='<f8')}. */
  @Override
  public String toString() {
    return "AsType(encode_dtype='"
        + encodeType.typestr()
        + "', decode_dtype='"
        + decodeType.typestr()
        + "')";
  }
}
