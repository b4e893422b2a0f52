package dev.zarr4j.python;

import java.math.BigInteger;

/**
 * Python's {@code repr(float)} for Java doubles.
 *
 * <p>Python prints the shortest decimal string that reads back as the same double (choosing, among
 * strings of that length, the one nearest the exact value), in fixed notation when the decimal
 * exponent {@code e} of the first digit satisfies {@code -4 <= e < 16} and in scientific notation
 * ({@code 1e+16}, {@code 2.5e-05}) otherwise. Fixed-notation integers keep a {@code .0} suffix. JDK
 * 17's {@link Double#toString(double)} does not always produce the shortest digits, so the digits
 * are generated here with exact integer arithmetic.
 */
public final class PythonFloat {
  private PythonFloat() {}

  private static final int POW10_CACHE = 350;
  private static final BigInteger[] POW10 = new BigInteger[POW10_CACHE];

  static {
    POW10[0] = BigInteger.ONE;
    for (int i = 1; i < POW10_CACHE; i++) {
      POW10[i] = POW10[i - 1].multiply(BigInteger.TEN);
    }
  }

  /**
   * Returns what Python's {@code repr(v)} returns: for example {@code 0.1}, {@code 1.0}, {@code
   * -0.0}, {@code 1e+16}, {@code 1e-05}, {@code 5e-324}, {@code nan}, {@code inf}, {@code -inf}.
   *
   * @param v any double
   * @return the Python representation
   */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    boolean negative = (Double.doubleToRawLongBits(v) < 0);
    if (v == 0) {
      return negative ? "-0.0" : "0.0";
    }
    Digits d = shortestDigits(Math.abs(v));
    StringBuilder sb = new StringBuilder(24);
    if (negative) {
      sb.append('-');
    }
    format(d, sb);
    return sb.toString();
  }

  /**
   * The shortest round-tripping digits of a finite positive double: the value is {@code 0.<digits>
   * * 10^decimalPoint}; {@code digits} has no leading or trailing zeros.
   */
  record Digits(String digits, int decimalPoint) {}

  private static void format(Digits d, StringBuilder sb) {
    String digits = d.digits();
    int n = digits.length();
    int point = d.decimalPoint();
    if (point > -4 && point <= 16) {
      if (point <= 0) {
        sb.append("0.");
        for (int i = point; i < 0; i++) {
          sb.append('0');
        }
        sb.append(digits);
      } else if (point >= n) {
        sb.append(digits);
        for (int i = n; i < point; i++) {
          sb.append('0');
        }
        sb.append(".0");
      } else {
        sb.append(digits, 0, point).append('.').append(digits, point, n);
      }
    } else {
      sb.append(digits.charAt(0));
      if (n > 1) {
        sb.append('.').append(digits, 1, n);
      }
      int exponent = point - 1;
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    }
  }

  private static BigInteger pow10(int k) {
    return k < POW10_CACHE ? POW10[k] : BigInteger.TEN.pow(k);
  }

  /**
   * Generates the shortest digits for a finite double {@code v > 0}. Works on the exact rational
   * value {@code r / s} and the half-gaps to the neighbouring doubles {@code mMinus / s} and {@code
   * mPlus / s}; a decimal inside those half-gaps reads back as {@code v} (the end points too when
   * the significand is even, because reading rounds half to even).
   */
  static Digits shortestDigits(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long fraction = bits & ((1L << 52) - 1);
    long significand;
    int exponent;
    if (biased == 0) {
      significand = fraction;
      exponent = -1074;
    } else {
      significand = fraction | (1L << 52);
      exponent = biased - 1075;
    }
    // Exactly integral values below 2^53 print their integer digits: no shorter string is within
    // half a unit of them.
    if (exponent <= 0 && exponent > -53 && (significand & ((1L << -exponent) - 1)) == 0) {
      String digits = Long.toString(significand >>> -exponent);
      int len = digits.length();
      int end = len;
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      return new Digits(digits.substring(0, end), len);
    }
    boolean inclusive = (significand & 1) == 0;
    // At a power of two (except the smallest normal) the double below is twice as close.
    boolean lowerCloser = fraction == 0 && biased > 1;
    BigInteger r;
    BigInteger s;
    BigInteger mPlus;
    BigInteger mMinus;
    BigInteger f = BigInteger.valueOf(significand);
    if (exponent >= 0) {
      BigInteger unit = BigInteger.ONE.shiftLeft(exponent);
      if (lowerCloser) {
        r = f.shiftLeft(exponent + 2);
        s = BigInteger.valueOf(4);
        mPlus = unit.shiftLeft(1);
        mMinus = unit;
      } else {
        r = f.shiftLeft(exponent + 1);
        s = BigInteger.TWO;
        mPlus = unit;
        mMinus = unit;
      }
    } else {
      if (lowerCloser) {
        r = f.shiftLeft(2);
        s = BigInteger.ONE.shiftLeft(2 - exponent);
        mPlus = BigInteger.TWO;
        mMinus = BigInteger.ONE;
      } else {
        r = f.shiftLeft(1);
        s = BigInteger.ONE.shiftLeft(1 - exponent);
        mPlus = BigInteger.ONE;
        mMinus = BigInteger.ONE;
      }
    }
    // Scale so that the upper bound (r + mPlus) / s lies in [0.1, 1).
    int k = (int) Math.ceil(Math.log10(v));
    if (k >= 0) {
      s = s.multiply(pow10(k));
    } else {
      BigInteger scale = pow10(-k);
      r = r.multiply(scale);
      mPlus = mPlus.multiply(scale);
      mMinus = mMinus.multiply(scale);
    }
    while (true) {
      int c = r.add(mPlus).compareTo(s);
      if (inclusive ? c >= 0 : c > 0) {
        s = s.multiply(BigInteger.TEN);
        k++;
      } else {
        break;
      }
    }
    while (true) {
      int c = r.add(mPlus).multiply(BigInteger.TEN).compareTo(s);
      if (inclusive ? c < 0 : c <= 0) {
        r = r.multiply(BigInteger.TEN);
        mPlus = mPlus.multiply(BigInteger.TEN);
        mMinus = mMinus.multiply(BigInteger.TEN);
        k--;
      } else {
        break;
      }
    }
    StringBuilder digits = new StringBuilder(17);
    while (true) {
      r = r.multiply(BigInteger.TEN);
      mPlus = mPlus.multiply(BigInteger.TEN);
      mMinus = mMinus.multiply(BigInteger.TEN);
      BigInteger[] qr = r.divideAndRemainder(s);
      int digit = qr[0].intValueExact();
      r = qr[1];
      int low = r.compareTo(mMinus);
      int high = r.add(mPlus).compareTo(s);
      boolean canStopLow = inclusive ? low <= 0 : low < 0;
      boolean canStopHigh = inclusive ? high >= 0 : high > 0;
      if (!canStopLow && !canStopHigh) {
        digits.append((char) ('0' + digit));
        continue;
      }
      if (canStopLow && canStopHigh) {
        // Both the truncated and the incremented digit read back: take the nearer, and on an
        // exact tie the even digit, as David Gay's dtoa (used by CPython) does.
        int half = r.shiftLeft(1).compareTo(s);
        if (half > 0 || (half == 0 && (digit & 1) == 1)) {
          digit++;
        }
      } else if (canStopHigh) {
        digit++;
      }
      digits.append((char) ('0' + digit));
      break;
    }
    // A final increment cannot carry (the bounds guarantee digit <= 9), but strip zeros
    // defensively.
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits.setLength(end);
    return new Digits(digits.toString(), k);
  }
}
