package dev.zarr4j.store;

import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.python.PythonJson;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A read-only view of a hierarchy's metadata taken from one consolidated document ({@code
 * .zmetadata}, written by {@code Convenience.consolidateMetadata}), as zarr-python's {@code
 * ConsolidatedMetadataStore}.
 *
 * <p>The document is read once, when the view is made; afterwards every metadata read (a key the
 * document holds, or any key whose last segment is {@code .zarray}, {@code .zgroup} or {@code
 * .zattrs}) and every listing is answered from memory, with no access to the underlying store;
 * listings show the metadata keys only. Reads of every other key (chunks) go to the underlying
 * store, so the view can serve a whole hierarchy for reading. Use it as the metadata store of a
 * group or array with the underlying store as chunk store: array data can then be read and, when
 * not opened read-only, written, while every change to metadata ({@code .zarray}, {@code .zgroup},
 * {@code .zattrs}, new members, resizes) throws a {@link ReadOnlyException}; so does any write
 * through the view itself.
 *
 * <p>Each entry is served as the JSON text zarr-python would store for it (indented by four, keys
 * sorted), so parsers see ordinary metadata documents. The view is {@link Serializable} when the
 * underlying store is; the copy keeps the metadata read at first and does not re-read it.
 */
public final class ConsolidatedMetadataStore
    implements Store, DimensionSeparatorDefault, Serializable {
  private static final long serialVersionUID = 1L;

  /** The key the consolidated document is stored under by default. */
  public static final String DEFAULT_KEY = ".zmetadata";

  private final Store store;
  private final String metadataKey;
  private final TreeMap<String, byte[]> metadata;
  private final java.util.HashSet<String> documentNames;

  /** The document names of Zarr v2, which the {@code .zmetadata} document holds. */
  private static final Set<String> V2_DOCUMENT_NAMES = Set.of(".zarray", ".zgroup", ".zattrs");

  /**
   * Reads and checks the consolidated document under {@code metadataKey} in {@code store}: one read
   * of the underlying store.
   *
   * @throws NodeNotFoundException if the key is absent
   * @throws MetadataException if the document is not JSON, not consolidated format 1, or its {@code
   *     metadata} member is not an object of JSON objects
   */
  public ConsolidatedMetadataStore(Store store, String metadataKey) {
    this.store = store;
    this.metadataKey = StoreKeys.validate(metadataKey);
    Optional<ByteBuffer> raw = store.get(metadataKey);
    if (raw.isEmpty()) {
      throw new NodeNotFoundException(
          "", "no consolidated metadata under '" + metadataKey + "' in " + store);
    }
    ByteBuffer b = raw.get();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    this.metadata = parse(bytes, metadataKey);
    this.documentNames = new java.util.HashSet<>(V2_DOCUMENT_NAMES);
  }

  /**
   * A view over metadata documents a format has already read from its consolidated form (Zarr v3
   * keeps them inline in the root {@code zarr.json}).
   *
   * @param store the underlying store, which serves every other key
   * @param metadataKey the key the consolidated form lives under, for messages
   * @param documents each node document's store key and bytes
   * @param documentNames the names (last key segments) of the format's documents: any key so named
   *     is answered from {@code documents} alone
   */
  public ConsolidatedMetadataStore(
      Store store, String metadataKey, Map<String, byte[]> documents, Set<String> documentNames) {
    this.store = store;
    this.metadataKey = StoreKeys.validate(metadataKey);
    this.metadata = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : documents.entrySet()) {
      metadata.put(StoreKeys.validate(e.getKey()), e.getValue().clone());
    }
    this.documentNames = new java.util.HashSet<>(documentNames);
  }

  /** {@link #ConsolidatedMetadataStore(Store, String)} with the key {@code .zmetadata}. */
  public ConsolidatedMetadataStore(Store store) {
    this(store, DEFAULT_KEY);
  }

  private static TreeMap<String, byte[]> parse(byte[] bytes, String key) {
    Object doc;
    try {
      doc = PythonJson.parse(bytes);
    } catch (MetadataException e) {
      throw new MetadataException(
          "consolidated metadata '" + key + "' is not valid JSON: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> top)) {
      throw new MetadataException("consolidated metadata '" + key + "' must hold a JSON object");
    }
    Object format = top.get("zarr_consolidated_format");
    if (!(format instanceof Number n) || n.doubleValue() != 1) {
      throw new MetadataException(
          "unsupported consolidated metadata format in '"
              + key
              + "': zarr_consolidated_format is "
              + format
              + ", expected 1");
    }
    Object entries = top.get("metadata");
    if (!(entries instanceof Map<?, ?> map)) {
      throw new MetadataException(
          "consolidated metadata '" + key + "' has no 'metadata' object (found " + entries + ")");
    }
    TreeMap<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String k = (String) e.getKey();
      try {
        StoreKeys.validate(k);
      } catch (RuntimeException ex) {
        throw new MetadataException(
            "consolidated metadata '" + key + "' has an invalid key: " + ex.getMessage(), ex);
      }
      if (!(e.getValue() instanceof Map<?, ?>)) {
        throw new MetadataException(
            "consolidated metadata '" + key + "': entry '" + k + "' must be a JSON object");
      }
      out.put(k, PythonJson.writePythonBytes(e.getValue()));
    }
    return out;
  }

  /** The underlying store (where chunks and the consolidated document live). */
  public Store store() {
    return store;
  }

  /** The key of the consolidated document. */
  public String metadataKey() {
    return metadataKey;
  }

  /** The metadata keys this view holds, sorted. */
  public List<String> keys() {
    return new ArrayList<>(metadata.keySet());
  }

  /**
   * Not writable; listable (the metadata keys); byte ranges, persistence and latency as the
   * underlying store, which serves every key but metadata.
   */
  @Override
  public StoreCapabilities capabilities() {
    StoreCapabilities under = store.capabilities();
    return new StoreCapabilities(
        false, true, under.partialReads(), under.persistent(), false, under.latencyBound());
  }

  /** The underlying store's separator, so arrays name their chunks as they do there. */
  @Override
  public String defaultDimensionSeparator() {
    return store instanceof DimensionSeparatorDefault d ? d.defaultDimensionSeparator() : ".";
  }

  /**
   * Whether {@code key} is read from the consolidated metadata rather than from the underlying
   * store: a key the document holds, or any key whose last segment is {@code .zarray}, {@code
   * .zgroup} or {@code .zattrs} (absent here when the document lacks it, even if the underlying
   * store holds it now).
   */
  private boolean isMetadataKey(String key) {
    if (metadata.containsKey(key)) {
      return true;
    }
    return documentNames.contains(key.substring(key.lastIndexOf('/') + 1));
  }

  /**
   * Opens a metadata key from the consolidated document in memory (a source over an unchanging
   * copy), and any other key (chunks, the consolidated document itself) from the underlying store.
   */
  @Override
  public Optional<ByteSource> open(String key) {
    StoreKeys.validate(key);
    if (!isMetadataKey(key)) {
      return store.open(key);
    }
    byte[] value = metadata.get(key);
    return value == null
        ? Optional.empty()
        : Optional.of(ByteSource.of(ByteBuffer.wrap(value).asReadOnlyBuffer()));
  }

  /** Metadata from memory; any other key through the underlying store's own ranged read. */
  @Override
  public Optional<ByteBuffer> get(String key, ByteRange range) {
    StoreKeys.validate(key);
    return isMetadataKey(key) ? Store.super.get(key, range) : store.get(key, range);
  }

  /** Metadata from memory; any other key through the underlying store's own read. */
  @Override
  public Optional<ByteBuffer> getInto(String key, IntFunction<ByteBuffer> allocator) {
    StoreKeys.validate(key);
    return isMetadataKey(key) ? Store.super.getInto(key, allocator) : store.getInto(key, allocator);
  }

  /**
   * Metadata from memory; the other keys in one batched read of the underlying store (so a network
   * store sends them together).
   */
  @Override
  public List<Optional<ByteBuffer>> getMany(List<KeyRange> requests) {
    if (requests == null) {
      throw new IllegalArgumentException("requests must not be null");
    }
    List<Optional<ByteBuffer>> out = new ArrayList<>(requests.size());
    List<KeyRange> below = new ArrayList<>();
    List<Integer> belowAt = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      KeyRange r = requests.get(i);
      if (r == null) {
        throw new IllegalArgumentException("request " + i + " of getMany is null");
      }
      StoreKeys.validate(r.key());
      if (isMetadataKey(r.key())) {
        out.add(get(r.key(), r.range()));
      } else {
        out.add(null);
        below.add(r);
        belowAt.add(i);
      }
    }
    if (!below.isEmpty()) {
      List<Optional<ByteBuffer>> read = store.getMany(below);
      for (int j = 0; j < belowAt.size(); j++) {
        out.set(belowAt.get(j), read.get(j));
      }
    }
    return out;
  }

  @Override
  public boolean contains(String key) {
    StoreKeys.validate(key);
    return isMetadataKey(key) ? metadata.containsKey(key) : store.contains(key);
  }

  @Override
  public long size(String key) {
    StoreKeys.validate(key);
    if (!isMetadataKey(key)) {
      return store.size(key);
    }
    byte[] value = metadata.get(key);
    return value == null ? -1 : value.length;
  }

  /** Refused: consolidated metadata is read-only. */
  @Override
  public void set(String key, ByteBuffer value) {
    throw refused(key);
  }

  /** Refused, before any part is read. */
  @Override
  public void set(String key, ValueParts value) {
    throw refused(key);
  }

  /** Refused: consolidated metadata is read-only. */
  @Override
  public void delete(String key) {
    throw refused(key);
  }

  /** Refused: consolidated metadata is read-only. */
  @Override
  public void deletePrefix(String prefix) {
    throw refused(prefix.isEmpty() ? "/" : prefix);
  }

  /** Refused: consolidated metadata is read-only. */
  @Override
  public void rename(String from, String to) {
    throw refused(from);
  }

  private ReadOnlyException refused(String key) {
    return new ReadOnlyException(
        "cannot change '"
            + key
            + "': metadata opened from consolidated '"
            + metadataKey
            + "' is read-only (consolidate again after changing the hierarchy)");
  }

  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    return SortedKeys.listPrefix(metadata, prefix);
  }

  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    return SortedKeys.listDir(metadata, prefix);
  }

  /** Closes the underlying store. */
  @Override
  public void close() {
    store.close();
  }

  /** Equal to a view of an equal store under the same key holding the same metadata. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ConsolidatedMetadataStore c)
        || !store.equals(c.store)
        || !metadataKey.equals(c.metadataKey)
        || metadata.size() != c.metadata.size()) {
      return false;
    }
    Iterator<Map.Entry<String, byte[]>> a = metadata.entrySet().iterator();
    Iterator<Map.Entry<String, byte[]>> b = c.metadata.entrySet().iterator();
    while (a.hasNext()) {
      Map.Entry<String, byte[]> x = a.next();
      Map.Entry<String, byte[]> y = b.next();
      if (!x.getKey().equals(y.getKey()) || !Arrays.equals(x.getValue(), y.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return store.hashCode() * 31 + metadata.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "ConsolidatedMetadataStore["
        + store
        + ", "
        + metadataKey
        + ", "
        + metadata.size()
        + " keys]";
  }
}
