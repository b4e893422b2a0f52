package dev.zarr4j.codec;

import java.util.Map;
import java.util.Set;

/**
 * Service interface through which codecs are found by id, via {@link java.util.ServiceLoader}.
 * zarr4j's own codecs are registered this way too; a user adds a codec by implementing this
 * interface and listing the class in {@code META-INF/services/dev.zarr4j.codec.CodecProvider}.
 */
public interface CodecProvider {

  /** The codec ids this provider builds. */
  Set<String> ids();

  /**
   * Builds a codec from its JSON configuration.
   *
   * @param id one of {@link #ids()}
   * @param config the whole configuration object, including {@code "id"}
   * @throws dev.zarr4j.exceptions.CodecException if a key is unknown, missing or has an invalid
   *     value (the message names the key)
   */
  Codec fromConfig(String id, Map<String, Object> config);

  /**
   * The Zarr v3 codec names this provider builds ({@code "gzip"}, {@code "sharding_indexed"}, ...):
   * names the v3 specification or the zarr-extensions registry gives. A numcodecs codec needs none:
   * {@link CodecRegistry#fromV3Config} builds {@code "numcodecs.<id>"} through {@link #fromConfig}.
   * Empty by default.
   */
  default Set<String> v3Names() {
    return Set.of();
  }

  /**
   * Builds a codec from its Zarr v3 metadata.
   *
   * @param name one of {@link #v3Names()}
   * @param configuration the codec's {@code configuration} object (empty when the metadata has
   *     none)
   * @throws dev.zarr4j.exceptions.CodecException if a key is unknown, missing or has an invalid
   *     value (the message names the codec and the key)
   */
  default Codec fromV3Config(String name, Map<String, Object> configuration) {
    throw new dev.zarr4j.exceptions.CodecException(
        "codec provider " + getClass().getName() + " does not build Zarr v3 codec '" + name + "'");
  }
}
