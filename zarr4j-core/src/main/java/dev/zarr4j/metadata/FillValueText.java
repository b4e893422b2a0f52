package dev.zarr4j.metadata;

import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON spelling of a scalar fill value that Zarr v2 and Zarr v3 share: booleans and integers as
 * JSON numbers (unsigned 64-bit values above 2^63 - 1 as big integers), floats as numbers or {@code
 * "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, complex numbers as {@code [re, im]}, text as a
 * string and byte strings as base64. Raw bytes, records and objects differ between the formats,
 * which spell them themselves.
 */
public final class FillValueText {
  private FillValueText() {}

  /**
   * The JSON form of a fill value of {@code dtype} (any spelling {@link NdArray#scalar} accepts),
   * or {@code null} for the kinds whose spelling is the format's own ({@code V}, {@code O}).
   */
  public static Object scalar(Object value, DataType dtype) {
    if (dtype.kind() == DataType.Kind.VOID || dtype.kind() == DataType.Kind.OBJECT) {
      return null;
    }
    // normalise through a scalar so any accepted input spelling encodes canonically
    Object v = NdArray.scalar(dtype, value).get();
    switch (dtype.kind()) {
      case UINT:
        {
          long l = (Long) v;
          return l >= 0 ? (Object) l : new BigInteger(Long.toUnsignedString(l));
        }
      case FLOAT:
        return floating((Double) v);
      case COMPLEX:
        {
          Complex c = (Complex) v;
          List<Object> pair = new ArrayList<>(2);
          pair.add(floating(c.re()));
          pair.add(floating(c.im()));
          return pair;
        }
      case BYTES:
        return Base64.getEncoder().encodeToString((byte[]) v);
      default:
        return v; // booleans, integers, datetimes, text
    }
  }

  /**
   * The float a JSON value spells: a number, {@code "NaN"}, {@code "Infinity"} or {@code
   * "-Infinity"}; {@code null} for anything else.
   */
  public static Double floatingOf(Object json) {
    if (json instanceof Number n) {
      return n.doubleValue();
    }
    if (json instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    return null;
  }

  /** A float as JSON: the number, or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
  public static Object floating(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return d;
  }
}
