package dev.zarr4j.codec.filter;

import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fixed scale-offset filter (numcodecs id {@code "fixedscaleoffset"}): encodes {@code x} as
 * {@code round((x - offset) * scale)} in {@code astype}, and decodes {@code y} as {@code y / scale
 * + offset} in {@code dtype}. Lossy unless the data are multiples of {@code 1/scale}.
 *
 * <p>Configuration: {@code offset} and {@code scale} (Python numbers: integers or floats, kept as
 * given), {@code dtype} (required) and {@code astype} (defaults to {@code dtype}), bool, integer or
 * float types. The arithmetic reproduces numcodecs 0.11 on NumPy 1.x exactly: each operation runs
 * in the type NumPy's value-based casting picks for an array and a Python scalar (so {@code float16
 * - 1000} computes in float32, {@code int16 - 1000} in int16 with wrap-around), rounding is half to
 * even ({@code np.around}), division is true division, and casts to {@code astype} are NumPy's
 * unsafe casts. Values out of {@code astype}'s range are not checked, as in numcodecs.
 *
 * <p>{@code toString()} is numcodecs' repr, e.g. {@code FixedScaleOffset(scale=10, offset=1000,
 * dtype='<f8', astype='|u1')}.
 */
public final class FixedScaleOffset implements FlatArrayCodec {
  /** The numcodecs codec id. */
  public static final String ID = "fixedscaleoffset";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("scale", "offset", "dtype", "astype");

  private final Number offset;
  private final Number scale;
  private final DataType dtype;
  private final DataType astype;
  private final NumType dt;
  private final NumType at;
  // encode: x - offset in t1, times scale in t2; decode: y / scale in t3, plus offset in t4
  private final NumType t1;
  private final NumType t2;
  private final NumType t3;
  private final NumType t4;
  private final long offset1;
  private final long scale2;
  private final long scale3;
  private final long offset4;

  private FixedScaleOffset(Number offset, Number scale, DataType dtype, DataType astype) {
    this.offset = check(offset, "offset");
    this.scale = check(scale, "scale");
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.astype = Objects.requireNonNull(astype, "astype");
    this.dt = NumType.of(dtype, ID);
    this.at = NumType.of(astype, ID);
    this.t1 = resultType(dt, offset);
    this.t2 = resultType(t1, scale);
    NumType q = resultType(at, scale);
    this.t3 = q.isIntegral() ? NumType.F8 : q; // true division of integers runs in float64
    this.t4 = resultType(t3, offset);
    this.offset1 = scalar(offset, t1);
    this.scale2 = scalar(scale, t2);
    this.scale3 = scalar(scale, t3);
    this.offset4 = scalar(offset, t4);
  }

  private static Number check(Number n, String key) {
    Objects.requireNonNull(n, key);
    if (n instanceof Long || n instanceof Double) {
      return n;
    }
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof Float) {
      return n.doubleValue();
    }
    throw new CodecException(
        "fixedscaleoffset: " + key + " must be an integer or a float, got " + n.getClass());
  }

  /** NumPy 1.x's result type of an array of type {@code arr} and a Python number. */
  static NumType resultType(NumType arr, Number py) {
    return py instanceof Double d
        ? NumType.withPythonFloat(arr, d)
        : NumType.withPythonInt(arr, py.longValue());
  }

  /** A Python number converted to type {@code t}, as NumPy does for the scalar operand. */
  static long scalar(Number py, NumType t) {
    return py instanceof Double d
        ? Num.cast(Num.ofDouble(d), NumType.F8, t)
        : Num.cast(py.longValue(), NumType.I8, t);
  }

  /**
   * A fixed scale-offset filter.
   *
   * @param offset the value subtracted before scaling: a {@code Long}/{@code Integer} (a Python
   *     int) or a {@code Double} (a Python float)
   * @param scale the factor, likewise an integer or a float
   * @param dtype the decoded element type, e.g. {@code "<f8"}
   * @param astype the encoded element type, e.g. {@code "|u1"}
   * @throws CodecException if a type is not supported
   */
  public static FixedScaleOffset of(Number offset, Number scale, String dtype, String astype) {
    return new FixedScaleOffset(
        offset,
        scale,
        Filters.parseType(ID, "dtype", dtype),
        Filters.parseType(ID, "astype", astype));
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key if a key is unknown, missing or invalid
   */
  public static FixedScaleOffset fromConfig(Map<String, Object> config) {
    Filters.reader(ID, config, KEYS);
    for (String k : List.of("offset", "scale")) {
      if (!config.containsKey(k) || config.get(k) == null) {
        throw new CodecException("codec '" + ID + "': configuration key '" + k + "' is missing");
      }
    }
    Number offset = Filters.pythonNumber(ID, "offset", config.get("offset"));
    Number scale = Filters.pythonNumber(ID, "scale", config.get("scale"));
    DataType d = Filters.requiredType(ID, config, "dtype");
    return new FixedScaleOffset(offset, scale, d, Filters.optionalType(ID, config, "astype", d));
  }

  /** The offset: a {@code Long} (Python int) or {@code Double} (Python float). */
  public Number offset() {
    return offset;
  }

  /** The scale: a {@code Long} (Python int) or {@code Double} (Python float). */
  public Number scale() {
    return scale;
  }

  /** The decoded element type. */
  public DataType dtype() {
    return dtype;
  }

  /** The encoded element type. */
  public DataType astype() {
    return astype;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("scale", Filters.jsonNumber(scale));
    m.put("offset", Filters.jsonNumber(offset));
    m.put("dtype", dtype.typestr());
    m.put("astype", astype.typestr());
    return Collections.unmodifiableMap(m);
  }

  /** Encodes one element (a carrier of {@code dtype}) to a carrier of {@code astype}. */
  long encodeValue(long x) {
    long v = Num.sub(Num.cast(x, dt, t1), offset1, t1);
    v = Num.mul(Num.cast(v, t1, t2), scale2, t2);
    return Num.cast(Num.rint(v, t2), t2, at);
  }

  /** Decodes one element (a carrier of {@code astype}) to a carrier of {@code dtype}. */
  long decodeValue(long y) {
    long v = Num.div(Num.cast(y, at, t3), scale3, t3);
    v = Num.add(Num.cast(v, t3, t4), offset4, t4);
    return Num.cast(v, t4, dt);
  }

  /** {@inheritDoc} The elements are read as {@code dtype}; {@code itemSize} is ignored. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    int n = Filters.count(ID, in, dtype.itemSize(), dtype.typestr());
    byte[] out = new byte[Filters.encodable(ID, (long) n * astype.itemSize())];
    boolean dBig = NumType.bigEndian(dtype);
    boolean aBig = NumType.bigEndian(astype);
    int ds = dtype.itemSize();
    int as = astype.itemSize();
    for (int i = 0; i < n; i++) {
      long x = Num.read(in.array(), in.offset() + i * ds, dt, dBig);
      Num.write(out, i * as, at, aBig, encodeValue(x));
    }
    return ByteBuffer.wrap(out);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    int n = Filters.count(ID, in, astype.itemSize(), astype.typestr());
    byte[] out = new byte[Filters.bounded(ID, (long) n * dtype.itemSize(), maxDecodedSize)];
    boolean dBig = NumType.bigEndian(dtype);
    boolean aBig = NumType.bigEndian(astype);
    int ds = dtype.itemSize();
    int as = astype.itemSize();
    for (int i = 0; i < n; i++) {
      long y = Num.read(in.array(), in.offset() + i * as, at, aBig);
      Num.write(out, i * ds, dt, dBig, decodeValue(y));
    }
    return ByteBuffer.wrap(out);
  }

  /** {@inheritDoc} numcodecs reads the buffer as {@code dtype}. */
  @Override
  public DataType decodedView(DataType incoming) {
    return dtype;
  }

  /** The encoded elements have type {@code astype}. */
  @Override
  public DataType encodedType(DataType decodedType) {
    return astype;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedScaleOffset f
        && f.offset.equals(offset)
        && f.scale.equals(scale)
        && f.dtype.equals(dtype)
        && f.astype.equals(astype);
  }

  @Override
  public int hashCode() {
    return Objects.hash(offset, scale, dtype, astype);
  }

  /** numcodecs' repr, e.g. {@code FixedScaleOffset(scale=10, offset=1000, dtype='<f8')}. */
  @Override
  public String toString() {
    String r =
        "FixedScaleOffset(scale="
            + Filters.pythonStr(scale)
            + ", offset="
            + Filters.pythonStr(offset)
            + ", dtype='"
            + dtype.typestr()
            + "'";
    if (!astype.equals(dtype)) {
      r += ", astype='" + astype.typestr() + "'";
    }
    return r + ")";
  }
}
