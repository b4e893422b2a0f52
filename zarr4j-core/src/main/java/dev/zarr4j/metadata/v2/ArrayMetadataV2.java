package dev.zarr4j.metadata.v2;

import dev.zarr4j.codec.ArrayToArrayCodec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.UnsupportedByFormatException;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.RegularChunkGrid;
import dev.zarr4j.metadata.V2ChunkKeyEncoding;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Zarr v2 {@code .zarray} document: {@code zarr_format}, {@code shape}, {@code chunks}, {@code
 * dtype}, {@code compressor}, {@code fill_value}, {@code order}, {@code filters} and the optional
 * {@code dimension_separator}, read strictly and written exactly as zarr-python writes them (sorted
 * keys, four-space indent). Immutable; {@link #spec()} is the array model it defines, with the
 * filters, the raw layout and the compressor as one codec chain.
 */
public final class ArrayMetadataV2 implements ArrayMetadata {
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

  private final long[] shape;
  private final int[] chunks;
  private final DataType dtype;
  private final BytesToBytesCodec compressor;
  private final Object fillValue;
  private final MemoryOrder order;
  private final List<Codec> filters;
  private final ObjectCodec objectCodec;
  private final String dimensionSeparator;
  private final boolean separatorRecorded;
  private final ArraySpec spec;

  /**
   * A {@code .zarray} description.
   *
   * @param shape the shape
   * @param chunks the chunk shape
   * @param dtype the element type
   * @param compressor the compressor, or {@code null}
   * @param fillValue the fill value as a Java value of the type, or {@code null}
   * @param order the element order inside chunks
   * @param filters the filters after the object codec, in encoding order
   * @param objectCodec for object arrays, the codec of their elements (the first filter on disk)
   * @param dimensionSeparator {@code "."} or {@code "/"}
   * @param separatorRecorded whether the document records {@code dimension_separator}
   * @throws InvalidArrayException if the description is not a valid array
   * @throws UnsupportedByFormatException naming the data type if Zarr v2 has none for it (Zarr v3's
   *     small number types, {@link DataType#isNumpyType()})
   */
  public ArrayMetadataV2(
      long[] shape,
      int[] chunks,
      DataType dtype,
      BytesToBytesCodec compressor,
      Object fillValue,
      MemoryOrder order,
      List<Codec> filters,
      ObjectCodec objectCodec,
      String dimensionSeparator,
      boolean separatorRecorded) {
    this.shape = shape.clone();
    this.chunks = chunks.clone();
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.compressor = compressor;
    this.fillValue = fillValue;
    this.order = Objects.requireNonNull(order, "order");
    this.filters = List.copyOf(filters);
    this.objectCodec = objectCodec;
    this.dimensionSeparator = dimensionSeparator;
    this.separatorRecorded = separatorRecorded;
    if (!dtype.isNumpyType()) {
      throw new UnsupportedByFormatException(
          "Zarr v2 has no data type for "
              + dtype
              + ": it is a Zarr v3 data type, which NumPy and .zarray cannot name (use format"
              + " zarr-v3)");
    }
    if ((dtype.kind() == DataType.Kind.OBJECT) != (objectCodec != null)) {
      throw new InvalidArrayException(
          dtype.kind() == DataType.Kind.OBJECT
              ? "object arrays need an object codec (vlen-utf8, vlen-bytes, vlen-array, json2,"
                  + " msgpack2, categorize)"
              : "an object codec ("
                  + objectCodec
                  + ") applies only to object arrays, not to "
                  + dtype);
    }
    for (Codec f : this.filters) {
      if (!(f instanceof ArrayToArrayCodec) && !(f instanceof BytesToBytesCodec)) {
        throw new InvalidArrayException(
            "codec '" + f.id() + "' cannot be a Zarr v2 filter after the first one");
      }
    }
    this.spec =
        new ArraySpec(
            shape,
            dtype,
            RegularChunkGrid.of(chunks),
            V2ChunkKeyEncoding.of(dimensionSeparator),
            fillValue,
            V2Codecs.chain(shape.length, order, objectCodec, this.filters, compressor),
            List.of());
  }

  @Override
  public NodeFormat format() {
    return V2Format.INSTANCE;
  }

  @Override
  public ArraySpec spec() {
    return spec;
  }

  @Override
  public ArrayMetadataV2 withShape(long[] newShape) {
    return new ArrayMetadataV2(
        newShape,
        chunks,
        dtype,
        compressor,
        fillValue,
        order,
        filters,
        objectCodec,
        dimensionSeparator,
        separatorRecorded);
  }

  /** The shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** The chunk shape. */
  public int[] chunks() {
    return chunks.clone();
  }

  /** The element type. */
  public DataType dtype() {
    return dtype;
  }

  /** The fill value. */
  public Object fillValue() {
    return fillValue;
  }

  @Override
  public BytesToBytesCodec compressor() {
    return compressor;
  }

  @Override
  public MemoryOrder order() {
    return order;
  }

  @Override
  public List<Codec> filters() {
    return filters;
  }

  @Override
  public ObjectCodec objectCodec() {
    return objectCodec;
  }

  /** The chunk key separator. */
  public String dimensionSeparator() {
    return dimensionSeparator;
  }

  /** Whether the document records {@code dimension_separator}. */
  public boolean separatorRecorded() {
    return separatorRecorded;
  }

  // ------------------------------------------------------------------ reading

  /**
   * Parses a {@code .zarray} document.
   *
   * @param json the document's bytes
   * @param key the store key it was read from, named in error messages
   * @param defaultSeparator the separator to use when the document has no {@code
   *     dimension_separator} (zarr-python: the store's default)
   * @throws MetadataException naming the key and field for invalid JSON, missing or unknown fields,
   *     invalid values; an unknown codec id and a chain that cannot encode the array's chunks are
   *     reported the same way
   */
  public static ArrayMetadataV2 parse(byte[] json, String key, String defaultSeparator) {
    Object doc;
    try {
      doc = PythonJson.parse(json);
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
      boolean recorded = m.containsKey("dimension_separator");
      Object sep = recorded ? m.get("dimension_separator") : null;
      if (sep == null) {
        sep = defaultSeparator;
      }
      if (!".".equals(sep) && !"/".equals(sep)) {
        throw new MetadataException(
            "'" + key + "' field 'dimension_separator' must be \".\" or \"/\", got " + sep);
      }
      BytesToBytesCodec compressor = compressor(m.get("compressor"), key);
      List<Codec> filters = new ArrayList<>();
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
          } else if (c instanceof ArrayToArrayCodec || c instanceof BytesToBytesCodec) {
            filters.add(c);
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
      return new ArrayMetadataV2(
          shape,
          chunks,
          dtype,
          compressor,
          fill,
          MemoryOrder.valueOf((String) order),
          filters,
          objectCodec,
          (String) sep,
          recorded);
    } catch (InvalidArrayException e) {
      throw new MetadataException("'" + key + "' describes an invalid array: " + e.getMessage(), e);
    }
  }

  private static BytesToBytesCodec compressor(Object config, String key) {
    if (config == null) {
      return null;
    }
    Codec codec = anyCodec(config, "compressor", key);
    if (!(codec instanceof BytesToBytesCodec b)) {
      throw new MetadataException(
          "'" + key + "' field 'compressor': codec '" + codec.id() + "' is not supported there");
    }
    return b;
  }

  private static Codec anyCodec(Object config, String field, String key) {
    if (!(config instanceof Map<?, ?> cm)) {
      throw new MetadataException("'" + key + "' field '" + field + "' must be an object or null");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) cm;
    try {
      return CodecRegistry.fromConfig(c);
    } catch (CodecException e) {
      throw new MetadataException("'" + key + "' field '" + field + "': " + e.getMessage(), e);
    }
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

  // ------------------------------------------------------------------ writing

  /** The {@code .zarray} document as a JSON-ready map, keys in zarr-python's (sorted) order. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chunks", toList(chunks));
    m.put("compressor", compressor == null ? null : compressor.toConfig());
    if (separatorRecorded) {
      m.put("dimension_separator", dimensionSeparator);
    }
    m.put("dtype", dtype.toJson());
    m.put("fill_value", FillValueJson.encode(fillValue, dtype));
    List<Object> fl = null;
    if (!filters.isEmpty() || objectCodec != null) {
      fl = new ArrayList<>();
      if (objectCodec != null) {
        fl.add(objectCodec.toConfig());
      }
      for (Codec c : filters) {
        fl.add(c.toConfig());
      }
    }
    m.put("filters", fl);
    m.put("order", order.name());
    List<Object> s = new ArrayList<>();
    for (long x : shape) {
      s.add(x);
    }
    m.put("shape", s);
    m.put("zarr_format", 2);
    return m;
  }

  /** The {@code .zarray} document's bytes, formatted as zarr-python formats them. */
  public byte[] toBytes() {
    return PythonJson.writePython(toJson()).getBytes(StandardCharsets.US_ASCII);
  }

  private static List<Object> toList(int[] a) {
    List<Object> l = new ArrayList<>(a.length);
    for (int x : a) {
      l.add(x);
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayMetadataV2 a
        && Arrays.equals(shape, a.shape)
        && Arrays.equals(chunks, a.chunks)
        && dtype.equals(a.dtype)
        && Objects.equals(compressor, a.compressor)
        && Objects.deepEquals(fillValue, a.fillValue)
        && order == a.order
        && filters.equals(a.filters)
        && Objects.equals(objectCodec, a.objectCodec)
        && Objects.equals(dimensionSeparator, a.dimensionSeparator)
        && separatorRecorded == a.separatorRecorded;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(chunks), dtype, order);
  }

  @Override
  public String toString() {
    return "ArrayMetadataV2" + toJson();
  }
}
