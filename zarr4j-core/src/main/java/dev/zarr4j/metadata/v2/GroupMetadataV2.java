package dev.zarr4j.metadata.v2;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.python.PythonJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes the {@code .zgroup} document of Zarr v2: {@code {"zarr_format": 2}}. */
public final class GroupMetadataV2 {
  /** The key of the group metadata document inside a group's path. */
  public static final String KEY = ".zgroup";

  private GroupMetadataV2() {}

  /** The document's bytes, as zarr-python writes them. */
  public static byte[] toBytes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zarr_format", 2);
    return PythonJson.writePython(m).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Checks a {@code .zgroup} document.
   *
   * @throws MetadataException if it is not JSON, not an object or not format 2
   */
  public static void validate(byte[] json, String key) {
    Object doc;
    try {
      doc = PythonJson.parse(json);
    } catch (MetadataException e) {
      throw new MetadataException("'" + key + "' is not valid JSON: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new MetadataException("'" + key + "' must hold a JSON object");
    }
    Object f = m.get("zarr_format");
    if (!(f instanceof Number n) || n.longValue() != 2) {
      throw new MetadataException("'" + key + "' has zarr_format " + f + "; expected 2");
    }
  }
}
