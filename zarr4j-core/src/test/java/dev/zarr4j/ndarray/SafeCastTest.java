package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A sample of NumPy's safe casting rules (the interop test compares every pair with NumPy). */
class SafeCastTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "|i1;<i2;true",
        "<i2;|i1;false",
        "|u1;<i2;true",
        "<u2;<i2;false",
        "<i4;<f8;true",
        "<i8;<f8;true",
        "<i4;<f4;false",
        "<u2;<f4;true",
        "<f4;<c8;true",
        "<f8;<c8;false",
        "|b1;<f2;true",
        "<i4;|b1;false",
        "<i4;>i4;true",
        "|S3;<U3;true",
        "<U3;|S3;false",
        "|S3;|S2;false",
        "<i4;<U11;true",
        "<i4;<U10;false",
        "<M8[s];<M8[ms];true",
        "<M8[ms];<M8[s];false",
        "<M8[s];<M8[as];false",
        "<m8[Y];<m8[D];false",
        "<M8[Y];<M8[D];true",
        "<M8[10s];<M8[s];true",
        "<M8[s];<M8[10s];false",
        "<M8[W];<M8[7D];true",
        "<M8[7D];<M8[W];false",
        "<i4;<m8[s];true",
        "<u8;<m8[s];false",
        "<i4;|V4;true",
        "|V4;|S4;false",
        "[[\"a\", \"<i2\"]];[[\"b\", \"<i4\"]];true",
        "[[\"a\", \"<i4\"]];[[\"b\", \"<i2\"]];false"
      })
  void castsAsNumpy(String from, String to, boolean expected) {
    assertThat(SafeCast.canCast(DataType.parse(from), DataType.parse(to))).isEqualTo(expected);
  }
}
