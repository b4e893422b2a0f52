package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Finds codecs by id among every {@link CodecProvider} on the class path or module path. */
public final class CodecRegistry {
  /**
   * The prefix zarr-python 3 puts before a numcodecs id to name that codec in a Zarr v3 array
   * ({@code "numcodecs.delta"}).
   */
  public static final String NUMCODECS_PREFIX = "numcodecs.";

  private static volatile Map<String, CodecProvider> providers;
  private static volatile Map<String, CodecProvider> v3Providers;

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

  /**
   * Builds the codec a Zarr v3 codec object describes: {@code {"name": "gzip", "configuration":
   * {"level": 5}}}, or a bare name for a codec without configuration ({@code "crc32c"}). A name
   * {@code "numcodecs.<id>"} builds the numcodecs codec {@code id} from the configuration, as
   * zarr-python 3 writes numcodecs codecs into v3 arrays.
   *
   * @throws CodecException naming the codec if the object has no name, the name is unknown, or the
   *     configuration is invalid for it
   */
  @SuppressWarnings("unchecked")
  public static Codec fromV3Config(Object codec) {
    String name;
    Map<String, Object> configuration;
    if (codec instanceof String s) {
      name = s;
      configuration = Map.of();
    } else if (codec instanceof Map<?, ?> m) {
      if (!(m.get("name") instanceof String s)) {
        throw new CodecException("codec object has no string 'name': " + codec);
      }
      name = s;
      for (Object key : m.keySet()) {
        if (!"name".equals(key) && !"configuration".equals(key) && !"must_understand".equals(key)) {
          throw new CodecException("codec '" + name + "' has an unknown key '" + key + "'");
        }
      }
      Object c = m.get("configuration");
      if (c == null) {
        configuration = Map.of();
      } else if (c instanceof Map<?, ?> cm) {
        configuration = (Map<String, Object>) cm;
      } else {
        throw new CodecException(
            "codec '" + name + "': 'configuration' must be a JSON object, got " + c);
      }
    } else {
      throw new CodecException("a codec must be a JSON object or a name, got " + codec);
    }
    CodecProvider provider = v3Providers().get(name);
    if (provider != null) {
      return provider.fromV3Config(name, configuration);
    }
    if (name.startsWith(NUMCODECS_PREFIX)) {
      String id = name.substring(NUMCODECS_PREFIX.length());
      if (configuration.containsKey("id")) {
        throw new CodecException("codec '" + name + "' has an unknown key 'id'");
      }
      Map<String, Object> config = new java.util.LinkedHashMap<>();
      config.put("id", id);
      config.putAll(configuration);
      if (!providers().containsKey(id)) {
        throw new CodecException(
            "unknown codec '" + name + "' (no numcodecs codec '" + id + "' is known)");
      }
      return fromConfig(config);
    }
    throw new CodecException(
        "unknown Zarr v3 codec '"
            + name
            + "' (known: "
            + String.join(", ", new TreeSet<>(v3Providers().keySet()))
            + ", and numcodecs.<id> for "
            + String.join(", ", knownIds())
            + ")");
  }

  /** Every Zarr v3 codec name that can be built (besides {@code numcodecs.<id>}), sorted. */
  public static Set<String> knownV3Names() {
    return new TreeSet<>(v3Providers().keySet());
  }

  /** Every codec id that can be built, sorted. */
  public static Set<String> knownIds() {
    return new TreeSet<>(providers().keySet());
  }

  /** Whether a codec with this id can be built. */
  public static boolean isKnown(String id) {
    return providers().containsKey(id);
  }

  private static Map<String, CodecProvider> v3Providers() {
    providers();
    return v3Providers;
  }

  private static Map<String, CodecProvider> providers() {
    Map<String, CodecProvider> p = providers;
    if (p == null) {
      synchronized (CodecRegistry.class) {
        p = providers;
        if (p == null) {
          p = new HashMap<>();
          Map<String, CodecProvider> v3 = new HashMap<>();
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
              for (String name : provider.v3Names()) {
                v3.putIfAbsent(name, provider);
              }
            }
          }
          v3Providers = v3;
          providers = p;
        }
      }
    }
    return p;
  }
}
