package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Finds codecs by id among every {@link CodecProvider} on the class path or module path. */
public final class CodecRegistry {
  private static volatile Map<String, CodecProvider> providers;

  private CodecRegistry() {}

  /**
   * Builds the codec a JSON configuration describes.
   *
   * @param config a numcodecs configuration such as {@code {"id": "zstd", "level": 3}}
   * @throws CodecException if there is no {@code id}, no codec with that id, or the configuration
   *     is invalid for it
   */
  public static Codec fromConfig(Map<String, Object> config) {
    if (config == null) {
      throw new CodecException("codec configuration must not be null");
    }
    Object id = config.get("id");
    if (!(id instanceof String s)) {
      throw new CodecException("codec configuration has no string 'id': " + config);
    }
    CodecProvider provider = providers().get(s);
    if (provider == null) {
      throw new CodecException(
          "unknown codec id '" + s + "' (known: " + String.join(", ", knownIds()) + ")");
    }
    return provider.fromConfig(s, config);
  }

  /** Every codec id that can be built, sorted. */
  public static Set<String> knownIds() {
    return new TreeSet<>(providers().keySet());
  }

  /** Whether a codec with this id can be built. */
  public static boolean isKnown(String id) {
    return providers().containsKey(id);
  }

  private static Map<String, CodecProvider> providers() {
    Map<String, CodecProvider> p = providers;
    if (p == null) {
      synchronized (CodecRegistry.class) {
        p = providers;
        if (p == null) {
          p = new HashMap<>();
          // zarr4j's own loader first, then the thread's context loader (an application server's
          // or Spark's, where plug-in jars may live); the first provider of an id wins
          ClassLoader own = CodecRegistry.class.getClassLoader();
          ClassLoader context = Thread.currentThread().getContextClassLoader();
          for (ClassLoader loader :
              context == null || context == own
                  ? java.util.List.of(own)
                  : java.util.List.of(own, context)) {
            for (CodecProvider provider : ServiceLoader.load(CodecProvider.class, loader)) {
              for (String id : provider.ids()) {
                p.putIfAbsent(id, provider);
              }
            }
          }
          providers = p;
        }
      }
    }
    return p;
  }
}
