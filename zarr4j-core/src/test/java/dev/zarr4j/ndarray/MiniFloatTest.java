package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every bit pattern of every small float format against references computed here: bfloat16 from
 * float32's bits (the top half; rounding by the usual integer trick), float8_e5m2 from float16's
 * (its top byte), every format against a value table built from the registry's field definitions
 * with exact arithmetic, and rounding against a brute-force search for the nearest value.
 */
class MiniFloatTest {

  /** The registry's definitions: sign bit, exponent bits, mantissa bits, bias. */
  private static final Map<MiniFloat, int[]> FIELDS =
      Map.ofEntries(
          Map.entry(MiniFloat.BFLOAT16, new int[] {1, 8, 7, 127}),
          Map.entry(MiniFloat.FLOAT8_E3M4, new int[] {1, 3, 4, 3}),
          Map.entry(MiniFloat.FLOAT8_E4M3, new int[] {1, 4, 3, 7}),
          Map.entry(MiniFloat.FLOAT8_E4M3B11FNUZ, new int[] {1, 4, 3, 11}),
          Map.entry(MiniFloat.FLOAT8_E4M3FNUZ, new int[] {1, 4, 3, 8}),
          Map.entry(MiniFloat.FLOAT8_E5M2, new int[] {1, 5, 2, 15}),
          Map.entry(MiniFloat.FLOAT8_E5M2FNUZ, new int[] {1, 5, 2, 16}),
          Map.entry(MiniFloat.FLOAT8_E8M0FNU, new int[] {0, 8, 0, 127}),
          Map.entry(MiniFloat.FLOAT6_E2M3FN, new int[] {1, 2, 3, 1}),
          Map.entry(MiniFloat.FLOAT6_E3M2FN, new int[] {1, 3, 2, 3}),
          Map.entry(MiniFloat.FLOAT4_E2M1FN, new int[] {1, 2, 1, 1}));

  /** The value a pattern has by the registry's README, with BigDecimal; null for NaN. */
  private static BigDecimal referenceValue(MiniFloat f, int p) {
    int[] d = FIELDS.get(f);
    int signBits = d[0];
    int e = d[1];
    int m = d[2];
    int bias = d[3];
    int total = signBits + e + m;
    boolean negative = signBits == 1 && (p >> (total - 1)) == 1;
    int exp = (p >> m) & ((1 << e) - 1);
    int man = p & ((1 << m) - 1);
    String name = f.zarrName();
    if (name.endsWith("fnuz") && p == 0x80) {
      return null; // NaN is negative zero's pattern
    }
    if (name.endsWith("fnu") && p == 0xff) {
      return null;
    }
    boolean ieee = !name.endsWith("fn") && !name.endsWith("fnuz") && !name.endsWith("fnu");
    if (ieee && exp == (1 << e) - 1) {
      return man == 0 ? (negative ? NEG_INF : POS_INF) : null;
    }
    // (integer significand) x 2^power, the significand's binary point moved m places
    long significand;
    int power;
    if (name.endsWith("fnu")) {
      significand = 1;
      power = exp - bias;
    } else if (exp == 0) {
      significand = man;
      power = 1 - bias - m;
    } else {
      significand = (1L << m) + man;
      power = exp - bias - m;
    }
    BigDecimal v = BigDecimal.valueOf(significand).multiply(powerOfTwo(power));
    return negative ? v.negate() : v;
  }

  private static final Map<Integer, BigDecimal> POWERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** 2^k exactly: an integer, or 5^-k scaled by 10^k. */
  private static BigDecimal powerOfTwo(int k) {
    return POWERS.computeIfAbsent(
        k,
        e ->
            e >= 0
                ? new BigDecimal(java.math.BigInteger.TWO.pow(e))
                : new BigDecimal(java.math.BigInteger.valueOf(5).pow(-e), -e));
  }

  // markers for infinities in the reference table
  private static final BigDecimal POS_INF = new BigDecimal("1e400");
  private static final BigDecimal NEG_INF = new BigDecimal("-1e400");

  @ParameterizedTest
  @EnumSource(MiniFloat.class)
  void everyPatternDecodesAsTheRegistryDefinesIt(MiniFloat f) {
    int nans = 0;
    int infinities = 0;
    for (int p = 0; p < 1 << f.bits(); p++) {
      BigDecimal ref = referenceValue(f, p);
      double got = f.toDouble(p);
      if (ref == null) {
        assertThat(got).as("%s 0x%x", f, p).isNaN();
        nans++;
      } else if (ref == POS_INF || ref == NEG_INF) {
        assertThat(got).as("%s 0x%x", f, p).isEqualTo(ref == POS_INF ? 1.0 / 0 : -1.0 / 0);
        infinities++;
      } else {
        assertThat(new BigDecimal(got).compareTo(ref)).as("%s 0x%x", f, p).isZero();
        assertThat(Double.doubleToRawLongBits(got) < 0)
            .as("%s 0x%x sign", f, p)
            .isEqualTo(f.isSigned() && p >> (f.bits() - 1) == 1);
        assertThat((double) (float) got).as("every value is a float").isEqualTo(got);
      }
      // bits above the format's are ignored
      assertThat(Double.doubleToRawLongBits(f.toDouble(p | (0xff << f.bits()))))
          .isEqualTo(Double.doubleToRawLongBits(got));
    }
    assertThat(infinities).isEqualTo(f.hasInfinity() ? 2 : 0);
    assertThat(nans > 0).isEqualTo(f.hasNaN());
    if (!f.hasInfinity() && f.hasNaN()) {
      assertThat(nans).isEqualTo(1);
    }
    assertThat(f.toDouble(f.hasNaN() ? f.nanBits() : 0)).matches(v -> !f.hasNaN() || v.isNaN());
  }

  @Test
  void documentedRanges() {
    // largest finite values and smallest subnormals (OCP MX, arXiv:2209.05433, ml_dtypes)
    assertThat(MiniFloat.FLOAT8_E4M3.maxValue()).isEqualTo(240);
    assertThat(MiniFloat.FLOAT8_E4M3FNUZ.maxValue()).isEqualTo(240);
    assertThat(MiniFloat.FLOAT8_E4M3B11FNUZ.maxValue()).isEqualTo(30);
    assertThat(MiniFloat.FLOAT8_E5M2.maxValue()).isEqualTo(57344);
    assertThat(MiniFloat.FLOAT8_E5M2FNUZ.maxValue()).isEqualTo(57344);
    assertThat(MiniFloat.FLOAT8_E3M4.maxValue()).isEqualTo(15.5);
    assertThat(MiniFloat.FLOAT8_E8M0FNU.maxValue()).isEqualTo(0x1p127);
    assertThat(MiniFloat.FLOAT6_E2M3FN.maxValue()).isEqualTo(7.5);
    assertThat(MiniFloat.FLOAT6_E3M2FN.maxValue()).isEqualTo(28);
    assertThat(MiniFloat.FLOAT4_E2M1FN.maxValue()).isEqualTo(6);
    assertThat(MiniFloat.BFLOAT16.maxValue()).isEqualTo(Float.intBitsToFloat(0x7f7f0000));
    assertThat(MiniFloat.FLOAT8_E4M3.toDouble(1)).isEqualTo(0x1p-9);
    assertThat(MiniFloat.FLOAT8_E4M3FNUZ.toDouble(1)).isEqualTo(0x1p-10);
    assertThat(MiniFloat.FLOAT8_E5M2.toDouble(1)).isEqualTo(0x1p-16);
    assertThat(MiniFloat.FLOAT8_E8M0FNU.toDouble(0)).isEqualTo(0x1p-127);
    double[] fp4 = new double[8];
    for (int p = 0; p < 8; p++) {
      fp4[p] = MiniFloat.FLOAT4_E2M1FN.toDouble(p);
    }
    assertThat(fp4).containsExactly(0, 0.5, 1, 1.5, 2, 3, 4, 6);
    // the registry's "NaN" patterns
    assertThat(MiniFloat.BFLOAT16.nanBits()).isEqualTo(0x7fc0);
    assertThat(MiniFloat.FLOAT8_E4M3.nanBits()).isEqualTo(0x7c);
    assertThat(MiniFloat.FLOAT8_E5M2.nanBits()).isEqualTo(0x7e);
    assertThat(MiniFloat.FLOAT8_E3M4.nanBits()).isEqualTo(0x78);
    assertThat(MiniFloat.FLOAT8_E8M0FNU.nanBits()).isEqualTo(0xff);
    for (MiniFloat f : MiniFloat.values()) {
      assertThat(MiniFloat.ofZarrName(f.zarrName())).isSameAs(f);
      if (f.hasNaN()) {
        assertThat(f.toDouble(f.nanBits())).isNaN();
        assertThat(f.fromDouble(Double.NaN)).isEqualTo(f.nanBits());
      }
    }
  }

  @Test
  void bfloat16IsTheTopHalfOfFloat32() {
    SplittableRandom rnd = new SplittableRandom(16);
    List<String> wrong = new ArrayList<>();
    for (int p = 0; p < 1 << 16; p++) {
      float ref = Float.intBitsToFloat(p << 16);
      double got = MiniFloat.BFLOAT16.toDouble(p);
      if (Float.isNaN(ref)) {
        if (!Double.isNaN(got)) {
          wrong.add(String.format("0x%04x reads %s", p, got));
        }
        continue;
      }
      if (Double.doubleToRawLongBits(got) != Double.doubleToRawLongBits(ref)) {
        wrong.add(String.format("0x%04x reads %s, not %s", p, got, ref));
      }
      if (MiniFloat.BFLOAT16.fromDouble(got) != p) {
        wrong.add(String.format("0x%04x does not round trip", p));
      }
      // floats whose top half is p, rounded to nearest even as the integer trick does
      for (int k = 0; k < 4; k++) {
        int low = k == 0 ? 0x8000 : k == 1 ? 0x7fff : k == 2 ? 0x8001 : rnd.nextInt(1 << 16);
        int bits = (p << 16) | low;
        float x = Float.intBitsToFloat(bits);
        if (Float.isNaN(x)) {
          continue;
        }
        int expected = ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
        int rounded = MiniFloat.BFLOAT16.fromDouble(x);
        if (rounded != expected) {
          wrong.add(
              String.format("float 0x%08x rounds to 0x%04x, not 0x%04x", bits, rounded, expected));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void float8E5m2IsTheTopByteOfFloat16() {
    for (int p = 0; p < 256; p++) {
      double ref = Float16.toDouble((short) (p << 8));
      double got = MiniFloat.FLOAT8_E5M2.toDouble(p);
      if (Double.isNaN(ref)) {
        assertThat(got).isNaN();
      } else {
        assertThat(Double.doubleToRawLongBits(got)).isEqualTo(Double.doubleToRawLongBits(ref));
      }
    }
    // and float16 values round to it as float16 bits round at the byte boundary
    for (int h = 0; h < 1 << 16; h++) {
      double x = Float16.toDouble((short) h);
      if (Double.isNaN(x)) {
        continue;
      }
      int expected = ((h + 0x7f + ((h >>> 8) & 1)) >>> 8) & 0xff;
      assertThat(MiniFloat.FLOAT8_E5M2.fromDouble(x)).as("half 0x%04x", h).isEqualTo(expected);
    }
  }

  /**
   * The sorted finite values of a format with their patterns (held as doubles, which hold them
   * exactly: everyPatternDecodesAsTheRegistryDefinesIt checks that).
   */
  private record Entry(double number, int pattern) {
    BigDecimal value() {
      return new BigDecimal(number);
    }
  }

  private static List<Entry> finiteValues(MiniFloat f) {
    List<Entry> out = new ArrayList<>();
    for (int p = 0; p < 1 << f.bits(); p++) {
      BigDecimal v = referenceValue(f, p);
      if (v != null && v != POS_INF && v != NEG_INF) {
        boolean negative =
            v.signum() < 0 || (v.signum() == 0 && f.isSigned() && p >> (f.bits() - 1) == 1);
        double d = v.doubleValue();
        out.add(new Entry(negative && d == 0 ? -0.0 : d, p));
      }
    }
    out.sort(Comparator.comparingDouble(Entry::number));
    return out;
  }

  /**
   * The nearest value, searched in the sorted table: its pattern, or -1 where a value past the
   * largest finite one rounds away from it (to infinity, or refused). A tie goes to the even
   * pattern; between two zeros, to the one with the value's sign.
   */
  private static int referenceRound(MiniFloat f, List<Entry> values, double x) {
    BigDecimal bx = new BigDecimal(x);
    Entry top = values.get(values.size() - 1);
    if (bx.abs().compareTo(top.value()) > 0) {
      // the next value the exponent range would give, one step past the largest
      BigDecimal step =
          f == MiniFloat.FLOAT8_E8M0FNU
              ? top.value()
              : top.value().subtract(values.get(values.size() - 2).value());
      int c = top.value().add(step).subtract(bx.abs()).compareTo(bx.abs().subtract(top.value()));
      if (c < 0 || (c == 0 && (top.pattern() & 1) == 1)) {
        return -1;
      }
    }
    int lo = 0;
    int hi = values.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values.get(mid).number() < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    Entry best = null;
    BigDecimal bestDist = null;
    for (int i = Math.max(0, lo - 2); i < Math.min(values.size(), lo + 2); i++) {
      Entry e = values.get(i);
      BigDecimal dist = e.value().subtract(bx).abs();
      int c = bestDist == null ? -1 : dist.compareTo(bestDist);
      boolean better;
      if (c != 0) {
        better = c < 0;
      } else if (e.value().signum() == 0 && best.value().signum() == 0) {
        better = (Double.doubleToRawLongBits(x) < 0) == (e.pattern() >> (f.bits() - 1) == 1);
      } else {
        better = (e.pattern() & 1) == 0;
      }
      if (better) {
        best = e;
        bestDist = dist;
      }
    }
    return best.pattern();
  }

  @ParameterizedTest
  @EnumSource(MiniFloat.class)
  void roundsToNearestEvenAndRefusesWhatItCannotHold(MiniFloat f) {
    List<Entry> values = finiteValues(f);
    List<Double> probes = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(f.ordinal());
    for (int i = 0; i + 1 < values.size(); i++) {
      double a = values.get(i).number();
      double b = values.get(i + 1).number();
      double mid = a / 2 + b / 2; // exact: both are floats with few bits
      probes.add(a);
      probes.add(mid);
      probes.add(Math.nextUp(mid));
      probes.add(Math.nextDown(mid));
      probes.add(a + (b - a) * rnd.nextDouble());
      if (f == MiniFloat.BFLOAT16) {
        i += 63; // every 64th pair: bfloat16IsTheTopHalfOfFloat32 covers all of them
      }
    }
    double max = f.maxValue();
    double top = values.get(values.size() - 1).number();
    double ulp = top - values.get(values.size() - 2).number();
    if (f == MiniFloat.FLOAT8_E8M0FNU) {
      ulp = top;
    }
    for (double x :
        new double[] {
          max,
          max + ulp / 2,
          Math.nextDown(max + ulp / 2),
          Math.nextUp(max + ulp / 2),
          max * 4,
          1e300,
          Double.MIN_VALUE,
          1e-300
        }) {
      probes.add(x);
      probes.add(-x);
    }
    probes.add(0.0);
    probes.add(-0.0);
    for (double x : probes) {
      boolean impossible = !f.isSigned() && (x <= 0 || Double.doubleToRawLongBits(x) < 0);
      int ref = impossible ? -2 : referenceRound(f, values, x);
      if (ref == -2 || (ref == -1 && !f.hasInfinity())) {
        assertThatThrownBy(() -> f.fromDouble(x))
            .as("%s %s", f, x)
            .isInstanceOf(InvalidArrayException.class)
            .hasMessageContaining(f.zarrName())
            .hasMessageContaining(String.valueOf(x));
        continue;
      }
      int got = f.fromDouble(x);
      if (ref == -1) {
        assertThat(f.toDouble(got)).as("%s %s", f, x).isEqualTo(x > 0 ? 1.0 / 0 : -1.0 / 0);
      } else if (f.zarrName().endsWith("fnuz") && referenceValue(f, ref).signum() == 0) {
        assertThat(got).as("%s %s: one zero", f, x).isZero();
      } else {
        assertThat(got).as("%s %s", f, x).isEqualTo(ref);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(MiniFloat.class)
  void specialsAsTheRegistrySays(MiniFloat f) {
    if (f.hasInfinity()) {
      assertThat(f.toDouble(f.fromDouble(Double.POSITIVE_INFINITY))).isInfinite().isPositive();
      assertThat(f.toDouble(f.fromDouble(Double.NEGATIVE_INFINITY))).isInfinite().isNegative();
    } else {
      assertThatThrownBy(() -> f.fromDouble(Double.POSITIVE_INFINITY))
          .isInstanceOf(InvalidArrayException.class)
          .hasMessageContaining("infinity");
    }
    if (!f.hasNaN()) {
      assertThatThrownBy(() -> f.fromDouble(Double.NaN))
          .isInstanceOf(InvalidArrayException.class)
          .hasMessageContaining("NaN");
    }
    if (f.isSigned()) {
      int negZero = f.fromDouble(-0.0);
      if (f.zarrName().endsWith("fnuz")) {
        assertThat(negZero).as("fnuz has one zero").isZero();
      } else {
        assertThat(negZero).isEqualTo(1 << (f.bits() - 1));
        assertThat(1 / f.toDouble(negZero)).isNegative();
      }
    }
    // round trip of every pattern that is a number
    for (int p = 0; p < 1 << f.bits(); p++) {
      double v = f.toDouble(p);
      int back = f.fromDouble(v);
      if (Double.isNaN(v)) {
        assertThat(back).isEqualTo(f.nanBits());
      } else {
        assertThat(back).as("%s 0x%x", f, p).isEqualTo(p);
      }
    }
  }
}
