package dev.zarr4j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.MetadataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PythonJsonTest {

  // ---------------------------------------------------------------------------------------------
  // parse

  @Test
  void parsesIntoPlainJavaValuesKeepingOrder() {
    Object v =
        PythonJson.parse(
            "{\"z\": 1, \"a\": [true, false, null, \"s\"], \"m\": {\"x\": -0.5, \"y\": 1e3},"
                + " \"big\": 123456789012345678901234567890, \"neg\": -9223372036854775808}");
    assertThat(v).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertThat(m.keySet()).containsExactly("z", "a", "m", "big", "neg");
    assertThat(m.get("z")).isEqualTo(1L);
    assertThat(m.get("a"))
        .isInstanceOf(ArrayList.class)
        .isEqualTo(Arrays.asList(true, false, null, "s"));
    assertThat(m.get("m")).isEqualTo(Map.of("x", -0.5, "y", 1000.0));
    assertThat(m.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(m.get("neg")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void integersJustPastLongBecomeBigIntegers() {
    assertThat(PythonJson.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(PythonJson.parse("9223372036854775808"))
        .isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(PythonJson.parse("-9223372036854775809"))
        .isEqualTo(new BigInteger("-9223372036854775809"));
    assertThat(PythonJson.parse("-0")).isEqualTo(0L);
    assertThat(PythonJson.parse("1.0")).isEqualTo(1.0);
    assertThat(PythonJson.parse("-0.0")).isEqualTo(-0.0);
    assertThat(PythonJson.parse("1E400")).isEqualTo(Double.POSITIVE_INFINITY);
    String digits = "9".repeat(4300);
    assertThat(PythonJson.parse(digits)).isEqualTo(new BigInteger(digits));
    assertThatThrownBy(() -> PythonJson.parse("[" + digits + "9]"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("line 1, column");
  }

  @Test
  void acceptsPythonNonFiniteNumbers() {
    assertThat(PythonJson.parse("[NaN, Infinity, -Infinity]"))
        .isEqualTo(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    assertThat(PythonJson.parse("{\"fill_value\": NaN}"))
        .isEqualTo(Map.of("fill_value", Double.NaN));
  }

  @Test
  void decodesEscapesAndUtf8() {
    assertThat(PythonJson.parse("\"a\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\""))
        .isEqualTo("aé😀\n\t\"\\/");
    assertThat(PythonJson.parse("\"é😀\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("é😀");
  }

  @Test
  void rejectsUnpairedSurrogatesConsistently() {
    for (String doc :
        List.of(
            "\"\\ud800\"", "[\"a\\udc00\"]", "{\"\\ud800\": 1}", "{\"k\": \"\\ude00\\ud83d\"}")) {
      assertThatThrownBy(() -> PythonJson.parse(doc))
          .as(doc)
          .isInstanceOf(MetadataException.class)
          .hasMessageContaining("surrogate");
      assertThatThrownBy(() -> PythonJson.parse(doc.getBytes(StandardCharsets.UTF_8)))
          .as(doc)
          .isInstanceOf(MetadataException.class)
          .hasMessageContaining("surrogate");
    }
    assertThatThrownBy(() -> PythonJson.parse("[1,\n \"x\\ud800\"]"))
        .hasMessageContaining("line 2, column 2");
  }

  @Test
  void rejectsTrailingContent() {
    assertThatThrownBy(() -> PythonJson.parse("{} {}"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("line 1, column 4")
        .hasMessageContaining("after the top-level value");
    assertThatThrownBy(() -> PythonJson.parse("1 2")).isInstanceOf(MetadataException.class);
    assertThatThrownBy(() -> PythonJson.parse("{}x")).isInstanceOf(MetadataException.class);
    assertThatThrownBy(() -> PythonJson.parse("[1]]")).isInstanceOf(MetadataException.class);
  }

  @Test
  void rejectsDuplicateKeysNamingThem() {
    assertThatThrownBy(() -> PythonJson.parse("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2}}"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("'c'");
  }

  @Test
  void reportsLineAndColumnAndSource() {
    String doc = "{\n    \"zarr_format\": 2,\n    \"shape\": [10,, 20]\n}";
    assertThatThrownBy(() -> PythonJson.parse(doc.getBytes(StandardCharsets.UTF_8), "a/b/.zarray"))
        .isInstanceOf(MetadataException.class)
        .hasMessageStartingWith("a/b/.zarray: invalid JSON at line 3, column 18: ")
        .hasMessageNotContaining("\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "[1, 2",
        "{\"a\" 1}",
        "{'a': 1}",
        "[1,]",
        "01",
        "\"unterminated",
        "\"tab\tinside\"",
        "nul",
        "{\"a\": 1} // comment",
        "+1",
        "[.5]",
      })
  void rejectsMalformedDocuments(String doc) {
    assertThatThrownBy(() -> PythonJson.parse(doc, "doc"))
        .isInstanceOf(MetadataException.class)
        .hasMessageStartingWith("doc: ");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] bad = {'"', (byte) 0xff, (byte) 0xfe, '"'};
    assertThatThrownBy(() -> PythonJson.parse(bad)).isInstanceOf(MetadataException.class);
  }

  @Test
  void parseObjectRequiresAnObject() {
    assertThat(PythonJson.parseObject("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), "k"))
        .containsEntry("a", 1L);
    assertThatThrownBy(
            () -> PythonJson.parseObject("[1]".getBytes(StandardCharsets.UTF_8), ".zattrs"))
        .isInstanceOf(MetadataException.class)
        .hasMessage(".zattrs: expected a JSON object but found an array");
  }

  // ---------------------------------------------------------------------------------------------
  // writePython

  @Test
  void writesZarrayExactlyAsZarrPython() {
    Map<String, Object> zarray = new LinkedHashMap<>();
    zarray.put("zarr_format", 2);
    zarray.put("shape", new long[] {10000, 10000});
    zarray.put("chunks", List.of(1000, 1000));
    zarray.put("dtype", "<f8");
    zarray.put(
        "compressor",
        Map.of("id", "blosc", "cname", "lz4", "clevel", 5, "shuffle", 1, "blocksize", 0));
    zarray.put("fill_value", Double.NaN);
    zarray.put("order", "C");
    zarray.put("filters", null);
    zarray.put("dimension_separator", ".");
    // What zarr.open('x', mode='w', shape=(10000, 10000), chunks=(1000, 1000), fill_value=nan)
    // writes, apart from the fill value, which zarr encodes as the string "NaN" itself.
    String expected =
        "{\n"
            + "    \"chunks\": [\n"
            + "        1000,\n"
            + "        1000\n"
            + "    ],\n"
            + "    \"compressor\": {\n"
            + "        \"blocksize\": 0,\n"
            + "        \"clevel\": 5,\n"
            + "        \"cname\": \"lz4\",\n"
            + "        \"id\": \"blosc\",\n"
            + "        \"shuffle\": 1\n"
            + "    },\n"
            + "    \"dimension_separator\": \".\",\n"
            + "    \"dtype\": \"<f8\",\n"
            + "    \"fill_value\": NaN,\n"
            + "    \"filters\": null,\n"
            + "    \"order\": \"C\",\n"
            + "    \"shape\": [\n"
            + "        10000,\n"
            + "        10000\n"
            + "    ],\n"
            + "    \"zarr_format\": 2\n"
            + "}";
    assertThat(PythonJson.writePython(zarray)).isEqualTo(expected);
    assertThat(PythonJson.writePythonBytes(zarray))
        .isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void writesScalarsAndEmptyContainers() {
    assertThat(PythonJson.writePython(Map.of())).isEqualTo("{}");
    assertThat(PythonJson.writePython(List.of())).isEqualTo("[]");
    assertThat(PythonJson.writePython(null)).isEqualTo("null");
    assertThat(PythonJson.writePython(true)).isEqualTo("true");
    assertThat(PythonJson.writePython(-3)).isEqualTo("-3");
    assertThat(PythonJson.writePython(new BigInteger("-123456789012345678901234567890")))
        .isEqualTo("-123456789012345678901234567890");
    assertThat(PythonJson.writePython(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(PythonJson.writePython(1e16)).isEqualTo("1e+16");
    assertThat(PythonJson.writePython(0.1f)).isEqualTo("0.10000000149011612");
    assertThat(PythonJson.writePython(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(PythonJson.writePython(List.of(List.of(), Map.of(), List.of(List.of()))))
        .isEqualTo("[\n    [],\n    {},\n    [\n        []\n    ]\n]");
    assertThat(PythonJson.writePython(new Object[] {'c', 1.0, new int[0], new boolean[] {true}}))
        .isEqualTo("[\n    \"c\",\n    1.0,\n    [],\n    [\n        true\n    ]\n]");
  }

  @Test
  void escapesAsPythonEnsureAscii() {
    String s = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0080é\u2028\uffff😀\ud800";
    assertThat(PythonJson.writePython(s))
        .isEqualTo(
            "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\u0080\\u00e9\\u2028\\uffff"
                + "\\ud83d\\ude00\\ud800\"");
  }

  @Test
  void sortsKeysByCodePointNotUtf16() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\uffff", 1);
    m.put("😀", 2); // U+1F600 sorts after U+FFFF in Python, before it in String.compareTo
    m.put("b", 3);
    m.put("B", 4);
    m.put("", 5);
    m.put("ba", 6);
    assertThat(PythonJson.writePython(m))
        .isEqualTo(
            "{\n    \"\": 5,\n    \"B\": 4,\n    \"b\": 3,\n    \"ba\": 6,\n    \"\\uffff\": 1,\n"
                + "    \"\\ud83d\\ude00\": 2\n}");
    assertThat(PythonJson.writePython(m, false))
        .isEqualTo(
            "{\n    \"\\uffff\": 1,\n    \"\\ud83d\\ude00\": 2,\n    \"b\": 3,\n    \"B\": 4,\n"
                + "    \"\": 5,\n    \"ba\": 6\n}");
  }

  @Test
  void rejectsWhatPythonJsonCannotWrite() {
    assertThatThrownBy(() -> PythonJson.writePython(Map.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys must be strings");
    assertThatThrownBy(() -> PythonJson.writePython(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PythonJson.writePython(new BigDecimal("0.5")))
        .isInstanceOf(IllegalArgumentException.class);
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    assertThatThrownBy(() -> PythonJson.writePython(cyclic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains itself");
  }

  @Test
  void sameObjectTwiceIsNotACycle() {
    List<Integer> shared = List.of(1);
    assertThat(PythonJson.writePython(List.of(shared, shared)))
        .isEqualTo("[\n    [\n        1\n    ],\n    [\n        1\n    ]\n]");
  }

  @Test
  void compareCodePointsOrdersLikePython() {
    assertThat(PythonJson.compareCodePoints("a", "b")).isNegative();
    assertThat(PythonJson.compareCodePoints("a", "a")).isZero();
    assertThat(PythonJson.compareCodePoints("ab", "a")).isPositive();
    assertThat(PythonJson.compareCodePoints("\uffff", "😀")).isNegative();
    assertThat(PythonJson.compareCodePoints("\ud800", "\ue000")).isNegative(); // lone surrogate
    assertThat(PythonJson.compareCodePoints("😀", "\ue000")).isPositive();
  }
}
