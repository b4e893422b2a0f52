package dev.zarr4j.ndarray;

import dev.zarr4j.InvalidArrayException;
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
          "^(-?\\d{4,})(?:-(\\d{2})(?:-(\\d{2})(?:[T ](\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,18}))?)?)?Z?)?)?)?$");

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
        {
          // attoseconds per unit would overflow; work in the unit directly
          long secondsOfDay = hour * 3600L + minute * 60L + second;
          count = subDayCount(epochDay, secondsOfDay, frac, base, text);
        }
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
        return LocalDate.ofEpochDay(v * 7).toString();
      case "D":
        return LocalDate.ofEpochDay(v).toString();
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
    String date = LocalDate.ofEpochDay(day).toString();
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
