package dev.zarr4j.metadata.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code zarr.json} with the registry's complex types of small floats: each name (as a string and
 * as an object), fill values {@code [re, im]} with each part a number, {@code "NaN"}, {@code
 * "Infinity"}, {@code "-Infinity"} or a hex bit pattern of the part type, what zarr4j writes back,
 * and fill values a part cannot hold refused naming the type.
 */
class V3ComplexSmallFloatMetadataTest {

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  static Stream<Arguments> fills() {
    return Stream.of(
        // data type, fill as read, the value, the fill zarr4j writes
        Arguments.of("complex_bfloat16", "[1.5, -2]", new Complex(1.5, -2), List.of(1.5, -2.0)),
        Arguments.of(
            "complex_bfloat16",
            "[\"0x3fc0\", \"0x7fc0\"]",
            new Complex(1.5, NAN),
            List.of(1.5, "NaN")),
        Arguments.of(
            "complex_bfloat16",
            "[\"Infinity\", \"-Infinity\"]",
            new Complex(INF, -INF),
            List.of("Infinity", "-Infinity")),
        Arguments.of("complex_bfloat16", "[-0.0, 0]", new Complex(-0.0, 0), List.of(-0.0, 0.0)),
        Arguments.of(
            "complex_float16", "[\"0x3c00\", 65504]", new Complex(1, 65504), List.of(1.0, 65504.0)),
        Arguments.of(
            "complex_float16",
            "[\"NaN\", \"0xfc00\"]",
            new Complex(NAN, -INF),
            List.of("NaN", "-Infinity")),
        Arguments.of(
            "complex_float8_e4m3",
            "[\"0x38\", \"0x7c\"]",
            new Complex(1, NAN),
            List.of(1.0, "NaN")),
        Arguments.of(
            "complex_float8_e4m3", "[240, -0.5]", new Complex(240, -0.5), List.of(240.0, -0.5)),
        Arguments.of(
            "complex_float8_e3m4",
            "[15.5, \"0x78\"]",
            new Complex(15.5, NAN),
            List.of(15.5, "NaN")),
        Arguments.of(
            "complex_float8_e5m2",
            "[\"Infinity\", \"0x3c\"]",
            new Complex(INF, 1),
            List.of("Infinity", 1.0)),
        Arguments.of(
            "complex_float8_e5m2fnuz",
            "[57344, \"NaN\"]",
            new Complex(57344, NAN),
            List.of(57344.0, "NaN")),
        Arguments.of(
            "complex_float8_e4m3fnuz",
            "[\"0x80\", -0.5]",
            new Complex(NAN, -0.5),
            List.of("NaN", -0.5)),
        Arguments.of(
            "complex_float8_e4m3b11fnuz",
            "[30, \"0x80\"]",
            new Complex(30, NAN),
            List.of(30.0, "NaN")),
        Arguments.of(
            "complex_float8_e8m0fnu", "[\"0x7f\", 0.25]", new Complex(1, 0.25), List.of(1.0, 0.25)),
        Arguments.of(
            "complex_float8_e8m0fnu",
            "[\"NaN\", \"0xff\"]",
            new Complex(NAN, NAN),
            List.of("NaN", "NaN")),
        Arguments.of(
            "complex_float6_e2m3fn", "[7.5, \"0x3f\"]", new Complex(7.5, -7.5), List.of(7.5, -7.5)),
        Arguments.of(
            "complex_float6_e3m2fn",
            "[\"0x01\", 28]",
            new Complex(0.0625, 28),
            List.of(0.0625, 28.0)),
        Arguments.of(
            "complex_float4_e2m1fn", "[6, \"0x9\"]", new Complex(6, -0.5), List.of(6.0, -0.5)),
        Arguments.of(
            "complex_float4_e2m1fn", "[\"0x0f\", 0]", new Complex(-6, 0), List.of(-6.0, 0.0)));
  }

  @ParameterizedTest
  @MethodSource("fills")
  void readsEverySpellingAndWritesItsOwn(String name, String fill, Complex value, Object written) {
    for (String dataType : new String[] {"\"" + name + "\"", "{\"name\": \"" + name + "\"}"}) {
      ArrayMetadataV3 m = V3MetadataTest.read(V3MetadataTest.array(dataType, fill, ""));
      DataType t = m.spec().dtype();
      assertThat(t.toString()).isEqualTo(name);
      assertThat(t).isEqualTo(DataType.parse(name));
      assertThat(m.spec().fillValue()).as("%s %s", name, fill).isEqualTo(value);
      Map<String, Object> json = m.toJson(Map.of());
      assertThat(json.get("data_type")).isEqualTo(name);
      assertThat(json.get("fill_value")).as("%s %s", name, fill).isEqualTo(written);
      assertThat(ArrayMetadataV3.parse(json, "again").spec()).isEqualTo(m.spec());
    }
  }

  @Test
  void everyRegisteredComplexNameIsRead() {
    for (DataType t : DataType.complexSmallFloatTypes()) {
      ArrayMetadataV3 m = V3MetadataTest.read(V3MetadataTest.array("\"" + t + "\"", "[1, 2]", ""));
      assertThat(m.spec().fillValue()).isEqualTo(new Complex(1, 2));
      assertThat(m.spec().dtype()).isEqualTo(t);
    }
  }

  @Test
  void complexFloat32And64AreTheCoreTypesTheyAlias() {
    ArrayMetadataV3 m32 =
        V3MetadataTest.read(V3MetadataTest.array("\"complex_float32\"", "[1, \"0x7fc00000\"]", ""));
    assertThat(m32.spec().dtype()).isEqualTo(DataType.COMPLEX64);
    assertThat(m32.spec().fillValue()).isEqualTo(new Complex(1, NAN));
    assertThat(m32.toJson(Map.of()).get("data_type")).isEqualTo("complex64");
    ArrayMetadataV3 m64 =
        V3MetadataTest.read(
            V3MetadataTest.array("{\"name\": \"complex_float64\"}", "[\"-Infinity\", 2.5]", ""));
    assertThat(m64.spec().dtype()).isEqualTo(DataType.COMPLEX128);
    assertThat(m64.spec().fillValue()).isEqualTo(new Complex(Double.NEGATIVE_INFINITY, 2.5));
    assertThat(m64.toJson(Map.of()).get("data_type")).isEqualTo("complex128");
  }

  static Stream<Arguments> badFills() {
    return Stream.of(
        Arguments.of("complex_float4_e2m1fn", "[\"NaN\", 0]"),
        Arguments.of("complex_float4_e2m1fn", "[0, \"Infinity\"]"),
        Arguments.of("complex_float6_e3m2fn", "[100, 0]"),
        Arguments.of("complex_float6_e2m3fn", "[0, \"0x40\"]"),
        Arguments.of("complex_float8_e4m3fnuz", "[\"Infinity\", 0]"),
        Arguments.of("complex_float8_e8m0fnu", "[1, 0]"),
        Arguments.of("complex_float8_e4m3", "[\"0x7c00\", 0]"),
        Arguments.of("complex_bfloat16", "[\"0x7fc00000\", 0]"),
        Arguments.of("complex_float16", "[\"one\", 0]"),
        Arguments.of("complex_float16", "[1]"),
        Arguments.of("complex_float16", "1"),
        Arguments.of("complex_bfloat16", "[1, 2, 3]"));
  }

  @ParameterizedTest
  @MethodSource("badFills")
  void fillValuesAPartCannotHoldAreRefused(String name, String fill) {
    assertThatThrownBy(
            () -> V3MetadataTest.read(V3MetadataTest.array("\"" + name + "\"", fill, "")))
        .as("%s %s", name, fill)
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("fill_value")
        .hasMessageContaining(name);
  }

  @Test
  void aConfigurationIsRefused() {
    assertThatThrownBy(
            () ->
                V3MetadataTest.read(
                    V3MetadataTest.array(
                        "{\"name\": \"complex_bfloat16\", \"configuration\": {\"x\": 1}}",
                        "[0, 0]",
                        "")))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("complex_bfloat16");
  }
}
