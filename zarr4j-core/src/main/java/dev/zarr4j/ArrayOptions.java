package dev.zarr4j;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.codec.object.VLenArray;
import dev.zarr4j.codec.object.VLenBytes;
import dev.zarr4j.codec.object.VLenUtf8;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.store.Store;
import dev.zarr4j.sync.Synchronizer;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of zarr-python's {@code zarr.creation.create} and {@code open_array}, as an immutable
 * value built with {@link #builder()}. Every option is optional; an option left unset takes
 * zarr-python's default, or, in the {@code *Like} functions, the value of the template array.
 *
 * <pre>{@code
 * ArrayOptions opts = ArrayOptions.builder()
 *     .shape(10000, 10000).chunks(1000, 1000).dtype("i4")
 *     .compressor(new BloscCodec("zstd", 3, BloscCodec.BITSHUFFLE, 0))
 *     .store(Path.of("data/example.zarr"))
 *     .build();
 * }</pre>
 */
public final class ArrayOptions {
  private final long[] shape;
  private final Chunks chunks;
  private final DataType dtype;
  private final boolean compressorSet;
  private final BytesToBytesCodec compressor;
  private final boolean fillValueSet;
  private final Object fillValue;
  private final MemoryOrder order;
  private final Store store;
  private final String path;
  private final Boolean overwrite;
  private final Store chunkStore;
  private final List<Codec> filters;
  private final Boolean cacheMetadata;
  private final Boolean cacheAttrs;
  private final Boolean readOnly;
  private final String dimensionSeparator;
  private final Boolean writeEmptyChunks;
  private final Synchronizer synchronizer;
  private final ObjectCodec objectCodec;
  private final NodeFormat format;
  private final NodeFormat storeFormat; // what a directory given by path implies, else null
  private final ZarrConfig config;
  private final List<String> dimensionNames;
  private final long[] shards;
  private final long[][] shardSizes;
  private final List<Codec> codecs;

  private ArrayOptions(Builder b) {
    this.shape = b.shape == null ? null : b.shape.clone();
    this.chunks = b.chunks;
    this.dtype = b.dtype;
    this.compressorSet = b.compressorSet;
    this.compressor = b.compressor;
    this.fillValueSet = b.fillValueSet;
    this.fillValue = b.fillValue;
    this.order = b.order;
    this.store = b.store;
    this.path = b.path;
    this.overwrite = b.overwrite;
    this.chunkStore = b.chunkStore;
    this.filters = b.filters == null ? null : List.copyOf(b.filters);
    this.cacheMetadata = b.cacheMetadata;
    this.cacheAttrs = b.cacheAttrs;
    this.readOnly = b.readOnly;
    this.dimensionSeparator = b.dimensionSeparator;
    this.writeEmptyChunks = b.writeEmptyChunks;
    this.synchronizer = b.synchronizer;
    this.objectCodec = b.objectCodec != null ? b.objectCodec : b.shorthandCodec;
    this.format = b.format;
    this.storeFormat = b.storeFormat;
    this.config = b.config;
    this.dimensionNames = b.dimensionNames;
    this.shards = b.shards == null ? null : b.shards.clone();
    this.shardSizes = b.shardSizes;
    this.codecs = b.codecs == null ? null : List.copyOf(b.codecs);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** No options: every default. */
  public static ArrayOptions defaults() {
    return new Builder().build();
  }

  /** A builder holding this object's settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.shape = shape;
    b.chunks = chunks;
    b.dtype = dtype;
    b.compressorSet = compressorSet;
    b.compressor = compressor;
    b.fillValueSet = fillValueSet;
    b.fillValue = fillValue;
    b.order = order;
    b.store = store;
    b.path = path;
    b.overwrite = overwrite;
    b.chunkStore = chunkStore;
    b.filters = filters;
    b.cacheMetadata = cacheMetadata;
    b.cacheAttrs = cacheAttrs;
    b.readOnly = readOnly;
    b.dimensionSeparator = dimensionSeparator;
    b.writeEmptyChunks = writeEmptyChunks;
    b.synchronizer = synchronizer;
    b.objectCodec = objectCodec;
    b.format = format;
    b.storeFormat = storeFormat;
    b.config = config;
    b.dimensionNames = dimensionNames;
    b.shards = shards;
    b.shardSizes = shardSizes;
    b.codecs = codecs;
    return b;
  }

  /** The shape, or null when unset. */
  public long[] shape() {
    return shape == null ? null : shape.clone();
  }

  /** The chunking, or null when unset (then {@link Chunks#auto()}). */
  public Chunks chunks() {
    return chunks;
  }

  /** The data type, or null when unset (then float64). */
  public DataType dtype() {
    return dtype;
  }

  /** Whether a compressor (possibly none) was chosen. */
  public boolean isCompressorSet() {
    return compressorSet;
  }

  /** The chosen compressor; null means none when {@link #isCompressorSet()}. */
  public BytesToBytesCodec compressor() {
    return compressor;
  }

  /** Whether a fill value (possibly null) was chosen. */
  public boolean isFillValueSet() {
    return fillValueSet;
  }

  /** The chosen fill value. */
  public Object fillValue() {
    return fillValue;
  }

  /** The chunk memory order, or null when unset (then C). */
  public MemoryOrder order() {
    return order;
  }

  /** The store, or null when unset (then a new {@link dev.zarr4j.store.MemoryStore}). */
  public Store store() {
    return store;
  }

  /** The path inside the store, or null (the root). */
  public String path() {
    return path;
  }

  /** Whether to delete whatever exists at the path first (default false). */
  public boolean overwrite() {
    return overwrite != null && overwrite;
  }

  /** A separate store for chunks, or null to keep chunks with the metadata. */
  public Store chunkStore() {
    return chunkStore;
  }

  /** Filters before the compressor, or null when unset (then none). */
  public List<Codec> filters() {
    return filters;
  }

  /** Whether metadata is read once and cached (default true). */
  public boolean cacheMetadata() {
    return cacheMetadata == null || cacheMetadata;
  }

  /** Whether attributes are cached (default true). */
  public boolean cacheAttrs() {
    return cacheAttrs == null || cacheAttrs;
  }

  /** Whether the array refuses modification (default false). */
  public boolean readOnly() {
    return readOnly != null && readOnly;
  }

  /** The chunk key separator, or null for the store's default. */
  public String dimensionSeparator() {
    return dimensionSeparator;
  }

  /** Whether chunks equal to the fill value are stored (default true). */
  public boolean writeEmptyChunks() {
    return writeEmptyChunks == null || writeEmptyChunks;
  }

  /** The synchronizer for partial chunk writes, or null for none. */
  public Synchronizer synchronizer() {
    return synchronizer;
  }

  /** The codec that turns object-array chunks into bytes, or null when unset. */
  public ObjectCodec objectCodec() {
    return objectCodec;
  }

  /**
   * The metadata format: the one chosen, else the one a store given as a directory implies (N5 for
   * {@code *.n5}, see {@link Zarr#formatOf}), else null for the format of the hierarchy the array
   * goes into (Zarr v2 in an empty store).
   */
  public NodeFormat format() {
    return format != null ? format : storeFormat;
  }

  /** The configuration, or null for the group's or the process default. */
  public ZarrConfig config() {
    return config;
  }

  /** The dimension names, or null when unset (then none). */
  public List<String> dimensionNames() {
    return dimensionNames;
  }

  /** The whole Zarr v3 codec chain, or null when the chain follows from the other options. */
  public List<Codec> codecs() {
    return codecs;
  }

  /** The shard shape (Zarr v3 sharding), or null when the array is not sharded. */
  public long[] shards() {
    return shards == null ? null : shards.clone();
  }

  /** Shard lengths listed per dimension (see {@link Builder#shardSizes}), or null. */
  public long[][] shardSizes() {
    return shardSizes == null ? null : deepCopy(shardSizes);
  }

  private static long[][] deepCopy(long[][] a) {
    long[][] out = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] == null ? null : a[i].clone();
    }
    return out;
  }

  Boolean readOnlyOrNull() {
    return readOnly;
  }

  Boolean cacheAttrsOrNull() {
    return cacheAttrs;
  }

  /** Builds {@link ArrayOptions}; every setter returns the builder. */
  public static final class Builder {
    private long[] shape;
    private Chunks chunks;
    private DataType dtype;
    private boolean compressorSet;
    private BytesToBytesCodec compressor;
    private boolean fillValueSet;
    private Object fillValue;
    private MemoryOrder order;
    private Store store;
    private String path;
    private Boolean overwrite;
    private Store chunkStore;
    private List<Codec> filters;
    private Boolean cacheMetadata;
    private Boolean cacheAttrs;
    private Boolean readOnly;
    private String dimensionSeparator;
    private Boolean writeEmptyChunks;
    private Synchronizer synchronizer;
    private ObjectCodec objectCodec;
    private ObjectCodec shorthandCodec;
    private NodeFormat format;
    private NodeFormat storeFormat;
    private ZarrConfig config;
    private List<String> dimensionNames;
    private long[] shards;
    private long[][] shardSizes;
    private List<Codec> codecs;

    private Builder() {}

    /**
     * The whole codec chain of a new Zarr v3 array, in encoding order, as its {@code zarr.json}
     * lists it (zarr-python 3's {@code filters}, {@code serializer} and {@code compressors} in one
     * list): array-to-array codecs, one array-to-bytes codec (such as {@code BytesCodec.LITTLE}, an
     * object codec, or a {@code ShardingCodec} holding its own chain), then bytes-to-bytes codecs.
     * When set, {@code order}, {@code filters}, {@code compressor}, the object codec and {@code
     * shards} are not used. Zarr v2 and N5 refuse it.
     */
    public Builder codecs(List<? extends Codec> codecs) {
      this.codecs = codecs == null ? null : List.copyOf(codecs);
      return this;
    }

    /**
     * Stores the chunks in shards of this shape (zarr-python 3's {@code shards}; Zarr v3 only):
     * each stored object holds a block of whole chunks, with an index of where each chunk's bytes
     * are, so a read fetches only the chunks it needs. Each length must be a multiple of the chunk
     * length in its dimension; {@code null} (the default) stores one object per chunk.
     */
    public Builder shards(long... lengths) {
      this.shards = lengths == null ? null : lengths.clone();
      return this;
    }

    /**
     * Stores the chunks in shards whose lengths are listed per dimension, as {@link #chunkSizes}
     * lists chunk lengths: {@code shardSizes(new long[] {20, 40}, new long[] {30})} cuts the first
     * dimension into shards of 20 and 40 and the second into shards of 30, each holding whole
     * chunks of {@link #chunks} (every length a multiple of the chunk length in its dimension).
     * Lengths that differ give Zarr v3's rectilinear chunk grid of shards (zarr-python 3's nested
     * {@code shards}); the inner chunks stay regular. Zarr v3 only; not with {@link #shards}.
     */
    public Builder shardSizes(long[]... perDimension) {
      this.shardSizes = perDimension == null ? null : deepCopy(perDimension);
      return this;
    }

    /**
     * The metadata format of a new array (for example {@code NodeFormats.named("n5")}); null (the
     * default) uses the format of what is already in the store, else Zarr v2.
     */
    public Builder format(NodeFormat format) {
      this.format = format;
      return this;
    }

    /** The configuration (threads, codec implementations) the array's calls run with. */
    public Builder config(ZarrConfig config) {
      this.config = config;
      return this;
    }

    /**
     * A name per dimension ({@code null} entries for unnamed ones), for formats that store them.
     */
    public Builder dimensionNames(List<String> names) {
      this.dimensionNames =
          names == null
              ? null
              : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(names));
      return this;
    }

    /** The array shape; each length at least 0. */
    public Builder shape(long... shape) {
      this.shape = shape.clone();
      return this;
    }

    /** Explicit chunk lengths (-1: whole dimension; one value: every dimension). */
    public Builder chunks(long... lengths) {
      this.chunks = Chunks.of(lengths);
      return this;
    }

    /**
     * Chunk lengths listed per dimension (zarr-python 3's nested {@code chunks}; see {@link
     * Chunks#sizes}): {@code chunkSizes(new long[] {10, 20, 30}, new long[] {50})} cuts the first
     * dimension into chunks of 10, 20 and 30 and the second regularly into chunks of 50. Lengths
     * that differ give Zarr v3's rectilinear chunk grid, which Zarr v2 and N5 refuse.
     */
    public Builder chunkSizes(long[]... perDimension) {
      this.chunks = Chunks.sizes(perDimension);
      return this;
    }

    /** {@code true}: guess a chunk shape; {@code false}: one chunk for the whole array. */
    public Builder chunks(boolean guess) {
      this.chunks = guess ? Chunks.auto() : Chunks.whole();
      return this;
    }

    /** The chunking strategy. */
    public Builder chunks(Chunks chunks) {
      this.chunks = chunks;
      return this;
    }

    /**
     * The data type, in any spelling {@link DataType#parse} accepts, or one of zarr-python's
     * object-array shorthands: {@code "str"} (text, {@code vlen-utf8}), {@code "bytes"} ({@code
     * vlen-bytes}) and {@code "array:<dtype>"} (ragged arrays, {@code vlen-array}), which also
     * choose the object codec unless one is set with {@link #objectCodec}.
     */
    public Builder dtype(String dtype) {
      String d = dtype == null ? null : dtype.strip();
      this.shorthandCodec = null;
      if ("str".equals(d)) {
        this.dtype = DataType.OBJECT;
        this.shorthandCodec = VLenUtf8.INSTANCE;
      } else if ("bytes".equals(d)) {
        this.dtype = DataType.OBJECT;
        this.shorthandCodec = VLenBytes.INSTANCE;
      } else if (d != null && d.startsWith("array:")) {
        this.dtype = DataType.OBJECT;
        this.shorthandCodec = VLenArray.of(d.substring("array:".length()));
      } else {
        this.dtype = DataType.parse(dtype);
      }
      return this;
    }

    /**
     * The codec for the elements of an object array (zarr-python's {@code object_codec}): {@code
     * VLenUtf8}, {@code VLenBytes}, {@code VLenArray}, {@code JsonCodec}, {@code MsgPack} or {@code
     * Categorize} from {@code dev.zarr4j.codec.object}.
     */
    public Builder objectCodec(ObjectCodec codec) {
      this.objectCodec = codec;
      return this;
    }

    /** The data type. */
    public Builder dtype(DataType dtype) {
      this.dtype = dtype;
      this.shorthandCodec = null;
      return this;
    }

    /** The compressor; {@code null} stores chunks uncompressed. */
    public Builder compressor(BytesToBytesCodec compressor) {
      this.compressorSet = true;
      this.compressor = compressor;
      return this;
    }

    /**
     * The fill value: a number, boolean, string, {@code byte[]}, {@link dev.zarr4j.ndarray.Complex}
     * or {@code null} for none.
     */
    public Builder fillValue(Object fillValue) {
      this.fillValueSet = true;
      this.fillValue = fillValue;
      return this;
    }

    /** Chunk memory order. */
    public Builder order(MemoryOrder order) {
      this.order = order;
      return this;
    }

    /** Chunk memory order, {@code "C"} or {@code "F"}. */
    public Builder order(String order) {
      this.order = MemoryOrder.parse(order);
      return this;
    }

    /** The store holding the array. */
    public Builder store(Store store) {
      this.store = store;
      this.storeFormat = null;
      return this;
    }

    /**
     * A directory store at {@code directory}; unless a format is chosen, a directory named {@code
     * *.n5} holds N5 ({@link Zarr#formatOf}).
     */
    public Builder store(Path directory) {
      this.store = Zarr.directoryStore(directory);
      this.storeFormat = Zarr.formatOf(directory);
      return this;
    }

    /** The array's path inside the store. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Delete whatever exists at the path first. */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** A separate store for chunk data. */
    public Builder chunkStore(Store chunkStore) {
      this.chunkStore = chunkStore;
      return this;
    }

    /**
     * Filters applied before the compressor, in order: numcodecs' filters ({@code Delta}, {@code
     * FixedScaleOffset}, {@code Shuffle}, checksums, ...) or any other codec that can be a Zarr v2
     * filter.
     */
    public Builder filters(List<? extends Codec> filters) {
      this.filters = filters == null ? null : List.copyOf(filters);
      return this;
    }

    /** Cache metadata for the array's lifetime (true) or reload it before every operation. */
    public Builder cacheMetadata(boolean cache) {
      this.cacheMetadata = cache;
      return this;
    }

    /** Cache attributes (true) or reload them on every read. */
    public Builder cacheAttrs(boolean cache) {
      this.cacheAttrs = cache;
      return this;
    }

    /** Refuse modification. */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** Chunk key separator: {@code "."} or {@code "/"}. */
    public Builder dimensionSeparator(String separator) {
      if (separator != null && !".".equals(separator) && !"/".equals(separator)) {
        throw new InvalidArrayException(
            "dimension separator must be '.' or '/', got '" + separator + "'");
      }
      this.dimensionSeparator = separator;
      return this;
    }

    /** Store chunks that hold only the fill value (true) or delete them (false). */
    public Builder writeEmptyChunks(boolean write) {
      this.writeEmptyChunks = write;
      return this;
    }

    /** Lock chunks during partial writes. */
    public Builder synchronizer(Synchronizer synchronizer) {
      this.synchronizer = synchronizer;
      return this;
    }

    /** The options. */
    public ArrayOptions build() {
      return new ArrayOptions(this);
    }
  }
}
