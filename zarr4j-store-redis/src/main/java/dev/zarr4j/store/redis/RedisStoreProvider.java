package dev.zarr4j.store.redis;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.StoreProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens a {@link RedisStore} for a {@code redis://} URL: {@code
 * redis://[user:password@]host[:port][/database][?prefix=name]}. The port defaults to 6379, the
 * database to 0, the prefix to zarr-python's {@code "zarr"}.
 *
 * <p>Settings come from the URL's query or from the storage options, by the same names (a name in
 * both is refused): {@code prefix}, {@code timeout_ms} (connect, wait and answer timeout, 10000 by
 * default), {@code max_connections} (16), {@code snapshot_threshold} (bytes, see {@link
 * RedisStore.Builder#snapshotThreshold}), and the options {@code username} and {@code password}
 * (instead of the URL's user information). Any other name is refused, naming it.
 */
public final class RedisStoreProvider implements StoreProvider {
  /** The prefix of the store's Redis keys. */
  public static final String PREFIX = "prefix";

  /** The timeout in milliseconds. */
  public static final String TIMEOUT_MS = "timeout_ms";

  /** The size of the connection pool. */
  public static final String MAX_CONNECTIONS = "max_connections";

  /** The largest value opened by reading it whole. */
  public static final String SNAPSHOT_THRESHOLD = "snapshot_threshold";

  /** The user name. */
  public static final String USERNAME = "username";

  /** The password. */
  public static final String PASSWORD = "password";

  private static final Set<String> NAMES =
      Set.of(PREFIX, TIMEOUT_MS, MAX_CONNECTIONS, SNAPSHOT_THRESHOLD, USERNAME, PASSWORD);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public RedisStoreProvider() {}

  /** {@code redis}. */
  @Override
  public Set<String> schemes() {
    return Set.of("redis");
  }

  /**
   * Connects to the server the URL names.
   *
   * @throws StoreException if the URL or a setting is not valid (the message names it), or the
   *     server cannot be reached (naming {@code host:port})
   */
  @Override
  public ReadableStore open(URI uri, Map<String, Object> options) {
    if (uri.isOpaque() || uri.getHost() == null) {
      throw new StoreException(
          "Redis URL '" + uri + "' names no host; expected redis://host:port/database");
    }
    if (uri.getRawFragment() != null) {
      throw new StoreException("Redis URL '" + uri + "' has a fragment, which means nothing here");
    }
    Map<String, String> settings = new LinkedHashMap<>(queryOf(uri));
    for (Map.Entry<String, Object> option : options.entrySet()) {
      if (settings.containsKey(option.getKey())) {
        throw new StoreException(
            "setting '" + option.getKey() + "' is given both in '" + uri + "' and as an option");
      }
      settings.put(option.getKey(), String.valueOf(option.getValue()));
    }
    for (String name : settings.keySet()) {
      if (!NAMES.contains(name)) {
        throw new StoreException(
            "unknown setting '"
                + name
                + "' for "
                + uri
                + "; a Redis store knows: "
                + String.join(", ", new java.util.TreeSet<>(NAMES)));
      }
    }
    RedisStore.Builder builder = RedisStore.builder().host(uri.getHost());
    if (uri.getPort() != -1) {
      builder.port(uri.getPort());
    }
    builder.database(databaseOf(uri));
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
      if (colon < 0) {
        password = user; // redis://secret@host: a password alone, as redis-py reads it
        user = null;
      }
    }
    if (settings.containsKey(USERNAME)) {
      user = settings.get(USERNAME);
    }
    if (settings.containsKey(PASSWORD)) {
      password = settings.get(PASSWORD);
    }
    if (password != null) {
      builder.credentials(user == null || user.isEmpty() ? null : user, password);
    }
    try {
      if (settings.containsKey(PREFIX)) {
        builder.prefix(settings.get(PREFIX));
      }
      if (settings.containsKey(TIMEOUT_MS)) {
        builder.timeout(Duration.ofMillis(number(uri, TIMEOUT_MS, settings.get(TIMEOUT_MS))));
      }
      if (settings.containsKey(MAX_CONNECTIONS)) {
        builder.maxConnections((int) number(uri, MAX_CONNECTIONS, settings.get(MAX_CONNECTIONS)));
      }
      if (settings.containsKey(SNAPSHOT_THRESHOLD)) {
        builder.snapshotThreshold(
            (int) number(uri, SNAPSHOT_THRESHOLD, settings.get(SNAPSHOT_THRESHOLD)));
      }
    } catch (IllegalArgumentException e) {
      throw new StoreException("invalid setting for " + uri + ": " + e.getMessage(), e);
    }
    return builder.build();
  }

  private static int databaseOf(URI uri) {
    String path = uri.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    String db = path.substring(1);
    try {
      int n = Integer.parseInt(db);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new StoreException(
        "the path of Redis URL '" + uri + "' must be a database number, got '" + db + "'");
  }

  private static long number(URI uri, String name, String value) {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0 && n <= Integer.MAX_VALUE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new StoreException(
        "setting '" + name + "' for " + uri + " must be a whole number >= 0, got '" + value + "'");
  }

  private static Map<String, String> queryOf(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (out.put(name, value) != null) {
        throw new StoreException("setting '" + name + "' appears twice in '" + uri + "'");
      }
    }
    return out;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
