package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.UnsupportedByFormatException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry's complex types of small floats ({@code complex_bfloat16}, {@code complex_float16},
 * {@code complex_float8_*}, {@code complex_float6_*}, {@code complex_float4_e2m1fn}): names, memory
 * layout, and element conversions checked exhaustively over every bit pattern of each part against
 * the part type's own conversion ({@link MiniFloat}, itself checked exhaustively by {@code
 * MiniFloatTest}, or {@link Float16}).
 */
class ComplexSmallFloatTest {

  static Stream<DataType> types() {
    return DataType.complexSmallFloatTypes().stream();
  }

  private static int partBits(DataType t) {
    return t.miniFloat() != null ? t.miniFloat().bits() : 16;
  }

  private static double partValue(DataType t, int bits) {
    return t.miniFloat() != null ? t.miniFloat().toDouble(bits) : Float16.toDouble((short) bits);
  }

  private static int partBitsOf(DataType t, double v) {
    return t.miniFloat() != null ? t.miniFloat().fromDouble(v) : Float16.fromDouble(v) & 0xffff;
  }

  private static Object pairs(DataType t, int[] bits) {
    if (t.itemSize() == 2) {
      byte[] b = new byte[bits.length];
      for (int i = 0; i < bits.length; i++) {
        b[i] = (byte) bits[i];
      }
      return b;
    }
    short[] s = new short[bits.length];
    for (int i = 0; i < bits.length; i++) {
      s[i] = (short) bits[i];
    }
    return s;
  }

  private static int slot(Object data, int i) {
    return data instanceof byte[] b ? b[i] & 0xff : ((short[]) data)[i] & 0xffff;
  }

  @ParameterizedTest
  @MethodSource("types")
  void namesLayoutAndParts(DataType t) {
    String name = t.toString();
    assertThat(name).startsWith("complex_");
    assertThat(DataType.parse(name)).isEqualTo(t);
    assertThat(t.kind()).isEqualTo(DataType.Kind.COMPLEX);
    assertThat(t.slotsPerElement()).isEqualTo(2);
    DataType part = t.componentType();
    assertThat("complex_" + part).isEqualTo(name);
    assertThat(t.itemSize()).isEqualTo(2 * part.itemSize());
    assertThat(t.storage()).isEqualTo(part.storage());
    assertThat(t.bits()).isEqualTo(2 * part.bits());
    assertThat(t.isNumpyType()).isFalse();
    assertThatThrownBy(t::toJson)
        .isInstanceOf(UnsupportedByFormatException.class)
        .hasMessageContaining(name);
    if (t.itemSize() == 4) {
      DataType big = t.withByteOrder(java.nio.ByteOrder.BIG_ENDIAN);
      assertThat(big.toString()).isEqualTo(">" + name);
      assertThat(DataType.parse(">" + name)).isEqualTo(big);
      assertThat(big.componentType().isBigEndian()).isTrue();
    } else {
      assertThat(t.byteOrder()).isNull();
    }
    // the core types keep their parts
    assertThat(DataType.COMPLEX64.componentType()).isEqualTo(DataType.FLOAT32);
    assertThat(DataType.COMPLEX128.componentType()).isEqualTo(DataType.FLOAT64);
    assertThat(DataType.FLOAT32.componentType()).isNull();
  }

  /**
   * Every bit pattern of the real part, paired with a pseudo-random imaginary pattern, and the same
   * with the parts swapped: reading gives the parts' values, writing that value back gives the part
   * type's canonical bits (so NaN patterns become the type's NaN).
   */
  @ParameterizedTest
  @MethodSource("types")
  void everyPartPatternReadsAndWritesAsThePartType(DataType t) {
    int n = 1 << partBits(t);
    SplittableRandom rnd = new SplittableRandom(n * 31L + t.toString().length());
    int[] bits = new int[2 * n];
    for (int p = 0; p < n; p++) {
      int other = rnd.nextInt(n);
      boolean realFirst = (p & 1) == 0;
      bits[2 * p] = realFirst ? p : other;
      bits[2 * p + 1] = realFirst ? other : p;
    }
    NdArray a = NdArray.wrap(t, pairs(t, bits), n);
    NdArray rewritten = NdArray.zeros(t, n);
    for (int e = 0; e < n; e++) {
      Complex expected = new Complex(partValue(t, bits[2 * e]), partValue(t, bits[2 * e + 1]));
      Object got = a.getFlat(e);
      assertThat(got).as("%s element %d", t, e).isEqualTo(expected);
      rewritten.setFlat(e, got);
      Object data = rewritten.data();
      assertThat(slot(data, 2 * e)).isEqualTo(partBitsOf(t, expected.re()));
      assertThat(slot(data, 2 * e + 1)).isEqualTo(partBitsOf(t, expected.im()));
    }
  }

  /** Values between representable ones round each part as the part type rounds it. */
  @ParameterizedTest
  @MethodSource("types")
  void writesRoundEachPartAsThePartType(DataType t) {
    SplittableRandom rnd = new SplittableRandom(7 + t.hashCode());
    double max = t.miniFloat() != null ? t.miniFloat().maxValue() : 65504;
    NdArray a = NdArray.zeros(t, 1);
    DataType part = t.componentType();
    NdArray p = NdArray.zeros(part, 2);
    for (int i = 0; i < 2000; i++) {
      double re = rnd.nextDouble(-max, max);
      double im = rnd.nextDouble(-max, max);
      if (t.miniFloat() != null && !t.miniFloat().isSigned()) {
        re = Math.abs(re) + Double.MIN_NORMAL;
        im = Math.abs(im) + Double.MIN_NORMAL;
      }
      a.setFlat(0, new Complex(re, im));
      p.setFlat(0, re);
      p.setFlat(1, im);
      assertThat(a.getFlat(0))
          .as("%s %s %s", t, re, im)
          .isEqualTo(new Complex((Double) p.getFlat(0), (Double) p.getFlat(1)));
    }
    // a real number is a complex number with a zero imaginary part (one for e8m0fnu, which has no
    // zero, is refused)
    if (t != DataType.COMPLEX_FLOAT8_E8M0FNU) {
      a.setFlat(0, 1.0);
      assertThat(a.getFlat(0)).isEqualTo(new Complex(1.0, 0.0));
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void partsThePartTypeCannotHoldAreRefusedLeavingTheElement(DataType t) {
    MiniFloat f = t.miniFloat();
    List<Double> refused =
        f == null
            ? List.of()
            : f == MiniFloat.FLOAT8_E8M0FNU
                ? List.of(0.0, -1.0, Double.POSITIVE_INFINITY)
                : !f.hasNaN()
                    ? List.of(Double.NaN, Double.POSITIVE_INFINITY, 1e6)
                    : !f.hasInfinity() ? List.of(Double.NEGATIVE_INFINITY, 1e6) : List.of();
    NdArray a = NdArray.zeros(t, 1);
    Complex kept = new Complex(1.0, 2.0);
    a.setFlat(0, kept);
    for (double bad : refused) {
      for (Complex c : List.of(new Complex(bad, 1.0), new Complex(1.0, bad))) {
        assertThatThrownBy(() -> a.setFlat(0, c))
            .as("%s %s", t, c)
            .isInstanceOf(InvalidArrayException.class)
            .hasMessageContaining(t.toString());
        assertThat(a.getFlat(0)).isEqualTo(kept);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void safeCastsGoPartByPartToComplexTypesOnly() {
    assertThat(SafeCast.canCast(DataType.COMPLEX_BFLOAT16, DataType.COMPLEX64)).isTrue();
    assertThat(SafeCast.canCast(DataType.COMPLEX_FLOAT16, DataType.COMPLEX64)).isTrue();
    assertThat(SafeCast.canCast(DataType.COMPLEX_FLOAT8_E4M3, DataType.COMPLEX_BFLOAT16)).isTrue();
    assertThat(SafeCast.canCast(DataType.COMPLEX_BFLOAT16, DataType.COMPLEX_FLOAT16)).isFalse();
    assertThat(SafeCast.canCast(DataType.COMPLEX_FLOAT8_E4M3, DataType.FLOAT64)).isFalse();
    assertThat(SafeCast.canCast(DataType.FLOAT8_E4M3, DataType.COMPLEX_FLOAT8_E4M3)).isTrue();
    assertThat(SafeCast.canCast(DataType.FLOAT8_E5M2, DataType.COMPLEX_FLOAT8_E4M3)).isFalse();
    assertThat(SafeCast.canCast(DataType.COMPLEX64, DataType.COMPLEX_FLOAT16)).isFalse();
  }
}
