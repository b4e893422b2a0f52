package dev.zarr4j.metadata.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.ndarray.DataType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code zarr.json} with the registry's small number types: each name, each fill value spelling
 * (numbers, {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, hex bit patterns), what zarr4j
 * writes back, and fill values the type cannot hold refused naming the value and the type.
 */
class V3SmallNumberMetadataTest {

  static Stream<Arguments> fills() {
    return Stream.of(
        // data type, fill as read, the value, the fill zarr4j writes
        Arguments.of("bfloat16", "1.5", 1.5, 1.5),
        Arguments.of("bfloat16", "\"0x3fc0\"", 1.5, 1.5),
        Arguments.of("bfloat16", "\"NaN\"", Double.NaN, "NaN"),
        Arguments.of("bfloat16", "\"0x7fc0\"", Double.NaN, "NaN"),
        Arguments.of("bfloat16", "\"Infinity\"", Double.POSITIVE_INFINITY, "Infinity"),
        Arguments.of("bfloat16", "\"-Infinity\"", Double.NEGATIVE_INFINITY, "-Infinity"),
        Arguments.of("bfloat16", "\"0xff80\"", Double.NEGATIVE_INFINITY, "-Infinity"),
        Arguments.of("bfloat16", "-0.0", -0.0, -0.0),
        Arguments.of("bfloat16", "3", 3.0, 3.0),
        Arguments.of("float8_e4m3", "\"0x7c\"", Double.NaN, "NaN"),
        Arguments.of("float8_e4m3", "\"0x38\"", 1.0, 1.0),
        Arguments.of("float8_e4m3", "240", 240.0, 240.0),
        Arguments.of("float8_e4m3", "\"-Infinity\"", Double.NEGATIVE_INFINITY, "-Infinity"),
        Arguments.of("float8_e5m2", "\"0x7e\"", Double.NaN, "NaN"),
        Arguments.of("float8_e5m2", "\"0x3c\"", 1.0, 1.0),
        Arguments.of("float8_e5m2", "\"Infinity\"", Double.POSITIVE_INFINITY, "Infinity"),
        Arguments.of("float8_e3m4", "\"0x78\"", Double.NaN, "NaN"),
        Arguments.of("float8_e3m4", "15.5", 15.5, 15.5),
        Arguments.of("float8_e4m3fnuz", "\"NaN\"", Double.NaN, "NaN"),
        Arguments.of("float8_e4m3fnuz", "\"0x80\"", Double.NaN, "NaN"),
        Arguments.of("float8_e4m3fnuz", "-0.5", -0.5, -0.5),
        Arguments.of("float8_e4m3b11fnuz", "30", 30.0, 30.0),
        Arguments.of("float8_e4m3b11fnuz", "\"0x80\"", Double.NaN, "NaN"),
        Arguments.of("float8_e5m2fnuz", "57344", 57344.0, 57344.0),
        Arguments.of("float8_e8m0fnu", "\"NaN\"", Double.NaN, "NaN"),
        Arguments.of("float8_e8m0fnu", "\"0xff\"", Double.NaN, "NaN"),
        Arguments.of("float8_e8m0fnu", "\"0x7f\"", 1.0, 1.0),
        Arguments.of("float8_e8m0fnu", "0.25", 0.25, 0.25),
        Arguments.of("float6_e2m3fn", "7.5", 7.5, 7.5),
        Arguments.of("float6_e2m3fn", "\"0x3f\"", -7.5, -7.5),
        Arguments.of("float6_e3m2fn", "\"0x01\"", 0.0625, 0.0625),
        Arguments.of("float6_e3m2fn", "28", 28.0, 28.0),
        Arguments.of("float4_e2m1fn", "6", 6.0, 6.0),
        Arguments.of("float4_e2m1fn", "\"0x9\"", -0.5, -0.5),
        Arguments.of("float4_e2m1fn", "\"0x0f\"", -6.0, -6.0),
        Arguments.of("int2", "-2", -2L, -2L),
        Arguments.of("int2", "1", 1L, 1L),
        Arguments.of("int4", "-8", -8L, -8L),
        Arguments.of("int4", "7.0", 7L, 7L),
        Arguments.of("uint2", "3", 3L, 3L),
        Arguments.of("uint4", "15", 15L, 15L),
        Arguments.of("uint4", "0", 0L, 0L));
  }

  @ParameterizedTest
  @MethodSource("fills")
  void readsEverySpellingAndWritesItsOwn(String name, String fill, Object value, Object written) {
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

  static Stream<Arguments> badFills() {
    return Stream.of(
        Arguments.of("float4_e2m1fn", "\"NaN\"", "NaN"),
        Arguments.of("float4_e2m1fn", "\"Infinity\"", "infinity"),
        Arguments.of("float6_e3m2fn", "100", "100"),
        Arguments.of("float6_e2m3fn", "\"0x40\"", "bits"),
        Arguments.of("float8_e4m3fnuz", "\"Infinity\"", "infinity"),
        Arguments.of("float8_e4m3fnuz", "1000", "240"),
        Arguments.of("float8_e5m2fnuz", "\"-Infinity\"", "infinity"),
        Arguments.of("float8_e8m0fnu", "0", "float8_e8m0fnu"),
        Arguments.of("float8_e8m0fnu", "-1", "float8_e8m0fnu"),
        Arguments.of("float8_e8m0fnu", "\"Infinity\"", "infinity"),
        Arguments.of("float8_e4m3", "\"0x7c00\"", "digits"),
        Arguments.of("bfloat16", "\"0x7fc00000\"", "digits"),
        Arguments.of("bfloat16", "\"0xzz\"", "0xzz"),
        Arguments.of("bfloat16", "\"one\"", "one"),
        Arguments.of("int2", "2", "-2..1"),
        Arguments.of("int4", "8", "-8..7"),
        Arguments.of("int4", "-9", "-8..7"),
        Arguments.of("uint2", "-1", "0..3"),
        Arguments.of("uint4", "16", "0..15"),
        Arguments.of("int4", "1.5", "1.5"),
        Arguments.of("uint4", "\"0x1\"", "0x1"));
  }

  @ParameterizedTest
  @MethodSource("badFills")
  void fillValuesTheTypeCannotHoldAreRefused(String name, String fill, String message) {
    assertThatThrownBy(
            () -> V3MetadataTest.read(V3MetadataTest.array("\"" + name + "\"", fill, "")))
        .as("%s %s", name, fill)
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("fill_value")
        .hasMessageContaining(name)
        .hasMessageContaining(message);
  }

  @Test
  void unknownNamesListTheSmallTypes() {
    assertThatThrownBy(
            () -> V3MetadataTest.read(V3MetadataTest.array("\"float8_e4m3fn\"", "0", "")))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("float8_e4m3fn'")
        .hasMessageContaining("float8_e4m3fnuz")
        .hasMessageContaining("bfloat16")
        .hasMessageContaining("uint4");
    assertThatThrownBy(
            () ->
                V3MetadataTest.read(
                    V3MetadataTest.array(
                        "{\"name\": \"bfloat16\", \"configuration\": {\"x\": 1}}", "0", "")))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("bfloat16");
  }
}
