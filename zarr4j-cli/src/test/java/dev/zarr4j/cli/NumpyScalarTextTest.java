package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Float scalars at the edges of the shortest-digits search, against what NumPy 1.24 prints for them
 * ({@code str(np.float64(x))}, {@code str(np.float32(x))}): where one digit is enough, Java's
 * shortest-decimal text gives two, and the printer must still give one.
 */
class NumpyScalarTextTest {
  @Test
  void matchesNumPyAtTheEdges() {
    assertThat(NumpyPrint.floatScalar(Double.MIN_VALUE, 8)).isEqualTo("5e-324");
    assertThat(NumpyPrint.floatScalar(Float.MIN_VALUE, 4)).isEqualTo("1e-45");
    assertThat(NumpyPrint.floatScalar(1e23, 8)).isEqualTo("1e+23");
    assertThat(NumpyPrint.floatScalar(2e-323, 8)).isEqualTo("2e-323");
    assertThat(NumpyPrint.floatScalar((float) 0.1, 4)).isEqualTo("0.1");
    assertThat(NumpyPrint.floatScalar(0.1, 8)).isEqualTo("0.1");
    assertThat(NumpyPrint.floatScalar(123456789012345680.0, 8)).isEqualTo("1.2345678901234568e+17");
    assertThat(NumpyPrint.floatScalar(16777216.0, 4)).isEqualTo("16777216.0");
    assertThat(NumpyPrint.floatScalar(-0.0, 8)).isEqualTo("-0.0");
    assertThat(NumpyPrint.floatScalar(1e16, 8)).isEqualTo("1e+16");
    assertThat(NumpyPrint.floatScalar(9999999999999998.0, 8)).isEqualTo("9999999999999998.0");
    assertThat(NumpyPrint.floatScalar(0.0001, 8)).isEqualTo("0.0001");
    assertThat(NumpyPrint.floatScalar(0.00009999, 8)).isEqualTo("9.999e-05");
  }
}
