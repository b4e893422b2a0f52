package dev.zarr4j.codec.n5;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Bz2;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.codec.compress.Lzma;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.CodecException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An N5 dataset's {@code compression}: the JSON object of {@code attributes.json} and the zarr4j
 * codec that compresses the block payloads. Immutable.
 *
 * <p>The mapping follows zarr-python 2's {@code compressor_config_to_n5} and {@code
 * compressor_config_to_zarr}:
 *
 * <ul>
 *   <li>{@code raw}: no codec;
 *   <li>{@code gzip} ({@code level} -1, {@code useZlib} false): {@link GZip}, or {@link Zlib} when
 *       {@code useZlib};
 *   <li>{@code bzip2} ({@code blockSize} 9): {@link Bz2} of that level;
 *   <li>{@code xz} ({@code preset} 6): {@link Lzma} in the xz format;
 *   <li>{@code lzma} ({@code format}, {@code check}, {@code preset}, {@code filters}; written by
 *       zarr-python only): {@link Lzma};
 *   <li>{@code blosc} ({@code cname} blosclz, {@code clevel} 6, {@code shuffle} 0, {@code
 *       blocksize} 0; {@code nthreads} ignored): {@link Blosc};
 *   <li>{@code zstd} ({@code level} 3, {@code checksum} false): {@link Zstd};
 *   <li>{@code lz4} ({@code blockSize} 65536, or {@code acceleration}): {@link N5Lz4}.
 * </ul>
 *
 * <p>Absent parameters take N5 Java's defaults (zarr-python fails on them instead) and parameters
 * this mapping does not use are ignored, as N5 Java ignores them; a document read is written back
 * with its own keys ({@link #toJson()}). An {@code "id"} key, which zarr-python adds for types it
 * passes through ({@code zstd}, {@code lz4}), must equal the type.
 */
public final class N5Compression {

  /** The N5 types this mapping supports. */
  public static final List<String> TYPES =
      List.of("raw", "gzip", "bzip2", "xz", "lzma", "blosc", "zstd", "lz4");

  /** No compression. */
  public static final N5Compression RAW = fromJson(Map.of("type", "raw"));

  private final String type;
  private final Map<String, Object> json;
  private final BytesToBytesCodec codec;

  private N5Compression(String type, Map<String, Object> json, BytesToBytesCodec codec) {
    this.type = type;
    this.json = json;
    this.codec = codec;
  }

  /**
   * Reads the {@code compression} object of an N5 dataset's attributes.
   *
   * @param json the parsed JSON object (a {@code Map<String, Object>})
   * @throws CodecException naming the type, key and value if the object has no string {@code type},
   *     an unsupported type, or a parameter of the wrong type or out of range
   */
  public static N5Compression fromJson(Object json) {
    if (!(json instanceof Map<?, ?> raw)) {
      throw new CodecException(
          "N5 compression must be a JSON object, got " + (json == null ? "null" : json));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) normalise(raw);
    Object t = m.get("type");
    if (!(t instanceof String type)) {
      throw new CodecException(
          "N5 compression "
              + m
              + " has no string 'type' (one of "
              + String.join(", ", TYPES)
              + ")");
    }
    Object id = m.get("id");
    if (id != null && !type.equals(id)) {
      throw new CodecException(
          "N5 compression " + m + ": 'id' " + describe(id) + " differs from 'type' '" + type + "'");
    }
    return new N5Compression(type, m, codecFor(type, m));
  }

  /**
   * The compression a dataset of N5's version 0 names by its {@code compressionType} attribute
   * ({@code raw}, {@code gzip}, {@code bzip2}, {@code lz4} or {@code xz}), with default parameters
   * as N5 Java reads it.
   *
   * @throws CodecException if the type is not one of those
   */
  public static N5Compression fromLegacyType(String compressionType) {
    if (compressionType == null
        || !List.of("raw", "gzip", "bzip2", "lz4", "xz").contains(compressionType)) {
      throw new CodecException(
          "N5 compressionType must be one of raw, gzip, bzip2, lz4, xz; got "
              + describe(compressionType));
    }
    return fromJson(Map.of("type", compressionType));
  }

  /**
   * The N5 compression zarr-python's {@code N5Store} writes for a numcodecs compressor, made from
   * the compressor's configuration exactly as zarr-python's {@code compressor_config_to_n5} makes
   * it: {@code gzip}/{@code zlib} become {@code gzip} with {@code useZlib}, {@code bz2} becomes
   * {@code bzip2} with its level as {@code blockSize}, {@code lzma} in the xz format with the
   * default check becomes {@code xz} (any other {@code lzma} keeps its parameters), a falsy {@code
   * preset} becomes 6, {@code blosc} keeps its four parameters, and {@code zstd} and {@code lz4}
   * pass through with their {@code id}. N5 Java's {@code lz4} block stream ({@link
   * N5Lz4#blockStream}) is written as N5 Java writes it, {@code {"type": "lz4", "blockSize": b}}.
   *
   * @param compressor the compressor (a numcodecs codec: gzip, zlib, bz2, lzma, blosc, zstd or lz4,
   *     or {@link N5Lz4}); {@code null} for none
   * @throws CodecException naming the codec if N5 cannot hold it (zarr-python would write a type no
   *     reader knows)
   */
  public static N5Compression fromCodec(BytesToBytesCodec compressor) {
    if (compressor == null) {
      return RAW;
    }
    Map<String, Object> cfg = compressor.toConfig();
    Map<String, Object> n5 = new LinkedHashMap<>();
    switch (compressor.id()) {
      case "bz2":
        n5.put("type", "bzip2");
        n5.put("blockSize", cfg.get("level"));
        break;
      case "blosc":
        n5.put("type", "blosc");
        for (String k : List.of("cname", "clevel", "shuffle", "blocksize")) {
          n5.put(k, cfg.get(k));
        }
        break;
      case "lzma":
        {
          Object format = cfg.get("format");
          Object check = cfg.get("check");
          if (isInt(format, 1) && (isInt(check, -1) || isInt(check, 4))) {
            n5.put("type", "xz");
          } else {
            n5.put("type", "lzma");
            n5.put("format", format);
            n5.put("check", check);
            n5.put("filters", cfg.get("filters"));
          }
          // zarr-python writes preset 6 for a falsy preset (None or 0)
          Object preset = cfg.get("preset");
          n5.put("preset", preset == null || isInt(preset, 0) ? Integer.valueOf(6) : preset);
          break;
        }
      case "zlib":
      case "gzip":
        n5.put("type", "gzip");
        n5.put("level", cfg.get("level"));
        n5.put("useZlib", compressor.id().equals("zlib"));
        break;
      case "zstd":
      case "lz4":
        if (cfg.containsKey("blockSize")) {
          n5.put("type", "lz4"); // N5 Java's block stream, as N5 Java writes it
          n5.put("blockSize", cfg.get("blockSize"));
        } else {
          // passed through with its numcodecs id, as zarr-python does
          n5.put("type", compressor.id());
          n5.putAll(cfg);
        }
        break;
      default:
        throw new CodecException(
            "N5 cannot hold the compressor "
                + compressor
                + " (supported: gzip, zlib, bz2, lzma, blosc, zstd, lz4)");
    }
    return fromJson(n5);
  }

  private static boolean isInt(Object v, long value) {
    return (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
        && ((Number) v).longValue() == value;
  }

  private static BytesToBytesCodec codecFor(String type, Map<String, Object> m) {
    switch (type) {
      case "raw":
        return null;
      case "gzip":
        {
          int level = intParam(type, m, "level", -1);
          return boolParam(type, m, "useZlib", false) ? Zlib.of(level) : GZip.of(level);
        }
      case "bzip2":
        {
          int blockSize = intParam(type, m, "blockSize", 9);
          if (blockSize < 1 || blockSize > 9) {
            throw bad(type, "blockSize", m.get("blockSize"), "an integer in [1, 9]");
          }
          return Bz2.of(blockSize);
        }
      case "xz":
        return Lzma.of(Lzma.FORMAT_XZ, -1, (long) intParam(type, m, "preset", 6), null);
      case "lzma":
        {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("id", Lzma.ID);
          for (String k : List.of("format", "check", "preset", "filters")) {
            if (m.containsKey(k)) {
              c.put(k, m.get(k));
            }
          }
          return Lzma.fromConfig(c);
        }
      case "blosc":
        {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("id", Blosc.ID);
          c.put("cname", m.getOrDefault("cname", "blosclz"));
          c.put("clevel", m.getOrDefault("clevel", 6L));
          c.put("shuffle", m.getOrDefault("shuffle", 0L));
          c.put("blocksize", m.getOrDefault("blocksize", 0L));
          return Blosc.fromConfig(c);
        }
      case "zstd":
        {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("id", Zstd.ID);
          c.put("level", m.getOrDefault("level", 3L));
          if (m.containsKey("checksum")) {
            c.put("checksum", m.get("checksum"));
          }
          return Zstd.fromConfig(c);
        }
      case "lz4":
        if (m.containsKey("blockSize") || !(m.containsKey("acceleration") || m.containsKey("id"))) {
          int blockSize = intParam(type, m, "blockSize", N5Lz4.DEFAULT_BLOCK_SIZE);
          if (blockSize < N5Lz4.MIN_BLOCK_SIZE || blockSize > N5Lz4.MAX_BLOCK_SIZE) {
            throw bad(
                type,
                "blockSize",
                m.get("blockSize"),
                "an integer in [" + N5Lz4.MIN_BLOCK_SIZE + ", " + N5Lz4.MAX_BLOCK_SIZE + "]");
          }
          return N5Lz4.blockStream(blockSize);
        }
        return N5Lz4.numcodecs(intParam(type, m, "acceleration", 1));
      default:
        throw new CodecException(
            "N5 compression type '"
                + type
                + "' is not supported (supported: "
                + String.join(", ", TYPES)
                + ")");
    }
  }

  /** A deep copy with integers as {@code Long}, so equal documents compare equal. */
  private static Object normalise(Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), normalise(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> list) {
      List<Object> out = new java.util.ArrayList<>(list.size());
      for (Object o : list) {
        out.add(normalise(o));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    return v;
  }

  private static int intParam(String type, Map<String, Object> m, String key, int def) {
    if (!m.containsKey(key)) {
      return def;
    }
    Object v = m.get(key);
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      long x = ((Number) v).longValue();
      if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
        return (int) x;
      }
    }
    if (v instanceof BigInteger) {
      throw bad(type, key, v, "a 32-bit integer");
    }
    throw bad(type, key, v, "an integer");
  }

  private static boolean boolParam(String type, Map<String, Object> m, String key, boolean def) {
    if (!m.containsKey(key)) {
      return def;
    }
    Object v = m.get(key);
    if (v instanceof Boolean b) {
      return b;
    }
    throw bad(type, key, v, "true or false");
  }

  private static CodecException bad(String type, String key, Object value, String expected) {
    return new CodecException(
        "N5 compression '"
            + type
            + "': parameter '"
            + key
            + "' must be "
            + expected
            + ", got "
            + describe(value));
  }

  private static String describe(Object v) {
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  /** The N5 type ({@code "raw"}, {@code "gzip"}, ...). */
  public String type() {
    return type;
  }

  /** Whether the payload is stored uncompressed. */
  public boolean isRaw() {
    return codec == null;
  }

  /**
   * The codec that compresses block payloads, or {@code null} for {@code raw}. Its {@link
   * BytesToBytesCodec#toConfig()} is zarr-python's {@code compressor_config} for the dataset.
   */
  public BytesToBytesCodec codec() {
    return codec;
  }

  /**
   * The numcodecs codec this compression stands for, as a Zarr v2 array would name it (what zarr4j
   * reports as the array's {@code compressor}), or {@code null} for {@code raw}: {@link #codec()},
   * except that N5's {@code lz4} in either framing is numcodecs' {@code LZ4} (N5 Java's block
   * stream has no numcodecs codec; zarr-python would report {@code {"id": "lz4", "blockSize": b}},
   * which numcodecs cannot build, so its acceleration 1 stands in).
   */
  public BytesToBytesCodec numcodecsCodec() {
    if (codec instanceof N5Lz4 l) {
      return Lz4.of(l.acceleration());
    }
    return codec;
  }

  /**
   * The {@code compression} object to write: the document's own keys for a compression read with
   * {@link #fromJson}, zarr-python's for one made by {@link #fromCodec}. Unmodifiable; values are
   * JSON values ({@code String}, {@code Integer}/{@code Long}, {@code Boolean}, {@code List},
   * {@code Map}, {@code null}).
   */
  public Map<String, Object> toJson() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof N5Compression c && c.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "N5Compression" + json;
  }
}
