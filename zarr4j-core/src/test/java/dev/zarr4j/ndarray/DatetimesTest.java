package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatetimesTest {

  @Test
  void isoTextMatchesNumpyCounts() {
    // counts from numpy: np.datetime64('2007-07-13', unit).astype('i8')
    assertThat(Datetimes.parse("2007-07-13", "D")).isEqualTo(13707);
    assertThat(Datetimes.parse("2007-07-13", "M")).isEqualTo(450);
    assertThat(Datetimes.parse("2007-07-13", "Y")).isEqualTo(37);
    assertThat(Datetimes.parse("2007-07-13", "W")).isEqualTo(1958);
    assertThat(Datetimes.parse("2007-07-13T10:20:30.5", "ms")).isEqualTo(1184322030500L);
    assertThat(Datetimes.parse("1969-12-31T23:59:59.999999999", "ns")).isEqualTo(-1);
    assertThat(Datetimes.parse("NaT", "ns")).isEqualTo(Datetimes.NAT);
    assertThat(Datetimes.format(13707, "D")).isEqualTo("2007-07-13");
    assertThat(Datetimes.format(-1, "ns")).isEqualTo("1969-12-31T23:59:59.999999999");
    assertThat(Datetimes.format(450, "M")).isEqualTo("2007-07");
    assertThatThrownBy(() -> Datetimes.parse("2007-13-01", "D"))
        .isInstanceOf(InvalidArrayException.class);
  }

  @Test
  void javaTimeValuesRoundTripThroughEveryUnit() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      long days = rnd.nextLong(-200_000, 200_000);
      NdArray d = NdArray.zeros(DataType.datetime("D"), 1);
      d.setFlat(0, LocalDate.ofEpochDay(days));
      assertThat(d.getDateTime(0)).isEqualTo(LocalDate.ofEpochDay(days));
      long nanos = rnd.nextLong();
      NdArray ns = NdArray.zeros(DataType.datetime("ns"), 1);
      Instant t =
          Instant.ofEpochSecond(
              Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
      ns.setFlat(0, t);
      assertThat(ns.getLong(0)).isEqualTo(nanos);
      assertThat(ns.getDateTime(0)).isEqualTo(t);
      long micros = rnd.nextLong(-1L << 50, 1L << 50);
      NdArray td = NdArray.zeros(DataType.timedelta("us"), 1);
      td.setFlat(0, Duration.ofNanos(micros * 1000));
      assertThat(td.getLong(0)).isEqualTo(micros);
      assertThat(td.getTimedelta(0)).isEqualTo(Duration.ofNanos(micros * 1000));
    }
    NdArray m = NdArray.zeros(DataType.datetime("M"), 1);
    m.setFlat(0, YearMonth.of(2007, 7));
    assertThat(m.getDateTime(0)).isEqualTo(YearMonth.of(2007, 7));
    NdArray y = NdArray.zeros(DataType.datetime("Y"), 1);
    y.setFlat(0, Year.of(1999));
    assertThat(y.getDateTime(0)).isEqualTo(Year.of(1999));
    NdArray pm = NdArray.zeros(DataType.timedelta("M"), 1);
    pm.setFlat(0, Period.ofMonths(14));
    assertThat(pm.getTimedelta(0)).isEqualTo(Period.ofMonths(14));
    NdArray nat = NdArray.full(DataType.datetime("s"), "NaT", 1);
    assertThat(nat.getDateTime(0)).isNull();
    assertThatThrownBy(() -> NdArray.zeros(DataType.datetime("ps"), 1).getDateTime(0))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("ps");
    assertThatThrownBy(() -> NdArray.zeros(DataType.INT64, 1).getDateTime(0))
        .isInstanceOf(InvalidArrayException.class);
  }

  @Test
  void durationsRoundTowardThePastInEveryUnitAsNumpyDoes() {
    // numpy 1.24: np.array([datetime.timedelta(microseconds=-1000500)], dtype='m8[ms]') -> -1001
    assertThat(Datetimes.fromAmount(Duration.ofNanos(-1_000_500_000L), "ms")).isEqualTo(-1001);
    // np.array([datetime.timedelta(microseconds=-1000500)], dtype='m8[s]') -> -2
    assertThat(Datetimes.fromAmount(Duration.ofNanos(-1_000_500_000L), "s")).isEqualTo(-2);
    // np.timedelta64(-1000500, 'us').astype('m8[10ms]') -> -101
    assertThat(Datetimes.fromAmount(Duration.ofNanos(-1_000_500_000L), "10ms")).isEqualTo(-101);
    // np.timedelta64(-1, 'ns').astype('m8[us]') -> -1
    assertThat(Datetimes.fromAmount(Duration.ofNanos(-1), "us")).isEqualTo(-1);
    // np.array([datetime.timedelta(seconds=-61)], dtype='m8[m]') -> -2
    assertThat(Datetimes.fromAmount(Duration.ofSeconds(-61), "m")).isEqualTo(-2);
    // np.array([datetime.timedelta(seconds=-3601)], dtype='m8[h]') -> -2
    assertThat(Datetimes.fromAmount(Duration.ofSeconds(-3601), "h")).isEqualTo(-2);
    // np.array([datetime.timedelta(microseconds=-1)], dtype='m8[D]') -> -1
    assertThat(Datetimes.fromAmount(Duration.ofNanos(-1000), "D")).isEqualTo(-1);
    // np.array([datetime.timedelta(days=-8)], dtype='m8[W]') -> -2
    assertThat(Datetimes.fromAmount(Duration.ofDays(-8), "W")).isEqualTo(-2);
    // np.timedelta64(1500, 'ms').astype('m8[s]') -> 1
    assertThat(Datetimes.fromAmount(Duration.ofMillis(1500), "s")).isEqualTo(1);
    // np.array([datetime.timedelta(microseconds=1)], dtype='m8[ps]') -> 1000000
    assertThat(Datetimes.fromAmount(Duration.ofNanos(1000), "ps")).isEqualTo(1_000_000);
    assertThatThrownBy(() -> Datetimes.fromAmount(Duration.ofDays(45), "M"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("PT1080H")
        .hasMessageContaining("timedelta64[M]");
    assertThatThrownBy(() -> Datetimes.fromAmount(Duration.ofSeconds(Long.MAX_VALUE), "ns"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("timedelta64[ns]");
  }

  @Test
  void durationsFitMultipliedUnits() {
    // np.array([datetime.timedelta(seconds=-15)], dtype='m8[10s]') -> -2
    assertThat(Datetimes.fromAmount(Duration.ofSeconds(-15), "10s")).isEqualTo(-2);
    // np.array([datetime.timedelta(seconds=25)], dtype='m8[10s]') -> 2
    assertThat(Datetimes.fromAmount(Duration.ofSeconds(25), "10s")).isEqualTo(2);
    // np.array([datetime.timedelta(seconds=30)], dtype='m8[10s]') -> 3
    assertThat(Datetimes.fromAmount(Duration.ofSeconds(30), "10s")).isEqualTo(3);
    NdArray t = NdArray.zeros(DataType.timedelta("10s"), 1);
    t.setFlat(0, Duration.ofSeconds(-15));
    assertThat(t.getLong(0)).isEqualTo(-2);
    // nanoseconds past 64 bits on the way, exact in Python: (4 * 10**21 + 5) // 3000000 and
    // (-4 * 10**21 + 5) // 3000000
    assertThat(Datetimes.fromAmount(Duration.ofSeconds(4_000_000_000_000L, 5), "3000000ns"))
        .isEqualTo(1333333333333333L);
    assertThat(Datetimes.fromAmount(Duration.ofSeconds(-4_000_000_000_000L, 5), "3000000ns"))
        .isEqualTo(-1333333333333334L);
  }

  @Test
  void durationWritesAgreeWithCastingFromNanoseconds() {
    // a Duration stored in a unit equals its nanoseconds cast to that unit (np.astype, floor)
    SplittableRandom rnd = new SplittableRandom(11);
    String[] units = {"W", "D", "h", "m", "s", "ms", "us", "ns", "10s", "7ms", "250us", "3D"};
    for (int i = 0; i < 5000; i++) {
      long nanos = rnd.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE);
      for (String unit : units) {
        assertThat(Datetimes.fromAmount(Duration.ofNanos(nanos), unit))
            .as("%d ns in %s", nanos, unit)
            .isEqualTo(Datetimes.convert(nanos, "ns", unit, true));
      }
    }
  }

  @Test
  void periodsAreStoredExactlyOrRefused() {
    // np.timedelta64(24, 'M').astype('m8[Y]') -> 2 years
    assertThat(Datetimes.fromAmount(Period.ofMonths(24), "Y")).isEqualTo(2);
    // np.timedelta64(6, 'M').astype('m8[3M]').astype('i8') -> 2
    assertThat(Datetimes.fromAmount(Period.ofMonths(6), "3M")).isEqualTo(2);
    assertThat(Datetimes.fromAmount(Period.of(1, 2, 0), "M")).isEqualTo(14);
    // np.timedelta64(14, 'D').astype('m8[W]') -> 2 weeks
    assertThat(Datetimes.fromAmount(Period.ofDays(14), "W")).isEqualTo(2);
    // np.timedelta64(1, 'D').astype('m8[h]') -> 24 hours
    assertThat(Datetimes.fromAmount(Period.ofDays(1), "h")).isEqualTo(24);
    assertThat(Datetimes.fromAmount(Period.ofDays(-3), "D")).isEqualTo(-3);
    assertThatThrownBy(() -> Datetimes.fromAmount(Period.ofDays(45), "M"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("P45D")
        .hasMessageContaining("timedelta64[M]");
    assertThatThrownBy(() -> Datetimes.fromAmount(Period.of(1, 0, 3), "Y"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("P1Y3D")
        .hasMessageContaining("timedelta64[Y]");
    assertThatThrownBy(() -> Datetimes.fromAmount(Period.ofMonths(14), "Y"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("P14M")
        .hasMessageContaining("timedelta64[Y]");
    assertThatThrownBy(() -> Datetimes.fromAmount(Period.ofDays(10), "W"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("P10D")
        .hasMessageContaining("timedelta64[W]");
    assertThatThrownBy(() -> Datetimes.fromAmount(Period.ofMonths(1), "D"))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("P1M")
        .hasMessageContaining("timedelta64[D]");
  }

  @Test
  void unitConversionsMatchNumpy() {
    // np.timedelta64(-1000500, 'us').astype('m8[ms]') -> -1001
    assertThat(Datetimes.convert(-1_000_500, "us", "ms", true)).isEqualTo(-1001);
    // np.datetime64(-1, 'ns').astype('M8[ms]').astype('i8') -> -1
    assertThat(Datetimes.convert(-1, "ns", "ms", false)).isEqualTo(-1);
    // np.timedelta64(-7, '10s').astype('m8[3s]').astype('i8') -> -24
    assertThat(Datetimes.convert(-7, "10s", "3s", true)).isEqualTo(-24);
    // np.datetime64(450, 'M').astype('M8[D]').astype('i8') -> 13695
    assertThat(Datetimes.convert(450, "M", "D", false)).isEqualTo(13695);
    // np.datetime64(-1, '3h').astype('M8[M]').astype('i8') -> -1
    assertThat(Datetimes.convert(-1, "3h", "M", false)).isEqualTo(-1);
    // np.datetime64(5, 'Y').astype('M8[10D]').astype('i8') -> 182
    assertThat(Datetimes.convert(5, "Y", "10D", false)).isEqualTo(182);
    // exact where numpy's own int64 product wraps: (2**61 * 7) // 5 and (-(2**61) * 7) // 5
    assertThat(Datetimes.convert(1L << 61, "7s", "5s", true)).isEqualTo(3228180212899171532L);
    assertThat(Datetimes.convert(-(1L << 61), "7s", "5s", true)).isEqualTo(-3228180212899171533L);
    assertThat(Datetimes.convert(Datetimes.NAT, "Y", "D", true)).isEqualTo(Datetimes.NAT);
    assertThatThrownBy(() -> Datetimes.convert(1, "Y", "D", true))
        .isInstanceOf(InvalidArrayException.class);
    assertThatThrownBy(() -> Datetimes.convert(3, "W", "as", true))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("does not fit");
  }
}
