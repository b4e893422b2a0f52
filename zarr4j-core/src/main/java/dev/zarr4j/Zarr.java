package dev.zarr4j;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.hierarchy.Hierarchy;
import dev.zarr4j.metadata.ArrayDefinition;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.metadata.RectilinearChunkGrid;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadOnceStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry points, mirroring zarr-python's {@code zarr.creation} functions: {@link #create}, {@link
 * #empty}, {@link #zeros}, {@link #ones}, {@link #full}, {@link #array}, {@link #openArray} and the
 * {@code *Like} variants.
 *
 * <pre>{@code
 * ZarrArray z = Zarr.zeros(ArrayOptions.builder()
 *     .shape(10000, 10000).chunks(1000, 1000).dtype("i4").build());
 * z.set("0, :", NdArray.arange(DataType.INT32, 10000));
 * NdArray firstRow = z.get("0, :");
 * }</pre>
 */
public final class Zarr {
  private static volatile java.util.Optional<BytesToBytesCodec> defaultCompressor;

  private Zarr() {}

  // ------------------------------------------------------------------ configuration

  /**
   * The compressor new arrays get when none is chosen (zarr-python's {@code
   * zarr.storage.default_compressor}): Blosc with lz4, level 5 and byte shuffle unless changed.
   */
  public static BytesToBytesCodec defaultCompressor() {
    java.util.Optional<BytesToBytesCodec> d = defaultCompressor;
    if (d == null) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("id", "blosc");
      config.put("cname", "lz4");
      config.put("clevel", 5);
      config.put("shuffle", 1);
      config.put("blocksize", 0);
      Codec codec = CodecRegistry.fromConfig(config);
      d = java.util.Optional.of((BytesToBytesCodec) codec);
      defaultCompressor = d;
    }
    return d.orElse(null);
  }

  /** Changes the default compressor; {@code null} makes new arrays uncompressed by default. */
  public static void setDefaultCompressor(BytesToBytesCodec compressor) {
    defaultCompressor = java.util.Optional.ofNullable(compressor);
  }

  /**
   * The store at {@code directory}: a directory store rooted there (created on first write), or,
   * for a path whose ending a store provider claims and that is not a directory (a {@code .zip}
   * file), that provider's store, writable (a zip archive opens in mode {@code a}, zarr-python's
   * default; it is left as it was when nothing is written).
   */
  public static Store directoryStore(Path directory) {
    if (dev.zarr4j.store.Stores.claims(directory)) {
      return dev.zarr4j.store.Stores.openWritable(
          directory.toAbsolutePath().toString(), java.util.Map.of());
    }
    return new DirectoryStore(directory);
  }

  /**
   * The store at {@code directory} for opening a node in {@code mode}: {@link
   * #directoryStore(Path)}, except that a path a store provider claims by its ending (a {@code
   * .zip} file) is opened with the storage option {@code mode} that matches: {@code r} for {@link
   * OpenMode#READ}, and for {@link OpenMode#READ_WRITE} when the file does not exist (so nothing is
   * created), {@code w} for {@link OpenMode#WRITE}, else {@code a}.
   */
  public static Store storeAt(Path directory, OpenMode mode) {
    if (!dev.zarr4j.store.Stores.claims(directory)) {
      return new DirectoryStore(directory);
    }
    String letter =
        switch (mode) {
          case READ -> "r";
          case READ_WRITE -> java.nio.file.Files.exists(directory) ? "a" : "r";
          case WRITE -> "w";
          default -> "a";
        };
    return ReadOnlyStore.of(
        dev.zarr4j.store.Stores.open(
            directory.toAbsolutePath().toString(), java.util.Map.of("mode", letter)));
  }

  // ------------------------------------------------------------------ creation

  /**
   * Creates an array (zarr-python's {@code create}); the fill value defaults to 0.
   *
   * @throws InvalidArrayException for an invalid shape, chunks, data type or fill value
   * @throws NodeExistsException if an array or group exists at the path and overwrite is off
   */
  public static ZarrArray create(ArrayOptions options) {
    return init(options, 0);
  }

  /** Creates an array whose unwritten elements have no defined value (fill value {@code null}). */
  public static ZarrArray empty(ArrayOptions options) {
    return init(options, null);
  }

  /** Creates an array whose unwritten elements read as 0. */
  public static ZarrArray zeros(ArrayOptions options) {
    return init(options.toBuilder().fillValue(0).build(), 0);
  }

  /** Creates an in-memory {@code float64} array of zeros with guessed chunks. */
  public static ZarrArray zeros(long... shape) {
    return zeros(ArrayOptions.builder().shape(shape).build());
  }

  /** Creates an array whose unwritten elements read as 1. */
  public static ZarrArray ones(ArrayOptions options) {
    return init(options.toBuilder().fillValue(1).build(), 1);
  }

  /** Creates an array whose unwritten elements read as {@code fillValue}. */
  public static ZarrArray full(Object fillValue, ArrayOptions options) {
    return init(options.toBuilder().fillValue(fillValue).build(), fillValue);
  }

  /**
   * Creates an array holding {@code data}: shape and data type come from it unless the options set
   * them (zarr-python's {@code array}).
   */
  public static ZarrArray array(NdArray data, ArrayOptions options) {
    ArrayOptions.Builder b = options.toBuilder();
    if (options.shape() == null) {
      b.shape(toLongs(data.shape()));
    }
    if (options.dtype() == null) {
      b.dtype(data.dtype());
    }
    ZarrArray z = init(b.build(), 0);
    if (z.readOnly()) {
      throw new ReadOnlyException("cannot fill a read-only array with data");
    }
    z.set(data);
    return z;
  }

  /**
   * Opens or creates an array (zarr-python's {@code open_array}) following {@code mode}: {@code r}
   * and {@code r+} need an existing array, {@code a} creates one if missing, {@code w} replaces
   * whatever is there, {@code w-} fails if anything is there. Creation options apply only when an
   * array is created.
   *
   * @throws NodeNotFoundException in {@code r}/{@code r+} when no array exists at the path
   * @throws NodeExistsException in {@code w-} when a node exists, or in {@code a} when a group does
   */
  public static ZarrArray openArray(Store store, OpenMode mode, ArrayOptions options) {
    return openArray(store, ReadOnceStore.over(store), mode, options);
  }

  /**
   * {@link #openArray(Store, OpenMode, ArrayOptions)} reading the node's documents, until anything
   * is written, through {@code reads}: this open's view of the store, shared with the look that
   * found the node, so that each document is read once.
   */
  static ZarrArray openArray(
      Store store, ReadOnceStore reads, OpenMode mode, ArrayOptions options) {
    ArrayOptions o = options.toBuilder().store(store).build();
    String path = StoreKeys.normalizePath(o.path());
    NodeFormat f = ZarrGroup.formatFor(reads, path, o.format());
    NodeKind kind = f.kindAt(reads, path);
    switch (mode) {
      case READ:
      case READ_WRITE:
        if (kind == NodeKind.ARRAY) {
          boolean ro = mode == OpenMode.READ || o.readOnly();
          return open(f, store, reads, path, o, ro);
        }
        if (kind == NodeKind.GROUP) {
          throw new NodeNotFoundException(path, "path '" + path + "' holds a group, not an array");
        }
        throw new NodeNotFoundException(path, "no array found at path '" + path + "'");
      case APPEND:
        if (kind == NodeKind.ARRAY) {
          return open(f, store, reads, path, o, o.readOnly());
        }
        if (kind == NodeKind.GROUP) {
          throw new NodeExistsException(
              path, "path '" + path + "' holds a group; cannot open or create an array there");
        }
        return init(o, 0);
      case WRITE:
        return init(o.toBuilder().overwrite(true).build(), 0);
      case CREATE:
        if (kind == NodeKind.ARRAY) {
          throw new NodeExistsException(
              path, "an array already exists at path '" + path + "' (mode 'w-')");
        }
        if (kind == NodeKind.GROUP) {
          throw new NodeExistsException(
              path, "a group already exists at path '" + path + "' (mode 'w-')");
        }
        return init(o, 0);
      default:
        throw new IllegalStateException(mode.toString());
    }
  }

  /**
   * Opens the array at the options' path of a store that may only be readable (a web server, an
   * archive; zarr-python's {@code open_array(store, mode='r')}): the array is read-only, and a
   * store that is not a {@link Store} is seen through a {@link dev.zarr4j.store.ReadOnlyStore}.
   *
   * @throws NodeNotFoundException when no array exists at the path
   */
  public static ZarrArray openArray(ReadableStore store, ArrayOptions options) {
    return openArray(ReadOnlyStore.of(store), OpenMode.READ, options);
  }

  /**
   * Opens or creates an array in a directory store at {@code directory}. Unless the options choose
   * a format, a directory named {@code *.n5} is N5 (see {@link #formatOf(Path)}).
   */
  public static ZarrArray openArray(Path directory, OpenMode mode, ArrayOptions options) {
    return openArray(storeAt(directory, mode), mode, withFormatOf(directory, options));
  }

  /** Opens an existing array in a directory for reading and writing ({@code r+}). */
  public static ZarrArray openArray(Path directory) {
    return openArray(directory, OpenMode.READ_WRITE, ArrayOptions.defaults());
  }

  /**
   * The metadata format a directory's name implies when no format is chosen: N5 for a name ending
   * in {@code ".n5"} (as zarr-python's {@code zarr.open("data.n5")} opens an {@code N5Store}), else
   * {@code null} (the format of what is there, else Zarr v2). Every entry point that takes a
   * directory applies it; see {@link NodeFormats#forLocation(Path)}.
   */
  public static NodeFormat formatOf(Path directory) {
    return NodeFormats.forLocation(directory).orElse(null);
  }

  /** The options, with the format {@code directory}'s name implies when they choose none. */
  static ArrayOptions withFormatOf(Path directory, ArrayOptions options) {
    NodeFormat f = options.format() == null ? formatOf(directory) : null;
    return f == null ? options : options.toBuilder().format(f).build();
  }

  /** The options, with the format {@code directory}'s name implies when they choose none. */
  static GroupOptions withFormatOf(Path directory, GroupOptions options) {
    NodeFormat f = options.format() == null ? formatOf(directory) : null;
    return f == null ? options : options.toBuilder().format(f).build();
  }

  /** Opens an existing array in a store with default options, in {@code mode}. */
  public static ZarrArray openArray(Store store, OpenMode mode) {
    return openArray(store, mode, ArrayOptions.defaults());
  }

  // ------------------------------------------------------------------ *_like

  /**
   * An empty array shaped like {@code template} (shape, chunks, dtype, compressor, order, filters),
   * with overrides.
   */
  public static ZarrArray emptyLike(ZarrArray template, ArrayOptions overrides) {
    return empty(like(template, overrides));
  }

  /** A zero-filled array like {@code template}. */
  public static ZarrArray zerosLike(ZarrArray template, ArrayOptions overrides) {
    return zeros(like(template, overrides));
  }

  /** A one-filled array like {@code template}. */
  public static ZarrArray onesLike(ZarrArray template, ArrayOptions overrides) {
    return ones(like(template, overrides));
  }

  /** An array like {@code template} with its fill value unless the overrides set one. */
  public static ZarrArray fullLike(ZarrArray template, ArrayOptions overrides) {
    ArrayOptions o = like(template, overrides);
    Object fill = o.isFillValueSet() ? o.fillValue() : template.fillValue();
    return full(fill, o);
  }

  /** An empty array shaped like an in-memory array (shape and dtype), with overrides. */
  public static ZarrArray emptyLike(NdArray template, ArrayOptions overrides) {
    return empty(like(template, overrides));
  }

  /** A zero-filled array shaped like an in-memory array. */
  public static ZarrArray zerosLike(NdArray template, ArrayOptions overrides) {
    return zeros(like(template, overrides));
  }

  /** A one-filled array shaped like an in-memory array. */
  public static ZarrArray onesLike(NdArray template, ArrayOptions overrides) {
    return ones(like(template, overrides));
  }

  /**
   * An array like {@code template} opened in a store with {@code mode} (zarr-python's {@code
   * open_like}).
   */
  public static ZarrArray openLike(
      ZarrArray template, Store store, OpenMode mode, ArrayOptions overrides) {
    ArrayOptions o = like(template, overrides);
    if (!o.isFillValueSet()) {
      o = o.toBuilder().fillValue(template.fillValue()).build();
    }
    return openArray(store, mode, o);
  }

  private static ArrayOptions like(ZarrArray a, ArrayOptions o) {
    ArrayOptions.Builder b = o.toBuilder();
    ArrayMetadata m = a.metadata();
    if (o.shape() == null) {
      b.shape(m.spec().shape());
    }
    if (o.chunks() == null && !m.spec().grid().isRegular()) {
      int[][] sizes = a.chunkSizes();
      long[][] perDim = new long[sizes.length][];
      for (int d = 0; d < sizes.length; d++) {
        perDim[d] = toLongs(sizes[d]);
      }
      b.chunks(Chunks.sizes(perDim));
    } else if (o.chunks() == null) {
      b.chunks(toLongs(m.spec().chunkShape()));
    }
    if (o.dtype() == null) {
      b.dtype(m.spec().dtype());
    }
    if (!o.isCompressorSet()) {
      b.compressor(m.compressor());
    }
    if (o.order() == null) {
      b.order(m.order());
    }
    if (o.filters() == null) {
      b.filters(m.filters());
    }
    if (o.objectCodec() == null && o.dtype() == null && m.objectCodec() != null) {
      b.objectCodec(m.objectCodec());
    }
    return b.build();
  }

  private static ArrayOptions like(NdArray a, ArrayOptions o) {
    ArrayOptions.Builder b = o.toBuilder();
    if (o.shape() == null) {
      b.shape(toLongs(a.shape()));
    }
    if (o.dtype() == null) {
      b.dtype(a.dtype());
    }
    return b.build();
  }

  // ------------------------------------------------------------------ groups

  /** Creates a group at the root of a new memory store (zarr-python's {@code zarr.group()}). */
  public static ZarrGroup group() {
    return group(new MemoryStore(), GroupOptions.defaults());
  }

  /**
   * Opens the root group of {@code store}, creating it if missing (zarr-python's {@code
   * zarr.group}).
   */
  public static ZarrGroup group(Store store) {
    return group(store, GroupOptions.defaults());
  }

  /**
   * Opens the group at the options' path, creating it (and missing parent groups) if it does not
   * exist; with {@code overwrite}, whatever is at the path is deleted and a new group created.
   *
   * @throws NodeExistsException if an array exists at the path and overwrite is off
   */
  public static ZarrGroup group(Store store, GroupOptions options) {
    return ZarrGroup.group(store, options);
  }

  /**
   * {@link #group(Store, GroupOptions)} on a directory store at {@code directory}; closing the
   * group closes that store. Unless the options choose a format, a directory named {@code *.n5} is
   * N5.
   */
  public static ZarrGroup group(Path directory, GroupOptions options) {
    return ZarrGroup.group(
        directoryStore(directory),
        withFormatOf(directory, options).toBuilder().closeStore(true).build());
  }

  /** {@link #group(Path, GroupOptions)} with default options: the root group of the directory. */
  public static ZarrGroup group(Path directory) {
    return group(directory, GroupOptions.defaults());
  }

  /**
   * Opens or creates a group (zarr-python's {@code open_group}) following {@code mode}: {@code r}
   * and {@code r+} need an existing group, {@code a} creates one if missing, {@code w} replaces
   * whatever is at the path, {@code w-} fails if anything is there. Only {@code r} makes the group
   * read-only.
   *
   * @throws NodeNotFoundException in {@code r}/{@code r+} when no group exists at the path
   * @throws NodeExistsException in {@code w-} when a node exists, or in {@code a} when an array
   *     does
   */
  public static ZarrGroup openGroup(Store store, OpenMode mode, GroupOptions options) {
    return ZarrGroup.open(store, mode, options);
  }

  /**
   * Opens the group at the options' path of a store that may only be readable, read-only (see
   * {@link #openArray(ReadableStore, ArrayOptions)}); listing members needs a store that can list.
   *
   * @throws NodeNotFoundException when no group exists at the path
   */
  public static ZarrGroup openGroup(ReadableStore store, GroupOptions options) {
    return openGroup(ReadOnlyStore.of(store), OpenMode.READ, options);
  }

  /** {@link #openGroup(Store, OpenMode, GroupOptions)} with default options (the root group). */
  public static ZarrGroup openGroup(Store store, OpenMode mode) {
    return openGroup(store, mode, GroupOptions.defaults());
  }

  /**
   * Opens or creates a group in a directory store at {@code directory}; closing the group closes
   * that store. Opening in {@code r} or {@code r+} creates nothing on disk. Unless the options
   * choose a format, a directory named {@code *.n5} is N5.
   */
  public static ZarrGroup openGroup(Path directory, OpenMode mode, GroupOptions options) {
    return ZarrGroup.open(
        storeAt(directory, mode),
        mode,
        withFormatOf(directory, options).toBuilder().closeStore(true).build());
  }

  /** Opens or creates the root group in a directory store at {@code directory}. */
  public static ZarrGroup openGroup(Path directory, OpenMode mode) {
    return openGroup(directory, mode, GroupOptions.defaults());
  }

  // ------------------------------------------------------------------ internals

  private static ZarrArray open(
      NodeFormat format, Store store, String path, ArrayOptions o, boolean readOnly) {
    return open(format, store, store, path, o, readOnly);
  }

  /**
   * Opens the array, reading its metadata through {@code reads} (the store or this open's view).
   */
  private static ZarrArray open(
      NodeFormat format,
      Store store,
      ReadableStore reads,
      String path,
      ArrayOptions o,
      boolean readOnly) {
    NodeContext where =
        new NodeContext(
            store,
            o.chunkStore(),
            path,
            format,
            ZarrConfig.orDefault(o.config()),
            readOnly,
            o.cacheAttrs(),
            o.synchronizer());
    return new ZarrArray(where, reads, o.cacheMetadata(), o.writeEmptyChunks());
  }

  /** zarr-python's {@code init_array} followed by opening the array. */
  private static ZarrArray init(ArrayOptions o, Object defaultFill) {
    Store store = o.store() != null ? o.store() : new MemoryStore();
    String path = StoreKeys.normalizePath(o.path());
    long[] shape = o.shape();
    if (shape == null) {
      throw new InvalidArrayException("shape is required to create an array");
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new InvalidArrayException(
            "shape "
                + java.util.Arrays.toString(shape)
                + " has a negative length in dimension "
                + i);
      }
    }
    DataType dtype = o.dtype() != null ? o.dtype() : DataType.FLOAT64;
    ObjectCodec objectCodec = o.objectCodec();
    if (dtype.kind() == DataType.Kind.OBJECT && objectCodec == null && o.codecs() == null) {
      throw new InvalidArrayException(
          "object arrays need an object codec: set objectCodec(...) (VLenUtf8, VLenBytes, VLenArray,"
              + " JsonCodec, MsgPack, Categorize) or use the dtype 'str', 'bytes' or"
              + " 'array:<dtype>'");
    }
    if (dtype.kind() != DataType.Kind.OBJECT) {
      objectCodec = null; // zarr-python ignores object_codec for other data types
    }
    Chunks chunking = o.chunks() == null ? Chunks.auto() : o.chunks();
    int[] chunks = chunking.resolve(shape, dtype.itemSize());
    BytesToBytesCodec compressor = o.isCompressorSet() ? o.compressor() : defaultCompressor();
    if (shape.length == 0) {
      compressor = null; // as zarr-python: no point compressing a 0-d array's single value
    }
    Object fill = normalizeFill(o.isFillValueSet() ? o.fillValue() : defaultFill, dtype);
    MemoryOrder order = o.order() != null ? o.order() : MemoryOrder.C;
    List<Codec> filters = o.filters() == null ? List.of() : o.filters();
    NodeFormat format = ZarrGroup.formatFor(store, path, o.format());
    int[] shards =
        o.shards() == null ? null : Chunks.of(o.shards()).resolve(shape, dtype.itemSize());
    RectilinearChunkGrid grid = chunking.rectilinearGrid(shape);
    if (o.shardSizes() != null) {
      if (shards != null) {
        throw new InvalidArrayException(
            "give the shard shape (shards) or shard lengths per dimension (shardSizes), not both");
      }
      Chunks shardChunks = Chunks.sizes(o.shardSizes());
      shards = shardChunks.resolve(shape, dtype.itemSize());
      if (grid == null) {
        grid = shardChunks.rectilinearGrid(shape); // the grid of the shards
      } else {
        grid = null; // refused below: inner chunks of different lengths
      }
    }
    if (shards != null && chunking.rectilinearGrid(shape) != null) {
      throw new InvalidArrayException(
          "the chunks inside shards must be regular; got chunk lengths listed per dimension "
              + chunking.rectilinearGrid(shape)
              + " (list the shard lengths with shardSizes and give the chunk shape with chunks)");
    }
    // everything is checked before the store is touched: a refused request changes nothing
    ArrayMetadata metadata =
        format.newArray(
            new ArrayDefinition(
                shape,
                chunks,
                dtype,
                fill,
                order,
                filters,
                compressor,
                objectCodec,
                o.dimensionSeparator(),
                o.dimensionNames(),
                shards,
                o.codecs(),
                grid),
            store);
    Store chunkStore = o.chunkStore();
    if (o.readOnly()) {
      // zarr-python creates the metadata and then opens read-only; the store must be writable
      if (!store.capabilities().writable()) {
        throw new ReadOnlyException("cannot create an array in a read-only store");
      }
    }
    if (o.overwrite()) {
      store.deletePrefix(path);
      if (chunkStore != null) {
        chunkStore.deletePrefix(path);
      }
    } else {
      NodeKind kind = format.kindAt(store, path);
      if (kind == NodeKind.ARRAY) {
        throw new NodeExistsException(path, "an array already exists at path '" + path + "'");
      }
      if (kind == NodeKind.GROUP) {
        throw new NodeExistsException(path, "a group already exists at path '" + path + "'");
      }
    }
    Hierarchy.requireParentGroups(format, store, path, chunkStore, o.overwrite());
    format.writeArray(store, path, metadata);
    return open(format, store, path, o, o.readOnly());
  }

  /**
   * zarr-python's {@code normalize_fill_value}: {@code null} stays {@code null}, a numeric zero
   * becomes the data type's zero (empty string, zero bytes), anything else is converted.
   */
  static Object normalizeFill(Object fill, DataType dtype) {
    if (fill == null) {
      return null;
    }
    if (dtype.kind() == DataType.Kind.OBJECT) {
      return Attributes.toJsonValue(fill, "fill_value"); // kept as given, as zarr-python does
    }
    if (fill instanceof Number n
        && !(fill instanceof Double d && (d.isNaN() || isNegativeZero(d)))
        && !(fill instanceof Float f && isNegativeZero(f))
        && n.doubleValue() == 0) {
      return NdArray.zeros(dtype).get();
    }
    if (dtype.kind() == DataType.Kind.UNICODE && !(fill instanceof CharSequence)) {
      throw new InvalidArrayException(
          "fill value " + fill + " is not valid for data type " + dtype + "; it must be a string");
    }
    if (fill instanceof CharSequence cs && hasUnpairedSurrogate(cs)) {
      throw new InvalidArrayException(
          "fill value contains an unpaired UTF-16 surrogate, which metadata JSON cannot hold");
    }
    return NdArray.scalar(dtype, fill).get();
  }

  /**
   * Whether {@code d} is -0.0, which is kept as given (zarr-python 2 stores 0.0 for it, equal but
   * not the same bits; Zarr v3 and zarr-python 3 keep -0.0).
   */
  private static boolean isNegativeZero(double d) {
    return d == 0 && Double.doubleToRawLongBits(d) != 0;
  }

  /** Whether text holds a lone high or low surrogate (not valid Unicode text). */
  static boolean hasUnpairedSurrogate(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static long[] toLongs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
