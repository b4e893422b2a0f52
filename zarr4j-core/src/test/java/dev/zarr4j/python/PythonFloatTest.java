package dev.zarr4j.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.testutil.ReferencePython;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.1|0.1",
        "0.0|0.0",
        "-0.0|-0.0",
        "1.0|1.0",
        "-2.5|-2.5",
        "100.0|100.0",
        "1e15|1000000000000000.0",
        "9999999999999998.0|9999999999999998.0",
        "1e16|1e+16",
        "1.5e16|1.5e+16",
        "1e22|1e+22",
        "1e23|1e+23",
        "0.0001|0.0001",
        "0.00012345|0.00012345",
        "1e-05|1e-05",
        "1.5e-05|1.5e-05",
        "4.9e-324|5e-324",
        "2.2250738585072014E-308|2.2250738585072014e-308",
        "1.7976931348623157E308|1.7976931348623157e+308",
        "0.3|0.3",
        "2.675|2.675",
        "123456789012345.67|123456789012345.67",
        "1.2345678901234567|1.2345678901234567",
        "2.82879384806159E17|2.82879384806159e+17",
        "1.0E-100|1e-100",
        "3.0E100|3e+100",
        "NaN|nan",
        "Infinity|inf",
        "-Infinity|-inf",
      })
  void knownValues(String javaLiteral, String python) {
    assertThat(PythonFloat.repr(Double.parseDouble(javaLiteral))).isEqualTo(python);
  }

  @Test
  void jdkToStringIsNotAlwaysShortestButReprIs() {
    // JDK 17 prints 2.0E-3 fine but adds a digit for this one; Python prints the 15 digits.
    double d = 2.82879384806159E17;
    assertThat(Double.toString(d)).isEqualTo("2.82879384806159008E17");
    assertThat(PythonFloat.repr(d)).isEqualTo("2.82879384806159e+17");
  }

  /** Digits are shortest (no shorter rounding reads back) and read back exactly. */
  @Test
  void seededValuesRoundTripAndAreShortest() {
    SplittableRandom rnd = new SplittableRandom(20261124L);
    for (int i = 0; i < 20_000; i++) {
      double d = randomDouble(rnd, i);
      if (!Double.isFinite(d)) {
        continue;
      }
      String repr = PythonFloat.repr(d);
      assertThat(Double.parseDouble(repr)).as(repr).isEqualTo(d);
      if (d != 0) {
        PythonFloat.Digits digits = PythonFloat.shortestDigits(Math.abs(d));
        int n = digits.digits().length();
        if (n > 1) {
          BigDecimal exact = new BigDecimal(Math.abs(d));
          for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            double shorter = exact.round(new MathContext(n - 1, mode)).doubleValue();
            assertThat(shorter).as("%s with %d digits", repr, n - 1).isNotEqualTo(Math.abs(d));
          }
        }
      }
    }
  }

  @Test
  void matchesPythonReprOnSeededDoubles(@TempDir Path dir) throws IOException {
    ReferencePython.assumeAvailable();
    SplittableRandom rnd = new SplittableRandom(7L);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      values.add(randomDouble(rnd, i));
    }
    // Every power of two and of ten, and their neighbours.
    for (int e = -1074; e <= 1023; e++) {
      double p = Math.scalb(1.0, e);
      values.add(p);
      values.add(Math.nextUp(p));
      values.add(Math.nextDown(p));
    }
    for (int e = -325; e <= 308; e++) {
      double p = Double.parseDouble("1e" + e);
      values.add(p);
      values.add(Math.nextUp(p));
      values.add(Math.nextDown(p));
    }
    StringBuilder in = new StringBuilder();
    for (double v : values) {
      in.append(Long.toHexString(Double.doubleToRawLongBits(v))).append('\n');
    }
    Files.writeString(dir.resolve("in.txt"), in);
    String out =
        ReferencePython.run(
            "import struct\n"
                + "with open('in.txt') as f, open('out.txt', 'w') as g:\n"
                + "    for line in f.read().split():\n"
                + "        d = struct.unpack('<d', int(line, 16).to_bytes(8, 'little'))[0]\n"
                + "        g.write(repr(d) + '\\n')\n",
            dir);
    assertThat(out).isEmpty();
    List<String> python = Files.readAllLines(dir.resolve("out.txt"));
    assertThat(python).hasSameSizeAs(values);
    int mismatches = 0;
    StringBuilder report = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String mine = PythonFloat.repr(values.get(i));
      if (!mine.equals(python.get(i))) {
        if (mismatches++ < 20) {
          report.append(
              String.format(
                  "%s: python %s, zarr4j %s%n",
                  Long.toHexString(Double.doubleToRawLongBits(values.get(i))),
                  python.get(i),
                  mine));
        }
      }
    }
    assertThat(mismatches).as(report.toString()).isZero();
  }

  /** A mix of random bit patterns, decimal-looking values, subnormals and integers. */
  static double randomDouble(SplittableRandom rnd, int i) {
    switch (i % 7) {
      case 0:
        return Double.longBitsToDouble(rnd.nextLong());
      case 1:
        return rnd.nextDouble() * Math.pow(10, rnd.nextInt(-30, 30));
      case 2:
        return Math.scalb((double) rnd.nextLong(1, 1L << 20), rnd.nextInt(-1074, 1000));
      case 3:
        return Double.parseDouble(rnd.nextInt(1, 99999) + "e" + rnd.nextInt(-330, 310));
      case 4:
        return Double.longBitsToDouble(rnd.nextLong(1, 1L << 52)); // subnormal
      case 5:
        return (double) rnd.nextLong() / (1L << rnd.nextInt(0, 63));
      default:
        return Double.parseDouble(
            (rnd.nextBoolean() ? "-" : "")
                + rnd.nextLong(0, Long.MAX_VALUE)
                + "."
                + rnd.nextInt(0, 1000)
                + "e"
                + rnd.nextInt(-25, 5));
    }
  }
}
