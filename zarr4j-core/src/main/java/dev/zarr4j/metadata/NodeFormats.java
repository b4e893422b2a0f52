package dev.zarr4j.metadata;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.store.ReadableStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The metadata formats zarr4j knows, found through {@link ServiceLoader} ({@code
 * META-INF/services/dev.zarr4j.metadata.NodeFormat}): Zarr v2 first, then the others by name.
 */
public final class NodeFormats {
  private static volatile List<NodeFormat> formats;

  private NodeFormats() {}

  /** Every known format, Zarr v2 first. */
  public static List<NodeFormat> all() {
    List<NodeFormat> f = formats;
    if (f == null) {
      synchronized (NodeFormats.class) {
        f = formats;
        if (f == null) {
          List<NodeFormat> list = new ArrayList<>();
          for (NodeFormat nf :
              ServiceLoader.load(NodeFormat.class, NodeFormats.class.getClassLoader())) {
            list.add(nf);
          }
          list.sort(
              (a, b) ->
                  a.name().equals(b.name())
                      ? 0
                      : a.name().equals("zarr-v2")
                          ? -1
                          : b.name().equals("zarr-v2") ? 1 : a.name().compareTo(b.name()));
          f = Collections.unmodifiableList(list);
          formats = f;
        }
      }
    }
    return f;
  }

  /**
   * The format by name.
   *
   * @throws InvalidArrayException naming the known formats when there is none by that name
   */
  public static NodeFormat named(String name) {
    for (NodeFormat f : all()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    List<String> names = new ArrayList<>();
    for (NodeFormat f : all()) {
      names.add(f.name());
    }
    throw new InvalidArrayException("unknown format '" + name + "' (known: " + names + ")");
  }

  /** Zarr v2, the format new hierarchies get unless asked otherwise. */
  public static NodeFormat zarrV2() {
    return named("zarr-v2");
  }

  /**
   * The format a store at {@code location} is in by its name (N5 for a local path ending in {@code
   * ".n5"}, as zarr-python's {@code zarr.open} chooses), if any format claims it ({@link
   * NodeFormat#claimsLocation}). The entry points that take a path use this when no format is
   * chosen.
   *
   * @param location a local path or URL as the user gave it
   */
  public static Optional<NodeFormat> forLocation(String location) {
    if (location == null) {
      return Optional.empty();
    }
    for (NodeFormat f : all()) {
      if (f.claimsLocation(location)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The format a store in {@code directory} is in by the directory's name: {@link
   * #forLocation(String)} of its last segment (so {@code data.n5} and {@code /tmp/data.n5/} are
   * N5), if any.
   */
  public static Optional<NodeFormat> forLocation(java.nio.file.Path directory) {
    java.nio.file.Path name = directory == null ? null : directory.getFileName();
    return name == null ? Optional.empty() : forLocation(name.toString());
  }

  /**
   * The formats in the order {@link #detect} asks them: by {@link NodeFormat#probeRank()} (Zarr v3
   * first: its one document, {@code zarr.json}, says array or group in one read, and zarr-python 3
   * asks it first), then in the order of {@link #all()}.
   */
  public static List<NodeFormat> probeOrder() {
    List<NodeFormat> list = new ArrayList<>(all());
    list.sort(java.util.Comparator.comparingInt(NodeFormat::probeRank)); // stable: ties keep all()
    return Collections.unmodifiableList(list);
  }

  /**
   * The format that finds a node at {@code path}, asked in {@link #probeOrder()}, if any.
   *
   * <p>Nodes of two formats at one path are ambiguous (zarr-python 3 opens the v3 node where
   * zarr-python 2 opens the v2 one beside it). On a store whose reads are cheap every format is
   * asked and two finding a node are refused: the caller must choose the format. On a {@linkplain
   * dev.zarr4j.store.StoreCapabilities#latencyBound() latency-bound} store (HTTP, object stores)
   * each look is a request, so the first format that finds a node is taken, as zarr-python 3 takes
   * the v3 node: finding a v3 node costs one request, a v2 node one more.
   *
   * @throws MetadataException naming the path and both formats' documents when two formats find a
   *     node there (on a store that is not latency-bound)
   */
  public static Optional<NodeFormat> detect(ReadableStore store, String path) {
    return find(store, path).map(Found::format);
  }

  /**
   * A node found by {@link #find}: its format and what it is.
   *
   * @param format the format that found it
   * @param kind an array or a group (never {@link NodeKind#NONE})
   */
  public record Found(NodeFormat format, NodeKind kind) {}

  /**
   * {@link #detect}, with what the node is, so that a caller needs no second look to tell an array
   * from a group.
   *
   * @throws MetadataException as {@link #detect} does
   */
  public static Optional<Found> find(ReadableStore store, String path) {
    List<NodeFormat> formats = probeOrder();
    boolean askAll = !store.capabilities().latencyBound();
    for (int i = 0; i < formats.size(); i++) {
      NodeFormat f = formats.get(i);
      NodeKind kind = f.kindAt(store, path);
      if (kind == NodeKind.NONE) {
        continue;
      }
      for (int j = i + 1; askAll && j < formats.size(); j++) {
        NodeFormat g = formats.get(j);
        if (g.kindAt(store, path) != NodeKind.NONE) {
          // named in the order of all(), whichever was asked first
          boolean fFirst = all().indexOf(f) < all().indexOf(g);
          NodeFormat first = fFirst ? f : g;
          NodeFormat second = fFirst ? g : f;
          throw new MetadataException(
              "both "
                  + first.name()
                  + " and "
                  + second.name()
                  + " find a node at path '"
                  + (path.isEmpty() ? "/" : path)
                  + "' ("
                  + first.documentKeys(path)
                  + " and "
                  + second.documentKeys(path)
                  + "): which one is meant is ambiguous; choose the format in the options");
        }
      }
      return Optional.of(new Found(f, kind));
    }
    return Optional.empty();
  }
}
