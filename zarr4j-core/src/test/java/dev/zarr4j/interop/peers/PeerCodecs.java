package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Zarr v3 codec entries ({@code {"name": ..., "configuration": {...}}}, as they appear in {@code
 * zarr.json}) for {@link PeerArraySpec#codecs()}. Both peers take the codec list in this form, so a
 * test states a codec chain once for every implementation.
 */
public final class PeerCodecs {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PeerCodecs() {}

  /** {@code bytes} with the given endianness ({@code "little"} or {@code "big"}). */
  public static ObjectNode bytes(String endian) {
    ObjectNode c = codec("bytes");
    c.putObject("configuration").put("endian", endian);
    return c;
  }

  /** {@code bytes} with no configuration (valid only for one-byte and variable-size types). */
  public static ObjectNode bytes() {
    return codec("bytes");
  }

  /** {@code transpose} with an explicit permutation. */
  public static ObjectNode transpose(int... order) {
    ObjectNode c = codec("transpose");
    ArrayNode o = c.putObject("configuration").putArray("order");
    for (int i : order) {
      o.add(i);
    }
    return c;
  }

  /** {@code gzip} at a level 0..9. */
  public static ObjectNode gzip(int level) {
    ObjectNode c = codec("gzip");
    c.putObject("configuration").put("level", level);
    return c;
  }

  /** {@code zstd} at a level, with or without the frame checksum. */
  public static ObjectNode zstd(int level, boolean checksum) {
    ObjectNode c = codec("zstd");
    c.putObject("configuration").put("level", level).put("checksum", checksum);
    return c;
  }

  /**
   * {@code blosc}.
   *
   * @param cname lz4, lz4hc, blosclz, zstd, zlib (snappy is not built into every blosc)
   * @param shuffle noshuffle, shuffle, bitshuffle
   * @param clevel 0..9
   * @param typesize the element size in bytes (used by the shuffles)
   * @param blocksize 0 for automatic
   */
  public static ObjectNode blosc(
      String cname, String shuffle, int clevel, int typesize, int blocksize) {
    ObjectNode c = codec("blosc");
    c.putObject("configuration")
        .put("cname", cname)
        .put("clevel", clevel)
        .put("shuffle", shuffle)
        .put("typesize", typesize)
        .put("blocksize", blocksize);
    return c;
  }

  /** {@code crc32c}. */
  public static ObjectNode crc32c() {
    return codec("crc32c");
  }

  /** {@code vlen-utf8} (the array-to-bytes codec of the {@code string} data type). */
  public static ObjectNode vlenUtf8() {
    return codec("vlen-utf8");
  }

  /**
   * {@code sharding_indexed} with the usual index codecs ({@code bytes} little endian + {@code
   * crc32c}).
   *
   * @param chunkShape the inner chunk shape, dividing the array's chunk (shard) shape
   * @param codecs the inner chunks' codec chain
   * @param indexLocation {@code "start"} or {@code "end"}
   */
  public static ObjectNode sharding(int[] chunkShape, List<JsonNode> codecs, String indexLocation) {
    return sharding(chunkShape, codecs, List.of(bytes("little"), crc32c()), indexLocation);
  }

  /** {@code sharding_indexed} with explicit index codecs. */
  public static ObjectNode sharding(
      int[] chunkShape, List<JsonNode> codecs, List<JsonNode> indexCodecs, String indexLocation) {
    ObjectNode c = codec("sharding_indexed");
    ObjectNode conf = c.putObject("configuration");
    ArrayNode cs = conf.putArray("chunk_shape");
    for (int i : chunkShape) {
      cs.add(i);
    }
    conf.putArray("codecs").addAll(codecs);
    conf.putArray("index_codecs").addAll(indexCodecs);
    conf.put("index_location", indexLocation);
    return c;
  }

  /**
   * The codec names of a chain, depth first through sharding ({@code a, sharding_indexed[b, c]}).
   */
  public static String describe(List<JsonNode> codecs) {
    List<String> parts = new ArrayList<>();
    for (JsonNode c : codecs) {
      String name = c.path("name").asText();
      JsonNode inner = c.path("configuration").path("codecs");
      if (name.equals("sharding_indexed") && inner.isArray()) {
        List<JsonNode> in = new ArrayList<>();
        inner.forEach(in::add);
        name += "[" + describe(in) + "]";
      }
      parts.add(name);
    }
    return String.join(", ", parts);
  }

  /** Every codec name of a chain, sharding's inner and index codecs included. */
  public static List<String> allNames(List<JsonNode> codecs) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : codecs) {
      out.add(c.path("name").asText());
      JsonNode conf = c.path("configuration");
      for (String key : List.of("codecs", "index_codecs")) {
        if (c.path("name").asText().equals("sharding_indexed") && conf.path(key).isArray()) {
          List<JsonNode> in = new ArrayList<>();
          conf.path(key).forEach(in::add);
          out.addAll(allNames(in));
        }
      }
    }
    return out;
  }

  private static ObjectNode codec(String name) {
    return NODES.objectNode().put("name", name);
  }
}
