package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.testutil.StoreSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code datetime64} and {@code timedelta64} arrays of several units through every selection kind:
 * java.time values written (as scalars, in typed arrays and in object arrays) read back as the same
 * java.time values through {@link NdArray#getDateTime} and {@link NdArray#getTimedelta}; NaT is
 * null both ways. The model holds the java.time values themselves.
 */
class DatetimeSelectionPropertyTest {

  private static final String[] DTYPES = {
    "<M8[D]", ">M8[s]", "<M8[ms]", "<M8[ns]", ">m8[D]", "<m8[s]", ">m8[ms]", "<m8[ns]"
  };

  /** Counts from NumPy: {@code np.datetime64('2007-07-13T10:20:30.5', unit).astype('i8')}. */
  @Test
  void javaTimeValuesStoreNumpysCounts() {
    ZarrArray z = Zarr.zeros(ArrayOptions.builder().shape(4).chunks(3).dtype("<M8[ms]").build());
    z.setCoordinateSelection(
        CoordinateSelection.of(new long[] {0, 3}), Instant.parse("2007-07-13T10:20:30.500Z"));
    z.set("1", LocalDate.of(2007, 7, 13));
    z.set("2", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
    assertThat(z.get().toLongArray())
        .containsExactly(1184322030500L, 1184284800000L, -1, 1184322030500L);
    // np.datetime64('12000-01-01', 'D').astype('i8') == 3663382: years past 9999 as NumPy allows
    ZarrArray d = Zarr.zeros(ArrayOptions.builder().shape(2).dtype("<M8[D]").build());
    d.set("0", LocalDate.of(12000, 1, 1));
    d.set("1", Instant.parse("+12000-01-01T23:59:59Z"));
    assertThat(d.get().toLongArray()).containsExactly(3663382, 3663382);
    // np.datetime64('12000-01-01T00:00:01', 's').astype('i8') == 316516204801
    ZarrArray s = Zarr.zeros(ArrayOptions.builder().shape(1).dtype("<M8[s]").build());
    s.set(OffsetDateTime.of(12000, 1, 1, 2, 0, 1, 0, ZoneOffset.ofHours(2)));
    assertThat(s.get().getLong(0)).isEqualTo(316516204801L);
    assertThat(s.get().getDateTime(0)).isEqualTo(Instant.parse("+12000-01-01T00:00:01Z"));
    // np.timedelta64(-1500, 'ms') written as a Duration, read back as one
    ZarrArray t = Zarr.zeros(ArrayOptions.builder().shape(3).chunks(2).dtype("<m8[ms]").build());
    t.vindex().set(Duration.ofMillis(-1500), new long[] {2});
    t.set("0", null); // NaT, as numpy converts None
    assertThat(t.get().toLongArray()).containsExactly(Long.MIN_VALUE, 0, -1500);
    assertThat(t.get().getTimedelta(2)).isEqualTo(Duration.ofMillis(-1500));
    assertThat(t.get().getTimedelta(0)).isNull();
  }

  /**
   * Arrays of another unit are cast as NumPy's assignment casts them (values from NumPy: {@code a =
   * np.zeros(n, 'M8[ms]'); a[:] = np.array([...], 'M8[s]'); a.astype('i8')}).
   */
  @Test
  void arraysOfAnotherUnitConvertAsNumpyCasts() {
    NdArray seconds = NdArray.zeros(DataType.datetime("s"), 3);
    seconds.setFlat(0, "2000-01-01T00:00:01");
    seconds.setFlat(1, "NaT");
    seconds.setFlat(2, "1969-12-31T23:59:59");
    ZarrArray ms = Zarr.zeros(ArrayOptions.builder().shape(5).chunks(2).dtype("<M8[ms]").build());
    ms.oindex().set(seconds, new long[] {4, 0, 2});
    assertThat(ms.get().toLongArray()).containsExactly(Long.MIN_VALUE, 0, -1000, 0, 946684801000L);

    // to a coarser unit: toward the past, for datetimes and timedeltas alike
    ZarrArray s =
        Zarr.zeros(ArrayOptions.builder().shape(2, 2).chunks(1, 1).dtype(">M8[s]").build());
    s.vindex()
        .set(
            NdArray.wrap(DataType.datetime("ms"), new long[] {-1, -1500}, 2),
            new long[] {0, 1},
            new long[] {1, 0});
    assertThat(s.get().toLongArray()).containsExactly(0, -1, -2, 0);
    ZarrArray ts = Zarr.zeros(ArrayOptions.builder().shape(3).chunks(2).dtype("<m8[s]").build());
    NdArray mask = NdArray.of(new boolean[] {true, false, true});
    ts.setMaskSelection(mask, NdArray.wrap(DataType.timedelta("ms"), new long[] {-1, -1500}, 2));
    assertThat(ts.get().toLongArray()).containsExactly(-1, 0, -2);
    ZarrArray us = Zarr.zeros(ArrayOptions.builder().shape(2).dtype("<m8[us]").build());
    us.setBlockSelection(
        BlockSelection.of(0), NdArray.wrap(DataType.timedelta("D"), new long[] {3, -2}, 2));
    assertThat(us.get().toLongArray()).containsExactly(259200000000L, -172800000000L);

    // calendar units through the calendar
    NdArray months = NdArray.zeros(DataType.datetime("M"), 4);
    months.setFlat(0, "2001-03");
    months.setFlat(1, "2001-04");
    months.setFlat(2, "NaT");
    months.setFlat(3, "1969-12");
    ZarrArray fromMonths =
        Zarr.zeros(ArrayOptions.builder().shape(4).chunks(3).dtype("<M8[s]").build());
    fromMonths.set(months);
    assertThat(fromMonths.get().toLongArray())
        .containsExactly(983404800L, 986083200L, Long.MIN_VALUE, -2678400L);
    ZarrArray toMonths = Zarr.zeros(ArrayOptions.builder().shape(3).dtype("<M8[M]").build());
    toMonths.set(NdArray.wrap(DataType.datetime("s"), new long[] {-1, 86400 * 31, 0}, 3));
    assertThat(toMonths.get().toLongArray()).containsExactly(-1, 1, 0);
    ZarrArray weeks = Zarr.zeros(ArrayOptions.builder().shape(2).dtype("<M8[W]").build());
    weeks.set(NdArray.wrap(DataType.datetime("D"), new long[] {-1, 7}, 2));
    assertThat(weeks.get().toLongArray()).containsExactly(-1, 1);

    // NumPy prints years past 9999 without a sign
    ZarrArray far = Zarr.zeros(ArrayOptions.builder().shape(1).dtype("<M8[s]").build());
    far.set(Instant.parse("+12000-01-01T00:00:01Z"));
    assertThat(far.get().getString(0)).isEqualTo("12000-01-01T00:00:01");
    far.set("12000-01-01T00:00:02");
    assertThat(far.get().getDateTime(0)).isEqualTo(Instant.parse("+12000-01-01T00:00:02Z"));
  }

  @Test
  void timedeltaMonthsDoNotConvertToDaysAndNothingIsWritten() {
    MemoryStore store = new MemoryStore();
    ZarrArray z = Zarr.zeros(ArrayOptions.builder().store(store).shape(2).dtype("<m8[D]").build());
    z.set(Duration.ofDays(5));
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> z.set(NdArray.wrap(DataType.timedelta("M"), new long[] {2, 3}, 2)))
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining("timedelta64[M]")
        .hasMessageContaining("timedelta64[D]");
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyKindReadsAndWritesJavaTimeValues(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 8191 + 29);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 6);
      chunks[d] = rnd.nextInt(1, 4);
    }
    DataType dtype = DataType.parse(DTYPES[rnd.nextInt(DTYPES.length)]);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .shape(shape)
                .chunks(chunks)
                .dtype(dtype)
                .fillValue("NaT")
                .order(rnd.nextBoolean() ? "C" : "F")
                .build());
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    Object[] model = new Object[size]; // null is NaT, the fill value
    for (int op = 0; op < 10; op++) {
      SelectionModel.Drawn sel =
          SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, chunks);
      if (rnd.nextBoolean()) {
        NdArray got = AdvancedSelectionPropertyTest.read(z, sel.selection(), rnd);
        assertThat(got.shape()).containsExactly(sel.shape());
        for (int i = 0; i < sel.count(); i++) {
          int[] at = SelectionModel.unravel(i, sel.shape());
          Object actual =
              dtype.kind() == DataType.Kind.DATETIME ? got.getDateTime(at) : got.getTimedelta(at);
          assertThat(actual)
              .as("seed %d %s element %d", seed, sel.selection(), i)
              .isEqualTo(model[SelectionModel.flat(sel.positions().get(i), shape)]);
        }
      } else if (rnd.nextInt(3) == 0) {
        Written w = randomWritten(rnd, dtype);
        AdvancedSelectionPropertyTest.write(z, sel.selection(), w.input(), rnd);
        for (long[] p : sel.positions()) {
          model[SelectionModel.flat(p, shape)] = w.readBack();
        }
      } else {
        int[] vShape = SelectionModel.broadcastableTo(rnd, sel.shape());
        // java.time values in an object array, or set into an array of the target type
        boolean typed = rnd.nextBoolean();
        NdArray value = NdArray.zeros(typed ? dtype : DataType.OBJECT, vShape);
        Object[] readBack = new Object[value.size()];
        for (int i = 0; i < value.size(); i++) {
          Written w = randomWritten(rnd, dtype);
          value.setFlat(i, w.input());
          readBack[i] = w.readBack();
        }
        AdvancedSelectionPropertyTest.write(z, sel.selection(), value, rnd);
        for (int i = 0; i < sel.count(); i++) {
          int[] at = SelectionModel.unravel(i, sel.shape());
          int[] vAt = new int[vShape.length];
          int lead = vShape.length - at.length;
          for (int k = 0; k < vShape.length; k++) {
            vAt[k] = k < lead || vShape[k] == 1 ? 0 : at[k - lead];
          }
          model[SelectionModel.flat(sel.positions().get(i), shape)] =
              readBack[value.flatIndex(vAt)];
        }
      }
    }
    NdArray all = z.get();
    for (int i = 0; i < size; i++) {
      int[] at = SelectionModel.unravel(i, all.shape());
      Object actual =
          dtype.kind() == DataType.Kind.DATETIME ? all.getDateTime(at) : all.getTimedelta(at);
      assertThat(actual).as("seed %d element %d", seed, i).isEqualTo(model[i]);
    }
  }

  /** A java.time value to write and the value it reads back as (null for NaT). */
  record Written(Object input, Object readBack) {}

  private static Written randomWritten(SplittableRandom rnd, DataType dtype) {
    if (rnd.nextInt(12) == 0) {
      return new Written(null, null);
    }
    String unit = dtype.unit();
    if (dtype.kind() == DataType.Kind.TIMEDELTA) {
      TemporalAmount d =
          switch (unit) {
            case "D" -> Duration.ofDays(rnd.nextLong(-1_000_000_000L, 1_000_000_000L));
            case "s" -> Duration.ofSeconds(rnd.nextLong(-1L << 50, 1L << 50));
            case "ms" -> Duration.ofMillis(rnd.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE));
            default -> Duration.ofNanos(rnd.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE));
          };
      return new Written(d, d);
    }
    if (unit.equals("D")) {
      // days up to about 11,000 years either side of 1970, beyond ISO's four-digit years
      LocalDate day = LocalDate.ofEpochDay(rnd.nextLong(-4_000_000, 4_000_000));
      switch (rnd.nextInt(3)) {
        case 0:
          return new Written(day, day);
        case 1: // a time of day truncates toward the past
          return new Written(day.atTime(rnd.nextInt(24), rnd.nextInt(60)), day);
        default:
          return new Written(
              day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(rnd.nextInt(86400)), day);
      }
    }
    Instant t =
        switch (unit) {
          case "s" -> Instant.ofEpochSecond(rnd.nextLong(-400_000_000_000L, 400_000_000_000L));
          case "ms" ->
              Instant.ofEpochMilli(rnd.nextLong(-400_000_000_000_000L, 400_000_000_000_000L));
          default -> {
            long n = rnd.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE);
            yield Instant.ofEpochSecond(
                Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
          }
        };
    switch (rnd.nextInt(4)) {
      case 0:
        return new Written(t, t);
      case 1:
        return new Written(LocalDateTime.ofInstant(t, ZoneOffset.UTC), t);
      case 2:
        return new Written(t.atOffset(ZoneOffset.ofHoursMinutes(rnd.nextInt(-12, 13), 0)), t);
      default:
        {
          LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
          return new Written(day, day.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }
  }
}
