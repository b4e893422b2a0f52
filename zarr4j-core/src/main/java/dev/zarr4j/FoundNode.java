package dev.zarr4j;

import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.store.ReadOnceStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node found at a path of a store by one look: its format and whether it is an array or a group,
 * and the documents that look read, which the first open made from it reads instead of the store.
 * zarr-python's {@code zarr.open} looks first and then opens an array or a group; over HTTP or an
 * object store every look is a request, so handing the look's reads to the open makes each document
 * one request per open ({@code Convenience.open} and {@code load} do so).
 *
 * <p>Only the first open made from a found node uses what the look read (and only until it writes
 * anything); later ones read the store afresh, so a found node never serves old metadata to a new
 * open.
 */
public final class FoundNode {
  private final Store store;
  private final String path;
  private final NodeFormat format;
  private final NodeKind kind;
  private final AtomicReference<ReadOnceStore> reads;

  private FoundNode(
      Store store, String path, NodeFormat format, NodeKind kind, ReadOnceStore reads) {
    this.store = store;
    this.path = path;
    this.format = format;
    this.kind = kind;
    this.reads = new AtomicReference<>(reads);
  }

  /**
   * The node at {@code path} of {@code store} in {@code format}, or, when it is null, in the format
   * found there ({@link NodeFormats#find}: Zarr v3 first; on a store that is not latency-bound two
   * formats at one path are refused), if there is one.
   *
   * @param path a store path ({@code null} or {@code ""} for the root; normalised)
   * @throws dev.zarr4j.exceptions.MetadataException if a document found is invalid, or two formats
   *     find a node at the path (see {@link NodeFormats#find})
   */
  public static Optional<FoundNode> at(Store store, String path, NodeFormat format) {
    Objects.requireNonNull(store, "store");
    String p = StoreKeys.normalizePath(path);
    ReadOnceStore reads = ReadOnceStore.over(store);
    if (format != null) {
      NodeKind kind = format.kindAt(reads, p);
      return kind == NodeKind.NONE
          ? Optional.empty()
          : Optional.of(new FoundNode(store, p, format, kind, reads));
    }
    return NodeFormats.find(reads, p)
        .map(f -> new FoundNode(store, p, f.format(), f.kind(), reads));
  }

  /** The store the node was found in. */
  public Store store() {
    return store;
  }

  /** The node's normalised path. */
  public String path() {
    return path;
  }

  /** The format the node was found in. */
  public NodeFormat format() {
    return format;
  }

  /** An array or a group (never {@link NodeKind#NONE}). */
  public NodeKind kind() {
    return kind;
  }

  /** What the look read, for the first open only; a fresh view for every later one. */
  private ReadOnceStore takeReads() {
    ReadOnceStore r = reads.getAndSet(null);
    return r != null ? r : ReadOnceStore.over(store);
  }

  /**
   * Opens the array as {@link Zarr#openArray(Store, OpenMode, ArrayOptions)} does, at this node's
   * path and in its format whatever the options say.
   *
   * @throws dev.zarr4j.exceptions.NodeNotFoundException in {@code r}/{@code r+} if the node is a
   *     group
   */
  public ZarrArray openArray(OpenMode mode, ArrayOptions options) {
    ArrayOptions o = options.toBuilder().path(path).format(format).build();
    return Zarr.openArray(store, takeReads(), mode, o);
  }

  /**
   * Opens the group as {@link Zarr#openGroup(Store, OpenMode, GroupOptions)} does, at this node's
   * path and in its format whatever the options say.
   *
   * @throws dev.zarr4j.exceptions.NodeNotFoundException in {@code r}/{@code r+} if the node is an
   *     array
   */
  public ZarrGroup openGroup(OpenMode mode, GroupOptions options) {
    GroupOptions o = options.toBuilder().path(path).format(format).build();
    return ZarrGroup.open(store, takeReads(), mode, o);
  }

  @Override
  public String toString() {
    return kind.toString().toLowerCase(java.util.Locale.ROOT)
        + " at '"
        + (path.isEmpty() ? "/" : path)
        + "' ("
        + format.name()
        + ") in "
        + store;
  }
}
