package dev.zarr4j.ndarray;

import dev.zarr4j.InvalidArrayException;
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

  private static final Pattern UNIT = Pattern.compile("^(\\d*)([A-Za-z]+)$");
  private static final Pattern ISO =
      Pattern.compile(
          "^([-+]?\\d{4,})(?:-(\\d{2})(?:-(\\d{2})(?:[T ](\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,18}))?)?)?Z?)?)?)?$");

  private Datetimes() {}

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
    long epochDay;
    try {
      epochDay = LocalDate.of(Math.toIntExact(year), month, day).toEpochDay();
      LocalDateTime.of(2000, 1, 1, hour, minute, second); // validates the time fields
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new InvalidArrayException("invalid datetime '" + text + "': " + e.getMessage());
    }
    return count(year, month, epochDay, hour * 3600L + minute * 60L + second, frac, unit, text);
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
        String.format("%09d", t.getNano()),
        unit,
        value.toString());
  }

  /**
   * The count of {@code unit}s (possibly multiplied, {@code "10s"}) of a date-time given by its
   * fields; {@code frac} holds the decimal digits of the second's fraction.
   */
  private static long count(
      long year,
      int month,
      long epochDay,
      long secondsOfDay,
      String frac,
      String unit,
      String text) {
    Matcher u = UNIT.matcher(unit);
    if (!u.matches()) {
      throw new InvalidArrayException("invalid datetime unit '" + unit + "'");
    }
    long mult = u.group(1).isEmpty() ? 1 : Long.parseLong(u.group(1));
    String base = u.group(2);
    long count;
    switch (base) {
      case "Y":
        count = year - 1970;
        break;
      case "M":
        count = (year - 1970) * 12 + (month - 1);
        break;
      case "W":
        count = Math.floorDiv(epochDay, 7);
        break;
      default:
        // attoseconds per unit would overflow; work in the unit directly
        count = subDayCount(epochDay, secondsOfDay, frac, base, text);
    }
    return Math.floorDiv(count, mult);
  }

  private static long subDayCount(
      long epochDay, long secondsOfDay, String frac, String base, String text) {
    try {
      switch (base) {
        case "D":
          return epochDay;
        case "h":
          return Math.addExact(Math.multiplyExact(epochDay, 24), secondsOfDay / 3600);
        case "m":
          return Math.addExact(Math.multiplyExact(epochDay, 1440), secondsOfDay / 60);
        case "s":
          return Math.addExact(Math.multiplyExact(epochDay, 86400), secondsOfDay);
        default:
          {
            int digits;
            switch (base) {
              case "ms":
                digits = 3;
                break;
              case "us":
                digits = 6;
                break;
              case "ns":
                digits = 9;
                break;
              case "ps":
                digits = 12;
                break;
              case "fs":
                digits = 15;
                break;
              case "as":
                digits = 18;
                break;
              default:
                throw new InvalidArrayException("unknown datetime unit '" + base + "'");
            }
            long perSecond = 1;
            for (int i = 0; i < digits; i++) {
              perSecond *= 10;
            }
            String f = (frac + "000000000000000000").substring(0, digits);
            long fraction = Long.parseLong(f);
            long secs = Math.addExact(Math.multiplyExact(epochDay, 86400), secondsOfDay);
            return Math.addExact(Math.multiplyExact(secs, perSecond), fraction);
          }
      }
    } catch (ArithmeticException e) {
      throw new InvalidArrayException(
          "datetime '" + text + "' is out of range for unit '" + base + "'");
    }
  }

  /** Formats a count of {@code unit}s as NumPy prints it ({@code 2007-07-13}, {@code NaT}). */
  public static String format(long count, String unit) {
    if (count == NAT) {
      return "NaT";
    }
    Matcher u = UNIT.matcher(unit);
    if (!u.matches()) {
      throw new InvalidArrayException("invalid datetime unit '" + unit + "'");
    }
    long mult = u.group(1).isEmpty() ? 1 : Long.parseLong(u.group(1));
    String base = u.group(2);
    long v = count * mult;
    switch (base) {
      case "Y":
        return String.format("%04d", 1970 + v);
      case "M":
        return String.format("%04d-%02d", 1970 + Math.floorDiv(v, 12), Math.floorMod(v, 12) + 1);
      case "W":
        return isoDate(LocalDate.ofEpochDay(v * 7));
      case "D":
        return isoDate(LocalDate.ofEpochDay(v));
      default:
        break;
    }
    long perDay;
    int digits = 0;
    switch (base) {
      case "h":
        perDay = 24;
        break;
      case "m":
        perDay = 1440;
        break;
      case "s":
        perDay = 86400;
        break;
      case "ms":
        perDay = 86400_000L;
        digits = 3;
        break;
      case "us":
        perDay = 86400_000_000L;
        digits = 6;
        break;
      case "ns":
        perDay = 86400_000_000_000L;
        digits = 9;
        break;
      default:
        return Long.toString(count); // ps, fs, as: keep the raw count
    }
    long day = Math.floorDiv(v, perDay);
    long rest = Math.floorMod(v, perDay);
    String date = isoDate(LocalDate.ofEpochDay(day));
    switch (base) {
      case "h":
        return date + String.format("T%02d", rest);
      case "m":
        return date + String.format("T%02d:%02d", rest / 60, rest % 60);
      default:
        {
          long unitsPerSecond = perDay / 86400;
          long secs = rest / unitsPerSecond;
          long frac = rest % unitsPerSecond;
          String s =
              date + String.format("T%02d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60);
          if (digits > 0) {
            s += "." + String.format("%0" + digits + "d", frac);
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

  /** Attoseconds per base unit of the units with a fixed length (all but Y and M). */
  private static BigInteger attoseconds(String base) {
    long seconds;
    switch (base) {
      case "W":
        seconds = 7 * 86400L;
        break;
      case "D":
        seconds = 86400L;
        break;
      case "h":
        seconds = 3600L;
        break;
      case "m":
        seconds = 60L;
        break;
      case "s":
        seconds = 1;
        break;
      default:
        {
          int digits =
              switch (base) {
                case "ms" -> 3;
                case "us" -> 6;
                case "ns" -> 9;
                case "ps" -> 12;
                case "fs" -> 15;
                case "as" -> 18;
                default -> throw new InvalidArrayException("unknown datetime unit '" + base + "'");
              };
          return BigInteger.TEN.pow(18 - digits);
        }
    }
    return BigInteger.valueOf(seconds).multiply(BigInteger.TEN.pow(18));
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
    Matcher f = UNIT.matcher(from);
    Matcher t = UNIT.matcher(to);
    if (!f.matches() || !t.matches()) {
      throw new InvalidArrayException("invalid datetime unit '" + (f.matches() ? to : from) + "'");
    }
    String fb = f.group(2);
    String tb = t.group(2);
    boolean fromCalendar = fb.equals("Y") || fb.equals("M");
    boolean toCalendar = tb.equals("Y") || tb.equals("M");
    BigInteger twelve = BigInteger.valueOf(12);
    BigInteger v = BigInteger.valueOf(count).multiply(multiplier(f));
    BigInteger out;
    try {
      if (fromCalendar && toCalendar) {
        BigInteger months = fb.equals("Y") ? v.multiply(twelve) : v;
        out = tb.equals("Y") ? floorDiv(months, twelve) : months;
      } else if (fromCalendar || toCalendar) {
        if (delta) {
          throw new InvalidArrayException(
              "cannot convert timedelta64["
                  + from
                  + "] to timedelta64["
                  + to
                  + "]: years and months have no fixed length");
        }
        if (fromCalendar) {
          long months = (fb.equals("Y") ? v.multiply(twelve) : v).longValueExact();
          long epochDay = LocalDate.of(1970, 1, 1).plusMonths(months).toEpochDay();
          out = floorDiv(BigInteger.valueOf(epochDay).multiply(attoseconds("D")), attoseconds(tb));
        } else {
          long epochDay = floorDiv(v.multiply(attoseconds(fb)), attoseconds("D")).longValueExact();
          LocalDate d = LocalDate.ofEpochDay(epochDay);
          long m = (d.getYear() - 1970L) * 12 + d.getMonthValue() - 1;
          BigInteger months = BigInteger.valueOf(m);
          out = tb.equals("Y") ? floorDiv(months, twelve) : months;
        }
      } else {
        out = floorDiv(v.multiply(attoseconds(fb)), attoseconds(tb));
      }
    } catch (ArithmeticException | java.time.DateTimeException e) {
      out = null;
    }
    if (out != null) {
      out = floorDiv(out, multiplier(t));
    }
    if (out == null || out.bitLength() > 63 || out.longValue() == NAT) {
      throw new InvalidArrayException(
          "value "
              + count
              + " of unit '"
              + from
              + "' does not fit a 64-bit count of unit '"
              + to
              + "'");
    }
    return out.longValue();
  }

  private static BigInteger multiplier(Matcher unit) {
    return BigInteger.valueOf(unit.group(1).isEmpty() ? 1 : Long.parseLong(unit.group(1)));
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
    Matcher u = UNIT.matcher(unit);
    if (!u.matches() || !u.group(1).isEmpty()) {
      throw new InvalidArrayException(
          "datetime64[" + unit + "] has no java.time equivalent; read the count instead");
    }
    switch (u.group(2)) {
      case "Y":
        return java.time.Year.of(Math.toIntExact(1970 + count));
      case "M":
        return java.time.YearMonth.of(1970, 1).plusMonths(count);
      case "W":
        return LocalDate.ofEpochDay(Math.multiplyExact(count, 7));
      case "D":
        return LocalDate.ofEpochDay(count);
      case "h":
        return java.time.Instant.ofEpochSecond(Math.multiplyExact(count, 3600));
      case "m":
        return java.time.Instant.ofEpochSecond(Math.multiplyExact(count, 60));
      case "s":
        return java.time.Instant.ofEpochSecond(count);
      case "ms":
        return java.time.Instant.ofEpochMilli(count);
      case "us":
        return java.time.Instant.ofEpochSecond(
            Math.floorDiv(count, 1_000_000L), Math.floorMod(count, 1_000_000L) * 1000);
      case "ns":
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
    Matcher u = UNIT.matcher(unit);
    if (!u.matches() || !u.group(1).isEmpty()) {
      throw new InvalidArrayException(
          "timedelta64[" + unit + "] has no java.time equivalent; read the count instead");
    }
    switch (u.group(2)) {
      case "Y":
        return java.time.Period.ofYears(Math.toIntExact(count));
      case "M":
        return java.time.Period.ofMonths(Math.toIntExact(count));
      case "W":
        return java.time.Duration.ofDays(Math.multiplyExact(count, 7));
      case "D":
        return java.time.Duration.ofDays(count);
      case "h":
        return java.time.Duration.ofHours(count);
      case "m":
        return java.time.Duration.ofMinutes(count);
      case "s":
        return java.time.Duration.ofSeconds(count);
      case "ms":
        return java.time.Duration.ofMillis(count);
      case "us":
        return java.time.Duration.ofNanos(Math.multiplyExact(count, 1000));
      case "ns":
        return java.time.Duration.ofNanos(count);
      default:
        throw new InvalidArrayException(
            "timedelta64[" + unit + "] is finer than java.time can hold; read the count instead");
    }
  }

  /** The count of {@code unit}s in a java.time amount (Duration or Period), truncating toward zero. */
  static long fromAmount(java.time.temporal.TemporalAmount amount, String unit) {
    if (amount instanceof java.time.Period p) {
      switch (unit) {
        case "Y":
          return p.toTotalMonths() / 12;
        case "M":
          return p.toTotalMonths();
        default:
          if (p.toTotalMonths() != 0) {
            throw new InvalidArrayException(
                "a Period of months or years cannot be stored as timedelta64[" + unit + "]");
          }
          return fromAmount(java.time.Duration.ofDays(p.getDays()), unit);
      }
    }
    java.time.Duration d = (java.time.Duration) amount;
    try {
      switch (unit) {
        case "W":
          return d.toDays() / 7;
        case "D":
          return d.toDays();
        case "h":
          return d.toHours();
        case "m":
          return d.toMinutes();
        case "s":
          return d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0);
        case "ms":
          return d.toMillis();
        case "us":
          return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
        case "ns":
          return d.toNanos();
        default:
          throw new InvalidArrayException("cannot store a Duration as timedelta64[" + unit + "]");
      }
    } catch (ArithmeticException e) {
      throw new InvalidArrayException(amount + " does not fit timedelta64[" + unit + "]");
    }
  }
}
