package dev.zarr4j.store;

import dev.zarr4j.exceptions.InvalidKeyException;

/**
 * Rules for store keys and node paths, shared by every store so that no key can escape a store's
 * root (a directory, a prefix, a bucket).
 *
 * <p>A <em>key</em> is a non-empty string of {@code /}-separated segments; no segment may be empty,
 * {@code .} or {@code ..}, and the key may not contain a backslash or NUL. A <em>path</em> names a
 * node: the same rules, except that the empty path is the root.
 */
public final class StoreKeys {
  private StoreKeys() {}

  /**
   * Returns {@code key} unchanged if it is a valid store key.
   *
   * @throws InvalidKeyException naming the key and the rule it breaks
   */
  public static String validate(String key) {
    if (key == null) {
      throw new InvalidKeyException("store key must not be null");
    }
    if (key.isEmpty()) {
      throw new InvalidKeyException("store key must not be empty");
    }
    checkSegments(key, "store key");
    return key;
  }

  /**
   * Returns {@code prefix} unchanged if it is a valid prefix: empty (the whole store) or a valid
   * key.
   */
  public static String validatePrefix(String prefix) {
    if (prefix == null) {
      throw new InvalidKeyException("store prefix must not be null");
    }
    if (!prefix.isEmpty()) {
      checkSegments(prefix, "store prefix");
    }
    return prefix;
  }

  /**
   * Checks the two paths of a {@link WritableStore#rename}: both valid, non-empty keys, neither
   * equal to nor inside the other.
   *
   * @throws InvalidKeyException naming the paths and the rule they break
   */
  public static void validateRename(String from, String to) {
    if (from != null && from.isEmpty() || to != null && to.isEmpty()) {
      throw new InvalidKeyException(
          "cannot rename the root of a store (from '" + from + "' to '" + to + "')");
    }
    validate(from);
    validate(to);
    if (from.equals(to) || to.startsWith(from + "/") || from.startsWith(to + "/")) {
      throw new InvalidKeyException(
          "cannot rename '" + from + "' to '" + to + "': one path lies inside the other");
    }
  }

  /**
   * Normalises a user-supplied node path as zarr-python does: backslashes become slashes, leading
   * and trailing slashes are dropped, repeated slashes collapse; {@code null} is the root {@code
   * ""}.
   *
   * @throws InvalidKeyException if a segment is {@code .} or {@code ..}
   */
  public static String normalizePath(String path) {
    if (path == null) {
      return "";
    }
    String p = path.replace('\\', '/');
    StringBuilder out = new StringBuilder(p.length());
    for (String segment : p.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidKeyException(
            "path " + quote(path) + " contains a '" + segment + "' segment, which is not allowed");
      }
      if (segment.indexOf('\0') >= 0) {
        throw new InvalidKeyException("path " + quote(path) + " contains a NUL character");
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment);
    }
    return out.toString();
  }

  /** Joins a normalised path and a key name: {@code join("", "a")} is {@code "a"}. */
  public static String join(String path, String name) {
    if (path == null || path.isEmpty()) {
      return name;
    }
    if (name.isEmpty()) {
      return path;
    }
    return path + "/" + name;
  }

  private static void checkSegments(String key, String what) {
    if (key.indexOf('\\') >= 0) {
      throw new InvalidKeyException(what + " " + quote(key) + " contains a backslash");
    }
    if (key.indexOf('\0') >= 0) {
      throw new InvalidKeyException(what + " " + quote(key) + " contains a NUL character");
    }
    if (key.startsWith("/")) {
      throw new InvalidKeyException(what + " " + quote(key) + " starts with '/'");
    }
    int start = 0;
    int n = key.length();
    while (start <= n) {
      int slash = key.indexOf('/', start);
      int end = slash < 0 ? n : slash;
      int len = end - start;
      if (len == 0) {
        throw new InvalidKeyException(what + " " + quote(key) + " has an empty segment");
      }
      if ((len == 1 && key.charAt(start) == '.')
          || (len == 2 && key.charAt(start) == '.' && key.charAt(start + 1) == '.')) {
        throw new InvalidKeyException(
            what + " " + quote(key) + " has a '" + key.substring(start, end) + "' segment");
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
  }

  static String quote(String s) {
    return "'" + s + "'";
  }
}
