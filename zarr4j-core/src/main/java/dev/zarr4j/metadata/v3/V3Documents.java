package dev.zarr4j.metadata.v3;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code zarr.json} documents of Zarr v3 nodes: reading one, checking its format version and
 * node type, writing one, and changing one under a lock (attributes live inside it, so every change
 * is a read-modify-write).
 */
final class V3Documents {
  private V3Documents() {}

  /** The name of every v3 node's document. */
  static final String FILE = "zarr.json";

  private static final Object[] LOCKS = new Object[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new Object();
    }
  }

  /** The key of the document of the node at {@code path}. */
  static String key(String path) {
    return StoreKeys.join(path, FILE);
  }

  /**
   * The node's document, or {@code null} when there is none.
   *
   * @throws MetadataException naming the key if it is not a JSON object of {@code zarr_format} 3
   *     with a known {@code node_type}
   */
  static Map<String, Object> read(ReadableStore store, String path) {
    return fromBytes(store.get(key(path)), path);
  }

  /**
   * The node document at {@code path} from its stored bytes (read by the caller, several at once
   * perhaps), or {@code null} when there are none.
   *
   * @throws MetadataException as {@link #read}
   */
  static Map<String, Object> fromBytes(Optional<ByteBuffer> raw, String path) {
    String key = key(path);
    if (raw.isEmpty()) {
      return null;
    }
    ByteBuffer b = raw.get().duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return check(parse(bytes, key), key);
  }

  /** Parses a document's bytes into a JSON object. */
  static Map<String, Object> parse(byte[] bytes, String key) {
    Object doc;
    try {
      doc = PythonJson.parse(bytes, key);
    } catch (MetadataException e) {
      throw new MetadataException("'" + key + "' is not valid JSON: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new MetadataException("'" + key + "' must hold a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) m;
    return map;
  }

  /** Checks {@code zarr_format} and {@code node_type}. */
  static Map<String, Object> check(Map<String, Object> doc, String key) {
    Object f = doc.get("zarr_format");
    if (!(f instanceof Number n) || n.doubleValue() != 3) {
      throw new MetadataException(
          "'" + key + "': zarr_format must be 3, got " + (f == null ? "none" : f));
    }
    Object t = doc.get("node_type");
    if (!"array".equals(t) && !"group".equals(t)) {
      throw new MetadataException(
          "'" + key + "': node_type must be \"array\" or \"group\", got " + t);
    }
    return doc;
  }

  /** The node type of a checked document: {@code "array"} or {@code "group"}. */
  static String nodeType(Map<String, Object> doc) {
    return (String) doc.get("node_type");
  }

  /**
   * Refuses a key the specification does not define unless its value is an object marked {@code
   * "must_understand": false}, which is ignored.
   */
  static void checkExtension(String name, Object value, String key) {
    if (value instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("must_understand"))) {
      return;
    }
    throw new MetadataException(
        "'"
            + key
            + "': unknown metadata key '"
            + name
            + "' (an extension zarr4j does not understand and that is not marked"
            + " \"must_understand\": false)");
  }

  /** The user attributes of a document (a copy; empty when it has none). */
  static Map<String, Object> attributes(Map<String, Object> doc, String key) {
    Object a = doc == null ? null : doc.get("attributes");
    if (a == null) {
      return new LinkedHashMap<>();
    }
    if (!(a instanceof Map<?, ?> m)) {
      throw new MetadataException("'" + key + "': attributes must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) m;
    return new LinkedHashMap<>(map);
  }

  /** The bytes zarr4j writes for a document. */
  static byte[] toBytes(Map<String, Object> doc) {
    return PythonJson.writePython(doc, false).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads the document at {@code path} (or {@code null}), applies {@code change} and writes the
   * result, under a lock per store object and key so that changes made at once through one store
   * keep each other's part.
   */
  static void update(Store store, String path, UnaryOperator<Map<String, Object>> change) {
    String key = key(path);
    Object lock =
        LOCKS[Math.floorMod(System.identityHashCode(store) * 31 + key.hashCode(), LOCKS.length)];
    synchronized (lock) {
      Map<String, Object> next = change.apply(read(store, path));
      store.set(key, toBytes(next));
    }
  }
}
