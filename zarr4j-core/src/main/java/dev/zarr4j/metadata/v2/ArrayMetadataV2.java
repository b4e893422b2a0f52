package dev.zarr4j.metadata.v2;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.internal.json.Json;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.ndarray.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the {@code .zarray} document of Zarr v2: {@code zarr_format}, {@code shape},
 * {@code chunks}, {@code dtype}, {@code compressor}, {@code fill_value}, {@code order}, {@code
 * filters} and the optional {@code dimension_separator}, laid out exactly as zarr-python writes
 * them (sorted keys, four-space indent).
 */
public final class ArrayMetadataV2 {
  /** The key of the array metadata document inside an array's path. */
  public static final String KEY = ".zarray";

  private static final Set<String> REQUIRED =
      Set.of(
          "zarr_format",
          "shape",
          "chunks",
          "dtype",
          "compressor",
          "fill_value",
          "order",
          "filters");
  private static final Set<String> OPTIONAL = Set.of("dimension_separator");

  private ArrayMetadataV2() {}

  /**
   * Parses a {@code .zarray} document.
   *
   * @param json the document's bytes
   * @param key the store key it was read from, named in error messages
   * @param defaultSeparator the separator to use when the document has no {@code
   *     dimension_separator} (zarr-python: the store's default)
   * @throws MetadataException naming the key and field for invalid JSON, missing or unknown fields,
   *     invalid values; an unknown codec id is reported the same way
   */
  public static ArraySpec parse(byte[] json, String key, String defaultSeparator) {
    Object doc;
    try {
      doc = Json.parse(json);
    } catch (MetadataException e) {
      throw new MetadataException("'" + key + "' is not valid JSON: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> raw)) {
      throw new MetadataException("'" + key + "' must hold a JSON object, got " + typeName(doc));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) raw;
    for (String k : m.keySet()) {
      if (!REQUIRED.contains(k) && !OPTIONAL.contains(k)) {
        throw new MetadataException("'" + key + "' has unknown field '" + k + "'");
      }
    }
    for (String k : REQUIRED) {
      if (!m.containsKey(k)) {
        throw new MetadataException("'" + key + "' is missing the field '" + k + "'");
      }
    }
    Object format = m.get("zarr_format");
    if (!(format instanceof Number n) || n.longValue() != 2 || n instanceof Double) {
      throw new MetadataException(
          "'" + key + "' has zarr_format " + format + "; this reader handles format 2");
    }
    try {
      long[] shape = longList(m.get("shape"), "shape", key);
      long[] chunkLongs = longList(m.get("chunks"), "chunks", key);
      int[] chunks = new int[chunkLongs.length];
      for (int i = 0; i < chunks.length; i++) {
        if (chunkLongs[i] < 1 || chunkLongs[i] > Integer.MAX_VALUE) {
          throw new MetadataException(
              "'"
                  + key
                  + "' field 'chunks' has invalid length "
                  + chunkLongs[i]
                  + " in dimension "
                  + i);
        }
        chunks[i] = (int) chunkLongs[i];
      }
      DataType dtype;
      try {
        dtype = DataType.fromJson(m.get("dtype"));
      } catch (InvalidArrayException e) {
        throw new MetadataException("'" + key + "' field 'dtype': " + e.getMessage(), e);
      }
      Object order = m.get("order");
      if (!"C".equals(order) && !"F".equals(order)) {
        throw new MetadataException(
            "'" + key + "' field 'order' must be \"C\" or \"F\", got " + order);
      }
      Object sep = m.containsKey("dimension_separator") ? m.get("dimension_separator") : null;
      if (sep == null) {
        sep = defaultSeparator;
      }
      if (!".".equals(sep) && !"/".equals(sep)) {
        throw new MetadataException(
            "'" + key + "' field 'dimension_separator' must be \".\" or \"/\", got " + sep);
      }
      BytesToBytesCodec compressor = codec(m.get("compressor"), "compressor", key);
      List<BytesToBytesCodec> filters = new ArrayList<>();
      ObjectCodec objectCodec = null;
      Object f = m.get("filters");
      if (f != null) {
        if (!(f instanceof List<?> list)) {
          throw new MetadataException("'" + key + "' field 'filters' must be a list or null");
        }
        for (int i = 0; i < list.size(); i++) {
          Codec c = anyCodec(list.get(i), "filters[" + i + "]", key);
          if (c instanceof ObjectCodec oc) {
            if (i != 0 || dtype.kind() != DataType.Kind.OBJECT) {
              throw new MetadataException(
                  "'"
                      + key
                      + "' field 'filters["
                      + i
                      + "]': object codec '"
                      + c.id()
                      + "' must be the first filter of an object array");
            }
            objectCodec = oc;
          } else if (c instanceof BytesToBytesCodec b) {
            filters.add(b);
          } else {
            throw new MetadataException(
                "'"
                    + key
                    + "' field 'filters["
                    + i
                    + "]': codec '"
                    + c.id()
                    + "' cannot be a Zarr v2 filter");
          }
        }
      }
      if (dtype.kind() == DataType.Kind.OBJECT && objectCodec == null) {
        throw new MetadataException(
            "'"
                + key
                + "' describes an object array but its first filter is not an object codec"
                + " (vlen-utf8, vlen-bytes, vlen-array, json2, msgpack2, categorize)");
      }
      Object fill = FillValueJson.decode(m.get("fill_value"), dtype);
      return new ArraySpec(
          shape,
          chunks,
          dtype,
          fill,
          MemoryOrder.valueOf((String) order),
          filters,
          compressor,
          (String) sep,
          objectCodec);
    } catch (InvalidArrayException e) {
      throw new MetadataException("'" + key + "' describes an invalid array: " + e.getMessage(), e);
    }
  }

  private static BytesToBytesCodec codec(Object config, String field, String key) {
    if (config == null) {
      return null;
    }
    Codec codec = anyCodec(config, field, key);
    if (!(codec instanceof BytesToBytesCodec b)) {
      throw new MetadataException(
          "'" + key + "' field '" + field + "': codec '" + codec.id() + "' is not supported there");
    }
    return b;
  }

  private static Codec anyCodec(Object config, String field, String key) {
    if (!(config instanceof Map<?, ?> cm)) {
      throw new MetadataException("'" + key + "' field '" + field + "' must be an object or null");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) cm;
    Codec codec;
    try {
      codec = CodecRegistry.fromConfig(c);
    } catch (CodecException e) {
      throw new MetadataException("'" + key + "' field '" + field + "': " + e.getMessage(), e);
    }
    return codec;
  }

  private static long[] longList(Object v, String field, String key) {
    if (!(v instanceof List<?> list)) {
      throw new MetadataException(
          "'" + key + "' field '" + field + "' must be a list of integers, got " + typeName(v));
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object x = list.get(i);
      if (!(x instanceof Long) && !(x instanceof Integer)) {
        throw new MetadataException(
            "'"
                + key
                + "' field '"
                + field
                + "' must hold integers, got "
                + x
                + " at position "
                + i);
      }
      out[i] = ((Number) x).longValue();
      if (out[i] < 0) {
        throw new MetadataException(
            "'"
                + key
                + "' field '"
                + field
                + "' has negative value "
                + out[i]
                + " at position "
                + i);
      }
    }
    return out;
  }

  private static String typeName(Object o) {
    return o == null
        ? "null"
        : o instanceof Map
            ? "an object"
            : o instanceof List ? "a list" : o.getClass().getSimpleName();
  }

  /**
   * The {@code .zarray} document for a spec, as a JSON-ready map.
   *
   * @param writeSeparator whether to write {@code dimension_separator} (zarr-python writes it when
   *     the separator was chosen explicitly or by the store)
   */
  public static Map<String, Object> toJson(ArraySpec spec, boolean writeSeparator) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chunks", toList(spec.chunks()));
    m.put("compressor", spec.compressor() == null ? null : spec.compressor().toConfig());
    if (writeSeparator) {
      m.put("dimension_separator", spec.dimensionSeparator());
    }
    m.put("dtype", spec.dtype().toJson());
    m.put("fill_value", FillValueJson.encode(spec.fillValue(), spec.dtype()));
    List<Object> filters = null;
    if (!spec.filters().isEmpty() || spec.objectCodec() != null) {
      filters = new ArrayList<>();
      if (spec.objectCodec() != null) {
        filters.add(spec.objectCodec().toConfig());
      }
      for (BytesToBytesCodec c : spec.filters()) {
        filters.add(c.toConfig());
      }
    }
    m.put("filters", filters);
    m.put("order", spec.order().name());
    List<Object> shape = new ArrayList<>();
    for (long s : spec.shape()) {
      shape.add(s);
    }
    m.put("shape", shape);
    m.put("zarr_format", 2);
    return m;
  }

  /** The {@code .zarray} document's bytes, formatted as zarr-python formats them. */
  public static byte[] toBytes(ArraySpec spec, boolean writeSeparator) {
    return Json.writePython(toJson(spec, writeSeparator)).getBytes(StandardCharsets.US_ASCII);
  }

  private static List<Object> toList(int[] a) {
    List<Object> l = new ArrayList<>(a.length);
    for (int x : a) {
      l.add(x);
    }
    return l;
  }
}
