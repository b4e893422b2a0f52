package dev.zarr4j;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.InnerChunks;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.exceptions.IrregularChunksException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.ChunkLayout;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.DimChunks;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.ParsedSelection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.pipeline.ChunkPipeline;
import dev.zarr4j.python.PythonText;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.sync.Synchronizer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * A chunked, compressed N-dimensional array in a store (zarr-python's {@code zarr.core.Array}).
 *
 * <p>Create or open one with {@link Zarr}. Read with {@link #get(Selection)} (or the text form
 * {@code get("0:10, ::2")}), write with {@link #set(Selection, Object)} or a scalar; chunks are
 * encoded and decoded in parallel by the array's {@link ChunkPipeline}. An array holds no resources
 * of its own and need not be closed; every write goes straight to the store.
 *
 * <p>Instances are thread-safe. Concurrent writes to regions that share a chunk need a {@link
 * Synchronizer} (see {@link ArrayOptions.Builder#synchronizer}).
 */
public final class ZarrArray implements ZarrNode, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final Store store;
  private final Store chunkStore; // null: chunks live in store
  private final String path;
  private final NodeFormat format;
  private final boolean readOnly;
  private final boolean cacheMetadata;
  private final boolean writeEmptyChunks;
  private final Synchronizer synchronizer;
  private final ZarrConfig config;
  private final Attributes attrs;
  private final Object metadataLock = new Object();
  private volatile State state;

  /** The metadata with the pipeline built from it. */
  private record State(ArrayMetadata metadata, ChunkPipeline pipeline) {}

  /** Opens the array {@code where} names, reading its metadata from the store. */
  ZarrArray(NodeContext where, boolean cacheMetadata, boolean writeEmptyChunks) {
    this(where, where.store(), cacheMetadata, writeEmptyChunks);
  }

  /**
   * Opens the array, reading its metadata through {@code reads}: the store, or the view of it that
   * the open that creates this array reads its documents through ({@link
   * dev.zarr4j.store.ReadOnceStore}); the array keeps {@code store} for everything after.
   */
  ZarrArray(
      NodeContext where, ReadableStore reads, boolean cacheMetadata, boolean writeEmptyChunks) {
    this.store = where.store();
    this.chunkStore = where.chunkStore();
    this.path = where.path();
    this.format = where.format();
    this.readOnly = where.readOnly();
    this.cacheMetadata = cacheMetadata;
    this.writeEmptyChunks = writeEmptyChunks;
    this.synchronizer = where.synchronizer();
    this.config = where.config();
    this.attrs = new Attributes(store, path, format, readOnly, where.cacheAttrs(), synchronizer);
    this.state = stateOf(format.readArray(reads, path));
  }

  private ZarrArray(ZarrArray a, ZarrConfig config) {
    this.store = a.store;
    this.chunkStore = a.chunkStore;
    this.path = a.path;
    this.format = a.format;
    this.readOnly = a.readOnly;
    this.cacheMetadata = a.cacheMetadata;
    this.writeEmptyChunks = a.writeEmptyChunks;
    this.synchronizer = a.synchronizer;
    this.config = config;
    this.attrs = a.attrs;
    this.state = stateOf(a.state().metadata());
  }

  private State stateOf(ArrayMetadata m) {
    return new State(
        m,
        new ChunkPipeline(
            chunkStore(),
            path,
            m.spec(),
            config.executor(),
            config.codecOptions(),
            writeEmptyChunks,
            synchronizer));
  }

  private State state() {
    if (!cacheMetadata) {
      synchronized (metadataLock) {
        state = stateOf(format.readArray(store, path));
      }
    }
    return state;
  }

  /**
   * This array with another configuration (threads, codec implementations) for the calls made
   * through the returned object; this one is unchanged. Both see the same store.
   */
  public ZarrArray withConfig(ZarrConfig newConfig) {
    return new ZarrArray(this, java.util.Objects.requireNonNull(newConfig, "config"));
  }

  /** The configuration this array's calls run with. */
  public ZarrConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ properties

  /** The array's model: shape, data type, chunk grid, key encoding, fill value, codecs. */
  public ArraySpec spec() {
    return state().metadata().spec();
  }

  /** The array's metadata as its format stores it. */
  public ArrayMetadata metadata() {
    return state().metadata();
  }

  /** The metadata format of the hierarchy the array lives in. */
  public NodeFormat format() {
    return format;
  }

  /** The shape. */
  public long[] shape() {
    return spec().shape();
  }

  /**
   * The chunk shape: for a sharded array (Zarr v3) the shape of the inner chunks, as zarr-python 3
   * reports it; the shards are {@link #shards()}. An array whose chunks differ in shape (a Zarr v3
   * rectilinear chunk grid) has no one chunk shape: as zarr-python 3's {@code chunks}, this
   * refuses, and {@link #chunkSizes()} gives the lengths.
   *
   * @throws IrregularChunksException naming the array if its chunks differ in shape
   */
  public int[] chunks() {
    ArraySpec s = spec();
    InnerChunks inner = s.codecs().innerChunks();
    if (inner != null) {
      return inner.shape();
    }
    if (!s.grid().isRegular()) {
      throw new IrregularChunksException(
          "array '"
              + path
              + "' has a rectilinear chunk grid ("
              + s.grid()
              + "): its chunks differ in shape, so it has no one chunk shape; chunkSizes() gives"
              + " the chunk lengths along each dimension");
    }
    return s.chunkShape();
  }

  /**
   * The length of every chunk along each dimension, cut at the array's end: zarr-python 3's {@code
   * read_chunk_sizes} (dask's {@code chunks}). {@code sizes[d][k]} is how many elements of the
   * array chunk {@code k} along dimension {@code d} holds. For any grid, regular or rectilinear;
   * for a sharded array, of the inner chunks.
   */
  public int[][] chunkSizes() {
    ArraySpec s = spec();
    InnerChunks inner = s.codecs().innerChunks();
    return lengths(
        inner != null ? ChunkLayout.regular(inner.shape()) : s.grid().layout(),
        s.shape(),
        "chunks");
  }

  /**
   * The length of every block of {@code layout} along each dimension of an array of {@code shape},
   * cut at the array's end.
   *
   * @throws InvalidArrayException naming the array if a dimension has too many to list
   */
  private int[][] lengths(ChunkLayout layout, long[] shape, String what) {
    int[][] out = new int[shape.length][];
    for (int d = 0; d < shape.length; d++) {
      DimChunks dim = layout.dim(d);
      long n = dim.chunkCount(shape[d]);
      if (n > Integer.MAX_VALUE - 8) {
        throw new InvalidArrayException(
            "array '"
                + path
                + "' has "
                + n
                + " "
                + what
                + " along dimension "
                + d
                + ", too many to list");
      }
      out[d] = new int[(int) n];
      for (int k = 0; k < n; k++) {
        out[d][k] = (int) Math.min(dim.chunkLength(k), shape[d] - dim.chunkStart(k));
      }
    }
    return out;
  }

  /**
   * The shard shape of a sharded array (the shape of each stored object, a block of whole {@link
   * #chunks()}), or {@code null} when the array is not sharded: zarr-python 3's {@code shards}.
   * Shards on a rectilinear grid differ in shape: this refuses, as {@link #chunks()} does for
   * chunks that differ, and {@link #shardSizes()} gives their lengths.
   *
   * @throws IrregularChunksException naming the array if its shards differ in shape
   */
  public int[] shards() {
    ArraySpec s = spec();
    if (s.codecs().innerChunks() == null) {
      return null;
    }
    if (!s.grid().isRegular()) {
      throw new IrregularChunksException(
          "array '"
              + path
              + "' has shards on a rectilinear grid ("
              + s.grid()
              + "): they differ in shape, so it has no one shard shape; shardSizes() gives"
              + " the shard lengths along each dimension");
    }
    return s.chunkShape();
  }

  /**
   * The length of every shard along each dimension, cut at the array's end (as {@link
   * #chunkSizes()} gives the inner chunks'), or {@code null} when the array is not sharded.
   */
  public int[][] shardSizes() {
    ArraySpec s = spec();
    return s.codecs().innerChunks() == null
        ? null
        : lengths(s.grid().layout(), s.shape(), "shards");
  }

  /** The element type. */
  public DataType dtype() {
    return spec().dtype();
  }

  /** The fill value (a Java value of the data type) or null. */
  public Object fillValue() {
    return spec().fillValue();
  }

  /** The dimension names, or an empty list when the array names none. */
  public List<String> dimensionNames() {
    return spec().dimensionNames();
  }

  /** zarr-python 2's {@code order}: element order inside stored chunks. */
  public MemoryOrder order() {
    return metadata().order();
  }

  /** zarr-python 2's {@code compressor}, or null when chunks are stored uncompressed. */
  public BytesToBytesCodec compressor() {
    return metadata().compressor();
  }

  /** zarr-python 2's {@code filters}, in encoding order (empty when none). */
  public List<Codec> filters() {
    return metadata().filters();
  }

  /** For object arrays, the codec of their elements (the first v2 filter); null otherwise. */
  public ObjectCodec objectCodec() {
    return metadata().objectCodec();
  }

  /** The separator between chunk coordinates in chunk keys. */
  public String dimensionSeparator() {
    return spec().keyEncoding().separator();
  }

  /** The store holding metadata (and chunks, unless a chunk store was given). */
  @Override
  public Store store() {
    return store;
  }

  /** The store holding chunks. */
  @Override
  public Store chunkStore() {
    return chunkStore == null ? store : chunkStore;
  }

  /** The path inside the store ({@code ""} for the root). */
  @Override
  public String path() {
    return path;
  }

  /** h5py-style name: {@code "/" + path}, or empty for an array at the store root. */
  public Optional<String> name() {
    return path.isEmpty() ? Optional.empty() : Optional.of("/" + path);
  }

  /** The last path segment, or empty for the root. */
  @Override
  public String basename() {
    int i = path.lastIndexOf('/');
    return i < 0 ? path : path.substring(i + 1);
  }

  /** Whether modification is refused. */
  @Override
  public boolean readOnly() {
    return readOnly;
  }

  /** Whether chunks equal to the fill value are stored. */
  public boolean writeEmptyChunks() {
    return writeEmptyChunks;
  }

  /** The synchronizer for partial chunk writes, or null. */
  public Synchronizer synchronizer() {
    return synchronizer;
  }

  /** Whether metadata is read once and cached. */
  boolean cacheMetadata() {
    return cacheMetadata;
  }

  /** The user attributes. */
  @Override
  public Attributes attrs() {
    return attrs;
  }

  /** Number of dimensions. */
  public int ndim() {
    return spec().ndim();
  }

  /** Number of elements. */
  public long size() {
    return spec().size();
  }

  /** Bytes of the array's data uncompressed. */
  public long nbytes() {
    return spec().nbytes();
  }

  /** Bytes stored for this array: metadata, attributes and chunks. */
  public long nbytesStored() {
    long n = store.totalSize(path);
    if (chunkStore != null) {
      n += chunkStore.totalSize(path);
    }
    return n;
  }

  /**
   * Number of chunks in the grid; for a sharded array, of inner chunks over the whole array, as
   * zarr-python 3 counts them.
   */
  public long nchunks() {
    ArraySpec s = spec();
    if (s.codecs().innerChunks() == null) {
      return s.chunkCount();
    }
    int[] c = chunks();
    long[] shape = s.shape();
    long n = 1;
    for (int d = 0; d < shape.length; d++) {
      n *= (shape[d] + c[d] - 1) / c[d];
    }
    return n;
  }

  /**
   * Number of chunks present in the store; for a sharded array, the stored shards times the inner
   * chunks a shard holds, as zarr-python 3 counts them.
   */
  public long nchunksInitialized() {
    ArraySpec s = spec();
    InnerChunks inner = s.codecs().innerChunks();
    if (inner != null && !s.grid().isRegular()) {
      // shards of different shapes: each stored one counts the inner chunks it holds
      int[] c = inner.shape();
      long n = 0;
      int cut = path.isEmpty() ? 0 : path.length() + 1;
      for (String key : chunkStore().listPrefix(path)) {
        String k = key.substring(cut);
        if (s.isChunkKey(k)) {
          int[] shard = s.grid().storedChunkShape(s.chunkCoords(k), s.shape());
          long per = 1;
          for (int d = 0; d < c.length; d++) {
            per *= shard[d] / c[d];
          }
          n += per;
        }
      }
      return n;
    }
    int[] shards = shards();
    long perObject = 1;
    if (shards != null) {
      int[] c = chunks();
      for (int d = 0; d < c.length; d++) {
        perObject *= shards[d] / c[d];
      }
    }
    return storedObjects() * perObject;
  }

  /** The number of chunk objects (shards of a sharded array) present in the store. */
  private long storedObjects() {
    ArraySpec s = spec();
    long n = 0;
    int cut = path.isEmpty() ? 0 : path.length() + 1;
    for (String key : chunkStore().listPrefix(path)) {
      if (s.isChunkKey(key.substring(cut))) {
        n++;
      }
    }
    return n;
  }

  /** A diagnostic report with the same fields and figures as zarr-python's {@code info}. */
  public Info info() {
    return Info.of(this);
  }

  // ------------------------------------------------------------------ reading

  /** Reads the whole array. */
  public NdArray get() {
    return get(Selection.all());
  }

  /**
   * Reads a selection given in NumPy's text form, as zarr-python's square brackets take it: {@code
   * "0:10, ::2"}, {@code "5, ..."}, {@code "[0, 2], :"} (orthogonal), {@code "[0, 2], [1, 3]"}
   * (coordinates), optionally followed by quoted field names ({@code "0:2, 'foo'"}).
   */
  public NdArray get(String selection) {
    ParsedSelection p = ParsedSelection.parse(selection, ndim());
    return get(p.selection(), p.fields().toArray(new String[0]));
  }

  /**
   * Reads a selection: integers, {@link Slice}s and {@link DimSelector.Ellipsis#INSTANCE}, one per
   * dimension (missing trailing dimensions are read whole).
   */
  public NdArray get(Object... selection) {
    return get(BasicSelection.of(selection));
  }

  /**
   * Reads a selection. Dimensions selected by a single integer are dropped from the result, as in
   * NumPy; selecting one element returns a 0-dimensional array.
   *
   * @throws dev.zarr4j.exceptions.SelectionOutOfBoundsException naming the dimension when an index
   *     is out of range
   * @throws InvalidSelectionException for a malformed selection
   * @throws dev.zarr4j.exceptions.CodecException naming the chunk key when a stored chunk cannot be
   *     decoded
   */
  public NdArray get(Selection selection) {
    return SelectionIo.read(state().pipeline(), selection);
  }

  /**
   * Reads a selection of one or more fields of a structured array (zarr-python's {@code fields}
   * argument): one field gives an array of that field's type (with its sub-array dimensions
   * appended), several give a structured array of just those fields.
   *
   * @throws InvalidArrayException if the array is not structured or a field does not exist
   */
  public NdArray get(Selection selection, String... fields) {
    NdArray records = get(selection);
    return fields.length == 0 ? records : records.fields(fields);
  }

  /** The element at {@code index} as a Java value (negative indices count from the end). */
  public Object getValue(long... index) {
    if (index.length != ndim()) {
      throw new InvalidSelectionException(
          "getValue needs " + ndim() + " indices, got " + index.length);
    }
    return get(BasicSelection.of(boxed(index))).get();
  }

  private static Object[] boxed(long[] index) {
    Object[] items = new Object[index.length];
    for (int i = 0; i < index.length; i++) {
      items[i] = index[i];
    }
    return items;
  }

  /**
   * Reads a selection into a buffer of the caller's, with no intermediate array: zarr-python's
   * {@code get_basic_selection(selection, out=buffer)} (and the other {@code get_*_selection}'s
   * {@code out}). Each chunk is decoded straight into its region of the buffer. The selected
   * elements fill the buffer in C order of the selection's shape (dimensions selected by an integer
   * dropped), starting at index 0 of an array or at the position of a {@link ByteBuffer}, whose
   * position and limit are left unchanged; the rest of the buffer is not touched.
   *
   * <p>The buffer is either
   *
   * <ul>
   *   <li>a Java array of the type the data type is held in ({@link DataType.Storage#arrayClass()}:
   *       {@code float[]} for float32, {@code int[]} for int32 and uint32, {@code short[]} for
   *       float16 bits, {@code boolean[]}, interleaved real and imaginary parts for complex types,
   *       {@code itemSize} bytes per element in a {@code byte[]} for strings and records, ...), as
   *       {@link NdArray#data()} holds them; or
   *   <li>a {@link ByteBuffer}, heap or direct, that receives each element as {@code itemSize}
   *       bytes: numbers (each part of a complex number) in the buffer's {@link ByteBuffer#order()
   *       byte order} (set {@code order(ByteOrder.nativeOrder())} for native code; a new buffer is
   *       big-endian), booleans as 0 or 1, strings and records as stored.
   * </ul>
   *
   * <p>Elements no chunk holds read as the fill value, or zero without one. Object arrays have no
   * flat form and are refused.
   *
   * @param selection any selection kind (basic, orthogonal, coordinate, mask, block); no fields
   * @param buffer a primitive array or a {@link ByteBuffer} with room for the selection
   * @throws dev.zarr4j.exceptions.IncompatibleBufferException naming the array and sizes when the
   *     buffer is of the wrong type, too small, or read-only; nothing is read then
   */
  public void getInto(Selection selection, Object buffer) {
    SelectionIo.readInto(state().pipeline(), path, selection, buffer);
  }

  /**
   * {@link #getInto(Selection, Object)} with the selection in NumPy's text form (see {@link
   * #get(String)}), without fields.
   *
   * @throws InvalidSelectionException if the text names fields
   */
  public void getInto(String selection, Object buffer) {
    getInto(withoutFields(selection), buffer);
  }

  /**
   * Writes a selection from a buffer of the caller's, with no intermediate array: zarr-python's
   * {@code set_basic_selection(selection, value)} with a NumPy array over the buffer. Each chunk is
   * encoded straight from its region of the buffer. The buffer holds the selection's elements in C
   * order of its shape, laid out as {@link #getInto(Selection, Object)} describes (a primitive
   * array of the data type's storage type from index 0, or a {@link ByteBuffer} from its position,
   * which is left unchanged); chunks covered in part are read, merged and rewritten as by {@link
   * #set(Selection, Object)}.
   *
   * @throws ReadOnlyException if the array is read-only
   * @throws dev.zarr4j.exceptions.IncompatibleBufferException naming the array and sizes when the
   *     buffer is of the wrong type or too small; nothing is written then
   */
  public void setFrom(Selection selection, Object buffer) {
    checkWritable("write to");
    SelectionIo.writeFrom(state().pipeline(), path, selection, buffer);
  }

  /**
   * {@link #setFrom(Selection, Object)} with the selection in NumPy's text form, without fields.
   *
   * @throws InvalidSelectionException if the text names fields
   */
  public void setFrom(String selection, Object buffer) {
    setFrom(withoutFields(selection), buffer);
  }

  private Selection withoutFields(String selection) {
    ParsedSelection p = ParsedSelection.parse(selection, ndim());
    if (!p.fields().isEmpty()) {
      throw new InvalidSelectionException(
          "selection '"
              + selection
              + "' of array '"
              + path
              + "' names fields "
              + p.fields()
              + ": a buffer takes whole elements; read or write fields with get/set");
    }
    return p.selection();
  }

  /**
   * The array block by block, one chunk per block, read ahead on the chunk threads: {@link
   * #chunkStream(ChunkIterationOptions)} with the defaults.
   */
  public ChunkStream chunkStream() {
    return chunkStream(ChunkIterationOptions.defaults());
  }

  /**
   * The array block by block for out-of-core processing (see {@link ChunkStream}): blocks of whole
   * chunks (inner chunks of a sharded array, or shards with {@link
   * ChunkIterationOptions#byShard()}), grouped along the last axes as the options say, in C order
   * of their grid positions, the next ones read ahead while the caller works. Close the stream
   * (try-with-resources) to stop reading ahead.
   *
   * @throws InvalidSelectionException if the options name more axes than the array has, or a block
   *     would hold more elements than a Java array can
   */
  public ChunkStream chunkStream(ChunkIterationOptions options) {
    ChunkPipeline p = state().pipeline();
    ArraySpec s = p.spec();
    InnerChunks inner = s.codecs().innerChunks();
    ChunkLayout layout =
        inner != null && !options.byShard() ? ChunkLayout.regular(inner.shape()) : s.layout();
    int n = s.ndim();
    int[] given = options.chunksPerBlock();
    if (given.length > n) {
      throw new InvalidSelectionException(
          "chunksPerBlock "
              + Arrays.toString(given)
              + " names "
              + given.length
              + " axes, but array '"
              + path
              + "' has "
              + n);
    }
    int[] per = new int[n];
    Arrays.fill(per, 1);
    System.arraycopy(given, 0, per, n - given.length, given.length);
    dev.zarr4j.indexing.ChunkBlocks blocks =
        new dev.zarr4j.indexing.ChunkBlocks(s.shape(), layout, per);
    long slots = blocks.maxBlockSize() * s.dtype().slotsPerElement();
    if (slots > Integer.MAX_VALUE - 8) {
      throw new InvalidSelectionException(
          "blocks of "
              + Arrays.toString(per)
              + " chunks of array '"
              + path
              + "' hold up to "
              + blocks.maxBlockSize()
              + " elements, more than a Java array can; group fewer chunks");
    }
    long blockBytes = Math.max(1, blocks.maxBlockSize() * s.dtype().itemSize());
    int lookAhead =
        options
            .prefetch()
            .orElse(ChunkIterationOptions.defaultPrefetch(p.executor().parallelism(), blockBytes));
    return new ChunkStream(p, blocks, lookAhead);
  }

  // ------------------------------------------------------------------ writing

  /** Writes {@code value} (an {@link NdArray} or a scalar) to the whole array. */
  public void set(Object value) {
    set(Selection.all(), value);
  }

  /**
   * Writes to a selection given in NumPy's text form (see {@link #get(String)}), fields included.
   */
  public void set(String selection, Object value) {
    ParsedSelection p = ParsedSelection.parse(selection, ndim());
    set(p.selection(), value, p.fields().toArray(new String[0]));
  }

  /**
   * Writes {@code value} to a selection. The value is an {@link NdArray} whose shape broadcasts to
   * the selection's shape (NumPy rules), or a scalar written to every selected element; values are
   * converted as {@link NdArray#set} does (so datetime arrays take java.time values, and {@code
   * null} for NaT, both as scalars and in an object-typed {@link NdArray}). Chunks only partly
   * covered are read, merged and rewritten; chunks left equal to the fill value are deleted when
   * {@code writeEmptyChunks} is false.
   *
   * <p>The value may also be another {@code ZarrArray} ({@code z2[:] = z1}), whose shape broadcasts
   * to the selection's the same way. Into a basic (or block) selection it is copied chunk by chunk:
   * each destination chunk reads only its own region of the source, so memory stays at a few chunks
   * however large the arrays are. Into orthogonal selections with lists or masks, coordinate and
   * mask selections, whose chunks take scattered points rather than boxes of the source, the source
   * is read whole first.
   *
   * @throws ReadOnlyException if the array is read-only
   * @throws InvalidSelectionException if the value does not broadcast to the selection (nothing is
   *     written)
   */
  public void set(Selection selection, Object value) {
    checkWritable("write to");
    SelectionIo.write(state().pipeline(), selection, value);
  }

  /**
   * Copies {@code source}, of the same shape, into this whole array chunk by chunk (zarr-python's
   * {@code z2[:] = z1}, as {@link #set(Selection, Object)}), telling {@code chunksWritten} after
   * each group of this array's chunks is written how many there were: what a progress display
   * counts up to {@code spec().chunkCount()}. It may be called from several threads at once.
   *
   * @throws ReadOnlyException if the array is read-only
   * @throws InvalidSelectionException if the shapes do not match (nothing is written)
   */
  public void copyFrom(ZarrArray source, java.util.function.LongConsumer chunksWritten) {
    checkWritable("write to");
    SelectionIo.write(
        state().pipeline(), dev.zarr4j.indexing.Selection.all(), source, chunksWritten);
  }

  /**
   * Writes one or more fields of a structured array's selection, leaving the other fields as they
   * are (zarr-python's {@code fields} argument): the records are read, the fields replaced and the
   * records written back.
   */
  public void set(Selection selection, Object value, String... fields) {
    if (fields.length == 0) {
      set(selection, value);
      return;
    }
    checkWritable("write to");
    SelectionIo.writeFields(this, selection, value, fields);
  }

  /** Writes one element. */
  public void setValue(Object value, long... index) {
    if (index.length != ndim()) {
      throw new InvalidSelectionException(
          "setValue needs " + ndim() + " indices, got " + index.length);
    }
    set(BasicSelection.of(boxed(index)), value);
  }

  private void checkWritable(String what) {
    if (readOnly) {
      throw new ReadOnlyException(
          "cannot " + what + " array '" + (path.isEmpty() ? "/" : path) + "': it is read-only");
    }
  }

  // ------------------------------------------------------------------ zarr-python's selection
  // names

  /** zarr-python's {@code get_basic_selection}: integers, slices and the ellipsis. */
  public NdArray getBasicSelection(BasicSelection selection, String... fields) {
    return get(selection, fields);
  }

  /** zarr-python's {@code set_basic_selection}. */
  public void setBasicSelection(BasicSelection selection, Object value, String... fields) {
    set(selection, value, fields);
  }

  /**
   * zarr-python's {@code get_orthogonal_selection}: each dimension selected on its own by an
   * integer, slice, position list or boolean mask; the result is their outer product.
   */
  public NdArray getOrthogonalSelection(OrthogonalSelection selection, String... fields) {
    return get(selection, fields);
  }

  /** zarr-python's {@code set_orthogonal_selection}. */
  public void setOrthogonalSelection(
      OrthogonalSelection selection, Object value, String... fields) {
    set(selection, value, fields);
  }

  /**
   * zarr-python's {@code get_coordinate_selection}: one integer index array per dimension,
   * broadcast together; each position selects one element.
   */
  public NdArray getCoordinateSelection(CoordinateSelection selection, String... fields) {
    return get(selection, fields);
  }

  /** zarr-python's {@code set_coordinate_selection}; a repeated coordinate takes the last value. */
  public void setCoordinateSelection(
      CoordinateSelection selection, Object value, String... fields) {
    set(selection, value, fields);
  }

  /**
   * zarr-python's {@code get_mask_selection}: the elements where a bool array of this shape is
   * true.
   */
  public NdArray getMaskSelection(NdArray mask, String... fields) {
    return get(new MaskSelection(mask), fields);
  }

  /** zarr-python's {@code set_mask_selection}. */
  public void setMaskSelection(NdArray mask, Object value, String... fields) {
    set(new MaskSelection(mask), value, fields);
  }

  /** zarr-python's {@code get_block_selection}: whole chunks by their grid indices. */
  public NdArray getBlockSelection(BlockSelection selection, String... fields) {
    return get(selection, fields);
  }

  /** zarr-python's {@code set_block_selection}. */
  public void setBlockSelection(BlockSelection selection, Object value, String... fields) {
    set(selection, value, fields);
  }

  /** Orthogonal indexing, zarr-python's {@code z.oindex[...]}. */
  public OrthogonalView oindex() {
    return new OrthogonalView(this);
  }

  /** Coordinate and mask indexing, zarr-python's {@code z.vindex[...]}. */
  public VectorView vindex() {
    return new VectorView(this);
  }

  /** Block indexing, zarr-python's {@code z.blocks[...]}. */
  public BlockView blocks() {
    return new BlockView(this);
  }

  // ------------------------------------------------------------------ resize and append

  /**
   * Changes the shape. Data is not moved; chunks wholly outside the new shape are deleted. Where
   * the format stores edge chunks cut to the array (N5), the stored chunks at the old and new edges
   * are rewritten at their new shape: elements cut off are dropped, and the ones a chunk gains hold
   * the fill value. A rectilinear chunk grid (Zarr v3) keeps its listed chunk lengths, and along a
   * dimension that grows past their sum gains one chunk holding the growth, as zarr-python 3
   * resizes it; its regular dimensions (a bare length) cover any length unchanged.
   *
   * @throws ReadOnlyException if the array is read-only
   * @throws InvalidArrayException if the number of dimensions changes or a length is negative
   */
  public void resize(long... newShape) {
    checkWritable("resize");
    underMetadataLock(() -> resizeLocked(newShape));
  }

  /**
   * Runs {@code op} under the in-JVM metadata lock and, with a synchronizer, its lock for the
   * array's document ({@link NodeFormat#arrayLockKey}), as zarr-python runs resize and append.
   */
  private void underMetadataLock(Runnable op) {
    synchronized (metadataLock) {
      Lock held = synchronizer == null ? null : synchronizer.lockFor(format.arrayLockKey(path));
      if (held != null) {
        held.lock();
      }
      try {
        op.run();
      } finally {
        if (held != null) {
          held.unlock();
        }
      }
    }
  }

  /** The resize, under the metadata locks. */
  private void resizeLocked(long[] newShape) {
    State st = cacheMetadata ? state : stateOf(format.readArray(store, path));
    ArrayMetadata old = st.metadata();
    if (newShape.length != old.spec().ndim()) {
      throw new InvalidArrayException(
          "new shape "
              + Arrays.toString(newShape)
              + " must have "
              + old.spec().ndim()
              + " dimensions like the current shape "
              + Arrays.toString(old.spec().shape()));
    }
    ArrayMetadata next;
    try {
      next = old.withShape(newShape);
    } catch (InvalidArrayException e) {
      throw new InvalidArrayException(
          "cannot resize array '"
              + path
              + "' to "
              + Arrays.toString(newShape)
              + ": "
              + e.getMessage(),
          e);
    }
    format.writeArray(store, path, next);
    state = stateOf(next);
    state.pipeline().deleteChunksOutside(old.spec(), next.spec());
    state.pipeline().recutChunks(old.spec());
  }

  /**
   * Appends {@code data} along {@code axis}: the array grows by the data's length on that axis and
   * the data is written into the new region. Every other dimension must match.
   *
   * @return the new shape
   */
  public long[] append(NdArray data, int axis) {
    checkWritable("append to");
    long[][] result = new long[1][];
    underMetadataLock(
        () -> {
          long[] shape = shape();
          int ax = ArrayValues.appendAxis(shape, data, axis);
          long[] next = shape.clone();
          next[ax] += data.shape(ax);
          resizeLocked(next);
          Object[] items = new Object[shape.length];
          for (int d = 0; d < shape.length; d++) {
            items[d] = d == ax ? Slice.of(shape[ax], next[ax]) : Slice.all();
          }
          set(BasicSelection.of(items), data);
          result[0] = next;
        });
    return result[0];
  }

  /** Appends along the first axis. */
  public long[] append(NdArray data) {
    return append(data, 0);
  }

  // ------------------------------------------------------------------ identity

  /** Equal when both are the same store, path and read-only flag (zarr-python's equality). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ZarrArray a
        && store.equals(a.store)
        && path.equals(a.path)
        && readOnly == a.readOnly;
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Boolean.hashCode(readOnly);
  }

  /**
   * Serialises as {@link SerializedNode.ArrayForm}: the store (a memory store with its data, a
   * directory store as its location), path, format, mode and options; the copy re-reads the
   * metadata.
   */
  private Object writeReplace() throws java.io.ObjectStreamException {
    return new SerializedNode.ArrayForm(
        store,
        chunkStore,
        path,
        readOnly,
        cacheMetadata,
        attrs.cache(),
        writeEmptyChunks,
        SerializedNode.synchronizerForm(synchronizer),
        SerializedNode.threadsOf(config),
        config.codecOptions().pureJava());
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("an array is deserialised from its serialised form");
  }

  /** Like zarr-python's repr: {@code <zarr4j.ZarrArray '/foo' (10, 10) int32 read-only>}. */
  @Override
  public String toString() {
    ArraySpec s = state.metadata().spec();
    StringBuilder sb = new StringBuilder("<zarr4j.ZarrArray ");
    name().ifPresent(n -> sb.append('\'').append(n).append("' "));
    sb.append(PythonText.tuple(s.shape())).append(' ').append(s.dtype());
    if (readOnly) {
      sb.append(" read-only");
    }
    return sb.append('>').toString();
  }
}
