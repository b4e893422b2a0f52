package dev.zarr4j;

import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.store.Store;

/**
 * A node of a Zarr hierarchy: an {@link ZarrArray array} or a {@link ZarrGroup group}. What {@link
 * ZarrGroup#get(String)} and {@code Convenience.open} return when the caller does not know in
 * advance which of the two lives at a path.
 *
 * <pre>{@code
 * ZarrNode node = root.get("foo/bar");
 * if (node.isArray()) {
 *   long[] shape = node.asArray().shape();
 * }
 * }</pre>
 */
public sealed interface ZarrNode permits ZarrArray, ZarrGroup {

  /** The store holding the node's metadata (and its chunks, unless a chunk store is separate). */
  Store store();

  /** The store holding array chunks: the {@link #store()} unless a separate one was given. */
  Store chunkStore();

  /** The node's normalised path inside the store; {@code ""} for the root. */
  String path();

  /** The last segment of the path; {@code ""} for the root. */
  String basename();

  /** Whether modification through this object is refused. */
  boolean readOnly();

  /** The node's user attributes (where the format keeps them: {@code .zattrs} in Zarr v2). */
  Attributes attrs();

  /** A diagnostic report with the fields zarr-python's {@code info} shows. */
  Info info();

  /** Whether this node is an array. */
  default boolean isArray() {
    return this instanceof ZarrArray;
  }

  /** Whether this node is a group. */
  default boolean isGroup() {
    return this instanceof ZarrGroup;
  }

  /**
   * This node as an array.
   *
   * @throws NodeNotFoundException if it is a group
   */
  default ZarrArray asArray() {
    if (this instanceof ZarrArray a) {
      return a;
    }
    throw new NodeNotFoundException(path(), "path '" + path() + "' holds a group, not an array");
  }

  /**
   * This node as a group.
   *
   * @throws NodeNotFoundException if it is an array
   */
  default ZarrGroup asGroup() {
    if (this instanceof ZarrGroup g) {
      return g;
    }
    throw new NodeNotFoundException(path(), "path '" + path() + "' holds an array, not a group");
  }
}
