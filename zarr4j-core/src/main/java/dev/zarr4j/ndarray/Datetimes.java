package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.InvalidArrayException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversion between {@code datetime64} counts and ISO-8601 text, as NumPy parses and prints them
 * ({@code "2007-07-13"}, {@code "2007-07-13T10:20:30.5"}, {@code "NaT"}).
 */
public final class Datetimes {
  /** The count NumPy uses for "not a time". */
  public static final long NAT = Long.MIN_VALUE;

  private static final Pattern ISO =
      Pattern.compile(
          "^([-+]?\\d{4,})(?:-(\\d{2})(?:-(\\d{2})(?:[T ](\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,18}))?)?)?Z?)?)?)?$");

  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Datetimes() {}

  /** The base units NumPy knows, with their lengths. */
  private enum Base {
    YEAR("Y", 12, 0),
    MONTH("M", 1, 0),
    WEEK("W", 7 * 86400L, 0),
    DAY("D", 86400L, 0),
    HOUR("h", 3600L, 0),
    MINUTE("m", 60L, 0),
    SECOND("s", 1, 0),
    MILLI("ms", 1, 3),
    MICRO("us", 1, 6),
    NANO("ns", 1, 9),
    PICO("ps", 1, 12),
    FEMTO("fs", 1, 15),
    ATTO("as", 1, 18);

    final String code;

    /** Seconds per unit from W down to s; 1 for finer units; months per unit for Y and M. */
    final long seconds;

    /** Decimal digits of a second per unit: 3 for ms up to 18 for as, 0 for s and coarser. */
    final int digits;

    /** Units per second, {@code 10^digits}. */
    final long perSecond;

    /** Months per unit for Y and M, attoseconds per unit for the others. */
    final BigInteger length;

    Base(String code, long seconds, int digits) {
      this.code = code;
      this.seconds = seconds;
      this.digits = digits;
      this.perSecond = POW10[digits];
      this.length =
          code.equals("Y") || code.equals("M")
              ? BigInteger.valueOf(seconds)
              : BigInteger.valueOf(seconds).multiply(BigInteger.TEN.pow(18 - digits));
    }

    /** Years and months, whose length in days varies. */
    boolean calendar() {
      return this == YEAR || this == MONTH;
    }

    static Base of(String code) {
      return switch (code) {
        case "Y" -> YEAR;
        case "M" -> MONTH;
        case "W" -> WEEK;
        case "D" -> DAY;
        case "h" -> HOUR;
        case "m" -> MINUTE;
        case "s" -> SECOND;
        case "ms" -> MILLI;
        case "us" -> MICRO;
        case "ns" -> NANO;
        case "ps" -> PICO;
        case "fs" -> FEMTO;
        case "as" -> ATTO;
        default -> null;
      };
    }
  }

  /** A unit as a data type names it: a base unit and a multiplier ({@code "10s"}). */
  private record Unit(Base base, long mult) {
    /** Parses a unit, without regular expressions (this runs once per element written). */
    static Unit of(String unit) {
      Unit u = ofOrNull(unit);
      if (u == null) {
        throw new InvalidArrayException("invalid datetime unit '" + unit + "'");
      }
      return u;
    }

    static Unit ofOrNull(String unit) {
      if (unit == null) {
        return null;
      }
      int i = 0;
      while (i < unit.length() && unit.charAt(i) >= '0' && unit.charAt(i) <= '9') {
        i++;
      }
      Base base = Base.of(i == 0 ? unit : unit.substring(i));
      if (base == null) {
        return null;
      }
      long mult = 1;
      if (i > 0) {
        try {
          mult = Long.parseLong(unit, 0, i, 10);
        } catch (NumberFormatException e) {
          return null;
        }
        if (mult <= 0) {
          return null;
        }
      }
      return new Unit(base, mult);
    }

    /** Months (Y, M) or attoseconds (the others) per unit. */
    BigInteger length() {
      return mult == 1 ? base.length : base.length.multiply(BigInteger.valueOf(mult));
    }
  }

  /**
   * Parses ISO-8601 text into a count of {@code unit}s since 1970-01-01T00:00, truncating toward
   * the past when the text is finer than the unit.
   *
   * @throws InvalidArrayException if the text is not a date or date-time
   */
  public static long parse(String text, String unit) {
    String t = text.strip();
    if (t.equals("NaT") || t.isEmpty()) {
      return NAT;
    }
    Matcher m = ISO.matcher(t);
    if (!m.matches()) {
      throw new InvalidArrayException("cannot parse '" + text + "' as a datetime");
    }
    long year = Long.parseLong(m.group(1));
    int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
    int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    String frac = m.group(7) == null ? "" : m.group(7);
    long fraction = frac.isEmpty() ? 0 : Long.parseLong(frac);
    long epochDay;
    try {
      epochDay = LocalDate.of(Math.toIntExact(year), month, day).toEpochDay();
      LocalDateTime.of(2000, 1, 1, hour, minute, second); // validates the time fields
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new InvalidArrayException("invalid datetime '" + text + "': " + e.getMessage());
    }
    return count(
        year,
        month,
        epochDay,
        hour * 3600L + minute * 60L + second,
        fraction,
        frac.length(),
        unit,
        text);
  }

  /**
   * The count of {@code unit}s for a java.time date or date-time, computed from its fields (so
   * years beyond 9999 work as in NumPy), truncating toward the past when it is finer than the unit.
   * {@code Instant}, {@code OffsetDateTime} and {@code ZonedDateTime} are taken in UTC; {@code
   * LocalDate}, {@code LocalDateTime}, {@code YearMonth} and {@code Year} as they are.
   *
   * @return the count, or {@code null} if {@code value} is not one of those types
   * @throws InvalidArrayException if the value is out of range for the unit
   */
  static Long fromTemporal(Object value, String unit) {
    LocalDateTime t;
    try {
      if (value instanceof java.time.Instant i) {
        t = LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), java.time.ZoneOffset.UTC);
      } else if (value instanceof java.time.OffsetDateTime o) {
        t = o.atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
      } else if (value instanceof java.time.ZonedDateTime z) {
        t = z.withZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
      } else if (value instanceof LocalDateTime l) {
        t = l;
      } else if (value instanceof LocalDate d) {
        t = d.atStartOfDay();
      } else if (value instanceof java.time.YearMonth ym) {
        t = ym.atDay(1).atStartOfDay();
      } else if (value instanceof java.time.Year y) {
        t = y.atDay(1).atStartOfDay();
      } else {
        return null;
      }
    } catch (java.time.DateTimeException e) {
      throw new InvalidArrayException("datetime " + value + " is out of range: " + e.getMessage());
    }
    return count(
        t.getYear(),
        t.getMonthValue(),
        t.toLocalDate().toEpochDay(),
        t.toLocalTime().toSecondOfDay(),
        t.getNano(),
        9,
        unit,
        value);
  }

  /**
   * The count of {@code unit}s (possibly multiplied, {@code "10s"}) of a date-time given by its
   * fields; the second's fraction is {@code fraction / 10^fractionDigits}. {@code text} names the
   * value in error messages.
   */
  private static long count(
      long year,
      int month,
      long epochDay,
      long secondsOfDay,
      long fraction,
      int fractionDigits,
      String unit,
      Object text) {
    Unit u = Unit.of(unit);
    long count;
    switch (u.base) {
      case YEAR:
        count = year - 1970;
        break;
      case MONTH:
        count = (year - 1970) * 12 + (month - 1);
        break;
      case WEEK:
        count = Math.floorDiv(epochDay, 7);
        break;
      default:
        // attoseconds per unit would overflow; work in the unit directly
        count = subDayCount(epochDay, secondsOfDay, fraction, fractionDigits, u.base, text);
    }
    return Math.floorDiv(count, u.mult);
  }

  private static long subDayCount(
      long epochDay, long secondsOfDay, long fraction, int fractionDigits, Base base, Object text) {
    try {
      if (base.digits == 0) { // D, h, m, s
        return Math.addExact(
            Math.multiplyExact(epochDay, 86400 / base.seconds), secondsOfDay / base.seconds);
      }
      long secs = Math.addExact(Math.multiplyExact(epochDay, 86400), secondsOfDay);
      long inUnit =
          fractionDigits >= base.digits
              ? fraction / POW10[fractionDigits - base.digits]
              : fraction * POW10[base.digits - fractionDigits];
      return Math.addExact(Math.multiplyExact(secs, base.perSecond), inUnit);
    } catch (ArithmeticException e) {
      throw new InvalidArrayException(
          "datetime '" + text + "' is out of range for unit '" + base.code + "'");
    }
  }

  /** Formats a count of {@code unit}s as NumPy prints it ({@code 2007-07-13}, {@code NaT}). */
  public static String format(long count, String unit) {
    if (count == NAT) {
      return "NaT";
    }
    Unit u = Unit.of(unit);
    long v = count * u.mult;
    switch (u.base) {
      case YEAR:
        return String.format("%04d", 1970 + v);
      case MONTH:
        return String.format("%04d-%02d", 1970 + Math.floorDiv(v, 12), Math.floorMod(v, 12) + 1);
      case WEEK:
        return isoDate(LocalDate.ofEpochDay(v * 7));
      case DAY:
        return isoDate(LocalDate.ofEpochDay(v));
      case PICO:
      case FEMTO:
      case ATTO:
        return Long.toString(count); // keep the raw count
      default:
        break;
    }
    long perDay = 86400 / u.base.seconds * u.base.perSecond;
    long day = Math.floorDiv(v, perDay);
    long rest = Math.floorMod(v, perDay);
    String date = isoDate(LocalDate.ofEpochDay(day));
    switch (u.base) {
      case HOUR:
        return date + String.format("T%02d", rest);
      case MINUTE:
        return date + String.format("T%02d:%02d", rest / 60, rest % 60);
      default:
        {
          long secs = rest / u.base.perSecond;
          long frac = rest % u.base.perSecond;
          String s =
              date + String.format("T%02d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
          if (u.base.digits > 0) {
            s += "." + String.format("%0" + u.base.digits + "d", frac);
          }
          return s;
        }
    }
  }

  /** ISO text of a date as NumPy prints it: years past 9999 without java.time's {@code '+'}. */
  private static String isoDate(LocalDate d) {
    String s = d.toString();
    return s.startsWith("+") ? s.substring(1) : s;
  }

  /**
   * Converts a {@code datetime64} (or, with {@code delta}, a {@code timedelta64}) count from one
   * unit to another as NumPy casts it: exactly to a finer unit, toward the past (floor) to a
   * coarser one; NaT stays NaT. Datetimes convert between calendar units (Y, M) and the others
   * through the calendar; timedeltas cannot, their months having no fixed length.
   *
   * @throws InvalidArrayException if the value does not fit the new unit, or for a timedelta
   *     between calendar and fixed-length units
   */
  public static long convert(long count, String from, String to, boolean delta) {
    if (count == NAT || from.equals(to)) {
      return count;
    }
    return conversion(from, to, delta).apply(count);
  }

  /**
   * The conversion {@link #convert} makes from unit {@code from} to unit {@code to}, with the units
   * parsed and their ratio worked out once.
   *
   * @throws InvalidArrayException if a unit is invalid
   */
  static Conversion conversion(String from, String to, boolean delta) {
    return new Conversion(from, to, delta);
  }

  /** A unit conversion ({@link #convert}) worked out once, to apply to many counts. */
  static final class Conversion {
    private final String from;
    private final String to;
    private final boolean identity;
    private final boolean refused; // a timedelta between calendar and fixed-length units
    private final boolean fromCalendar;
    private final boolean toCalendar;
    // both calendar or both fixed: from -> to; from a calendar unit: from -> months, then days ->
    // to; to a calendar unit: from -> days, then months -> to
    private final Ratio first;
    private final Ratio second;

    private Conversion(String from, String to, boolean delta) {
      this.from = from;
      this.to = to;
      Unit f = Unit.of(from);
      Unit t = Unit.of(to);
      this.identity = from.equals(to);
      this.fromCalendar = f.base.calendar();
      this.toCalendar = t.base.calendar();
      this.refused = delta && fromCalendar != toCalendar;
      if (fromCalendar == toCalendar) {
        first = new Ratio(f.length(), t.length());
        second = null;
      } else if (fromCalendar) {
        first = new Ratio(f.length(), BigInteger.ONE);
        second = new Ratio(Base.DAY.length, t.length());
      } else {
        first = new Ratio(f.length(), Base.DAY.length);
        second = new Ratio(BigInteger.ONE, t.length());
      }
    }

    /**
     * The count in the new unit.
     *
     * @throws InvalidArrayException as {@link #convert} does
     */
    long apply(long count) {
      if (count == NAT || identity) {
        return count;
      }
      if (refused) {
        throw new InvalidArrayException(
            "cannot convert timedelta64["
                + from
                + "] to timedelta64["
                + to
                + "]: years and months have no fixed length");
      }
      long out;
      try {
        if (fromCalendar == toCalendar) {
          out = first.apply(count);
        } else if (fromCalendar) {
          long months = first.apply(count);
          out = second.apply(EPOCH.plusMonths(months).toEpochDay());
        } else {
          LocalDate d = LocalDate.ofEpochDay(first.apply(count));
          out = second.apply((d.getYear() - 1970L) * 12 + d.getMonthValue() - 1);
        }
      } catch (ArithmeticException | java.time.DateTimeException e) {
        out = NAT;
      }
      if (out == NAT) {
        throw new InvalidArrayException(
            "value "
                + count
                + " of unit '"
                + from
                + "' does not fit a 64-bit count of unit '"
                + to
                + "'");
      }
      return out;
    }
  }

  private static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);

  /** Multiplication by {@code num / den} (in lowest terms), rounding toward the past. */
  private static final class Ratio {
    private final BigInteger bigNum;
    private final BigInteger bigDen;
    private final boolean small; // num and den fit in a long
    private final long num;
    private final long den;

    Ratio(BigInteger num, BigInteger den) {
      BigInteger g = num.gcd(den);
      bigNum = num.divide(g);
      bigDen = den.divide(g);
      small = bigNum.bitLength() < 64 && bigDen.bitLength() < 64;
      this.num = bigNum.longValue();
      this.den = bigDen.longValue();
    }

    /**
     * {@code floor(x * num / den)}.
     *
     * @throws ArithmeticException if that does not fit in a long
     */
    long apply(long x) {
      if (small) {
        if (den == 1) {
          return Math.multiplyExact(x, num);
        }
        if (num == 1) {
          return Math.floorDiv(x, den);
        }
        long hi = Math.multiplyHigh(x, num);
        long lo = x * num;
        if (hi == (lo >> 63)) { // the product fits in a long
          return Math.floorDiv(lo, den);
        }
      }
      return floorDiv(BigInteger.valueOf(x).multiply(bigNum), bigDen).longValueExact();
    }
  }

  private static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    boolean roundsUp = qr[1].signum() != 0 && qr[1].signum() != b.signum();
    return roundsUp ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  /**
   * A datetime64 count as a java.time value: {@code Year} (unit Y), {@code YearMonth} (M), {@code
   * LocalDate} (W, D), {@code Instant} (h down to ns); {@code null} for NaT.
   *
   * @throws InvalidArrayException for units java.time cannot hold (ps, fs, as) or multiplied units
   */
  public static java.time.temporal.Temporal toTemporal(long count, String unit) {
    if (count == NAT) {
      return null;
    }
    Unit u = Unit.ofOrNull(unit);
    if (u == null || !Character.isLetter(unit.charAt(0))) {
      throw new InvalidArrayException(
          "datetime64[" + unit + "] has no java.time equivalent; read the count instead");
    }
    switch (u.base) {
      case YEAR:
        return java.time.Year.of(Math.toIntExact(1970 + count));
      case MONTH:
        return java.time.YearMonth.of(1970, 1).plusMonths(count);
      case WEEK:
        return LocalDate.ofEpochDay(Math.multiplyExact(count, 7));
      case DAY:
        return LocalDate.ofEpochDay(count);
      case HOUR:
        return java.time.Instant.ofEpochSecond(Math.multiplyExact(count, 3600));
      case MINUTE:
        return java.time.Instant.ofEpochSecond(Math.multiplyExact(count, 60));
      case SECOND:
        return java.time.Instant.ofEpochSecond(count);
      case MILLI:
        return java.time.Instant.ofEpochMilli(count);
      case MICRO:
        return java.time.Instant.ofEpochSecond(
            Math.floorDiv(count, 1_000_000L), Math.floorMod(count, 1_000_000L) * 1000);
      case NANO:
        return java.time.Instant.ofEpochSecond(
            Math.floorDiv(count, 1_000_000_000L), Math.floorMod(count, 1_000_000_000L));
      default:
        throw new InvalidArrayException(
            "datetime64[" + unit + "] is finer than java.time can hold; read the count instead");
    }
  }

  /**
   * A timedelta64 count as a java.time amount: {@code Period} (Y, M), {@code Duration} (W down to
   * ns); {@code null} for NaT.
   *
   * @throws InvalidArrayException for units java.time cannot hold (ps, fs, as) or multiplied units
   */
  public static java.time.temporal.TemporalAmount toAmount(long count, String unit) {
    if (count == NAT) {
      return null;
    }
    Unit u = Unit.ofOrNull(unit);
    if (u == null || !Character.isLetter(unit.charAt(0))) {
      throw new InvalidArrayException(
          "timedelta64[" + unit + "] has no java.time equivalent; read the count instead");
    }
    switch (u.base) {
      case YEAR:
        return java.time.Period.ofYears(Math.toIntExact(count));
      case MONTH:
        return java.time.Period.ofMonths(Math.toIntExact(count));
      case WEEK:
        return java.time.Duration.ofDays(Math.multiplyExact(count, 7));
      case DAY:
        return java.time.Duration.ofDays(count);
      case HOUR:
        return java.time.Duration.ofHours(count);
      case MINUTE:
        return java.time.Duration.ofMinutes(count);
      case SECOND:
        return java.time.Duration.ofSeconds(count);
      case MILLI:
        return java.time.Duration.ofMillis(count);
      case MICRO:
        return java.time.Duration.ofNanos(Math.multiplyExact(count, 1000));
      case NANO:
        return java.time.Duration.ofNanos(count);
      default:
        throw new InvalidArrayException(
            "timedelta64[" + unit + "] is finer than java.time can hold; read the count instead");
    }
  }

  /**
   * The count of {@code unit}s (possibly multiplied, {@code "10s"}) in a java.time amount.
   *
   * <p>A {@code Duration} finer than the unit is rounded toward the past (floor), for every unit,
   * as NumPy casts a {@code datetime.timedelta} or a {@code timedelta64} to a coarser unit: -1.0005
   * s is -1001 ms and -2 s, 15 s is 1 of "10s". A Duration cannot be stored in years or months,
   * which have no fixed length.
   *
   * <p>A {@code Period} is stored only exactly: whole years and months (no days) in Y or M units,
   * whole days (no months) in the others; anything that would lose part of it is refused.
   *
   * @throws InvalidArrayException if the amount cannot be stored in the unit as described, or its
   *     count does not fit 64 bits (or would read back as NaT)
   */
  static long fromAmount(java.time.temporal.TemporalAmount amount, String unit) {
    Unit u = Unit.of(unit);
    if (amount instanceof java.time.Period p) {
      return fromPeriod(p, u, unit);
    }
    java.time.Duration d = (java.time.Duration) amount;
    if (u.base.calendar()) {
      throw new InvalidArrayException(
          "cannot store Duration "
              + d
              + " as timedelta64["
              + unit
              + "]: years and months have no fixed length");
    }
    long out;
    try {
      if (u.base.digits == 0) {
        // whole seconds per unit: the nanoseconds, less than one second, never cross a multiple
        out = Math.floorDiv(d.getSeconds(), Math.multiplyExact(u.base.seconds, u.mult));
      } else {
        long fraction =
            u.base.digits <= 9
                ? d.getNano() / POW10[9 - u.base.digits]
                : Math.multiplyExact(d.getNano(), POW10[u.base.digits - 9]);
        long units = Math.addExact(Math.multiplyExact(d.getSeconds(), u.base.perSecond), fraction);
        out = Math.floorDiv(units, u.mult);
      }
    } catch (ArithmeticException e) {
      BigInteger attoseconds =
          BigInteger.valueOf(d.getSeconds())
              .multiply(BigInteger.TEN.pow(18))
              .add(BigInteger.valueOf(d.getNano()).multiply(BigInteger.TEN.pow(9)));
      BigInteger q = floorDiv(attoseconds, u.length());
      out = q.bitLength() < 64 ? q.longValue() : NAT;
    }
    if (out == NAT) {
      throw new InvalidArrayException("Duration " + d + " does not fit timedelta64[" + unit + "]");
    }
    return out;
  }

  private static long fromPeriod(java.time.Period p, Unit u, String unit) {
    long months = p.toTotalMonths();
    long days = p.getDays();
    String reason;
    if (u.base.calendar()) {
      BigInteger[] qr = BigInteger.valueOf(months).divideAndRemainder(u.length());
      if (days != 0) {
        reason = "days are not a whole number of months";
      } else if (qr[1].signum() != 0) {
        reason = "it is not a whole number of " + unit;
      } else {
        return qr[0].longValueExact(); // |months| <= |Period's months|, fits
      }
    } else if (months != 0) {
      reason = "years and months have no fixed length";
    } else {
      BigInteger[] qr =
          BigInteger.valueOf(days).multiply(Base.DAY.length).divideAndRemainder(u.length());
      if (qr[1].signum() != 0) {
        reason = "it is not a whole number of " + unit;
      } else if (qr[0].bitLength() >= 64 || qr[0].longValue() == NAT) {
        reason = "the count does not fit 64 bits";
      } else {
        return qr[0].longValue();
      }
    }
    throw new InvalidArrayException(
        "cannot store Period " + p + " exactly as timedelta64[" + unit + "]: " + reason);
  }
}
