package dev.zarr4j.hierarchy;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Store-level operations on a hierarchy, the counterparts of zarr-python's {@code zarr.storage}
 * functions {@code contains_array}, {@code contains_group}, {@code init_group}, {@code rmdir} and
 * {@code rename}. Node documents are read and written through the hierarchy's {@link NodeFormat};
 * the forms without a format look for a node in every known format and create Zarr v2 groups. Paths
 * are normalised with {@link StoreKeys#normalizePath} first, so {@code "/foo//bar/"} and {@code
 * "foo/bar"} name the same node.
 *
 * <p>Most code uses {@link dev.zarr4j.ZarrGroup} instead; these functions are for tools that work
 * on a store directly.
 */
public final class Hierarchy {
  private Hierarchy() {}

  /**
   * What is at {@code path} in the first known format that finds a node there (in {@link
   * NodeFormats#probeOrder()}, Zarr v3 first, as {@link NodeFormats#detect} asks them), or {@link
   * NodeKind#NONE}. Later formats are not asked once one finds a node.
   */
  public static NodeKind kindAt(Store store, String path) {
    String p = StoreKeys.normalizePath(path);
    for (NodeFormat f : NodeFormats.probeOrder()) {
      NodeKind k = f.kindAt(store, p);
      if (k != NodeKind.NONE) {
        return k;
      }
    }
    return NodeKind.NONE;
  }

  /** Whether an array exists at {@code path} (see {@link #kindAt(Store, String)}). */
  public static boolean containsArray(Store store, String path) {
    return kindAt(store, path) == NodeKind.ARRAY;
  }

  /** Whether a group exists at {@code path} (see {@link #kindAt(Store, String)}). */
  public static boolean containsGroup(Store store, String path) {
    return kindAt(store, path) == NodeKind.GROUP;
  }

  /** What is at {@code path} in {@code format}. */
  public static NodeKind kindAt(NodeFormat format, Store store, String path) {
    return format.kindAt(store, StoreKeys.normalizePath(path));
  }

  /** {@link #initGroup(NodeFormat, Store, String, Store, boolean)} for Zarr v2. */
  public static void initGroup(Store store, String path, Store chunkStore, boolean overwrite) {
    initGroup(NodeFormats.zarrV2(), store, path, chunkStore, overwrite);
  }

  /**
   * Writes the metadata of a new group at {@code path}, and of every ancestor that is not a group
   * yet (creating {@code "a/b/c"} makes {@code ""}, {@code "a"} and {@code "a/b"} groups too).
   *
   * <p>Without {@code overwrite}, an array or group at {@code path}, or an array at an ancestor, is
   * an error and nothing is written. With it, whatever is at {@code path} (in both stores) is
   * deleted first, and an ancestor that is an array is replaced by a group.
   *
   * @param format the hierarchy's metadata format
   * @param store the store for metadata
   * @param path the group's path
   * @param chunkStore a separate chunk store to clear on overwrite, or null
   * @param overwrite replace what is there
   * @throws NodeExistsException without overwrite, when a node is in the way (naming its path)
   * @throws dev.zarr4j.exceptions.ReadOnlyException when the store refuses writes
   */
  public static void initGroup(
      NodeFormat format, Store store, String path, Store chunkStore, boolean overwrite) {
    String p = StoreKeys.normalizePath(path);
    if (!overwrite) {
      NodeKind kind = format.kindAt(store, p);
      if (kind == NodeKind.ARRAY) {
        throw new NodeExistsException(p, "an array already exists at path '" + display(p) + "'");
      }
      if (kind == NodeKind.GROUP) {
        throw new NodeExistsException(p, "a group already exists at path '" + display(p) + "'");
      }
    }
    requireParentGroups(format, store, p, chunkStore, overwrite);
    if (overwrite) {
      store.deletePrefix(p);
      if (chunkStore != null) {
        chunkStore.deletePrefix(p);
      }
    }
    format.writeGroup(store, p);
  }

  /**
   * Makes every proper ancestor of {@code path} a group (zarr-python's {@code
   * _require_parent_group}), for a node about to be created at {@code path}: writes a group
   * document where it is missing.
   *
   * <p>Without {@code overwrite}, an ancestor that is an array is an error; every ancestor is
   * checked before anything is written, so a refused request leaves the store as it was. With it,
   * such an ancestor is deleted (in both stores) and replaced by a group.
   *
   * @param format the hierarchy's metadata format
   * @param store the store for metadata
   * @param path the path of the node to be created
   * @param chunkStore a separate chunk store to clear on overwrite, or null
   * @param overwrite replace an ancestor that is an array
   * @throws NodeExistsException without overwrite, naming the first ancestor that is an array
   * @throws dev.zarr4j.exceptions.ReadOnlyException when the store refuses writes
   */
  public static void requireParentGroups(
      NodeFormat format, Store store, String path, Store chunkStore, boolean overwrite) {
    String p = StoreKeys.normalizePath(path);
    List<String> ancestors = ancestors(p);
    List<NodeKind> kinds = new ArrayList<>();
    for (String a : ancestors) {
      NodeKind k = format.kindAt(store, a);
      kinds.add(k);
      if (!overwrite && k == NodeKind.ARRAY) {
        throw new NodeExistsException(
            a, "cannot create '" + display(p) + "': its ancestor '" + display(a) + "' is an array");
      }
    }
    for (int i = 0; i < ancestors.size(); i++) {
      String a = ancestors.get(i);
      if (kinds.get(i) == NodeKind.ARRAY) {
        store.deletePrefix(a);
        if (chunkStore != null) {
          chunkStore.deletePrefix(a);
        }
        format.writeGroup(store, a);
      } else if (kinds.get(i) != NodeKind.GROUP) {
        format.writeGroup(store, a);
      }
    }
  }

  /** {@link #requireParentGroups(NodeFormat, Store, String, Store, boolean)} for Zarr v2. */
  public static void requireParentGroups(
      Store store, String path, Store chunkStore, boolean overwrite) {
    requireParentGroups(NodeFormats.zarrV2(), store, path, chunkStore, overwrite);
  }

  /**
   * Deletes the node at {@code path} and everything below it (zarr-python's {@code rmdir}); the
   * root path empties the store.
   */
  public static void rmdir(Store store, String path) {
    store.deletePrefix(StoreKeys.normalizePath(path));
  }

  /**
   * Moves the node at {@code source}, with every key below it, to the same place below {@code dest}
   * (zarr-python's {@code rename}), with the store's {@link Store#rename}: a directory store moves
   * the directory in one step; other stores copy each key and then delete it.
   *
   * @throws InvalidKeyException if either path is the root, or one lies inside the other
   */
  public static void rename(Store store, String source, String dest) {
    String src = StoreKeys.normalizePath(source);
    String dst = StoreKeys.normalizePath(dest);
    if (src.isEmpty() || dst.isEmpty()) {
      throw new InvalidKeyException(
          "cannot move the root of a store (from '"
              + display(src)
              + "' to '"
              + display(dst)
              + "')");
    }
    store.rename(src, dst);
  }

  /**
   * The proper ancestors of a normalised path, root first: {@code "a/b"} gives {@code "", "a"}; the
   * root has none.
   */
  public static List<String> ancestors(String path) {
    List<String> out = new ArrayList<>();
    if (path.isEmpty()) {
      return out;
    }
    out.add("");
    int slash = path.indexOf('/');
    while (slash >= 0) {
      out.add(path.substring(0, slash));
      slash = path.indexOf('/', slash + 1);
    }
    return out;
  }

  /** A path as messages show it: {@code "/"} for the root. */
  static String display(String path) {
    return path.isEmpty() ? "/" : path;
  }
}
