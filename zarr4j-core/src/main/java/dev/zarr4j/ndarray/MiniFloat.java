package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.InvalidArrayException;

/**
 * The small floating-point formats of the Zarr v3 data type registry (zarr-extensions) that NumPy
 * has no type of its own for: {@code bfloat16}, the {@code float8} family, {@code float6_e2m3fn},
 * {@code float6_e3m2fn} and {@code float4_e2m1fn}. Each converts between its bit pattern (held in
 * the low {@link #bits()} bits of an {@code int}) and a {@code double}, as {@link Float16} does for
 * IEEE half precision.
 *
 * <p>Reading is exact: every value of these formats is a {@code double} (and a {@code float}).
 * Writing rounds a {@code double} once to the nearest value, ties to the even bit pattern (IEEE
 * 754's rounding; ml_dtypes rounds the same way from {@code float32}, but sends ties of {@code
 * float8_e8m0fnu} upward). A value beyond the largest finite one becomes an infinity in the formats
 * that have infinities; the others cannot hold it and refuse it, as they refuse infinities, and NaN
 * in the formats without NaN, rather than store a different number. NaN is written as the bit
 * pattern the registry names for {@code "NaN"}; every NaN pattern reads as NaN.
 */
public enum MiniFloat {
  /** {@code bfloat16}: 1 sign, 8 exponent (bias 127), 7 mantissa bits; IEEE specials. */
  BFLOAT16("bfloat16", true, 8, 7, 127, Specials.IEEE, 0x7fc0),
  /** {@code float8_e3m4}: 1 sign, 3 exponent (bias 3), 4 mantissa bits; IEEE specials. */
  FLOAT8_E3M4("float8_e3m4", true, 3, 4, 3, Specials.IEEE, 0x78),
  /** {@code float8_e4m3}: 1 sign, 4 exponent (bias 7), 3 mantissa bits; IEEE specials. */
  FLOAT8_E4M3("float8_e4m3", true, 4, 3, 7, Specials.IEEE, 0x7c),
  /**
   * {@code float8_e4m3b11fnuz}: 1 sign, 4 exponent (bias 11), 3 mantissa bits; no infinity, NaN is
   * {@code 0x80}, no negative zero.
   */
  FLOAT8_E4M3B11FNUZ("float8_e4m3b11fnuz", true, 4, 3, 11, Specials.FNUZ, 0x80),
  /**
   * {@code float8_e4m3fnuz}: 1 sign, 4 exponent (bias 8), 3 mantissa bits; no infinity, NaN is
   * {@code 0x80}, no negative zero.
   */
  FLOAT8_E4M3FNUZ("float8_e4m3fnuz", true, 4, 3, 8, Specials.FNUZ, 0x80),
  /** {@code float8_e5m2}: 1 sign, 5 exponent (bias 15), 2 mantissa bits; IEEE specials. */
  FLOAT8_E5M2("float8_e5m2", true, 5, 2, 15, Specials.IEEE, 0x7e),
  /**
   * {@code float8_e5m2fnuz}: 1 sign, 5 exponent (bias 16), 2 mantissa bits; no infinity, NaN is
   * {@code 0x80}, no negative zero.
   */
  FLOAT8_E5M2FNUZ("float8_e5m2fnuz", true, 5, 2, 16, Specials.FNUZ, 0x80),
  /**
   * {@code float8_e8m0fnu}: no sign, 8 exponent bits (bias 127), no mantissa: the powers of two
   * 2^-127 .. 2^127; no zero, no infinity, NaN is {@code 0xff}.
   */
  FLOAT8_E8M0FNU("float8_e8m0fnu", false, 8, 0, 127, Specials.FNU, 0xff),
  /** {@code float6_e2m3fn}: 1 sign, 2 exponent (bias 1), 3 mantissa bits; finite only. */
  FLOAT6_E2M3FN("float6_e2m3fn", true, 2, 3, 1, Specials.FINITE, -1),
  /** {@code float6_e3m2fn}: 1 sign, 3 exponent (bias 3), 2 mantissa bits; finite only. */
  FLOAT6_E3M2FN("float6_e3m2fn", true, 3, 2, 3, Specials.FINITE, -1),
  /** {@code float4_e2m1fn}: 1 sign, 2 exponent (bias 1), 1 mantissa bit; finite only. */
  FLOAT4_E2M1FN("float4_e2m1fn", true, 2, 1, 1, Specials.FINITE, -1);

  /** Which bit patterns are special. */
  private enum Specials {
    /** The largest exponent holds infinities (mantissa 0) and NaNs; subnormals at exponent 0. */
    IEEE,
    /** No infinity; NaN is the sign bit alone (negative zero's pattern); subnormals. */
    FNUZ,
    /** Unsigned, no mantissa, no zero, no subnormals; NaN is all ones. */
    FNU,
    /** No infinity, no NaN; every pattern is a number; subnormals. */
    FINITE
  }

  private final String zarrName;
  private final boolean signed;
  private final int exponentBits;
  private final int mantissaBits;
  private final int bias;
  private final Specials specials;
  private final int nanBits;
  private final int bits;
  private final int maxMagnitude; // the bit pattern (without sign) of the largest finite value
  private final double maxValue;

  MiniFloat(
      String zarrName,
      boolean signed,
      int exponentBits,
      int mantissaBits,
      int bias,
      Specials specials,
      int nanBits) {
    this.zarrName = zarrName;
    this.signed = signed;
    this.exponentBits = exponentBits;
    this.mantissaBits = mantissaBits;
    this.bias = bias;
    this.specials = specials;
    this.nanBits = nanBits;
    this.bits = (signed ? 1 : 0) + exponentBits + mantissaBits;
    int allMagnitude = (1 << (exponentBits + mantissaBits)) - 1;
    this.maxMagnitude =
        switch (specials) {
          case IEEE -> (((1 << exponentBits) - 1) << mantissaBits) - 1;
          case FNU -> allMagnitude - 1;
          default -> allMagnitude;
        };
    this.maxValue = magnitude(maxMagnitude);
  }

  /** The registered Zarr v3 data type name, e.g. {@code "float8_e4m3"}. */
  public String zarrName() {
    return zarrName;
  }

  /** The number of bits of one value: 16, 8, 6 or 4. */
  public int bits() {
    return bits;
  }

  /** Whether the format has a sign bit ({@code float8_e8m0fnu} has none). */
  public boolean isSigned() {
    return signed;
  }

  /** Whether the format has infinities. */
  public boolean hasInfinity() {
    return specials == Specials.IEEE;
  }

  /** Whether the format has NaN. */
  public boolean hasNaN() {
    return specials != Specials.FINITE;
  }

  /** The bit pattern written for NaN (the registry's spelling of {@code "NaN"}), or -1 if none. */
  public int nanBits() {
    return nanBits;
  }

  /** The largest finite value. */
  public double maxValue() {
    return maxValue;
  }

  /** The format whose registered Zarr v3 name is {@code name}, or {@code null}. */
  public static MiniFloat ofZarrName(String name) {
    for (MiniFloat f : values()) {
      if (f.zarrName.equals(name)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The value of a bit pattern: its low {@link #bits()} bits (higher bits are ignored, as the
   * registry's {@code bytes} encoding of the sub-byte formats says).
   */
  public double toDouble(int pattern) {
    int b = pattern & ((1 << bits) - 1);
    if (specials == Specials.FNU) {
      return b == nanBits ? Double.NaN : Math.scalb(1.0, b - bias);
    }
    if (specials == Specials.FNUZ && b == nanBits) {
      return Double.NaN;
    }
    int magnitudeBits = b & ((1 << (bits - 1)) - 1);
    boolean negative = signed && (b >>> (bits - 1)) != 0;
    if (specials == Specials.IEEE && magnitudeBits > maxMagnitude) {
      if (magnitudeBits == maxMagnitude + 1) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return Double.NaN;
    }
    double m = magnitude(magnitudeBits);
    return negative ? -m : m;
  }

  /** The value of a finite, non-negative bit pattern without its sign bit. */
  private double magnitude(int pattern) {
    if (specials == Specials.FNU) {
      return Math.scalb(1.0, pattern - bias);
    }
    int exponent = pattern >>> mantissaBits;
    int mantissa = pattern & ((1 << mantissaBits) - 1);
    if (exponent == 0) {
      return Math.scalb((double) mantissa, 1 - bias - mantissaBits);
    }
    return Math.scalb((double) ((1 << mantissaBits) | mantissa), exponent - bias - mantissaBits);
  }

  /** The distance from the value of a magnitude pattern to the value of the next one up. */
  private double ulp(int pattern) {
    if (specials == Specials.FNU) {
      return Math.scalb(1.0, pattern - bias); // 2^(k+1) - 2^k
    }
    int exponent = Math.max(1, pattern >>> mantissaBits);
    return Math.scalb(1.0, exponent - bias - mantissaBits);
  }

  /**
   * The bit pattern of the value nearest {@code value} (ties to the even pattern).
   *
   * @throws InvalidArrayException naming the value and the format if the format cannot hold it: NaN
   *     or an infinity the format has no pattern for, a finite value beyond the largest finite one
   *     in a format without infinities, or (for the unsigned {@code float8_e8m0fnu}) zero or a
   *     negative value
   */
  public int fromDouble(double value) {
    if (Double.isNaN(value)) {
      if (!hasNaN()) {
        throw refused(value, "has no NaN");
      }
      return nanBits;
    }
    boolean negative = (Double.doubleToRawLongBits(value) < 0);
    if (!signed && (negative || value == 0)) {
      throw refused(value, "holds only positive powers of two (no zero, no sign)");
    }
    double a = Math.abs(value);
    int sign = negative ? 1 << (bits - 1) : 0;
    if (Double.isInfinite(a)) {
      if (!hasInfinity()) {
        throw refused(value, "has no infinity");
      }
      return sign | (maxMagnitude + 1);
    }
    int rounded;
    if (a > maxValue) {
      // between the largest value and the next one the exponent range would give
      double mid = maxValue + ulp(maxMagnitude) / 2;
      rounded = nearer(a, mid, maxMagnitude);
    } else {
      int low = floorPattern(a);
      if (low < 0) {
        rounded = 0; // below float8_e8m0fnu's smallest value, which is the nearest
      } else {
        double lowValue = magnitude(low);
        rounded = nearer(a, lowValue + ulp(low) / 2, low);
      }
    }
    if (rounded > maxMagnitude) {
      if (!hasInfinity()) {
        throw refused(value, "has no value beyond " + maxValue + " and no infinity");
      }
      return sign | (maxMagnitude + 1);
    }
    if (rounded == 0 && specials == Specials.FNUZ) {
      return 0; // no negative zero: the pattern is NaN's
    }
    return sign | rounded;
  }

  /** {@code low} or the pattern after it, whichever is nearer {@code a}; a tie goes to the even. */
  private static int nearer(double a, double mid, int low) {
    if (a < mid) {
      return low;
    }
    if (a > mid) {
      return low + 1;
    }
    return (low & 1) == 0 ? low : low + 1;
  }

  /** The largest magnitude pattern whose value is at most {@code a} (finite, at most the max). */
  private int floorPattern(double a) {
    if (specials == Specials.FNU) {
      int e = Math.getExponent(a); // a >= Double.MIN_NORMAL here or below the format's range
      return a < Math.scalb(1.0, -bias) ? -1 : e + bias;
    }
    double minNormal = Math.scalb(1.0, 1 - bias);
    if (a < minNormal) {
      return (int) Math.floor(a / Math.scalb(1.0, 1 - bias - mantissaBits));
    }
    int e = Math.getExponent(a);
    int mantissa = (int) Math.floor(Math.scalb(a, mantissaBits - e)) - (1 << mantissaBits);
    return ((e + bias) << mantissaBits) | mantissa;
  }

  private InvalidArrayException refused(double value, String why) {
    return new InvalidArrayException(
        "cannot store " + value + " in data type " + zarrName + ": it " + why);
  }
}
