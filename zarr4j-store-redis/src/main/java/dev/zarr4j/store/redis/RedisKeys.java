package dev.zarr4j.store.redis;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.store.StoreKeys;
import java.nio.charset.StandardCharsets;

/**
 * How store keys become Redis keys: zarr-python's {@code RedisStore} layout, {@code prefix + ":" +
 * key}, and the glob patterns of {@code SCAN MATCH} that find the keys below a store prefix.
 */
final class RedisKeys {
  private final String prefix;
  private final String head;

  /**
   * @param prefix the namespace of the store's keys (zarr-python's {@code prefix}); any text
   *     without a NUL character
   */
  RedisKeys(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("Redis key prefix must not be null");
    }
    if (prefix.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Redis key prefix '" + prefix + "' contains NUL");
    }
    this.prefix = prefix;
    this.head = prefix + ":";
  }

  /** The prefix the store was made with. */
  String prefix() {
    return prefix;
  }

  /** The text every Redis key of the store starts with: the prefix and a colon. */
  String head() {
    return head;
  }

  /** The Redis key of a store key, as UTF-8 bytes. */
  byte[] redisKey(String key) {
    return (head + key).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The {@code SCAN MATCH} pattern of every Redis key below a validated store prefix: {@code
   * prefix:p/*}, or {@code prefix:*} for the empty prefix, with the glob characters of the literal
   * part escaped.
   */
  byte[] patternBelow(String storePrefix) {
    String literal = storePrefix.isEmpty() ? head : head + storePrefix + "/";
    return (escapeGlob(literal) + "*").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The store key of a Redis key found by a scan, or null when it is not a valid store key (a key
   * some other program wrote under the prefix, or bytes that are not UTF-8: no listing shows them).
   */
  String storeKeyOf(byte[] redisKey) {
    String text = new String(redisKey, StandardCharsets.UTF_8);
    if (!text.startsWith(head)
        || !java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), redisKey)) {
      return null;
    }
    String key = text.substring(head.length());
    try {
      StoreKeys.validate(key);
    } catch (InvalidKeyException e) {
      return null;
    }
    return key;
  }

  /**
   * Escapes the characters Redis's glob matching gives a meaning ({@code * ? [ ] \}), so that the
   * text matches only itself.
   */
  static String escapeGlob(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
