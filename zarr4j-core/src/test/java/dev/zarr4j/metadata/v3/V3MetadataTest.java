package dev.zarr4j.metadata.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading {@code zarr.json}: every data type spelling, every fill value spelling, chunk key
 * encodings, extensions, and a specific error naming the field for each kind of bad document.
 */
class V3MetadataTest {

  static String array(String dataType, String fill, String extra) {
    return "{\"zarr_format\": 3, \"node_type\": \"array\", \"shape\": [4, 6],"
        + " \"data_type\": "
        + dataType
        + ", \"chunk_grid\": {\"name\": \"regular\", \"configuration\": {\"chunk_shape\": [2, 3]}},"
        + " \"chunk_key_encoding\": {\"name\": \"default\"},"
        + " \"fill_value\": "
        + fill
        + ", \"codecs\": [{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}]"
        + extra
        + "}";
  }

  static ArrayMetadataV3 read(String json) {
    MemoryStore store = new MemoryStore();
    store.set("a/zarr.json", json.getBytes(StandardCharsets.UTF_8));
    return V3Format.INSTANCE.readArray(store, "a");
  }

  static Stream<Arguments> typesAndFills() {
    return Stream.of(
        Arguments.of("\"bool\"", "true", DataType.BOOL, true),
        Arguments.of("\"int8\"", "-128", DataType.INT8, -128L),
        Arguments.of("\"uint64\"", "18446744073709551615", DataType.UINT64, -1L),
        Arguments.of("\"int64\"", "-9223372036854775808", DataType.INT64, Long.MIN_VALUE),
        Arguments.of("\"float32\"", "\"NaN\"", DataType.FLOAT32, Double.NaN),
        Arguments.of("\"float64\"", "\"-Infinity\"", DataType.FLOAT64, Double.NEGATIVE_INFINITY),
        Arguments.of("\"float32\"", "\"0x3fc00000\"", DataType.FLOAT32, 1.5),
        Arguments.of("\"float64\"", "\"0x4004000000000000\"", DataType.FLOAT64, 2.5),
        Arguments.of("\"float16\"", "\"0x3c00\"", DataType.FLOAT16, 1.0),
        Arguments.of("\"float16\"", "0.5", DataType.FLOAT16, 0.5),
        Arguments.of(
            "\"complex64\"",
            "[1.5, \"Infinity\"]",
            DataType.COMPLEX64,
            new Complex(1.5, Double.POSITIVE_INFINITY)),
        Arguments.of("\"r16\"", "[1, 255]", DataType.rawBytes(2), new byte[] {1, -1}),
        Arguments.of(
            "{\"name\": \"fixed_length_utf32\", \"configuration\": {\"length_bytes\": 12}}",
            "\"ab\"",
            DataType.unicode(3),
            "ab"),
        Arguments.of(
            "{\"name\": \"null_terminated_bytes\", \"configuration\": {\"length_bytes\": 3}}",
            "\"AQI=\"",
            DataType.bytes(3),
            new byte[] {1, 2}),
        Arguments.of(
            "{\"name\": \"numpy.datetime64\", \"configuration\": {\"unit\": \"s\","
                + " \"scale_factor\": 10}}",
            "\"NaT\"",
            DataType.datetime("10s"),
            Long.MIN_VALUE),
        Arguments.of(
            "{\"name\": \"numpy.timedelta64\", \"configuration\": {\"unit\": \"ns\","
                + " \"scale_factor\": 1}}",
            "7",
            DataType.timedelta("ns"),
            7L),
        Arguments.of("\"string\"", "\"x\"", DataType.OBJECT, "x"),
        Arguments.of("\"bytes\"", "[1, 2, 3]", DataType.OBJECT, new byte[] {1, 2, 3}),
        Arguments.of(
            "\"variable_length_bytes\"", "\"AQID\"", DataType.OBJECT, new byte[] {1, 2, 3}));
  }

  @ParameterizedTest
  @MethodSource("typesAndFills")
  void dataTypesAndFillValuesRead(String dataType, String fill, DataType expected, Object value) {
    String codecs = "";
    if (expected.kind() == DataType.Kind.OBJECT) {
      codecs =
          dataType.contains("string")
              ? "\"vlen-utf8\""
              : "{\"name\": \"vlen-bytes\", \"configuration\": {}}";
    }
    String json = array(dataType, fill, "");
    if (!codecs.isEmpty()) {
      json =
          json.replace(
              "{\"name\": \"bytes\", \"configuration\": {\"endian\": \"little\"}}", codecs);
    }
    ArrayMetadataV3 m = read(json);
    assertThat(m.spec().dtype().withByteOrder(java.nio.ByteOrder.LITTLE_ENDIAN))
        .isEqualTo(expected.withByteOrder(java.nio.ByteOrder.LITTLE_ENDIAN));
    assertThat(m.spec().fillValue()).isEqualTo(value);
    // what zarr4j writes reads back the same
    Map<String, Object> written = m.toJson(Map.of());
    ArrayMetadataV3 again = ArrayMetadataV3.parse(written, "again");
    assertThat(again.spec()).isEqualTo(m.spec());
  }

  @Test
  void structsReadInBothSpellingsAndWriteTheRegisteredOne() {
    ArrayMetadataV3 m =
        read(
            array(
                "{\"name\": \"structured\", \"configuration\": {\"fields\": [[\"x\", \"float32\"],"
                    + " [\"n\", \"int16\"]]}}",
                "\"AAAAAAAA\"".substring(0, 9) + "\"",
                ""));
    assertThat(m.spec().dtype().fields())
        .extracting(DataType.Field::name)
        .containsExactly("x", "n");
    Map<String, Object> written = m.toJson(Map.of());
    assertThat(written.get("data_type"))
        .isEqualTo(
            Map.of(
                "name",
                "struct",
                "configuration",
                Map.of(
                    "fields",
                    List.of(
                        Map.of("name", "x", "data_type", "float32"),
                        Map.of("name", "n", "data_type", "int16")))));
    assertThat(written.get("fill_value")).isEqualTo(Map.of("x", 0.0, "n", 0L));
    assertThat(ArrayMetadataV3.parse(written, "again").spec()).isEqualTo(m.spec());
  }

  @Test
  void chunkKeyEncodings() {
    assertThat(read(array("\"int8\"", "0", "")).spec().chunkKey(new long[] {1, 2}))
        .isEqualTo("c/1/2");
    String dot =
        array("\"int8\"", "0", "")
            .replace(
                "{\"name\": \"default\"}",
                "{\"name\": \"default\", \"configuration\": {\"separator\": \".\"}}");
    assertThat(read(dot).spec().chunkKey(new long[] {1, 2})).isEqualTo("c.1.2");
    String v2 = array("\"int8\"", "0", "").replace("{\"name\": \"default\"}", "{\"name\": \"v2\"}");
    assertThat(read(v2).spec().chunkKey(new long[] {1, 2})).isEqualTo("1.2");
  }

  @Test
  void extensionsMarkedNotMustUnderstandAreIgnored() {
    ArrayMetadataV3 m =
        read(array("\"int8\"", "0", ", \"my_ext\": {\"must_understand\": false, \"x\": 1}"));
    assertThat(m.spec().shape()).containsExactly(4, 6);
  }

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        Arguments.of(
            array("\"int8\"", "0", ", \"my_ext\": {\"x\": 1}"), "unknown metadata key 'my_ext'"),
        Arguments.of(
            array("\"int8\"", "0", ", \"storage_transformers\": [{\"name\": \"x\"}]"),
            "storage_transformers"),
        Arguments.of(array("\"int9\"", "0", ""), "unknown data_type 'int9'"),
        Arguments.of(array("\"int8\"", "300", ""), "fill_value 300 is not valid"),
        Arguments.of(array("\"int8\"", "null", ""), "fill_value is required"),
        Arguments.of(array("\"float32\"", "\"0x3c00\"", ""), "8 digits"),
        Arguments.of(array("\"r12\"", "[0, 0]", ""), "whole number of bytes"),
        Arguments.of(array("\"r16\"", "[0]", ""), "it has 1 bytes"),
        Arguments.of(
            array("\"int8\"", "0", "").replace("\"zarr_format\": 3", "\"zarr_format\": 2"),
            "zarr_format must be 3"),
        Arguments.of(
            array("\"int8\"", "0", "").replace("\"regular\"", "\"irregular\""),
            "chunk_grid 'irregular'"),
        Arguments.of(array("\"int8\"", "0", "").replace("[2, 3]", "[2]"), "chunk_shape [2]"),
        Arguments.of(
            array("\"int8\"", "0", "").replace("\"default\"", "\"odd\""),
            "unknown chunk_key_encoding 'odd'"),
        Arguments.of(
            array("\"int8\"", "0", "").replace("\"bytes\"", "\"nope\""),
            "unknown Zarr v3 codec 'nope'"),
        Arguments.of(
            array("\"int8\"", "0", "").replace("\"shape\": [4, 6],", ""), "has no 'shape'"),
        Arguments.of(array("\"int8\"", "0", ", \"dimension_names\": [\"a\"]"), "dimension_names"));
  }

  @ParameterizedTest
  @MethodSource("badDocuments")
  void badDocumentsAreRefusedNamingTheField(String json, String message) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("a/zarr.json")
        .hasMessageContaining(message);
  }

  @Test
  void theGroupDocumentIsStrictToo() {
    MemoryStore store = new MemoryStore();
    store.set(
        "zarr.json",
        "{\"zarr_format\": 3, \"node_type\": \"group\", \"odd\": 1}"
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> V3Format.INSTANCE.readGroup(store, ""))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("unknown metadata key 'odd'");
    store.set("zarr.json", "[1]".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> V3Format.INSTANCE.kindAt(store, ""))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("must hold a JSON object");
  }
}
