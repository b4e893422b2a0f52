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
}
