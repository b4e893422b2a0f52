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
   * The first format that finds a node at {@code path}, in the order of {@link #all()}, if any.
   *
   * <p>Nodes of two formats at one path are ambiguous (zarr-python 3 would open a v3 node where
   * zarr-python 2 opens the v2 one beside it), so that is refused: the caller must choose the
   * format. Every format is asked, so finding the format costs one look per format.
   *
   * @throws MetadataException naming the path and both formats' documents when two formats find a
   *     node there
   */
  public static Optional<NodeFormat> detect(ReadableStore store, String path) {
    List<NodeFormat> formats = all();
    for (int i = 0; i < formats.size(); i++) {
      NodeFormat f = formats.get(i);
      if (f.kindAt(store, path) == NodeKind.NONE) {
        continue;
      }
      for (int j = i + 1; j < formats.size(); j++) {
        NodeFormat g = formats.get(j);
        if (g.kindAt(store, path) != NodeKind.NONE) {
          throw new MetadataException(
              "both "
                  + f.name()
                  + " and "
                  + g.name()
                  + " find a node at path '"
                  + (path.isEmpty() ? "/" : path)
                  + "' ("
                  + f.documentKeys(path)
                  + " and "
                  + g.documentKeys(path)
                  + "): which one is meant is ambiguous; choose the format in the options");
        }
      }
      return Optional.of(f);
    }
    return Optional.empty();
  }
}
