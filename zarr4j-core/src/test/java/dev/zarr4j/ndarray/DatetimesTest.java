package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.InvalidArrayException;
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
    assertThatThrownBy(() -> Datetimes.parse("2007-13-01", "D")).isInstanceOf(InvalidArrayException.class);
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
      Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
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
}
