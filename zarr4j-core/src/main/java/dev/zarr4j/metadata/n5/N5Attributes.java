package dev.zarr4j.metadata.n5;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.python.PythonJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code attributes.json} document of an N5 node, which holds both the node's reserved
 * attributes (the {@code n5} version; a dataset's {@code dimensions}, {@code blockSize}, {@code
 * dataType}, {@code compression}) and its user attributes, following zarr-python 2's {@code
 * N5Store}:
 *
 * <ul>
 *   <li>a node with an {@code attributes.json} holding {@code dimensions} is an array; with any
 *       other {@code attributes.json} (even {@code {}}) a group; without one, nothing (the N5
 *       specification calls every directory a group, but zarr-python does not see those);
 *   <li>user attributes are every key but the reserved ones; writing them replaces every
 *       non-reserved key and keeps the reserved ones. zarr-python only warns when a user attribute
 *       has a reserved name and then overwrites the dataset's metadata; zarr4j refuses it;
 *   <li>{@code "n5": "2.0.0"} is written into every group and into an array at the store's root
 *       (zarr-python cannot open a root array without it); an existing version is kept. Reading
 *       refuses a version whose major number is above 4 (N5 Java's rule; zarr-python does not
 *       check).
 * </ul>
 *
 * <p>Documents are {@code Map<String, Object>} of JSON values as {@link PythonJson#parse(byte[])}
 * yields them; the methods here return new maps and never modify their arguments. JSON is written
 * as zarr-python writes it (sorted keys, 4-space indent).
 */
public final class N5Attributes {

  /** The document's file name, in every node's directory. */
  public static final String FILE = "attributes.json";

  /** The attribute holding the N5 version. */
  public static final String VERSION_KEY = "n5";

  /** The version zarr-python (and zarr4j) writes: zarr-python's {@code N5_FORMAT}. */
  public static final String VERSION = "2.0.0";

  /** The highest major version of the N5 format this implementation reads (N5 Java's, 4.0.0). */
  public static final int MAX_MAJOR_VERSION = 4;

  /** The reserved keys (zarr-python's {@code n5_keywords}), never user attributes. */
  public static final List<String> RESERVED_KEYS =
      List.of(
          VERSION_KEY,
          N5DatasetAttributes.DATA_TYPE,
          N5DatasetAttributes.DIMENSIONS,
          N5DatasetAttributes.BLOCK_SIZE,
          N5DatasetAttributes.COMPRESSION);

  private static final List<String> DATASET_KEYS =
      List.of(
          N5DatasetAttributes.DATA_TYPE,
          N5DatasetAttributes.DIMENSIONS,
          N5DatasetAttributes.BLOCK_SIZE,
          N5DatasetAttributes.COMPRESSION,
          N5DatasetAttributes.LEGACY_COMPRESSION_TYPE);

  private static final Pattern SEMVER = Pattern.compile("(\\d+)(\\.(\\d+))?(\\.(\\d+))?(.*)");

  private N5Attributes() {}

  /** What kind of node a document makes its directory. */
  public enum NodeKind {
    /** An {@code attributes.json} with {@code dimensions}: a dataset. */
    ARRAY,
    /** An {@code attributes.json} without {@code dimensions}. */
    GROUP,
    /** No {@code attributes.json}. */
    NONE
  }

  /**
   * The kind of node a document makes its directory.
   *
   * @param attributes the parsed {@code attributes.json}, or {@code null} when there is none
   */
  public static NodeKind kind(Map<String, Object> attributes) {
    if (attributes == null) {
      return NodeKind.NONE;
    }
    return attributes.containsKey(N5DatasetAttributes.DIMENSIONS) ? NodeKind.ARRAY : NodeKind.GROUP;
  }

  /** Whether a name in a directory listing is the N5 document ({@code attributes.json}). */
  public static boolean isDocumentName(String name) {
    return FILE.equals(name);
  }

  /**
   * Whether zarr-python opens a store given as this string as N5 ({@code zarr.open("data.n5")}): a
   * local path (no {@code "://"} or {@code "::"}) whose text ends with {@code ".n5"}, exactly as
   * zarr-python 2's {@code normalize_store_arg} tests it (so {@code "a.n5/"} and {@code
   * "s3://b/a.n5"} are not).
   */
  public static boolean isN5StorePath(String path) {
    return path != null && !path.contains("://") && !path.contains("::") && path.endsWith(".n5");
  }

  /** Whether a key is reserved (never a user attribute). */
  public static boolean isReserved(String key) {
    return RESERVED_KEYS.contains(key);
  }

  // ------------------------------------------------------------------ bytes

  /**
   * Parses an {@code attributes.json}.
   *
   * @param source names the document in messages
   * @throws MetadataException if it is not valid JSON or not a JSON object
   */
  public static Map<String, Object> parse(byte[] json, String source) {
    return PythonJson.parseObject(json, source == null ? FILE : source);
  }

  /**
   * The document's bytes as zarr-python writes them ({@code json.dumps(indent=4, sort_keys=True)}).
   */
  public static byte[] toBytes(Map<String, Object> attributes) {
    return PythonJson.writePythonBytes(attributes);
  }

  // ------------------------------------------------------------------ user attributes

  /**
   * Whether a key of this document is N5's rather than a user attribute: a reserved key, or in a
   * dataset's document N5 version 0's {@code compressionType} (which a dataset without {@code
   * compression} needs; zarr-python shows it as a user attribute and loses it when the user
   * attributes are replaced).
   */
  private static boolean isReservedIn(Map<String, Object> attributes, String key) {
    return isReserved(key)
        || (key.equals(N5DatasetAttributes.LEGACY_COMPRESSION_TYPE)
            && attributes != null
            && attributes.containsKey(N5DatasetAttributes.DIMENSIONS));
  }

  /**
   * The user attributes: every key but the reserved ones (and a dataset's {@code compressionType}),
   * in document order.
   */
  public static Map<String, Object> userAttributes(Map<String, Object> attributes) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      if (!isReservedIn(attributes, e.getKey())) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  /**
   * The document with its user attributes replaced by {@code user}, its reserved attributes kept.
   *
   * @param existing the current document, or {@code null} for none
   * @throws MetadataException naming the key if {@code user} has a reserved key (or, for a dataset,
   *     {@code compressionType})
   */
  public static Map<String, Object> withUserAttributes(
      Map<String, Object> existing, Map<String, Object> user) {
    for (String k : user.keySet()) {
      if (isReservedIn(existing, k)) {
        throw new MetadataException(
            "attribute '"
                + k
                + "' is a reserved N5 keyword (reserved: "
                + RESERVED_KEYS
                + (isReserved(k) ? "" : ", and a dataset's " + k)
                + ")");
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (existing != null) {
      for (Map.Entry<String, Object> e : existing.entrySet()) {
        if (isReservedIn(existing, e.getKey())) {
          m.put(e.getKey(), e.getValue());
        }
      }
    }
    m.putAll(user);
    return m;
  }

  // ------------------------------------------------------------------ nodes

  /**
   * The document of a group: {@code existing}'s user attributes and version (or {@link #VERSION}),
   * without dataset attributes.
   *
   * @param existing the current document, or {@code null} for none
   */
  public static Map<String, Object> withGroup(Map<String, Object> existing) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (existing != null) {
      for (Map.Entry<String, Object> e : existing.entrySet()) {
        if (!DATASET_KEYS.contains(e.getKey())) {
          m.put(e.getKey(), e.getValue());
        }
      }
    }
    m.putIfAbsent(VERSION_KEY, VERSION);
    return m;
  }

  /**
   * The document of a dataset: {@code existing}'s user attributes, then the dataset's reserved
   * attributes, and the version when the dataset is the store's root.
   *
   * @param existing the current document, or {@code null} for none
   * @param root whether the dataset is the root node (zarr-python then needs {@code n5})
   */
  public static Map<String, Object> withDataset(
      Map<String, Object> existing, N5DatasetAttributes dataset, boolean root) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (existing != null) {
      for (Map.Entry<String, Object> e : existing.entrySet()) {
        if (!DATASET_KEYS.contains(e.getKey())) {
          m.put(e.getKey(), e.getValue());
        }
      }
    }
    m.putAll(dataset.toAttributes());
    if (root) {
      m.putIfAbsent(VERSION_KEY, VERSION);
    }
    return m;
  }

  // ------------------------------------------------------------------ validation

  /**
   * Checks a group's document: no dataset attributes, and a version this implementation reads.
   *
   * @throws MetadataException naming the document if it describes a dataset or a newer major
   *     version of N5
   */
  public static void checkGroup(Map<String, Object> attributes, String source) {
    if (kind(attributes) == NodeKind.ARRAY) {
      throw new MetadataException("'" + source + "' describes an N5 dataset, not a group");
    }
    checkVersion(attributes, source);
  }

  /**
   * The version a document records, or {@code null} when it has none. A version that is not a
   * string reads as none.
   */
  public static String version(Map<String, Object> attributes) {
    Object v = attributes == null ? null : attributes.get(VERSION_KEY);
    return v instanceof String s ? s : null;
  }

  /**
   * The major version a version string names, as N5 Java parses it: 0 for a missing or malformed
   * version.
   */
  public static int majorVersion(String version) {
    if (version == null) {
      return 0;
    }
    Matcher m = SEMVER.matcher(version);
    if (!m.matches()) {
      return 0;
    }
    try {
      return Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /**
   * Checks that the document's version, if any, has a major number of at most {@link
   * #MAX_MAJOR_VERSION}.
   *
   * @throws MetadataException naming the document and version otherwise
   */
  public static void checkVersion(Map<String, Object> attributes, String source) {
    String v = version(attributes);
    if (majorVersion(v) > MAX_MAJOR_VERSION) {
      throw new MetadataException(
          "'"
              + source
              + "' is N5 version "
              + v
              + "; versions up to "
              + MAX_MAJOR_VERSION
              + ".x are supported");
    }
  }
}
