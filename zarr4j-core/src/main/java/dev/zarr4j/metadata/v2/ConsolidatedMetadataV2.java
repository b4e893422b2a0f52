package dev.zarr4j.metadata.v2;

import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Zarr v2 consolidated metadata: every {@code .zarray}, {@code .zgroup} and {@code .zattrs}
 * document of a store in one document, byte for byte as zarr-python's {@code consolidate_metadata}
 * writes it ({@code {"metadata": {...}, "zarr_consolidated_format": 1}}).
 */
final class ConsolidatedMetadataV2 {
  private ConsolidatedMetadataV2() {}

  /**
   * Gathers the documents and writes them under {@code metadataKey}.
   *
   * @throws dev.zarr4j.exceptions.MetadataException if a document is not valid JSON (nothing is
   *     written)
   */
  static void write(Store store, String metadataKey) {
    Map<String, Object> entries = new LinkedHashMap<>();
    // every document in one batched read: a network store sends the requests together
    List<KeyRange> wanted = new ArrayList<>();
    for (String key : store.listPrefix("")) {
      if (isDocumentKey(key)) {
        wanted.add(KeyRange.of(key));
      }
    }
    List<Optional<ByteBuffer>> read = wanted.isEmpty() ? List.of() : store.getMany(wanted);
    for (int i = 0; i < wanted.size(); i++) {
      String key = wanted.get(i).key();
      Optional<ByteBuffer> raw = read.get(i);
      if (raw.isEmpty()) {
        continue; // deleted meanwhile
      }
      ByteBuffer b = raw.get();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      entries.put(key, PythonJson.parse(bytes, key));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("zarr_consolidated_format", 1);
    doc.put("metadata", entries);
    store.set(metadataKey, PythonJson.writePythonBytes(doc));
  }

  private static boolean isDocumentKey(String key) {
    return key.endsWith(ArrayMetadataV2.KEY)
        || key.endsWith(GroupMetadataV2.KEY)
        || key.endsWith(V2Format.ATTRS_KEY);
  }
}
