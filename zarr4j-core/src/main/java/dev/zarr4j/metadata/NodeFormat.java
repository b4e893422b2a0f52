package dev.zarr4j.metadata;

import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import java.util.Map;

/**
 * One on-disk metadata format of a hierarchy (Zarr v2, N5; Zarr v3 next): the only place that knows
 * the names and layout of its node documents. Arrays, groups, the hierarchy functions and
 * zarr-python's convenience functions reach those documents through this seam alone, so a new
 * format is an addition.
 *
 * <p>Implementations are stateless and thread-safe; formats are found through {@link
 * java.util.ServiceLoader} ({@link NodeFormats}).
 */
public interface NodeFormat {

  /** A short name, e.g. {@code "zarr-v2"} or {@code "n5"}. */
  String name();

  /** What the node at {@code path} is in this format (one look at the store, or a few). */
  NodeKind kindAt(ReadableStore store, String path);

  /**
   * Reads the array at {@code path}.
   *
   * @throws dev.zarr4j.exceptions.NodeNotFoundException if no array is there
   * @throws dev.zarr4j.exceptions.MetadataException naming the document and field if its metadata
   *     is invalid
   */
  ArrayMetadata readArray(ReadableStore store, String path);

  /**
   * Describes a new array in this format, refusing what the format cannot hold.
   *
   * @param store the store it will live in (some formats take defaults from it)
   * @throws dev.zarr4j.exceptions.InvalidArrayException naming what the format cannot hold
   */
  ArrayMetadata newArray(ArrayDefinition definition, ReadableStore store);

  /** Writes an array's metadata at {@code path}, keeping its user attributes. */
  void writeArray(Store store, String path, ArrayMetadata metadata);

  /**
   * Checks the group at {@code path}.
   *
   * @throws dev.zarr4j.exceptions.NodeNotFoundException if no group is there
   * @throws dev.zarr4j.exceptions.MetadataException if its document is invalid
   */
  void readGroup(ReadableStore store, String path);

  /** Writes a group's metadata at {@code path}, keeping its user attributes. */
  void writeGroup(Store store, String path);

  /**
   * The user attributes of the node at {@code path} (empty when it has none), as JSON values.
   *
   * @throws dev.zarr4j.exceptions.MetadataException if the document holding them is invalid
   */
  Map<String, Object> readAttributes(ReadableStore store, String path);

  /** Replaces the user attributes of the node at {@code path}. */
  void writeAttributes(Store store, String path, Map<String, Object> attributes);

  /**
   * Whether a name listed under a node (see {@link dev.zarr4j.store.ListableStore#listDir}) is one
   * of this format's documents rather than a member.
   */
  boolean isDocumentName(String name);

  /**
   * The store keys of the documents of the node at {@code path} that this format writes (whether or
   * not they exist), for functions that copy or lock a node's metadata.
   */
  java.util.List<String> documentKeys(String path);

  /**
   * The key a {@link dev.zarr4j.sync.Synchronizer} locks while the hierarchy's structure changes
   * (zarr-python locks the group document's name, {@code .zgroup} in Zarr v2).
   */
  String hierarchyLockKey();

  /**
   * The key a {@link dev.zarr4j.sync.Synchronizer} locks while the metadata of the array at {@code
   * path} is re-read and rewritten ({@code resize}, {@code append}), as zarr-python locks it: the
   * array document's Zarr key ({@code path/.zarray} in Zarr v2, and in N5, whose zarr-python store
   * maps Zarr keys; {@code path/zarr.json} in Zarr v3).
   */
  String arrayLockKey(String path);

  /**
   * The key a {@link dev.zarr4j.sync.Synchronizer} locks while the attributes of the node at {@code
   * path} are rewritten, as zarr-python locks them ({@code path/.zattrs} in Zarr v2 and N5; in Zarr
   * v3 attributes live in the node's {@code zarr.json}, so it is that document's key, the one
   * {@link #arrayLockKey} names for an array).
   */
  String attributesLockKey(String path);

  /**
   * Writes consolidated metadata: every node document of the store in one document under {@code
   * metadataKey} (zarr-python's {@code consolidate_metadata}).
   *
   * @throws dev.zarr4j.exceptions.UnsupportedByFormatException if the format has no consolidated
   *     metadata
   * @throws dev.zarr4j.exceptions.MetadataException if a document is not valid (nothing is written)
   */
  void consolidate(Store store, String metadataKey);

  /**
   * A read-only view of the store whose node documents come from the consolidated metadata {@link
   * #consolidate} wrote (one read of the store), and whose other keys (chunks) come from the store:
   * what zarr-python's {@code open_consolidated} opens. Zarr v2 reads the document under {@code
   * metadataKey}; a format that keeps consolidated metadata elsewhere (Zarr v3: inline in the root
   * {@code zarr.json}) ignores it.
   *
   * @throws dev.zarr4j.exceptions.NodeNotFoundException if there is no consolidated metadata
   * @throws dev.zarr4j.exceptions.MetadataException if it is not valid
   * @throws dev.zarr4j.exceptions.UnsupportedByFormatException if the format has none (the default)
   */
  default dev.zarr4j.store.ConsolidatedMetadataStore openConsolidated(
      Store store, String metadataKey) {
    throw new dev.zarr4j.exceptions.UnsupportedByFormatException(
        name() + " has no consolidated metadata");
  }

  /**
   * Whether a store at {@code location} is in this format by its name alone, when no format is
   * chosen and nothing is there yet: zarr-python opens a local path ending in {@code ".n5"} as N5.
   * {@link NodeFormats#forLocation(String)} asks every format. None by default.
   *
   * @param location a local path or URL as the user gave it
   */
  default boolean claimsLocation(String location) {
    return false;
  }

  /**
   * Where {@link NodeFormats#probeOrder()} asks this format, lower first: on a latency-bound store
   * each look is a request and the first format that finds a node is taken, so the format whose one
   * document tells array or group (Zarr v3's {@code zarr.json}) goes first, as in zarr-python 3.
   * Ties keep the order of {@link NodeFormats#all()}. 0 by default.
   */
  default int probeRank() {
    return 0;
  }
}
