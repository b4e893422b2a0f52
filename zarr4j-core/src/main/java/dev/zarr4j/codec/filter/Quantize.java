package dev.zarr4j.codec.filter;

import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The quantize filter (numcodecs id {@code "quantize"}): a lossy filter that keeps about {@code
 * digits} decimal digits after the point by rounding each float to a multiple of a power of two,
 * {@code 2^-bits}, where {@code bits = ceil(log2(10^digits))} (numcodecs' computation, through the
 * same floating-point logarithms). Decoding only casts back to {@code dtype}.
 *
 * <p>Configuration: {@code digits} (an integer), {@code dtype} (a float type; required) and {@code
 * astype} (a float type; defaults to {@code dtype}). The arithmetic is NumPy 1.x's: {@code
 * np.around(scale * x) / scale} in the type value-based casting picks (float16 data with more than
 * four digits compute in float32), then a cast to {@code astype}.
 *
 * <p>{@code toString()} is numcodecs' repr, e.g. {@code Quantize(digits=2, dtype='<f8')}.
 */
public final class Quantize implements FlatArrayCodec {
  /** The numcodecs codec id. */
  public static final String ID = "quantize";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("digits", "dtype", "astype");

  private final int digits;
  private final DataType dtype;
  private final DataType astype;
  private final NumType dt;
  private final NumType at;
  private final double scale;
  private final NumType work;
  private final long scaleWork;

  private Quantize(int digits, DataType dtype, DataType astype) {
    this.digits = digits;
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.astype = Objects.requireNonNull(astype, "astype");
    this.dt = NumType.of(dtype, ID);
    this.at = NumType.of(astype, ID);
    if (!dt.isFloat() || !at.isFloat()) {
      throw new CodecException(
          "quantize: only floating point data types are supported, got dtype '"
              + dtype.typestr()
              + "' and astype '"
              + astype.typestr()
              + "'");
    }
    this.scale = scaleFor(digits);
    this.work = NumType.withPythonFloat(dt, scale);
    this.scaleWork = Num.cast(Num.ofDouble(scale), NumType.F8, work);
  }

  /**
   * numcodecs' scale {@code 2^bits} for a number of digits, computed with the same floating-point
   * steps as its Python code ({@code math.log(x, b)} is {@code log(x) / log(b)}).
   *
   * @throws CodecException if the digits are out of the range where Python's computation works
   */
  static double scaleFor(int digits) {
    double precision = Math.pow(10.0, -digits);
    if (!(precision > 0) || Double.isInfinite(precision)) {
      throw new CodecException("quantize: digits=" + digits + " is out of range");
    }
    double exp = Math.log(precision) / Math.log(10);
    int e = exp < 0 ? (int) Math.floor(exp) : (int) Math.ceil(exp);
    double p = Math.pow(10.0, -e);
    if (!(p > 0) || Double.isInfinite(p)) {
      throw new CodecException("quantize: digits=" + digits + " is out of range");
    }
    double bits = Math.ceil(Math.log(p) / Math.log(2));
    return Math.pow(2.0, bits);
  }

  /**
   * A quantize filter whose encoded type equals its decoded type.
   *
   * @param digits the decimal digits to keep
   * @param dtype a float type, e.g. {@code "<f8"}
   * @throws CodecException if the type is not a float type
   */
  public static Quantize of(int digits, String dtype) {
    DataType t = Filters.parseType(ID, "dtype", dtype);
    return new Quantize(digits, t, t);
  }

  /**
   * A quantize filter.
   *
   * @param digits the decimal digits to keep
   * @param dtype the decoded float type
   * @param astype the encoded float type
   * @throws CodecException if a type is not a float type
   */
  public static Quantize of(int digits, String dtype, String astype) {
    return new Quantize(
        digits, Filters.parseType(ID, "dtype", dtype), Filters.parseType(ID, "astype", astype));
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key if a key is unknown, missing or invalid
   */
  public static Quantize fromConfig(Map<String, Object> config) {
    ConfigReader r = Filters.reader(ID, config, KEYS);
    if (!r.has("digits")) {
      throw new CodecException("codec '" + ID + "': configuration key 'digits' is missing");
    }
    int digits = r.getInt("digits", 0, -400, 400);
    DataType d = Filters.requiredType(ID, config, "dtype");
    return new Quantize(digits, d, Filters.optionalType(ID, config, "astype", d));
  }

  /** The decimal digits kept. */
  public int digits() {
    return digits;
  }

  /** The decoded element type. */
  public DataType dtype() {
    return dtype;
  }

  /** The encoded element type. */
  public DataType astype() {
    return astype;
  }

  /** The power of two that values are rounded to multiples of the inverse of. */
  public double scale() {
    return scale;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("digits", digits);
    m.put("dtype", dtype.typestr());
    m.put("astype", astype.typestr());
    return Collections.unmodifiableMap(m);
  }

  /** Quantizes one element (a carrier of {@code dtype}) to a carrier of {@code astype}. */
  long encodeValue(long x) {
    long v = Num.rint(Num.mul(scaleWork, Num.cast(x, dt, work), work), work);
    return Num.cast(Num.div(v, scaleWork, work), work, at);
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

  /** Casts the {@code astype} elements back to {@code dtype} (the rounding is not undone). */
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
      Num.write(out, i * ds, dt, dBig, Num.cast(y, at, dt));
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
    return o instanceof Quantize q
        && q.digits == digits
        && q.dtype.equals(dtype)
        && q.astype.equals(astype);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digits, dtype, astype);
  }

  /** numcodecs' repr, e.g. {@code Quantize(digits=2, dtype='<f8')}. */
  @Override
  public String toString() {
    String r = "Quantize(digits=" + digits + ", dtype='" + dtype.typestr() + "'";
    if (!astype.equals(dtype)) {
      r += ", astype='" + astype.typestr() + "'";
    }
    return r + ")";
  }
}
