package dev.zarr4j.metadata.v3;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.store.ConsolidatedMetadataStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Zarr v3 consolidated metadata as zarr-python 3 keeps it: inline in the root group's {@code
 * zarr.json}, under {@code "consolidated_metadata": {"kind": "inline", "must_understand": false,
 * "metadata": {path: document, ...}}}, one entry per node below the root keyed by its path.
 */
final class ConsolidatedMetadataV3 {
  private ConsolidatedMetadataV3() {}

  static final String FIELD = "consolidated_metadata";

  /**
   * Gathers every node document below the root into the root group's document.
   *
   * @throws NodeNotFoundException if there is no group at the root
   * @throws MetadataException if a document is not valid (nothing is written)
   */
  static void write(Store store) {
    Map<String, Object> root = V3Documents.read(store, "");
    if (root == null || !"group".equals(V3Documents.nodeType(root))) {
      throw new NodeNotFoundException(
          "", "Zarr v3 consolidates metadata into a group at the store's root; there is none");
    }
    TreeMap<String, Object> entries = new TreeMap<>();
    // every document in one batched read: a network store sends the requests together
    java.util.List<dev.zarr4j.store.KeyRange> wanted = new java.util.ArrayList<>();
    for (String key : store.listPrefix("")) {
      if (key.endsWith("/" + V3Documents.FILE)) {
        wanted.add(dev.zarr4j.store.KeyRange.of(key));
      }
    }
    java.util.List<java.util.Optional<java.nio.ByteBuffer>> read =
        wanted.isEmpty() ? java.util.List.of() : store.getMany(wanted);
    for (int i = 0; i < wanted.size(); i++) {
      String key = wanted.get(i).key();
      String path = key.substring(0, key.length() - V3Documents.FILE.length() - 1);
      Map<String, Object> doc = V3Documents.fromBytes(read.get(i), path);
      if (doc == null) {
        continue; // deleted meanwhile
      }
      Map<String, Object> entry = new LinkedHashMap<>(doc);
      entry.remove(FIELD);
      entries.put(path, entry);
    }
    Map<String, Object> consolidated = new LinkedHashMap<>();
    consolidated.put("kind", "inline");
    consolidated.put("must_understand", false);
    consolidated.put("metadata", new LinkedHashMap<>(entries));
    V3Documents.update(
        store,
        "",
        doc -> {
          Map<String, Object> m = new LinkedHashMap<>(doc);
          m.put(FIELD, consolidated);
          return m;
        });
  }

  /**
   * The view of a store whose node documents come from its root document's consolidated metadata.
   *
   * @throws NodeNotFoundException if the root document has no consolidated metadata
   * @throws MetadataException if it is not valid
   */
  static ConsolidatedMetadataStore open(Store store) {
    String rootKey = V3Documents.key("");
    Map<String, Object> root = V3Documents.read(store, "");
    Object c = root == null ? null : root.get(FIELD);
    if (c == null) {
      throw new NodeNotFoundException(
          "", "no consolidated metadata in '" + rootKey + "' of " + store);
    }
    if (!(c instanceof Map<?, ?> cm)
        || !"inline".equals(cm.get("kind"))
        || !(cm.get("metadata") instanceof Map<?, ?> metadata)) {
      throw new MetadataException(
          "'"
              + rootKey
              + "': consolidated_metadata must be {\"kind\": \"inline\", \"metadata\": {...}}, got "
              + c);
    }
    Map<String, byte[]> documents = new LinkedHashMap<>();
    documents.put(rootKey, V3Documents.toBytes(root));
    for (Map.Entry<?, ?> e : metadata.entrySet()) {
      String path;
      try {
        path = StoreKeys.normalizePath((String) e.getKey());
      } catch (RuntimeException ex) {
        throw new MetadataException(
            "'" + rootKey + "': consolidated metadata has an invalid path " + e.getKey(), ex);
      }
      if (!(e.getValue() instanceof Map<?, ?> d)) {
        throw new MetadataException(
            "'" + rootKey + "': consolidated entry '" + path + "' must be a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> doc = (Map<String, Object>) d;
      String key = V3Documents.key(path);
      V3Documents.check(doc, rootKey + " (consolidated entry '" + path + "')");
      documents.put(key, V3Documents.toBytes(doc));
    }
    return new ConsolidatedMetadataStore(store, rootKey, documents, Set.of(V3Documents.FILE));
  }
}
