package dev.zarr4j.ndarray;

/**
 * Conversions between IEEE 754 half precision ({@code float16}, held as raw {@code short} bits) and
 * {@code float}, rounding to nearest even as NumPy does.
 */
public final class Float16 {
  private Float16() {}

  /** The float value of half-precision bits. */
  public static float toFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      // infinity or NaN: keep the payload bits
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      // subnormal: value = mant * 2^-24
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** Half-precision bits of a float, rounded to nearest even; overflow gives infinity. */
  public static short fromFloat(float value) {
    int f = Float.floatToRawIntBits(value);
    int sign = (f >>> 16) & 0x8000;
    int exp = (f >>> 23) & 0xff;
    int mant = f & 0x7fffff;
    if (exp == 0xff) {
      if (mant == 0) {
        return (short) (sign | 0x7c00);
      }
      int payload = mant >>> 13;
      return (short) (sign | 0x7c00 | (payload == 0 ? 0x200 : payload));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign; // too small: signed zero
      }
      // subnormal half: shift the mantissa (with hidden bit) right, rounding to nearest even
      int m = mant | 0x800000;
      int shift = 14 - e;
      int half = m >>> shift;
      int rem = m & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >>> 13);
    int rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
      half++; // may carry into the exponent, and to infinity, which is correct
    }
    return (short) (sign | half);
  }

  /** The float value of half-precision bits, widened to double. */
  public static double toDouble(short bits) {
    return toFloat(bits);
  }

  /** Half-precision bits of a double (rounded once to float first, then to half). */
  public static short fromDouble(double value) {
    // Double rounding through float can differ from a direct rounding in rare tie cases; round
    // directly when the float conversion is inexact.
    if (Math.abs(value) >= 65520.0) {
      return (short) (value < 0 ? 0xfc00 : 0x7c00); // beyond the largest half plus half an ulp
    }
    float f = (float) value;
    if ((double) f == value || Double.isNaN(value)) {
      return fromFloat(f);
    }
    short candidate = fromFloat(f);
    // Choose between the candidate and its neighbour toward the exact value.
    double c = toDouble(candidate);
    short other = (short) (c < value ? stepUp(candidate) : stepDown(candidate));
    double o = toDouble(other);
    double dc = Math.abs(c - value);
    double dOther = Math.abs(o - value);
    if (dOther < dc || (dOther == dc && (other & 1) == 0)) {
      return other;
    }
    return candidate;
  }

  private static int stepUp(short bits) {
    int b = bits & 0xffff;
    return (b & 0x8000) != 0 ? (b == 0x8000 ? 0x0001 : b - 1) : b + 1;
  }

  private static int stepDown(short bits) {
    int b = bits & 0xffff;
    return (b & 0x8000) != 0 ? b + 1 : (b == 0 ? 0x8001 : b - 1);
  }
}
