package dev.zarr4j.convenience;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Chunks;
import dev.zarr4j.FoundNode;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.exceptions.CopyException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.hierarchy.TreeView;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.internal.WaitingTasks;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.metadata.v2.FormatOneMigration;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.pipeline.ChunkPipeline;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.ConsolidatedMetadataStore;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import dev.zarr4j.store.Stores;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * zarr-python's {@code zarr.convenience} functions: {@link #open} (an array or a group, whichever
 * is there), {@link #save} / {@link #load}, {@link #copy}, {@link #copyAll} and {@link #copyStore},
 * {@link #consolidateMetadata} / {@link #openConsolidated}, {@link #tree} and {@link #migrate1to2}.
 *
 * <pre>{@code
 * Convenience.save(Path.of("data/example.zarr"), NdArray.arange(DataType.INT64, 10));
 * NdArray a = Convenience.loadArray(Path.of("data/example.zarr"), null);
 *
 * Convenience.consolidateMetadata(store);
 * ZarrGroup root = Convenience.openConsolidated(store, OpenMode.READ).asGroup();
 * }</pre>
 *
 * <p>Functions that take a directory {@link Path} open a {@link DirectoryStore} there; those that
 * return a group opened that way make the group close the store when it is closed.
 */
public final class Convenience {

  private Convenience() {}

  // ------------------------------------------------------------------ open

  /**
   * Opens an array or a group, whichever the mode and the store call for (zarr-python's {@code
   * zarr.open}): in {@code w} and {@code w-} an array if the options give a shape, else a group; in
   * {@code a} an array if a shape is given or an array exists, else a group; in {@code r} and
   * {@code r+} whatever exists. The options' path selects the node; the array options apply when an
   * array is opened or created, their path, chunk store, attribute caching and synchronizer when a
   * group is.
   *
   * @throws NodeNotFoundException in {@code r}/{@code r+} when nothing exists at the path (naming
   *     it)
   * @throws dev.zarr4j.exceptions.NodeExistsException in {@code w-} when something exists there
   */
  public static ZarrNode open(Store store, OpenMode mode, ArrayOptions options) {
    return open(store, mode, options, false);
  }

  /** {@link #open(Store, OpenMode, ArrayOptions)} at the root with default options. */
  public static ZarrNode open(Store store, OpenMode mode) {
    return open(store, mode, ArrayOptions.defaults());
  }

  /**
   * {@link #open(Store, OpenMode, ArrayOptions)} on a directory store at {@code directory}; a group
   * opened so closes the store when closed. In {@code r} and {@code r+} nothing is created on disk.
   */
  public static ZarrNode open(Path directory, OpenMode mode, ArrayOptions options) {
    return open(Zarr.storeAt(directory, mode), mode, withFormatOf(directory, options), true);
  }

  /**
   * The options with the format {@code directory}'s name implies ({@link Zarr#formatOf(Path)}: N5
   * for {@code *.n5}) when they choose none.
   */
  private static ArrayOptions withFormatOf(Path directory, ArrayOptions options) {
    NodeFormat f = options.format() == null ? Zarr.formatOf(directory) : null;
    return f == null ? options : options.toBuilder().format(f).build();
  }

  /** {@link #open(Path, OpenMode, ArrayOptions)} at the root with default options. */
  public static ZarrNode open(Path directory, OpenMode mode) {
    return open(directory, mode, ArrayOptions.defaults());
  }

  /**
   * {@link #open(Store, OpenMode, ArrayOptions)} on the store a URL or path names (zarr-python's
   * {@code zarr.open("s3://bucket/data.zarr", mode, storage_options=...)}): the store is opened
   * with {@link Stores#open(String, Map)} in mode {@code r} (read-only; stores that cannot list,
   * such as {@code https://}, open through {@link dev.zarr4j.store.ReadOnlyStore}) and with {@link
   * Stores#openWritable} in every other mode. A plain path opens as {@link #open(Path, OpenMode,
   * ArrayOptions)} does ({@code *.n5} directories are N5). A group opened so closes the store when
   * closed; an array keeps it open (an array has no {@code close}): to control the store's life,
   * open it with {@link Stores#open} and pass it to {@link #open(Store, OpenMode, ArrayOptions)}.
   *
   * @param storageOptions options for the store's provider (fsspec's {@code storage_options}), or
   *     {@code null}
   * @throws dev.zarr4j.exceptions.StoreException naming the URL when no provider serves its scheme
   *     or the store cannot be opened
   * @throws dev.zarr4j.exceptions.ReadOnlyException when a mode other than {@code r} names a
   *     read-only store
   * @throws NodeNotFoundException in {@code r}/{@code r+} when nothing exists at the path
   */
  public static ZarrNode open(
      String url, OpenMode mode, Map<String, Object> storageOptions, ArrayOptions options) {
    if (Stores.isPlainPath(url)) {
      Path path = Path.of(url);
      if (!Stores.claims(path)) {
        return open(path, mode, options);
      }
    }
    Store store =
        mode == OpenMode.READ
            ? ReadOnlyStore.of(Stores.open(url, storageOptions))
            : Stores.openWritable(url, storageOptions);
    try {
      return open(store, mode, options, true);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** {@link #open(String, OpenMode, Map, ArrayOptions)} at the root with default options. */
  public static ZarrNode open(String url, OpenMode mode, Map<String, Object> storageOptions) {
    return open(url, mode, storageOptions, ArrayOptions.defaults());
  }

  private static ZarrNode open(Store store, OpenMode mode, ArrayOptions options, boolean owns) {
    String path = StoreKeys.normalizePath(options.path());
    ArrayOptions o = options.toBuilder().path(path).build();
    FoundNode found = null;
    boolean array;
    switch (mode) {
      case WRITE:
      case CREATE:
        array = o.shape() != null;
        break;
      case APPEND:
        if (o.shape() != null) {
          array = true;
          break;
        }
        found = FoundNode.at(store, path, o.format()).orElse(null);
        array = found != null && found.kind() == NodeKind.ARRAY;
        break;
      default:
        found = FoundNode.at(store, path, o.format()).orElse(null);
        if (found == null) {
          throw new NodeNotFoundException(
              path, "nothing found at path '" + (path.isEmpty() ? "/" : path) + "' in " + store);
        }
        array = found.kind() == NodeKind.ARRAY;
    }
    GroupOptions g = GroupOptions.from(o).toBuilder().closeStore(owns).build();
    if (found != null) {
      // the open reads what the look read: each document once
      return array ? found.openArray(mode, o) : found.openGroup(mode, g);
    }
    return array ? Zarr.openArray(store, mode, o) : Zarr.openGroup(store, mode, g);
  }

  // ------------------------------------------------------------------ save and load

  /**
   * Saves one array (zarr-python's {@code save_array}): creates it at the options' path, replacing
   * whatever is there, and writes the data. The other options (compressor, chunks, ...) apply as in
   * {@link Zarr#array}.
   */
  public static void saveArray(Store store, NdArray data, ArrayOptions options) {
    if (options.store() != null && !options.store().equals(store)) {
      throw new IllegalArgumentException("options name a different store than the one to save to");
    }
    Zarr.array(data, options.toBuilder().store(store).overwrite(true).build());
  }

  /** {@link #saveArray(Store, NdArray, ArrayOptions)} at the root with default options. */
  public static void saveArray(Store store, NdArray data) {
    saveArray(store, data, ArrayOptions.defaults());
  }

  /** {@link #saveArray(Store, NdArray, ArrayOptions)} to a directory store, closed afterwards. */
  public static void saveArray(Path directory, NdArray data, ArrayOptions options) {
    try (Store store = Zarr.directoryStore(directory)) {
      saveArray(store, data, withFormatOf(directory, options));
    }
  }

  /** {@link #saveArray(Path, NdArray, ArrayOptions)} at the root with default options. */
  public static void saveArray(Path directory, NdArray data) {
    saveArray(directory, data, ArrayOptions.defaults());
  }

  /**
   * Saves several arrays in a group (zarr-python's {@code save_group}, like NumPy's {@code savez}):
   * the group at {@code path} is created anew (replacing what is there), the positional arrays are
   * named {@code arr_0}, {@code arr_1}, ... and the named ones by their keys, with default options.
   *
   * @throws InvalidArrayException if no array is given
   */
  public static void saveGroup(
      Store store, String path, List<NdArray> arrays, Map<String, NdArray> named) {
    saveGroup(store, path, arrays, named, null);
  }

  private static void saveGroup(
      Store store,
      String path,
      List<NdArray> arrays,
      Map<String, NdArray> named,
      NodeFormat format) {
    if (arrays.isEmpty() && named.isEmpty()) {
      throw new InvalidArrayException("at least one array must be given to save");
    }
    ZarrGroup g =
        Zarr.group(store, GroupOptions.builder().path(path).overwrite(true).format(format).build());
    ArrayOptions replace = ArrayOptions.builder().overwrite(true).build();
    for (int i = 0; i < arrays.size(); i++) {
      g.createDataset("arr_" + i, arrays.get(i), replace);
    }
    for (Map.Entry<String, NdArray> e : named.entrySet()) {
      g.createDataset(e.getKey(), e.getValue(), replace);
    }
  }

  /** Saves arrays named {@code arr_0}, {@code arr_1}, ... in the root group of {@code store}. */
  public static void saveGroup(Store store, NdArray... arrays) {
    saveGroup(store, null, List.of(arrays), Map.of());
  }

  /** Saves arrays under their names in the root group of {@code store}, in the map's order. */
  public static void saveGroup(Store store, Map<String, NdArray> named) {
    saveGroup(store, null, List.of(), named);
  }

  /** {@link #saveGroup(Store, String, List, Map)} to a directory store, closed afterwards. */
  public static void saveGroup(
      Path directory, String path, List<NdArray> arrays, Map<String, NdArray> named) {
    try (Store store = Zarr.directoryStore(directory)) {
      saveGroup(store, path, arrays, named, Zarr.formatOf(directory));
    }
  }

  /** {@link #saveGroup(Store, NdArray...)} to a directory store. */
  public static void saveGroup(Path directory, NdArray... arrays) {
    saveGroup(directory, null, List.of(arrays), Map.of());
  }

  /** {@link #saveGroup(Store, Map)} to a directory store. */
  public static void saveGroup(Path directory, Map<String, NdArray> named) {
    saveGroup(directory, null, List.of(), named);
  }

  /**
   * Saves one array or several (zarr-python's {@code save}): a single positional array with no
   * named ones is saved as an array at {@code path}, anything else as a group.
   */
  public static void save(
      Store store, String path, List<NdArray> arrays, Map<String, NdArray> named) {
    save(store, path, arrays, named, null);
  }

  private static void save(
      Store store,
      String path,
      List<NdArray> arrays,
      Map<String, NdArray> named,
      NodeFormat format) {
    if (arrays.size() == 1 && named.isEmpty()) {
      saveArray(store, arrays.get(0), ArrayOptions.builder().path(path).format(format).build());
    } else {
      saveGroup(store, path, arrays, named, format);
    }
  }

  /** {@link #save(Store, String, List, Map)} of positional arrays at the root. */
  public static void save(Store store, NdArray... arrays) {
    save(store, null, List.of(arrays), Map.of());
  }

  /** {@link #save(Store, String, List, Map)} of named arrays at the root. */
  public static void save(Store store, Map<String, NdArray> named) {
    save(store, null, List.of(), named);
  }

  /** {@link #save(Store, String, List, Map)} to a directory store, closed afterwards. */
  public static void save(
      Path directory, String path, List<NdArray> arrays, Map<String, NdArray> named) {
    try (Store store = Zarr.directoryStore(directory)) {
      save(store, path, arrays, named, Zarr.formatOf(directory));
    }
  }

  /** {@link #save(Store, NdArray...)} to a directory store. */
  public static void save(Path directory, NdArray... arrays) {
    save(directory, null, List.of(arrays), Map.of());
  }

  /** {@link #save(Store, Map)} to a directory store. */
  public static void save(Path directory, Map<String, NdArray> named) {
    save(directory, null, List.of(), named);
  }

  /**
   * Loads what is at {@code path} (zarr-python's {@code load}): an array's data as an {@link
   * NdArray}, or for a group a {@link LazyLoader} that reads each array when asked for it.
   *
   * @throws NodeNotFoundException if nothing is there (zarr-python returns {@code None})
   */
  public static Object load(Store store, String path) {
    return load(store, path, null);
  }

  private static Object load(Store store, String path, NodeFormat format) {
    String p = StoreKeys.normalizePath(path);
    FoundNode found =
        FoundNode.at(store, p, format)
            .orElseThrow(
                () ->
                    new NodeNotFoundException(
                        p,
                        "nothing to load at path '" + (p.isEmpty() ? "/" : p) + "' in " + store));
    if (found.kind() == NodeKind.ARRAY) {
      return found.openArray(OpenMode.READ, ArrayOptions.defaults()).get();
    }
    return new LazyLoader(found.openGroup(OpenMode.READ, GroupOptions.defaults()));
  }

  /** {@link #load(Store, String)} from the root. */
  public static Object load(Store store) {
    return load(store, null);
  }

  /** {@link #load(Store, String)} from a directory store. */
  public static Object load(Path directory, String path) {
    return load(Zarr.directoryStore(directory), path, Zarr.formatOf(directory));
  }

  /** {@link #load(Store, String)} from the root of a directory store. */
  public static Object load(Path directory) {
    return load(directory, null);
  }

  /**
   * Reads the whole array at {@code path} into memory.
   *
   * @throws NodeNotFoundException if no array is there
   */
  public static NdArray loadArray(Store store, String path) {
    return loadArray(store, path, null);
  }

  private static NdArray loadArray(Store store, String path, NodeFormat format) {
    return Zarr.openArray(
            store,
            OpenMode.READ,
            ArrayOptions.builder().path(StoreKeys.normalizePath(path)).format(format).build())
        .get();
  }

  /** {@link #loadArray(Store, String)} from a directory store. */
  public static NdArray loadArray(Path directory, String path) {
    try (Store store = Zarr.directoryStore(directory)) {
      return loadArray(store, path, Zarr.formatOf(directory));
    }
  }

  /**
   * The arrays of the group at {@code path}, each read on first use.
   *
   * @throws NodeNotFoundException if no group is there
   */
  public static LazyLoader loadGroup(Store store, String path) {
    return loadGroup(store, path, null);
  }

  private static LazyLoader loadGroup(Store store, String path, NodeFormat format) {
    return new LazyLoader(
        Zarr.openGroup(
            store, OpenMode.READ, GroupOptions.builder().path(path).format(format).build()));
  }

  /** {@link #loadGroup(Store, String)} from a directory store. */
  public static LazyLoader loadGroup(Path directory, String path) {
    return loadGroup(Zarr.directoryStore(directory), path, Zarr.formatOf(directory));
  }

  // ------------------------------------------------------------------ tree

  /** {@code group.tree()}, as zarr-python's {@code zarr.tree(group)}. */
  public static TreeView tree(ZarrGroup group) {
    return group.tree();
  }

  /**
   * {@code group.tree(expand, level)}, as zarr-python's {@code zarr.tree(group, expand, level)}.
   */
  public static TreeView tree(ZarrGroup group, boolean expand, Integer level) {
    return group.tree(expand, level);
  }

  // ------------------------------------------------------------------ copy

  /**
   * Copies an array or a group (with everything below it, unless shallow) into {@code dest}
   * (zarr-python's {@code copy}). Arrays are created with the source's chunks, compressor, filters,
   * order and fill value unless the options' {@link CopyOptions#createOptions()} set them, and
   * their data is copied chunk by chunk (stored chunk bytes as they are when the new array's layout
   * and codecs equal the source's). The log gets one line per object ({@code copy /foo/bar/baz
   * (100,) int64}) and a summary ({@code all done: 3 copied, 0 skipped, 800 bytes copied}).
   *
   * @throws CopyException if an object is in the way and {@link IfExists#RAISE} applies, or the
   *     source is a root group and no name is given
   */
  public static CopyResult copy(ZarrNode source, ZarrGroup dest, CopyOptions options) {
    Consumer<String> log = logOf(options);
    long[] n = copyNode(log, source, dest, options.name(), true, options);
    summary(log, options.dryRun(), n[0], n[1], n[2]);
    return new CopyResult(n[0], n[1], n[2]);
  }

  /** {@link #copy(ZarrNode, ZarrGroup, CopyOptions)} with default options. */
  public static CopyResult copy(ZarrNode source, ZarrGroup dest) {
    return copy(source, dest, CopyOptions.defaults());
  }

  /**
   * Copies every member of {@code source} into {@code dest} (zarr-python's {@code copy_all}), then
   * the source group's attributes onto the destination group (not in a dry run, nor without
   * attributes). {@link CopyOptions#name()} is ignored.
   */
  public static CopyResult copyAll(ZarrGroup source, ZarrGroup dest, CopyOptions options) {
    Consumer<String> log = logOf(options);
    long copied = 0;
    long skipped = 0;
    long bytes = 0;
    for (Map.Entry<String, ZarrNode> e : source.members().entrySet()) {
      long[] n = copyNode(log, e.getValue(), dest, e.getKey(), false, options);
      copied += n[0];
      skipped += n[1];
      bytes += n[2];
    }
    if (!options.dryRun() && !options.withoutAttrs()) {
      dest.attrs().update(source.attrs().asMap());
    }
    summary(log, options.dryRun(), copied, skipped, bytes);
    return new CopyResult(copied, skipped, bytes);
  }

  /** {@link #copyAll(ZarrGroup, ZarrGroup, CopyOptions)} with default options. */
  public static CopyResult copyAll(ZarrGroup source, ZarrGroup dest) {
    return copyAll(source, dest, CopyOptions.defaults());
  }

  /**
   * Copies one node; returns {copied, skipped, bytes}. {@code dest} is null in a dry run below a
   * group not created.
   */
  private static long[] copyNode(
      Consumer<String> log,
      ZarrNode source,
      ZarrGroup dest,
      String name,
      boolean root,
      CopyOptions o) {
    if (name == null) {
      name = source.basename();
      if (name.isEmpty()) {
        throw new CopyException(
            "the source is the root of its store and has no name; give a name to copy it to");
      }
    }
    String sourceName = "/" + source.path();
    if (source instanceof ZarrArray array) {
      boolean exists = dest != null && dest.contains(name);
      boolean doCopy = true;
      if (exists) {
        switch (o.ifExists()) {
          case RAISE:
            throw new CopyException(
                "an object '" + name + "' already exists in destination '" + dest.name() + "'");
          case SKIP:
            doCopy = false;
            break;
          case SKIP_INITIALIZED:
            ZarrNode there = dest.get(name);
            if (there instanceof ZarrArray a && a.nchunksInitialized() == a.nchunks()) {
              doCopy = false;
            }
            break;
          default:
            break;
        }
      }
      String what = sourceName + " " + PythonText.tuple(array.shape()) + " " + array.dtype();
      if (!doCopy) {
        log.accept("skip " + what);
        return new long[] {0, 1, 0};
      }
      log.accept("copy " + what);
      long bytes = 0;
      if (!o.dryRun()) {
        if (exists) {
          dest.remove(name);
        }
        ZarrArray ds =
            dest.createDataset(name, createOptions(array, o.createOptions(), dest.format()));
        copyData(array, ds, o.progress());
        bytes = ds.size() * ds.dtype().itemSize();
        if (!o.withoutAttrs()) {
          ds.attrs().update(array.attrs().asMap());
        }
      }
      return new long[] {1, 0, bytes};
    }
    ZarrGroup group = (ZarrGroup) source;
    if (!root && o.shallow()) {
      return new long[] {0, 0, 0};
    }
    boolean arrayInTheWay = dest != null && dest.find(name).map(ZarrNode::isArray).orElse(false);
    if (arrayInTheWay) {
      if (o.ifExists() == IfExists.RAISE) {
        throw new CopyException(
            "an array '" + name + "' already exists in destination '" + dest.name() + "'");
      }
      if (o.ifExists() == IfExists.SKIP) {
        log.accept("skip " + sourceName);
        return new long[] {0, 1, 0};
      }
    }
    log.accept("copy " + sourceName);
    ZarrGroup target;
    if (!o.dryRun()) {
      if (arrayInTheWay) {
        dest.remove(name);
      }
      target = dest.requireGroup(name);
      if (!o.withoutAttrs()) {
        target.attrs().update(group.attrs().asMap());
      }
    } else {
      target =
          dest == null
              ? null
              : dest.find(name).filter(ZarrNode::isGroup).map(ZarrNode::asGroup).orElse(null);
    }
    long[] total = {1, 0, 0};
    for (Map.Entry<String, ZarrNode> e : group.members().entrySet()) {
      long[] n = copyNode(log, e.getValue(), target, e.getKey(), false, o);
      total[0] += n[0];
      total[1] += n[1];
      total[2] += n[2];
    }
    return total;
  }

  /**
   * The source array's settings, each replaced by the overrides that are set. A sharded source
   * keeps its shards in a destination of the same format and becomes plain chunks in another (Zarr
   * v2 and N5 have no shards).
   */
  private static long[][] longs(int[][] a) {
    long[][] out = new long[a.length][];
    for (int d = 0; d < a.length; d++) {
      out[d] = new long[a[d].length];
      for (int k = 0; k < a[d].length; k++) {
        out[d][k] = a[d][k];
      }
    }
    return out;
  }

  private static ArrayOptions createOptions(
      ZarrArray source, ArrayOptions overrides, NodeFormat destFormat) {
    ArrayOptions.Builder b = overrides.toBuilder().shape(source.shape());
    if (overrides.dtype() == null) {
      b.dtype(source.dtype());
    }
    boolean sharded = source.spec().codecs().innerChunks() != null;
    if (overrides.chunks() == null && !source.spec().grid().isRegular() && !sharded) {
      b.chunks(Chunks.sizes(longs(source.chunkSizes())));
    } else if (overrides.chunks() == null) {
      int[] c = source.chunks();
      long[] chunks = new long[c.length];
      for (int i = 0; i < c.length; i++) {
        chunks[i] = c[i];
      }
      b.chunks(chunks);
    }
    if (overrides.chunks() == null
        && overrides.shards() == null
        && overrides.shardSizes() == null
        && sharded
        && !source.spec().grid().isRegular()
        && destFormat.equals(source.format())) {
      // lengths cut at the array's end, rounded up again to whole inner chunks
      long[][] sizes = longs(source.shardSizes());
      int[] inner = source.chunks();
      for (int d = 0; d < sizes.length; d++) {
        for (int k = 0; k < sizes[d].length; k++) {
          sizes[d][k] = (sizes[d][k] + inner[d] - 1) / inner[d] * inner[d];
        }
      }
      b.shardSizes(sizes);
    } else if (overrides.chunks() == null
        && overrides.shards() == null
        && source.shards() != null
        && destFormat.equals(source.format())) {
      int[] s = source.shards();
      long[] shards = new long[s.length];
      for (int i = 0; i < s.length; i++) {
        shards[i] = s[i];
      }
      b.shards(shards);
    }
    if (!overrides.isCompressorSet()) {
      b.compressor(source.compressor());
    }
    if (overrides.filters() == null) {
      b.filters(source.filters());
    }
    if (overrides.order() == null) {
      b.order(source.order());
    }
    if (!overrides.isFillValueSet()) {
      b.fillValue(source.fillValue());
    }
    if (overrides.objectCodec() == null && source.objectCodec() != null) {
      b.objectCodec(source.objectCodec());
    }
    return b.build();
  }

  /**
   * Copies an array's data into a new array of the same shape. When both have the same layout and
   * codecs, stored chunks are copied as bytes; chunks the source lacks are written as fill-value
   * chunks, as a decoded copy would store them. Otherwise data is read and written chunk by chunk.
   */
  static void copyData(ZarrArray source, ZarrArray dest, CopyProgress progress) {
    CopyProgress p = progress != null ? progress : NO_PROGRESS;
    p.arrayStarted(dest.path(), dest.spec().chunkCount());
    copyChunks(source, dest, p);
    p.arrayFinished(dest.path());
  }

  private static final CopyProgress NO_PROGRESS =
      new CopyProgress() {
        @Override
        public void arrayStarted(String path, long chunks) {}

        @Override
        public void chunksCopied(long n) {}
      };

  private static void copyChunks(ZarrArray source, ZarrArray dest, CopyProgress p) {
    ArraySpec spec = source.spec();
    if (!spec.equals(dest.spec()) || !dest.writeEmptyChunks()) {
      dest.copyFrom(source, p::chunksCopied); // streams chunk by chunk
      return;
    }
    long[] grid = spec.gridShape();
    for (long g : grid) {
      if (g == 0) {
        return;
      }
    }
    Store from = source.chunkStore();
    Store to = dest.chunkStore();
    Consumer<long[]> copyChunk =
        c -> {
          String key = spec.chunkKey(c);
          Optional<ByteBuffer> bytes = from.get(StoreKeys.join(source.path(), key));
          if (bytes.isPresent()) {
            to.set(StoreKeys.join(dest.path(), key), bytes.get());
          } else if (spec.fillValue() != null) {
            Object[] region = new Object[c.length];
            long[] origin = spec.grid().chunkOrigin(c);
            for (int d = 0; d < c.length; d++) {
              long end = origin[d] + spec.layout().dim(d).chunkLength(c[d]);
              region[d] = Slice.of(origin[d], Math.min(spec.shape()[d], end));
            }
            dest.set(BasicSelection.of(region), spec.fillValue());
          }
          synchronized (p) {
            p.chunksCopied(1);
          }
        };
    // each chunk is a read and a write: from or to a network store, many chunks at once
    boolean latencyBound = from.capabilities().latencyBound() || to.capabilities().latencyBound();
    WaitingTasks.forEach(
        new ChunkCoords(grid), latencyBound ? ChunkPipeline.CHUNKS_IN_FLIGHT : 1, copyChunk);
  }

  /** Every chunk's coordinates of a grid with no empty dimension, in C order. */
  private static final class ChunkCoords implements java.util.Iterator<long[]> {
    private final long[] grid;
    private long[] next;

    ChunkCoords(long[] grid) {
      this.grid = grid;
      this.next = new long[grid.length];
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public long[] next() {
      if (next == null) {
        throw new java.util.NoSuchElementException();
      }
      long[] out = next.clone();
      int d = grid.length - 1;
      while (d >= 0 && ++next[d] >= grid[d]) {
        next[d] = 0;
        d--;
      }
      if (d < 0) {
        next = null;
      }
      return out;
    }
  }

  /**
   * Copies stored bytes from one store to another without decoding them (zarr-python's {@code
   * copy_store}): every key below the source path, in sorted order, except those an exclude finds
   * and no include finds, goes to the same place below the destination path. The log gets one line
   * per key ({@code copy foo/.zgroup}, with {@code -> destKey} when the key changes) and a summary.
   *
   * @throws CopyException if a key exists in the destination and {@link IfExists#RAISE} applies
   * @throws java.util.regex.PatternSyntaxException if an expression is invalid (nothing copied)
   */
  public static CopyResult copyStore(Store source, Store dest, CopyStoreOptions options) {
    String sourcePath = StoreKeys.normalizePath(options.sourcePath());
    String destPath = StoreKeys.normalizePath(options.destPath());
    List<Pattern> excludes = compile(options.excludes(), options.flags());
    List<Pattern> includes = compile(options.includes(), options.flags());
    Consumer<String> log = options.log() == null ? line -> {} : options.log();
    List<String> keys = new ArrayList<>(source.listPrefix(sourcePath));
    keys.sort(PythonJson::compareCodePoints);
    long copied = 0;
    long skipped = 0;
    java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    // from or to a network store, a window of keys is checked and copied many at once; the log
    // keeps the keys' order, and a key refused stops the copy after the keys before it
    boolean latencyBound =
        source.capabilities().latencyBound() || dest.capabilities().latencyBound();
    int window = latencyBound ? ChunkPipeline.CHUNKS_IN_FLIGHT : 1;
    List<String[]> pairs = new ArrayList<>(); // source key, destination key
    for (String key : keys) {
      if (matches(excludes, key) && !matches(includes, key)) {
        continue;
      }
      String suffix = sourcePath.isEmpty() ? key : key.substring(sourcePath.length() + 1);
      pairs.add(new String[] {key, destPath.isEmpty() ? suffix : destPath + "/" + suffix});
    }
    for (int start = 0; start < pairs.size(); start += window) {
      List<String[]> part = pairs.subList(start, Math.min(pairs.size(), start + window));
      boolean[] exists = new boolean[part.size()];
      if (options.ifExists() != IfExists.REPLACE) {
        WaitingTasks.forEach(
            java.util.stream.IntStream.range(0, part.size()).iterator(),
            window,
            i -> exists[i] = dest.contains(part.get(i)[1]));
      }
      List<String[]> toCopy = new ArrayList<>();
      CopyException refused = null;
      for (int i = 0; i < part.size(); i++) {
        String key = part.get(i)[0];
        String destKey = part.get(i)[1];
        String descr = destKey.equals(key) ? key : key + " -> " + destKey;
        if (exists[i]) {
          if (options.ifExists() == IfExists.RAISE) {
            refused = new CopyException("key '" + destKey + "' exists in destination");
            break;
          }
          log.accept("skip " + descr);
          skipped++;
          continue;
        }
        log.accept("copy " + descr);
        toCopy.add(part.get(i));
        copied++;
      }
      if (!options.dryRun()) {
        WaitingTasks.forEach(
            toCopy.iterator(),
            window,
            pair -> {
              Optional<ByteBuffer> value = source.get(pair[0]);
              if (value.isPresent()) {
                bytes.addAndGet(value.get().remaining());
                dest.set(pair[1], value.get());
              }
            });
      }
      if (refused != null) {
        throw refused;
      }
    }
    summary(log, options.dryRun(), copied, skipped, bytes.get());
    return new CopyResult(copied, skipped, bytes.get());
  }

  /** {@link #copyStore(Store, Store, CopyStoreOptions)} with default options. */
  public static CopyResult copyStore(Store source, Store dest) {
    return copyStore(source, dest, CopyStoreOptions.defaults());
  }

  private static List<Pattern> compile(List<String> expressions, int flags) {
    List<Pattern> out = new ArrayList<>(expressions.size());
    for (String e : expressions) {
      out.add(Pattern.compile(e, flags));
    }
    return out;
  }

  private static boolean matches(List<Pattern> patterns, String key) {
    for (Pattern p : patterns) {
      if (p.matcher(key).find()) {
        return true;
      }
    }
    return false;
  }

  private static Consumer<String> logOf(CopyOptions o) {
    return o.log() == null ? line -> {} : o.log();
  }

  private static void summary(
      Consumer<String> log, boolean dryRun, long copied, long skipped, long bytes) {
    StringBuilder m = new StringBuilder(dryRun ? "dry run: " : "all done: ");
    m.append(thousands(copied)).append(" copied, ").append(thousands(skipped)).append(" skipped");
    if (!dryRun) {
      m.append(", ").append(thousands(bytes)).append(" bytes copied");
    }
    log.accept(m.toString());
  }

  /** Python's {@code '{:,}'.format(n)}. */
  static String thousands(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  // ------------------------------------------------------------------ consolidated metadata

  /**
   * Gathers every metadata document of the store's hierarchy into one document under {@code
   * metadataKey} (for Zarr v2 every {@code .zarray}, {@code .zgroup} and {@code .zattrs}, byte for
   * byte as zarr-python's {@code consolidate_metadata} writes them), and opens the node at {@code
   * path} from it in {@code r+} mode.
   *
   * @throws MetadataException if a metadata document is not valid JSON (nothing is written)
   */
  public static ZarrNode consolidateMetadata(Store store, String metadataKey, String path) {
    StoreKeys.validate(metadataKey);
    NodeFormat format = NodeFormats.detect(store, "").orElse(NodeFormats.zarrV2());
    format.consolidate(store, metadataKey);
    return openConsolidated(
        store,
        metadataKey,
        OpenMode.READ_WRITE,
        ArrayOptions.builder().path(path).format(format).build());
  }

  /**
   * {@link #consolidateMetadata(Store, String, String)} under {@code .zmetadata}, opening the root.
   */
  public static ZarrNode consolidateMetadata(Store store) {
    return consolidateMetadata(store, ConsolidatedMetadataStore.DEFAULT_KEY, null);
  }

  /** {@link #consolidateMetadata(Store)} on a directory store. */
  public static ZarrNode consolidateMetadata(Path directory) {
    return consolidateMetadata(Zarr.directoryStore(directory));
  }

  /**
   * Opens the node at the options' path using metadata consolidated under {@code metadataKey}
   * (zarr-python's {@code open_consolidated}). The consolidated document is the only metadata read
   * from the store; arrays read and write their chunks in the store (or in the options' chunk
   * store). In {@code r+} array data may be written, but every metadata change throws a {@link
   * dev.zarr4j.exceptions.ReadOnlyException}; in {@code r} everything is read-only.
   *
   * <p>Unless the options choose the format, a key named here says Zarr v2 (only v2 keeps
   * consolidated metadata under a key): its document is read first, one read for a v2 hierarchy,
   * and Zarr v3's root {@code zarr.json} only when it is absent. {@code null} names no key: then v3
   * is asked first, as zarr-python 3 does, and v2's {@code .zmetadata} after it.
   *
   * @throws IllegalArgumentException if the mode is not {@code r} or {@code r+}
   * @throws NodeNotFoundException if there is no consolidated document, or nothing at the path
   * @throws MetadataException if the consolidated document is not valid
   */
  public static ZarrNode openConsolidated(
      Store store, String metadataKey, OpenMode mode, ArrayOptions options) {
    checkConsolidatedMode(mode);
    ConsolidatedView view =
        consolidatedView(store, metadataKey, metadataKey != null, options.format());
    Store chunks = options.chunkStore() != null ? options.chunkStore() : store;
    return open(
        view.metadata(),
        mode,
        options.toBuilder().chunkStore(chunks).format(view.format()).build(),
        false);
  }

  /**
   * {@link #openConsolidated(Store, String, OpenMode, ArrayOptions)} of the root, naming no key: a
   * consolidated Zarr v3 hierarchy opens with one read (its root {@code zarr.json}), a v2 one with
   * two (that, then {@code .zmetadata}).
   */
  public static ZarrNode openConsolidated(Store store, OpenMode mode) {
    return openConsolidated(store, null, mode, ArrayOptions.defaults());
  }

  /** {@link #openConsolidated(Store, OpenMode)} in {@code r+}, zarr-python's default. */
  public static ZarrNode openConsolidated(Store store) {
    return openConsolidated(store, OpenMode.READ_WRITE);
  }

  /**
   * {@link #openConsolidated(Store, OpenMode)} on a directory store; a group opened so closes the
   * store when closed.
   */
  public static ZarrNode openConsolidated(Path directory, OpenMode mode) {
    checkConsolidatedMode(mode);
    Store store = Zarr.directoryStore(directory);
    ConsolidatedView view;
    try {
      view = consolidatedView(store, null, false, null);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return open(
        view.metadata(),
        mode,
        ArrayOptions.builder().chunkStore(store).format(view.format()).build(),
        true);
  }

  /** A format's consolidated metadata view, and the format (so opening does not detect it). */
  private record ConsolidatedView(NodeFormat format, ConsolidatedMetadataStore metadata) {}

  /**
   * The consolidated view of the chosen format, or of the first format whose consolidated metadata
   * is in the store: Zarr v2's first when {@code v2First} (a key was named: only v2 keeps
   * consolidated metadata under one), else in {@link NodeFormats#probeOrder()} (Zarr v3's root
   * {@code zarr.json}, then v2's document). Each format asked costs one read.
   *
   * @param metadataKey v2's key, or {@code null} for {@code .zmetadata}
   */
  private static ConsolidatedView consolidatedView(
      Store store, String metadataKey, boolean v2First, NodeFormat chosen) {
    String key = metadataKey != null ? metadataKey : ConsolidatedMetadataStore.DEFAULT_KEY;
    if (chosen != null) {
      return new ConsolidatedView(chosen, chosen.openConsolidated(store, key));
    }
    List<NodeFormat> order = new ArrayList<>(NodeFormats.probeOrder());
    if (v2First) {
      order.remove(NodeFormats.zarrV2());
      order.add(0, NodeFormats.zarrV2());
    }
    List<String> missing = new ArrayList<>();
    for (NodeFormat f : order) {
      try {
        return new ConsolidatedView(f, f.openConsolidated(store, key));
      } catch (NodeNotFoundException e) {
        missing.add(f.name() + ": " + e.getMessage());
      } catch (dev.zarr4j.exceptions.UnsupportedByFormatException e) {
        // this format has none
      }
    }
    throw new NodeNotFoundException(
        "", "no consolidated metadata found (" + String.join("; ", missing) + ")");
  }

  private static void checkConsolidatedMode(OpenMode mode) {
    if (mode != OpenMode.READ && mode != OpenMode.READ_WRITE) {
      throw new IllegalArgumentException(
          "invalid mode, expected either 'r' or 'r+'; found '" + mode.code() + "'");
    }
  }

  // ------------------------------------------------------------------ migration

  /**
   * Rewrites the metadata of a Zarr format 1 array at the root of {@code store} as format 2
   * (zarr-python's {@code migrate_1to2}): {@code meta} becomes {@code .zarray} (with no filters,
   * the compression and its options as a compressor configuration) and {@code attrs} becomes {@code
   * .zattrs}. Chunks are laid out alike in both formats and are not touched. The old metadata is
   * checked completely before anything is written.
   *
   * @throws NodeNotFoundException if there is no {@code meta} key
   * @throws MetadataException if it is not format 1 or cannot be decoded
   */
  public static void migrate1to2(Store store) {
    FormatOneMigration.migrate(store);
  }
}
