package dev.zarr4j.metadata.n5;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.UnsupportedByFormatException;
import dev.zarr4j.metadata.ArrayDefinition;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * N5 (<a href="https://github.com/saalfeldlab/n5">saalfeldlab/n5</a>), as zarr-python 2's {@code
 * N5Store} and {@code N5FSStore} read and write it: every node's metadata and user attributes live
 * in one {@code attributes.json} in its directory; a node whose document has {@code dimensions} is
 * an array (an N5 dataset), any other document makes a group, and a directory without one is
 * nothing. Datasets store their chunks as N5 blocks under reversed coordinates ({@link
 * N5ArrayMetadata}). See {@link N5Attributes} for the document's rules.
 *
 * <p>Writes of {@code attributes.json} read the current document and replace only their part of it
 * (the dataset's attributes, the group's version, or the user attributes), under a lock per store
 * object and document held for the read and the write, so a resize and an attribute change made at
 * the same time through one store keep each other's change. (Writers through other store objects or
 * in other processes are not excluded, as in zarr-python.)
 *
 * <p>There is no consolidated metadata: zarr-python's {@code consolidate_metadata} on an N5 store
 * writes an empty {@code .zmetadata} that {@code open_consolidated} cannot open, so {@link
 * #consolidate} refuses.
 */
public final class N5Format implements NodeFormat {
  /** The format (it holds no state). */
  public static final N5Format INSTANCE = new N5Format();

  /** The format's name. */
  public static final String NAME = "n5";

  /**
   * The key zarr-python's synchronizers lock while a hierarchy changes: the Zarr key of the group
   * document, {@code .zgroup}, whatever the store maps it to.
   */
  private static final String HIERARCHY_LOCK_KEY = ".zgroup";

  private static final Object[] DOCUMENT_LOCKS = new Object[64];

  static {
    for (int i = 0; i < DOCUMENT_LOCKS.length; i++) {
      DOCUMENT_LOCKS[i] = new Object();
    }
  }

  /** Public for {@link java.util.ServiceLoader}; use {@link #INSTANCE}. */
  public N5Format() {}

  @Override
  public String name() {
    return NAME;
  }

  /** The key of the document of the node at {@code path}. */
  static String documentKey(String path) {
    return StoreKeys.join(path, N5Attributes.FILE);
  }

  /** The node's document, or {@code null} when there is none. */
  private static Map<String, Object> document(ReadableStore store, String path) {
    String key = documentKey(path);
    Optional<ByteBuffer> raw = store.get(key);
    return raw.isEmpty() ? null : N5Attributes.parse(bytes(raw.get()), key);
  }

  /**
   * {@inheritDoc}
   *
   * @throws MetadataException naming the document if it is not a JSON object
   */
  @Override
  public NodeKind kindAt(ReadableStore store, String path) {
    return switch (N5Attributes.kind(document(store, path))) {
      case ARRAY -> NodeKind.ARRAY;
      case GROUP -> NodeKind.GROUP;
      case NONE -> NodeKind.NONE;
    };
  }

  @Override
  public N5ArrayMetadata readArray(ReadableStore store, String path) {
    String key = documentKey(path);
    Map<String, Object> doc = document(store, path);
    if (doc == null) {
      throw new NodeNotFoundException(
          path, "no array found at path '" + display(path) + "' (no " + key + ")");
    }
    if (N5Attributes.kind(doc) != N5Attributes.NodeKind.ARRAY) {
      throw new NodeNotFoundException(
          path,
          "no array found at path '"
              + display(path)
              + "' ("
              + key
              + " has no '"
              + N5DatasetAttributes.DIMENSIONS
              + "': a group)");
    }
    N5Attributes.checkVersion(doc, key);
    try {
      return new N5ArrayMetadata(N5DatasetAttributes.fromAttributes(doc, key));
    } catch (InvalidArrayException e) {
      throw new MetadataException("'" + key + "' describes an invalid array: " + e.getMessage(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>N5 holds a fill value of 0 (or none), order C, no filters, and the data types and
   * compressors N5 has names for; anything else is refused with zarr-python's message (where
   * zarr-python only writes metadata it cannot read back, such as strings or records, zarr4j
   * refuses too). The dimension separator and dimension names are not recorded, as zarr-python
   * drops them.
   */
  @Override
  public N5ArrayMetadata newArray(ArrayDefinition d, ReadableStore store) {
    d.requireRegularGrid("N5");
    if (d.shards() != null) {
      throw new dev.zarr4j.exceptions.InvalidArrayException(
          "N5 has no sharding: shards are a Zarr v3 feature (format zarr-v3)");
    }
    if (d.codecs() != null) {
      throw new dev.zarr4j.exceptions.InvalidArrayException(
          "N5 takes filters and a compressor, not a Zarr v3 codec chain (format zarr-v3)");
    }
    if (!d.dtype().isNumpyType()) {
      throw new UnsupportedByFormatException(
          "N5 has no data type for "
              + d.dtype()
              + ": it is a Zarr v3 data type (use format zarr-v3)");
    }
    if (d.objectCodec() != null) {
      throw new InvalidArrayException(
          "N5 cannot hold object arrays (data type " + d.dtype() + ", object codec)");
    }
    return new N5ArrayMetadata(
        N5DatasetAttributes.create(
            d.shape(),
            d.chunks(),
            d.dtype(),
            d.fillValue(),
            d.order(),
            d.filters(),
            d.compressor()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The dataset's attributes replace those of the existing document (its user attributes stay);
   * the document of an array at the store's root also gets the {@code n5} version, which
   * zarr-python needs there.
   */
  @Override
  public void writeArray(Store store, String path, ArrayMetadata metadata) {
    if (!(metadata instanceof N5ArrayMetadata n5)) {
      throw new IllegalArgumentException(
          "n5 writes its own metadata, not " + metadata.format().name() + "'s");
    }
    update(store, path, doc -> N5Attributes.withDataset(doc, n5.dataset(), path.isEmpty()));
  }

  @Override
  public void readGroup(ReadableStore store, String path) {
    String key = documentKey(path);
    Map<String, Object> doc = document(store, path);
    if (doc == null) {
      throw new NodeNotFoundException(
          path, "no group found at path '" + display(path) + "' (no " + key + ")");
    }
    if (N5Attributes.kind(doc) == N5Attributes.NodeKind.ARRAY) {
      throw new NodeNotFoundException(
          path, "no group found at path '" + display(path) + "' (" + key + " describes an array)");
    }
    N5Attributes.checkGroup(doc, key);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The document keeps its user attributes and version; a new one gets {@code "n5": "2.0.0"}, as
   * zarr-python writes into every group.
   */
  @Override
  public void writeGroup(Store store, String path) {
    update(store, path, N5Attributes::withGroup);
  }

  /** {@inheritDoc} Every key of the document but N5's reserved ones. */
  @Override
  public Map<String, Object> readAttributes(ReadableStore store, String path) {
    Map<String, Object> doc = document(store, path);
    return doc == null ? new java.util.LinkedHashMap<>() : N5Attributes.userAttributes(doc);
  }

  /**
   * {@inheritDoc}
   *
   * @throws MetadataException naming the attribute if it is one of N5's reserved keys (zarr-python
   *     warns and then overwrites the node's metadata with it)
   */
  @Override
  public void writeAttributes(Store store, String path, Map<String, Object> attributes) {
    N5Attributes.withUserAttributes(null, attributes); // refuse reserved keys before reading
    update(store, path, doc -> N5Attributes.withUserAttributes(doc, attributes));
  }

  /** Reads, changes and writes a node's document under the lock for its key. */
  private static void update(Store store, String path, UnaryOperator<Map<String, Object>> change) {
    String key = documentKey(path);
    Object lock =
        DOCUMENT_LOCKS[
            Math.floorMod(
                System.identityHashCode(store) * 31 + key.hashCode(), DOCUMENT_LOCKS.length)];
    synchronized (lock) {
      Map<String, Object> next = change.apply(document(store, path));
      store.set(key, N5Attributes.toBytes(next));
    }
  }

  @Override
  public boolean isDocumentName(String name) {
    return N5Attributes.isDocumentName(name);
  }

  @Override
  public List<String> documentKeys(String path) {
    return List.of(documentKey(path));
  }

  /**
   * {@inheritDoc} {@code .zgroup}, as zarr-python's synchronizers lock it on every store, N5's
   * included.
   */
  @Override
  public String hierarchyLockKey() {
    return HIERARCHY_LOCK_KEY;
  }

  /** {@inheritDoc} The Zarr key {@code path/.zarray}, which zarr-python's N5 store maps. */
  @Override
  public String arrayLockKey(String path) {
    return StoreKeys.join(path, ".zarray");
  }

  /** {@inheritDoc} The Zarr key {@code path/.zattrs}, which zarr-python's N5 store maps. */
  @Override
  public String attributesLockKey(String path) {
    return StoreKeys.join(path, ".zattrs");
  }

  /**
   * Refuses: N5 has no consolidated metadata.
   *
   * @throws UnsupportedByFormatException always
   */
  @Override
  public void consolidate(Store store, String metadataKey) {
    throw new UnsupportedByFormatException(
        "N5 has no consolidated metadata: zarr-python's consolidate_metadata on an N5 store writes"
            + " an empty "
            + metadataKey
            + " that open_consolidated cannot open; open the N5 hierarchy directly");
  }

  /**
   * {@inheritDoc}
   *
   * <p>N5 claims a location whose text ends with {@code ".n5"} and is not a URL, as zarr-python's
   * {@code zarr.open("data.n5")} opens an {@code N5Store}.
   */
  @Override
  public boolean claimsLocation(String location) {
    return N5Attributes.isN5StorePath(location);
  }

  private static String display(String path) {
    return path.isEmpty() ? "/" : path;
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  /** Every instance is the same format (it holds no state). */
  @Override
  public boolean equals(Object o) {
    return o instanceof N5Format;
  }

  @Override
  public int hashCode() {
    return NAME.hashCode();
  }

  @Override
  public String toString() {
    return NAME;
  }
}
