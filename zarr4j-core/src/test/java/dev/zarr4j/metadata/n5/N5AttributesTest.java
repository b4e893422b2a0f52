package dev.zarr4j.metadata.n5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.n5.N5Compression;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attributes.json document: node kinds, user attributes, versions, as zarr-python's N5Store.
 */
class N5AttributesTest {

  private static Map<String, Object> parse(String s) {
    return N5Attributes.parse(s.getBytes(StandardCharsets.UTF_8), "t/attributes.json");
  }

  @Test
  void nodeKinds() {
    assertThat(N5Attributes.kind(null)).isEqualTo(N5Attributes.NodeKind.NONE);
    assertThat(N5Attributes.kind(parse("{}"))).isEqualTo(N5Attributes.NodeKind.GROUP);
    assertThat(N5Attributes.kind(parse("{\"n5\": \"2.0.0\"}")))
        .isEqualTo(N5Attributes.NodeKind.GROUP);
    assertThat(N5Attributes.kind(parse("{\"dimensions\": [3]}")))
        .isEqualTo(N5Attributes.NodeKind.ARRAY);
    assertThat(N5Attributes.isDocumentName("attributes.json")).isTrue();
    assertThat(N5Attributes.isDocumentName(".zattrs")).isFalse();
  }

  @Test
  void storePathsThatOpenAsN5() {
    assertThat(N5Attributes.isN5StorePath("data/example.n5")).isTrue();
    assertThat(N5Attributes.isN5StorePath("example.n5")).isTrue();
    assertThat(N5Attributes.isN5StorePath("example.n5/")).isFalse();
    assertThat(N5Attributes.isN5StorePath("example.N5")).isFalse();
    assertThat(N5Attributes.isN5StorePath("example.n5.zip")).isFalse();
    assertThat(N5Attributes.isN5StorePath("s3://bucket/example.n5")).isFalse();
    assertThat(N5Attributes.isN5StorePath("zip::example.n5")).isFalse();
    assertThat(N5Attributes.isN5StorePath(null)).isFalse();
  }

  @Test
  void parseRefusesNonObjects() {
    assertThatThrownBy(() -> parse("[1]")).isInstanceOf(MetadataException.class);
    assertThatThrownBy(() -> parse("{")).isInstanceOf(MetadataException.class);
  }

  @Test
  void userAttributesAreTheNonReservedKeys() {
    Map<String, Object> doc =
        parse(
            "{\"n5\": \"2.0.0\", \"dataType\": \"uint8\", \"dimensions\": [2], \"blockSize\": [2],"
                + " \"compression\": {\"type\": \"raw\"}, \"foo\": [1, 2], \"bar\": {\"x\": null}}");
    assertThat(N5Attributes.userAttributes(doc))
        .containsOnlyKeys("foo", "bar")
        .containsEntry("foo", List.of(1L, 2L));

    Map<String, Object> replaced = N5Attributes.withUserAttributes(doc, Map.of("baz", "q"));
    assertThat(replaced)
        .containsOnlyKeys("n5", "dataType", "dimensions", "blockSize", "compression", "baz");
    assertThat(doc).containsKey("foo"); // the argument is not modified

    assertThatThrownBy(() -> N5Attributes.withUserAttributes(doc, Map.of("dimensions", 1)))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("'dimensions' is a reserved N5 keyword");
    assertThat(N5Attributes.withUserAttributes(null, Map.of("a", 1))).isEqualTo(Map.of("a", 1));
  }

  @Test
  void groupDocuments() {
    assertThat(N5Attributes.withGroup(null)).isEqualTo(Map.of("n5", "2.0.0"));
    Map<String, Object> existing = new LinkedHashMap<>();
    existing.put("n5", "4.0.0");
    existing.put("u", 1L);
    existing.put("dimensions", List.of(3L));
    assertThat(N5Attributes.withGroup(existing)).isEqualTo(Map.of("n5", "4.0.0", "u", 1L));
    // written as zarr-python writes it
    assertThat(
            new String(N5Attributes.toBytes(N5Attributes.withGroup(null)), StandardCharsets.UTF_8))
        .isEqualTo("{\n    \"n5\": \"2.0.0\"\n}");
  }

  @Test
  void datasetDocuments() {
    N5DatasetAttributes ds =
        new N5DatasetAttributes(
            new long[] {5, 7}, new int[] {2, 3}, DataType.UINT16, N5Compression.RAW);
    Map<String, Object> nested = N5Attributes.withDataset(Map.of("user", true), ds, false);
    // what zarr-python wrote for the same array in an experiment (plus the user attribute)
    assertThat(PythonJson.writePython(nested))
        .isEqualTo(
            "{\n    \"blockSize\": [\n        3,\n        2\n    ],\n    \"compression\": {\n"
                + "        \"type\": \"raw\"\n    },\n    \"dataType\": \"uint16\",\n"
                + "    \"dimensions\": [\n        7,\n        5\n    ],\n    \"user\": true\n}");
    assertThat(N5Attributes.withDataset(null, ds, true)).containsEntry("n5", "2.0.0");
    assertThat(N5Attributes.withDataset(Map.of("n5", "3.1.0"), ds, true))
        .containsEntry("n5", "3.1.0");
  }

  @Test
  void versions() {
    N5Attributes.checkVersion(parse("{\"n5\": \"4.0.0\"}"), "x");
    N5Attributes.checkVersion(parse("{\"n5\": \"2.0.0\"}"), "x");
    N5Attributes.checkVersion(parse("{}"), "x");
    N5Attributes.checkVersion(parse("{\"n5\": \"nonsense\"}"), "x");
    N5Attributes.checkVersion(parse("{\"n5\": 5}"), "x");
    assertThatThrownBy(() -> N5Attributes.checkVersion(parse("{\"n5\": \"5.0.0\"}"), "x"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("N5 version 5.0.0");
    assertThat(N5Attributes.majorVersion("4.1.2-SNAPSHOT")).isEqualTo(4);
    assertThat(N5Attributes.majorVersion(null)).isZero();
    N5Attributes.checkGroup(parse("{\"n5\": \"2.0.0\", \"a\": 1}"), "g");
    assertThatThrownBy(() -> N5Attributes.checkGroup(parse("{\"dimensions\": []}"), "g"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("not a group");
  }
}
