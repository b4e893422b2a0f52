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
 * The delta filter (numcodecs id {@code "delta"}): stores the first element and then the difference
 * between each element and the one before it, in the flat buffer's order.
 *
 * <p>Configuration: {@code dtype} (the decoded element type; required) and {@code astype} (the
 * encoded element type; defaults to {@code dtype}); both bool, integer or float types in either
 * byte order, and {@code dtype} not bool (NumPy cannot subtract bools). Arithmetic is NumPy's:
 * differences are taken in {@code dtype} (integers wrap around) and cast to {@code astype};
 * decoding sums in the promoted type of the two and casts to {@code dtype}. An {@code astype} too
 * small for the values corrupts them silently, as in numcodecs.
 *
 * <p>{@code toConfig()} writes {@code astype} even when it equals {@code dtype}, as numcodecs does;
 * {@code toString()} is numcodecs' repr, e.g. {@code Delta(dtype='<i4')} or {@code
 * Delta(dtype='<i2', astype='|i1')}.
 */
public final class Delta implements FlatArrayCodec {
  /** The numcodecs codec id. */
  public static final String ID = "delta";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("dtype", "astype");

  private final DataType dtype;
  private final DataType astype;
  private final NumType dt;
  private final NumType at;

  private Delta(DataType dtype, DataType astype) {
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.astype = Objects.requireNonNull(astype, "astype");
    this.dt = NumType.of(dtype, ID);
    this.at = NumType.of(astype, ID);
    if (dt == NumType.B1) {
      throw new CodecException("delta: dtype '|b1' is not supported (NumPy cannot subtract bools)");
    }
  }

  /**
   * A delta filter whose encoded type equals its decoded type.
   *
   * @param dtype a NumPy dtype spelling such as {@code "<i4"} or {@code "int32"}
   * @throws CodecException if the type is not an integer or float type
   */
  public static Delta of(String dtype) {
    DataType t = Filters.parseType(ID, "dtype", dtype);
    return new Delta(t, t);
  }

  /**
   * A delta filter.
   *
   * @param dtype the decoded element type, e.g. {@code "<i4"}
   * @param astype the encoded element type, e.g. {@code "<i2"}
   * @throws CodecException if a type is not supported
   */
  public static Delta of(String dtype, String astype) {
    return new Delta(
        Filters.parseType(ID, "dtype", dtype), Filters.parseType(ID, "astype", astype));
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key if a key is unknown, missing or invalid
   */
  public static Delta fromConfig(Map<String, Object> config) {
    Filters.reader(ID, config, KEYS);
    DataType d = Filters.requiredType(ID, config, "dtype");
    return new Delta(d, Filters.optionalType(ID, config, "astype", d));
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
    m.put("dtype", dtype.typestr());
    m.put("astype", astype.typestr());
    return Collections.unmodifiableMap(m);
  }

  /** {@inheritDoc} The elements are read as {@code dtype}; {@code itemSize} is ignored. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    int n = Filters.count(ID, in, dtype.itemSize(), dtype.typestr());
    byte[] out = new byte[Filters.encodable(ID, (long) n * astype.itemSize())];
    boolean dBig = NumType.bigEndian(dtype);
    boolean aBig = NumType.bigEndian(astype);
    byte[] a = in.array();
    int p = in.offset();
    int ds = dtype.itemSize();
    int as = astype.itemSize();
    if (n > 0) {
      long prev = Num.read(a, p, dt, dBig);
      Num.write(out, 0, at, aBig, Num.castItem(prev, dt, at));
      for (int i = 1; i < n; i++) {
        long cur = Num.read(a, p + i * ds, dt, dBig);
        long diff = Num.sub(cur, prev, dt);
        Num.write(out, i * as, at, aBig, Num.cast(diff, dt, at));
        prev = cur;
      }
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
    // np.cumsum(enc, out=dec) accumulates in the promoted type of enc and dec
    NumType acc = NumType.promote(at, dt);
    byte[] a = in.array();
    int p = in.offset();
    int ds = dtype.itemSize();
    int as = astype.itemSize();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      long v = Num.cast(Num.read(a, p + i * as, at, aBig), at, acc);
      sum = i == 0 ? v : Num.add(sum, v, acc);
      Num.write(out, i * ds, dt, dBig, Num.cast(sum, acc, dt));
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
    return o instanceof Delta d && d.dtype.equals(dtype) && d.astype.equals(astype);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, astype);
  }

  /** numcodecs' repr, e.g. {@code Delta(dtype='<i4')}. */
  @Override
  public String toString() {
    String r = "Delta(dtype='" + dtype.typestr() + "'";
    if (!astype.equals(dtype)) {
      r += ", astype='" + astype.typestr() + "'";
    }
    return r + ")";
  }
}
