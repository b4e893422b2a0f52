package dev.zarr4j.codec;

import java.util.Map;

/**
 * One stage of a chunk's encoding pipeline. Codecs are immutable and thread-safe; each maps to and
 * from its JSON configuration exactly (numcodecs' {@code get_config()} for Zarr v2).
 *
 * <p>There are three kinds of stage, applied in this order when encoding: {@link
 * ArrayToArrayCodec}s transform the chunk array, one {@link ArrayToBytesCodec} serialises it, and
 * {@link BytesToBytesCodec}s (compressors, checksums) transform the bytes.
 */
public sealed interface Codec permits ArrayToArrayCodec, ArrayToBytesCodec, BytesToBytesCodec {

  /** The codec's registry id: the numcodecs {@code id} (e.g. {@code "blosc"}, {@code "zstd"}). */
  String id();

  /**
   * The JSON configuration, including {@code "id"}, with every default written out as numcodecs
   * writes it. Values are {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code
   * Boolean}, {@code null}, {@code List} or {@code Map} of those; the map's iteration order is the
   * order in which keys should be written.
   */
  Map<String, Object> toConfig();

  /**
   * A Zarr v3 codec object: {@code {"name": name, "configuration": configuration}}, the
   * configuration omitted when {@code null}.
   */
  static Map<String, Object> v3Object(String name, Map<String, Object> configuration) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("name", name);
    if (configuration != null) {
      m.put("configuration", configuration);
    }
    return m;
  }

  /**
   * The codec's Zarr v3 metadata object, {@code {"name": ..., "configuration": {...}}}, as an
   * array's {@code zarr.json} lists it. The default is the form zarr-python 3 gives a numcodecs
   * codec inside a v3 array: the name {@code "numcodecs." + id()} and {@link #toConfig()} without
   * its {@code "id"} as the configuration. Codecs that the v3 specification or the zarr-extensions
   * registry name ({@code bytes}, {@code gzip}, {@code blosc}, {@code sharding_indexed}, ...)
   * override it with their registered form.
   */
  default Map<String, Object> toV3Config() {
    Map<String, Object> configuration = new java.util.LinkedHashMap<>(toConfig());
    configuration.remove("id");
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("name", CodecRegistry.NUMCODECS_PREFIX + id());
    m.put("configuration", configuration);
    return m;
  }
}
