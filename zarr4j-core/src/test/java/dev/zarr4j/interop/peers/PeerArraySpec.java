package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Zarr v3 array for a peer to write: where, its shape and chunking, data type, codec chain,
 * fill value and every value. The same spec goes to every peer, so a test can have each write it
 * and every reader compare what it reads with {@link #values()}.
 *
 * <p>JSON form (what the Node peer reads; {@link #toJson}, {@link #fromJson}):
 *
 * <pre>{@code
 * {"path": "a/b", "shape": [10, 7], "chunk_shape": [4, 3], "data_type": "int16",
 *  "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, ...],
 *  "fill_value": 0, "separator": "/", "values": [1, 2, ...]}
 * }</pre>
 *
 * with values flat in C order and values and fill value in the convention of {@link PeerValues}. A
 * file of specs is {@code {"arrays": [spec, ...]}} ({@link #toJsonFile}).
 *
 * <p>Records with array components compare arrays by identity; compare specs by {@link #toJson}.
 *
 * @param path the array's path in the store, {@code /}-separated, {@code ""} for the root
 * @param shape the array shape
 * @param chunkShape the regular chunk grid's chunk shape (the shard shape when sharded)
 * @param dataType a Zarr v3 data type name ({@link PeerValues#DATA_TYPES})
 * @param codecs the codec chain as Zarr v3 JSON entries ({@link PeerCodecs})
 * @param fillValue the fill value boxed as {@link PeerValues} says
 * @param separator the default chunk key encoding's separator, {@code "/"} or {@code "."}
 * @param values every element, flat in C order, in the data type's Java storage
 */
public record PeerArraySpec(
    String path,
    long[] shape,
    int[] chunkShape,
    String dataType,
    List<JsonNode> codecs,
    Object fillValue,
    String separator,
    Object values) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks that the parts fit together: ranks, value count and value type. */
  public PeerArraySpec {
    codecs = List.copyOf(codecs);
    if (shape.length != chunkShape.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " vs chunk shape " + Arrays.toString(chunkShape));
    }
    PeerValues.checkType(dataType, values);
    long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (PeerValues.length(dataType, values) != size) {
      throw new IllegalArgumentException(
          PeerValues.length(dataType, values) + " values for shape " + Arrays.toString(shape));
    }
    if (!separator.equals("/") && !separator.equals(".")) {
      throw new IllegalArgumentException("separator " + separator);
    }
  }

  /** A spec with the default {@code "/"} chunk key separator. */
  public static PeerArraySpec of(
      String path,
      long[] shape,
      int[] chunkShape,
      String dataType,
      List<? extends JsonNode> codecs,
      Object fillValue,
      Object values) {
    return new PeerArraySpec(
        path, shape, chunkShape, dataType, List.copyOf(codecs), fillValue, "/", values);
  }

  /** The same array at another path. */
  public PeerArraySpec withPath(String newPath) {
    return new PeerArraySpec(
        newPath, shape, chunkShape, dataType, codecs, fillValue, separator, values);
  }

  /** The number of elements. */
  public int size() {
    return PeerValues.length(dataType, values);
  }

  /** Whether the chain has a {@code sharding_indexed} codec. */
  public boolean sharded() {
    return codecs.stream().anyMatch(c -> c.path("name").asText().equals("sharding_indexed"));
  }

  /** A one-line description for test names and messages (no values). */
  public String describe() {
    return path
        + ": "
        + dataType
        + " "
        + Arrays.toString(shape)
        + " chunks "
        + Arrays.toString(chunkShape)
        + " ["
        + PeerCodecs.describe(codecs)
        + "] fill "
        + PeerValues.describe(dataType, fillValue);
  }

  /** This spec as JSON (see the class comment). */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("path", path);
    ArrayNode s = o.putArray("shape");
    Arrays.stream(shape).forEach(s::add);
    ArrayNode c = o.putArray("chunk_shape");
    Arrays.stream(chunkShape).forEach(c::add);
    o.put("data_type", dataType);
    o.putArray("codecs").addAll(codecs);
    o.set("fill_value", PeerValues.elementToJson(dataType, fillValue));
    o.put("separator", separator);
    o.set("values", PeerValues.toJson(dataType, values));
    return o;
  }

  /** A spec from its JSON. */
  public static PeerArraySpec fromJson(JsonNode o) {
    String dataType = o.path("data_type").asText();
    List<JsonNode> codecs = new ArrayList<>();
    o.path("codecs").forEach(codecs::add);
    return new PeerArraySpec(
        o.path("path").asText(),
        longs(o.path("shape")),
        ints(o.path("chunk_shape")),
        dataType,
        codecs,
        PeerValues.elementFromJson(dataType, o.get("fill_value")),
        o.path("separator").asText("/"),
        PeerValues.fromJson(dataType, o.get("values")));
  }

  /** Writes {@code {"arrays": [...]}} to a file. */
  public static void toJsonFile(List<PeerArraySpec> specs, Path file) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arrays = root.putArray("arrays");
    specs.forEach(s -> arrays.add(s.toJson()));
    try {
      JSON.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a file written by {@link #toJsonFile}. */
  public static List<PeerArraySpec> fromJsonFile(Path file) {
    try {
      List<PeerArraySpec> out = new ArrayList<>();
      JSON.readTree(file.toFile()).path("arrays").forEach(a -> out.add(fromJson(a)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).longValue();
    }
    return out;
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).intValue();
    }
    return out;
  }
}
