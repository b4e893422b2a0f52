package dev.zarr4j.metadata.v3;

import dev.zarr4j.codec.ArrayToArrayCodec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.ChunkGrid;
import dev.zarr4j.metadata.ChunkKeyEncoding;
import dev.zarr4j.metadata.DefaultChunkKeyEncoding;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.V2ChunkKeyEncoding;
import dev.zarr4j.ndarray.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Zarr v3 array's {@code zarr.json} without its attributes: shape, data type, chunk grid ({@code
 * regular} or the {@code rectilinear} extension), chunk key encoding ({@code default} or {@code
 * v2}), fill value, codecs and dimension names. Immutable.
 *
 * <p>Reading follows the specification strictly: a required key missing, a {@code
 * storage_transformers} entry, or an unknown key whose value is not an object marked {@code
 * "must_understand": false} is refused by name; such marked extensions are ignored.
 */
public final class ArrayMetadataV3 implements ArrayMetadata {

  private static final Set<String> KNOWN =
      Set.of(
          "zarr_format",
          "node_type",
          "shape",
          "data_type",
          "chunk_grid",
          "chunk_key_encoding",
          "fill_value",
          "codecs",
          "attributes",
          "dimension_names",
          "storage_transformers");

  private final long[] shape;
  private final DataType dtype;
  private final String variableLength;
  private final ChunkGrid grid;
  private final ChunkKeyEncoding keyEncoding;
  private final String keyEncodingName;
  private final Object fillValue;
  private final CodecChain codecs;
  private final List<String> dimensionNames;
  private final ArraySpec spec;

  ArrayMetadataV3(
      long[] shape,
      DataType dtype,
      String variableLength,
      ChunkGrid grid,
      String keyEncodingName,
      ChunkKeyEncoding keyEncoding,
      Object fillValue,
      CodecChain codecs,
      List<String> dimensionNames) {
    this.shape = shape.clone();
    this.dtype = Objects.requireNonNull(dtype);
    this.variableLength = variableLength;
    this.grid = Objects.requireNonNull(grid);
    this.keyEncodingName = keyEncodingName;
    this.keyEncoding = keyEncoding;
    this.fillValue = fillValue;
    this.codecs = codecs;
    this.dimensionNames = dimensionNames == null ? List.of() : dimensionNames;
    this.spec =
        new ArraySpec(shape, dtype, grid, keyEncoding, fillValue, codecs, this.dimensionNames);
  }

  @Override
  public NodeFormat format() {
    return V3Format.INSTANCE;
  }

  @Override
  public ArraySpec spec() {
    return spec;
  }

  @Override
  public ArrayMetadataV3 withShape(long[] newShape) {
    return new ArrayMetadataV3(
        newShape,
        dtype,
        variableLength,
        grid.resized(
            shape, newShape, codecs.innerChunks() == null ? null : codecs.innerChunks().shape()),
        keyEncodingName,
        keyEncoding,
        fillValue,
        codecs,
        dimensionNames);
  }

  /** The codec chain, in encoding order. */
  public CodecChain codecs() {
    return codecs;
  }

  /** The chain each stored chunk's elements pass through: the inner chain of a sharded array. */
  private CodecChain elementCodecs() {
    dev.zarr4j.codec.InnerChunks inner = codecs.innerChunks();
    return inner != null ? inner.codecs() : codecs;
  }

  private int[] elementChunkShape() {
    dev.zarr4j.codec.InnerChunks inner = codecs.innerChunks();
    return inner != null ? inner.shape() : grid.maxChunkShape();
  }

  /**
   * {@inheritDoc} The one bytes-to-bytes codec when there is exactly one (of the inner chunks, for
   * a sharded array); {@code null} otherwise (zarr-python 3 lists them as {@code compressors}).
   */
  @Override
  public BytesToBytesCodec compressor() {
    List<BytesToBytesCodec> b = elementCodecs().bytesToBytes();
    return b.size() == 1 ? b.get(0) : null;
  }

  /**
   * {@inheritDoc} The array-to-array codecs (of the inner chunks, for a sharded array), without a
   * leading transpose that makes order F.
   */
  @Override
  public List<Codec> filters() {
    List<ArrayToArrayCodec> a = elementCodecs().arrayToArray();
    return List.copyOf(order() == MemoryOrder.F ? a.subList(1, a.size()) : a);
  }

  /**
   * {@inheritDoc} F when the first codec (of the inner chunks, for a sharded array) reverses the
   * axes (a transpose), else C.
   */
  @Override
  public MemoryOrder order() {
    List<ArrayToArrayCodec> a = elementCodecs().arrayToArray();
    if (shape.length > 1 && !a.isEmpty()) {
      int[] axes = a.get(0).axisOrder(new ChunkSpec(elementChunkShape(), dtype, fillValue));
      if (axes != null) {
        for (int i = 0; i < axes.length; i++) {
          if (axes[i] != axes.length - 1 - i) {
            return MemoryOrder.C;
          }
        }
        return MemoryOrder.F;
      }
    }
    return MemoryOrder.C;
  }

  @Override
  public ObjectCodec objectCodec() {
    return elementCodecs().arrayToBytes() instanceof ObjectCodec o ? o : null;
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads an array's {@code zarr.json} (already parsed).
   *
   * @param key the document's key, for messages
   * @throws MetadataException naming the key and field if the document is not a valid v3 array
   */
  static ArrayMetadataV3 parse(Map<String, Object> doc, String key) {
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (!KNOWN.contains(e.getKey())) {
        V3Documents.checkExtension(e.getKey(), e.getValue(), key);
      }
    }
    for (String required :
        List.of("shape", "data_type", "chunk_grid", "chunk_key_encoding", "fill_value", "codecs")) {
      if (!doc.containsKey(required)) {
        throw new MetadataException("'" + key + "' has no '" + required + "'");
      }
    }
    Object st = doc.get("storage_transformers");
    if (st != null && !(st instanceof List<?> l && l.isEmpty())) {
      throw new MetadataException(
          "'"
              + key
              + "': storage_transformers "
              + st
              + " are not supported (no storage transformer is defined by the Zarr v3"
              + " specification; zarr4j reads arrays without them)");
    }
    long[] shape = longs(doc.get("shape"), "shape", key);
    V3DataTypes.Parsed type = V3DataTypes.parse(doc.get("data_type"), key);
    ChunkGrid chunks = V3ChunkGrids.parse(doc.get("chunk_grid"), shape, key);
    Map<String, Object> kc =
        nameAndConfiguration(doc.get("chunk_key_encoding"), "chunk_key_encoding", key);
    String kname = (String) kc.get("name");
    @SuppressWarnings("unchecked")
    Map<String, Object> kconf = (Map<String, Object>) kc.get("configuration");
    for (String k : kconf.keySet()) {
      if (!k.equals("separator")) {
        throw new MetadataException(
            "'" + key + "': chunk_key_encoding has an unknown configuration key '" + k + "'");
      }
    }
    Object sepJson = kconf.get("separator");
    ChunkKeyEncoding enc;
    try {
      enc =
          switch (kname) {
            case "default" ->
                DefaultChunkKeyEncoding.of(sepJson == null ? "/" : String.valueOf(sepJson));
            case "v2" -> V2ChunkKeyEncoding.of(sepJson == null ? "." : String.valueOf(sepJson));
            default ->
                throw new MetadataException(
                    "'"
                        + key
                        + "': unknown chunk_key_encoding '"
                        + kname
                        + "' (known: default, v2)");
          };
    } catch (InvalidArrayException e) {
      throw new MetadataException("'" + key + "': chunk_key_encoding: " + e.getMessage(), e);
    }
    Object fill =
        FillValueV3.decode(doc.get("fill_value"), type.dtype(), type.variableLength(), key);
    if (!(doc.get("codecs") instanceof List<?> codecList) || codecList.isEmpty()) {
      throw new MetadataException("'" + key + "': codecs must be a non-empty list");
    }
    List<Codec> stages = new ArrayList<>();
    CodecChain chain;
    try {
      for (Object c : codecList) {
        stages.add(CodecRegistry.fromV3Config(c));
      }
      chain = CodecChain.of(stages);
    } catch (CodecException e) {
      throw new MetadataException("'" + key + "': codecs: " + e.getMessage(), e);
    }
    List<String> names = dimensionNames(doc.get("dimension_names"), shape.length, key);
    try {
      return new ArrayMetadataV3(
          shape, type.dtype(), type.variableLength(), chunks, kname, enc, fill, chain, names);
    } catch (InvalidArrayException e) {
      throw new MetadataException("'" + key + "' describes an invalid array: " + e.getMessage(), e);
    }
  }

  /** {@code {"name": ..., "configuration": {...}}} or a bare name, as a map with both. */
  static Map<String, Object> nameAndConfiguration(Object json, String field, String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (json instanceof String s) {
      out.put("name", s);
      out.put("configuration", Map.of());
      return out;
    }
    if (!(json instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
      throw new MetadataException(
          "'" + key + "': " + field + " must be an object with a string 'name', got " + json);
    }
    for (Object k : m.keySet()) {
      if (!"name".equals(k) && !"configuration".equals(k) && !"must_understand".equals(k)) {
        throw new MetadataException("'" + key + "': " + field + " has an unknown key '" + k + "'");
      }
    }
    Object c = m.get("configuration");
    if (c != null && !(c instanceof Map)) {
      throw new MetadataException("'" + key + "': " + field + ".configuration must be an object");
    }
    out.put("name", name);
    out.put("configuration", c == null ? Map.of() : c);
    return out;
  }

  private static long[] longs(Object json, String field, String key) {
    if (!(json instanceof List<?> l)) {
      throw new MetadataException(
          "'" + key + "': " + field + " must be a list of integers, got " + json);
    }
    long[] out = new long[l.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = l.get(i);
      if (!(v instanceof Long || v instanceof Integer) || ((Number) v).longValue() < 0) {
        throw new MetadataException(
            "'" + key + "': " + field + " must be a list of non-negative integers, got " + json);
      }
      out[i] = ((Number) v).longValue();
    }
    return out;
  }

  private static List<String> dimensionNames(Object json, int ndim, String key) {
    if (json == null) {
      return List.of();
    }
    if (!(json instanceof List<?> l) || l.size() != ndim) {
      throw new MetadataException(
          "'"
              + key
              + "': dimension_names must be a list of "
              + ndim
              + " names or nulls, got "
              + json);
    }
    List<String> names = new ArrayList<>();
    for (Object o : l) {
      if (o != null && !(o instanceof String)) {
        throw new MetadataException(
            "'" + key + "': dimension_names entries must be strings or null, got " + o);
      }
      names.add((String) o);
    }
    return names;
  }

  // ------------------------------------------------------------------ writing

  /**
   * The document zarr4j writes, with {@code attributes} as given.
   *
   * @throws IllegalArgumentException if a value has no Zarr v3 spelling
   */
  Map<String, Object> toJson(Map<String, Object> attributes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zarr_format", 3);
    m.put("node_type", "array");
    m.put("shape", toList(shape));
    m.put("data_type", V3DataTypes.toJson(dtype, variableLength));
    m.put("chunk_grid", V3ChunkGrids.toJson(grid));
    Map<String, Object> enc = new LinkedHashMap<>();
    enc.put("name", keyEncodingName);
    enc.put("configuration", Map.of("separator", keyEncoding.separator()));
    m.put("chunk_key_encoding", enc);
    m.put("fill_value", FillValueV3.encode(fillValue, dtype, variableLength));
    List<Object> cs = new ArrayList<>();
    for (Codec c : codecs.codecs()) {
      cs.add(c.toV3Config());
    }
    m.put("codecs", cs);
    m.put("attributes", attributes == null ? Map.of() : attributes);
    if (!dimensionNames.isEmpty()) {
      m.put("dimension_names", new ArrayList<>(dimensionNames));
    }
    m.put("storage_transformers", List.of());
    return m;
  }

  private static List<Object> toList(long[] a) {
    List<Object> l = new ArrayList<>(a.length);
    for (long v : a) {
      l.add(v);
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayMetadataV3 m
        && m.spec.equals(spec)
        && Objects.equals(m.keyEncodingName, keyEncodingName)
        && Objects.equals(variableLength, m.variableLength);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return "ArrayMetadataV3[" + spec + "]";
  }
}
