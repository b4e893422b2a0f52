package dev.zarr4j.metadata.v2;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.metadata.ArrayDefinition;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.DimensionSeparatorDefault;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Zarr v2: an array is described by {@code .zarray}, a group by {@code .zgroup}, and either's user
 * attributes live in {@code .zattrs}; {@code .zmetadata} at the root holds consolidated metadata.
 * Documents are written byte for byte as zarr-python writes them.
 */
public final class V2Format implements NodeFormat {
  /** The format (it holds no state). */
  public static final V2Format INSTANCE = new V2Format();

  /** The key of a node's user attributes document. */
  public static final String ATTRS_KEY = ".zattrs";

  /** The key of the consolidated metadata document at a store's root. */
  public static final String CONSOLIDATED_KEY = ".zmetadata";

  /** Public for {@link java.util.ServiceLoader}; use {@link #INSTANCE}. */
  public V2Format() {}

  @Override
  public String name() {
    return "zarr-v2";
  }

  @Override
  public NodeKind kindAt(ReadableStore store, String path) {
    if (store.contains(StoreKeys.join(path, ArrayMetadataV2.KEY))) {
      return NodeKind.ARRAY;
    }
    if (store.contains(StoreKeys.join(path, GroupMetadataV2.KEY))) {
      return NodeKind.GROUP;
    }
    return NodeKind.NONE;
  }

  /** The separator a store asks new arrays to use ({@code "."} unless it says otherwise). */
  static String storeSeparator(ReadableStore store) {
    return store instanceof DimensionSeparatorDefault d ? d.defaultDimensionSeparator() : ".";
  }

  @Override
  public ArrayMetadataV2 readArray(ReadableStore store, String path) {
    String key = StoreKeys.join(path, ArrayMetadataV2.KEY);
    Optional<ByteBuffer> raw = store.get(key);
    if (raw.isEmpty()) {
      throw new NodeNotFoundException(
          path, "no array found at path '" + path + "' (no " + key + ")");
    }
    return ArrayMetadataV2.parse(bytes(raw.get()), key, storeSeparator(store));
  }

  @Override
  public ArrayMetadataV2 newArray(ArrayDefinition d, ReadableStore store) {
    d.requireRegularGrid("Zarr v2");
    if (d.shards() != null) {
      throw new dev.zarr4j.exceptions.InvalidArrayException(
          "Zarr v2 has no sharding: shards are a Zarr v3 feature (format zarr-v3)");
    }
    if (d.codecs() != null) {
      throw new dev.zarr4j.exceptions.InvalidArrayException(
          "Zarr v2 takes filters and a compressor, not a Zarr v3 codec chain (format zarr-v3)");
    }
    String storeSep = storeSeparator(store);
    String sep = d.dimensionSeparator() != null ? d.dimensionSeparator() : storeSep;
    boolean record = d.dimensionSeparator() != null || !".".equals(storeSep);
    ArrayMetadataV2 m =
        new ArrayMetadataV2(
            d.shape(),
            d.chunks(),
            d.dtype(),
            d.compressor(),
            d.fillValue(),
            d.order(),
            d.filters(),
            d.objectCodec(),
            sep,
            record);
    try {
      m.toBytes(); // a fill value JSON cannot hold fails here, before anything is written
    } catch (IllegalArgumentException e) {
      throw new dev.zarr4j.exceptions.InvalidArrayException(
          "cannot write the array's metadata: " + e.getMessage(), e);
    }
    return m;
  }

  @Override
  public void writeArray(Store store, String path, ArrayMetadata metadata) {
    if (!(metadata instanceof ArrayMetadataV2 v2)) {
      throw new IllegalArgumentException(
          "zarr-v2 writes its own metadata, not " + metadata.format().name() + "'s");
    }
    byte[] doc;
    try {
      doc = v2.toBytes();
    } catch (IllegalArgumentException e) {
      throw new dev.zarr4j.exceptions.InvalidArrayException(
          "cannot write the array's metadata: " + e.getMessage(), e);
    }
    store.set(StoreKeys.join(path, ArrayMetadataV2.KEY), doc);
  }

  @Override
  public void readGroup(ReadableStore store, String path) {
    String key = StoreKeys.join(path, GroupMetadataV2.KEY);
    Optional<ByteBuffer> meta = store.get(key);
    if (meta.isEmpty()) {
      throw new NodeNotFoundException(
          path, "no group found at path '" + path + "' (no " + key + ")");
    }
    GroupMetadataV2.validate(bytes(meta.get()), key);
  }

  @Override
  public void writeGroup(Store store, String path) {
    store.set(StoreKeys.join(path, GroupMetadataV2.KEY), GroupMetadataV2.toBytes());
  }

  @Override
  public Map<String, Object> readAttributes(ReadableStore store, String path) {
    String key = StoreKeys.join(path, ATTRS_KEY);
    Optional<ByteBuffer> raw = store.get(key);
    if (raw.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Object doc;
    try {
      doc = PythonJson.parse(bytes(raw.get()));
    } catch (MetadataException e) {
      throw new MetadataException("'" + key + "' is not valid JSON: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new MetadataException("'" + key + "' must hold a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) map;
    return m;
  }

  @Override
  public void writeAttributes(Store store, String path, Map<String, Object> attributes) {
    store.set(
        StoreKeys.join(path, ATTRS_KEY),
        PythonJson.writePython(attributes).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public boolean isDocumentName(String name) {
    return name.equals(ArrayMetadataV2.KEY)
        || name.equals(GroupMetadataV2.KEY)
        || name.equals(ATTRS_KEY)
        || name.equals(CONSOLIDATED_KEY);
  }

  @Override
  public List<String> documentKeys(String path) {
    return List.of(
        StoreKeys.join(path, ArrayMetadataV2.KEY),
        StoreKeys.join(path, GroupMetadataV2.KEY),
        StoreKeys.join(path, ATTRS_KEY));
  }

  /** {@inheritDoc} Every {@code .zarray}, {@code .zgroup} and {@code .zattrs}, as zarr-python. */
  @Override
  public void consolidate(Store store, String metadataKey) {
    ConsolidatedMetadataV2.write(store, metadataKey);
  }

  /** {@inheritDoc} The {@code .zmetadata}-style document under {@code metadataKey}. */
  @Override
  public dev.zarr4j.store.ConsolidatedMetadataStore openConsolidated(
      Store store, String metadataKey) {
    return new dev.zarr4j.store.ConsolidatedMetadataStore(store, metadataKey);
  }

  @Override
  public String hierarchyLockKey() {
    return GroupMetadataV2.KEY;
  }

  @Override
  public String arrayLockKey(String path) {
    return StoreKeys.join(path, ArrayMetadataV2.KEY);
  }

  @Override
  public String attributesLockKey(String path) {
    return StoreKeys.join(path, ATTRS_KEY);
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  @Override
  public String toString() {
    return "zarr-v2";
  }
}
