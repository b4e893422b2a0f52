package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Float16Test {

  @Test
  void everyHalfValueRoundTripsThroughFloat() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = Float16.toFloat((short) bits);
      short back = Float16.fromFloat(f);
      if (Float.isNaN(f)) {
        assertThat(Float.isNaN(Float16.toFloat(back))).isTrue();
      } else {
        assertThat(back & 0xffff).as("bits %04x", bits).isEqualTo(bits);
      }
    }
  }

  @Test
  void roundsToNearestEvenAgainstExactReference() {
    SplittableRandom rnd = new SplittableRandom(1234);
    for (int i = 0; i < 200_000; i++) {
      double v = (rnd.nextDouble() * 2 - 1) * Math.pow(2, rnd.nextInt(-30, 17));
      short h = Float16.fromDouble(v);
      assertThat(h).as("value %s", v).isEqualTo(referenceRound(v));
    }
  }

  /**
   * Nearest half by binary search over all finite non-negative halves, exact comparison, ties to
   * even.
   */
  private static short referenceRound(double v) {
    double a = Math.abs(v);
    int sign = (v < 0 || (v == 0 && 1 / v < 0)) ? 0x8000 : 0;
    if (a >= 65520.0) {
      return (short) (sign | 0x7c00);
    }
    int lo = 0;
    int hi = 0x7bff;
    while (lo < hi) { // largest bits with value <= a
      int mid = (lo + hi + 1) >>> 1;
      if (Float16.toFloat((short) mid) <= a) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int below = lo;
    int above = Math.min(lo + 1, 0x7c00);
    BigDecimal x = new BigDecimal(a);
    BigDecimal dBelow = x.subtract(new BigDecimal(Float16.toFloat((short) below))).abs();
    BigDecimal dAbove =
        above == 0x7c00
            ? new BigDecimal(65520.0).subtract(x)
            : new BigDecimal(Float16.toFloat((short) above)).subtract(x).abs();
    int c = dBelow.compareTo(dAbove);
    int pick = c < 0 ? below : c > 0 ? above : ((below & 1) == 0 ? below : above);
    return (short) (sign | pick);
  }
}
