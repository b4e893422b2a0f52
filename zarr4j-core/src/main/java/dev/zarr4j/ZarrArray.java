package dev.zarr4j;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidSelectionException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.SelectionOutOfBoundsException;
import dev.zarr4j.indexing.BasicIndexer;
import dev.zarr4j.indexing.BasicSelection;
import dev.zarr4j.indexing.BlockSelection;
import dev.zarr4j.indexing.ChunkPoints;
import dev.zarr4j.indexing.ChunkProjection;
import dev.zarr4j.indexing.CoordinateSelection;
import dev.zarr4j.indexing.DimSelector;
import dev.zarr4j.indexing.Indexer;
import dev.zarr4j.indexing.MaskSelection;
import dev.zarr4j.indexing.OrthogonalSelection;
import dev.zarr4j.indexing.ParsedSelection;
import dev.zarr4j.indexing.Projection;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.indexing.Slice;
import dev.zarr4j.internal.ChunkCodec;
import dev.zarr4j.internal.ChunkExecutor;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.internal.PyText;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.v2.ArrayMetadataV2;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.RawCopy;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.store.RangeReader;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import dev.zarr4j.sync.Synchronizer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.regex.Pattern;

/**
 * A chunked, compressed N-dimensional array in a store (zarr-python's {@code zarr.core.Array}).
 *
 * <p>Create or open one with {@link Zarr}. Read with {@link #get(Selection)} (or the text form
 * {@code get("0:10, ::2")}), write with {@link #set(Selection, NdArray)} or a scalar; chunks are
 * encoded and decoded in parallel on a shared pool. An array holds no resources of its own and need
 * not be closed; every write goes straight to the store.
 *
 * <p>Instances are thread-safe. Concurrent writes to regions that share a chunk need a {@link
 * Synchronizer} (see {@link ArrayOptions.Builder#synchronizer}).
 */
public final class ZarrArray implements ZarrNode, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final Store store;
  private final Store chunkStore; // null: chunks live in store
  private final String path;
  private final boolean readOnly;
  private final boolean cacheMetadata;
  private final boolean writeEmptyChunks;
  private final Synchronizer synchronizer;
  private final Attributes attrs;
  private final Object metadataLock = new Object();
  private volatile State state;

  /** The spec with its codec, and whether the separator is recorded in {@code .zarray}. */
  private record State(ArraySpec spec, ChunkCodec codec, boolean writeSeparator) {}

  ZarrArray(
      Store store,
      Store chunkStore,
      String path,
      boolean readOnly,
      boolean cacheMetadata,
      boolean cacheAttrs,
      boolean writeEmptyChunks,
      Synchronizer synchronizer) {
    this.store = store;
    this.chunkStore = chunkStore;
    this.path = path;
    this.readOnly = readOnly;
    this.cacheMetadata = cacheMetadata;
    this.writeEmptyChunks = writeEmptyChunks;
    this.synchronizer = synchronizer;
    this.attrs = new Attributes(store, StoreKeys.join(path, ".zattrs"), readOnly, cacheAttrs);
    this.state = loadState();
  }

  private State loadState() {
    String key = StoreKeys.join(path, ArrayMetadataV2.KEY);
    Optional<ByteBuffer> raw = store.get(key);
    if (raw.isEmpty()) {
      throw new NodeNotFoundException(
          path, "no array found at path '" + path + "' (no " + key + ")");
    }
    byte[] bytes = toBytes(raw.get());
    ArraySpec spec = ArrayMetadataV2.parse(bytes, key, store.defaultDimensionSeparator());
    boolean recorded =
        new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
            .contains("\"dimension_separator\"");
    return new State(spec, new ChunkCodec(spec), recorded);
  }

  private State state() {
    if (!cacheMetadata) {
      synchronized (metadataLock) {
        state = loadState();
      }
    }
    return state;
  }

  static byte[] toBytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  // ------------------------------------------------------------------ properties

  /** The array's metadata as a format-independent description. */
  public ArraySpec spec() {
    return state().spec();
  }

  /** The shape. */
  public long[] shape() {
    return state().spec().shape();
  }

  /** The chunk shape. */
  public int[] chunks() {
    return state().spec().chunks();
  }

  /** The element type. */
  public DataType dtype() {
    return state().spec().dtype();
  }

  /** The fill value (a Java value of the data type) or null. */
  public Object fillValue() {
    return state().spec().fillValue();
  }

  /** Element order inside chunks. */
  public MemoryOrder order() {
    return state().spec().order();
  }

  /** The compressor, or null when chunks are stored uncompressed. */
  public BytesToBytesCodec compressor() {
    return state().spec().compressor();
  }

  /** The filters, in encoding order (empty when none). */
  public List<BytesToBytesCodec> filters() {
    return state().spec().filters();
  }

  /** For object arrays, the codec of their elements (the first v2 filter); null otherwise. */
  public dev.zarr4j.codec.ObjectCodec objectCodec() {
    return state().spec().objectCodec();
  }

  /** The chunk key separator. */
  public String dimensionSeparator() {
    return state().spec().dimensionSeparator();
  }

  /** The store holding metadata (and chunks, unless a chunk store was given). */
  public Store store() {
    return store;
  }

  /** The store holding chunks. */
  public Store chunkStore() {
    return chunkStore == null ? store : chunkStore;
  }

  /** The path inside the store ({@code ""} for the root). */
  public String path() {
    return path;
  }

  /** h5py-style name: {@code "/" + path}, or empty for an array at the store root. */
  public Optional<String> name() {
    return path.isEmpty() ? Optional.empty() : Optional.of("/" + path);
  }

  /** The last path segment, or empty for the root. */
  public String basename() {
    int i = path.lastIndexOf('/');
    return i < 0 ? path : path.substring(i + 1);
  }

  /** Whether modification is refused. */
  public boolean readOnly() {
    return readOnly;
  }

  /** Whether chunks equal to the fill value are stored. */
  public boolean writeEmptyChunks() {
    return writeEmptyChunks;
  }

  /** The user attributes. */
  public Attributes attrs() {
    return attrs;
  }

  /** Number of dimensions. */
  public int ndim() {
    return state().spec().ndim();
  }

  /** Number of elements. */
  public long size() {
    return state().spec().size();
  }

  /** Bytes of the array's data uncompressed. */
  public long nbytes() {
    ArraySpec s = state().spec();
    return s.size() * s.dtype().itemSize();
  }

  /** Bytes stored for this array: metadata, attributes and chunks. */
  public long nbytesStored() {
    long n = store.totalSize(path);
    if (chunkStore != null) {
      n += chunkStore.totalSize(path);
    }
    return n;
  }

  /** Number of chunks in the grid. */
  public long nchunks() {
    return state().spec().chunkCount();
  }

  /** Number of chunks present in the store. */
  public long nchunksInitialized() {
    Pattern p = state().spec().chunkKeyPattern();
    long n = 0;
    int cut = path.isEmpty() ? 0 : path.length() + 1;
    for (String key : chunkStore().listPrefix(path)) {
      if (p.matcher(key.substring(cut)).matches()) {
        n++;
      }
    }
    return n;
  }

  /** A diagnostic report with the same fields and figures as zarr-python's {@code info}. */
  public Info info() {
    ArraySpec s = state().spec();
    List<String[]> items = new ArrayList<>();
    name().ifPresent(n -> items.add(new String[] {"Name", n}));
    items.add(new String[] {"Type", ZarrArray.class.getName()});
    items.add(new String[] {"Data type", s.dtype().toString()});
    items.add(new String[] {"Shape", PyText.tuple(s.shape())});
    items.add(
        new String[] {
          "Chunk shape", PyText.tuple(Arrays.stream(s.chunks()).asLongStream().toArray())
        });
    items.add(new String[] {"Order", s.order().name()});
    items.add(new String[] {"Read-only", readOnly ? "True" : "False"});
    int f = 0;
    if (s.objectCodec() != null) {
      items.add(new String[] {"Filter [" + f++ + "]", s.objectCodec().toString()});
    }
    for (BytesToBytesCodec filter : s.filters()) {
      items.add(new String[] {"Filter [" + f++ + "]", filter.toString()});
    }
    items.add(
        new String[] {"Compressor", s.compressor() == null ? "None" : s.compressor().toString()});
    if (synchronizer != null) {
      items.add(new String[] {"Synchronizer type", synchronizer.getClass().getName()});
    }
    items.add(new String[] {"Store type", store.getClass().getName()});
    if (chunkStore != null) {
      items.add(new String[] {"Chunk store type", chunkStore.getClass().getName()});
    }
    long nbytes = s.size() * s.dtype().itemSize();
    items.add(new String[] {"No. bytes", Info.bytes(nbytes)});
    long stored = nbytesStored();
    if (stored > 0) {
      items.add(new String[] {"No. bytes stored", Info.bytes(stored)});
      items.add(new String[] {"Storage ratio", Info.oneDecimal((double) nbytes / stored)});
    }
    items.add(new String[] {"Chunks initialized", nchunksInitialized() + "/" + s.chunkCount()});
    return new Info(items);
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
   * @throws SelectionOutOfBoundsException naming the dimension when an index is out of range
   * @throws InvalidSelectionException for a malformed selection
   * @throws CodecException naming the chunk key when a stored chunk cannot be decoded
   */
  public NdArray get(Selection selection) {
    State st = state();
    ArraySpec spec = st.spec();
    Indexer indexer = Indexer.of(selection, spec.shape(), spec.chunks());
    long[] selShape = indexer.selectionShape();
    NdArray out = NdArray.zeros(spec.dtype(), inMemoryShape(selShape, selection));
    Object fill = spec.fillValue();
    NdArray fillScalar = fill == null ? null : NdArray.scalar(spec.dtype(), fill);
    Store cs = chunkStore();
    if (st.codec().isObject()) {
      Object[] o = (Object[]) out.data();
      if (indexer instanceof BasicIndexer basic) {
        long[] outStrides = arrayDimStrides(selShape, basic.droppedDimensions());
        ChunkExecutor.forEach(basic.iterator(), p -> readObjects(st, cs, p, o, outStrides));
      } else {
        ChunkExecutor.forEach(indexer.projections(), p -> readObjects(st, cs, p, o, null));
      }
    } else if (indexer instanceof BasicIndexer basic) {
      long[] outStrides = arrayDimStrides(selShape, basic.droppedDimensions());
      ChunkExecutor.forEach(
          basic.iterator(), p -> readChunk(st, cs, p, out.data(), outStrides, fillScalar));
    } else {
      ChunkExecutor.forEach(
          indexer.projections(), p -> readPoints(st, cs, (ChunkPoints) p, out.data(), fillScalar));
    }
    return out;
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

  /** The shape of a selection as an in-memory array, or an error if it cannot be held at once. */
  private static int[] inMemoryShape(long[] selShape, Selection selection) {
    int[] outShape = new int[selShape.length];
    long total = 1;
    for (int i = 0; i < selShape.length; i++) {
      total *= selShape[i];
      if (selShape[i] > Integer.MAX_VALUE || total > Integer.MAX_VALUE) {
        throw new InvalidSelectionException(
            "selection "
                + selection
                + " of shape "
                + Arrays.toString(selShape)
                + " is too large to hold in memory at once (over 2^31 elements); read it in parts");
      }
      outShape[i] = (int) selShape[i];
    }
    return outShape;
  }

  /** The element at {@code index} as a Java value (negative indices count from the end). */
  public Object getValue(long... index) {
    Object[] items = new Object[index.length];
    for (int i = 0; i < index.length; i++) {
      items[i] = index[i];
    }
    if (index.length != ndim()) {
      throw new InvalidSelectionException(
          "getValue needs " + ndim() + " indices, got " + index.length);
    }
    return get(BasicSelection.of(items)).get();
  }

  /** Strides of the result, per array dimension (0 for dimensions dropped by an integer index). */
  private static long[] arrayDimStrides(long[] selShape, boolean[] dropped) {
    return arrayDimValueStrides(dropped, StridedCopy.cStrides(selShape));
  }

  private void readChunk(
      State st, Store cs, ChunkProjection p, Object out, long[] outStrides, NdArray fillScalar) {
    ArraySpec spec = st.spec();
    long outOff = 0;
    for (int d = 0; d < outStrides.length; d++) {
      outOff += p.outStart()[d] * outStrides[d];
    }
    String key = StoreKeys.join(path, spec.chunkKey(p.chunkCoords()));
    ChunkCodec codec = st.codec();
    int[] runs =
        codec.decodesPartially() && !p.complete()
            ? codec.boxRuns(p.chunkStart(), p.chunkStep(), p.count())
            : null;
    // Stored bytes go into a per-thread buffer (direct when they are the raw chunk, which then
    // copies straight into the output; heap for a compressor), decoded bytes into another.
    ChunkScratch scratch = ChunkScratch.get();
    byte[][] lent = new byte[1][];
    try (ChunkScratch.Lease lease = scratch.lease(codec.isIdentity())) {
      // with runs: only the box's elements, packed in the chunk's memory order
      ByteBuffer raw = readDecoded(cs, key, codec, runs, scratch, lease, lent);
      if (raw == null) {
        if (fillScalar != null) {
          StridedCopy.copy(
              fillScalar.data(),
              0,
              new long[outStrides.length],
              out,
              outOff,
              outStrides,
              p.count(),
              spec.dtype().slotsPerElement());
        }
        return;
      }
      long srcOff = 0;
      long[] srcStrides;
      if (runs != null) {
        srcStrides = codec.packedStrides(p.count());
      } else {
        long[] rs = codec.rawStrides();
        srcStrides = new long[rs.length];
        for (int d = 0; d < rs.length; d++) {
          srcOff += p.chunkStart()[d] * rs[d];
          srcStrides[d] = rs[d] * p.chunkStep()[d];
        }
      }
      RawCopy.decode(raw, srcOff, srcStrides, out, outOff, outStrides, p.count(), spec.dtype());
    } finally {
      if (lent[0] != null) {
        scratch.release(lent[0]);
      }
    }
  }

  private void readPoints(State st, Store cs, ChunkPoints p, Object out, NdArray fillScalar) {
    ArraySpec spec = st.spec();
    String key = StoreKeys.join(path, spec.chunkKey(p.chunkCoords()));
    ChunkCodec codec = st.codec();
    int width = spec.dtype().slotsPerElement();
    ChunkScratch scratch = ChunkScratch.get();
    byte[][] lent = new byte[1][];
    long[] offsets = rawOffsets(codec, p);
    long[] packed = codec.pointRunsPay(offsets.length) ? new long[offsets.length] : null;
    int[] runs = packed != null ? codec.pointRuns(offsets, packed) : null;
    try (ChunkScratch.Lease lease = scratch.lease(codec.isIdentity())) {
      // with runs: only the selected elements, packed in the order of their offsets
      ByteBuffer raw = readDecoded(cs, key, codec, runs, scratch, lease, lent);
      if (runs != null) {
        offsets = packed;
      }
      if (raw == null) {
        if (fillScalar != null) {
          for (long o : p.outOffsets()) {
            System.arraycopy(fillScalar.data(), 0, out, (int) (o * width), width);
          }
        }
        return;
      }
      RawCopy.decodePoints(raw, offsets, out, p.outOffsets(), spec.dtype());
    } finally {
      if (lent[0] != null) {
        scratch.release(lent[0]);
      }
    }
  }

  /**
   * A chunk's decoded bytes, or null when it is not stored: only the byte {@code runs} packed when
   * they are given, else the whole chunk. A buffer taken from {@code scratch} for them is put in
   * {@code lent[0]}, for the caller to release.
   */
  private ByteBuffer readDecoded(
      Store cs,
      String key,
      ChunkCodec codec,
      int[] runs,
      ChunkScratch scratch,
      ChunkScratch.Lease lease,
      byte[][] lent) {
    if (runs != null) {
      lent[0] = packedBuffer(scratch, ChunkCodec.runBytes(runs));
      return decodeRuns(cs, key, codec, runs, lent[0], lease);
    }
    Optional<ByteBuffer> stored = cs.getInto(key, lease);
    if (stored.isEmpty()) {
      return null;
    }
    lent[0] = codec.decodesInPlace() ? scratch.lendHeap(codec.chunkBytes()) : null;
    return codec.decode(stored.get(), key, lent[0]);
  }

  /** A buffer for a partial decode's packed bytes: small ones fresh, large ones lent. */
  private static byte[] packedBuffer(ChunkScratch scratch, int n) {
    return n <= (64 << 10) ? new byte[n] : scratch.lendHeap(n);
  }

  /**
   * Decodes only the given byte runs of a stored chunk, packed into {@code decoded}: from a store
   * that serves byte ranges, reading only the parts of the chunk they need; from any other, or when
   * the runs spread over most of the chunk, after reading the whole chunk into a leased buffer.
   * Returns null when the chunk is absent.
   */
  private static ByteBuffer decodeRuns(
      Store cs,
      String key,
      ChunkCodec codec,
      int[] runs,
      byte[] decoded,
      ChunkScratch.Lease lease) {
    // runs spread over most of the chunk (points everywhere) need most of its bytes anyway: one
    // whole read is cheaper than reading them piece by piece
    if (cs.capabilities().partialReads() && !codec.spansMostOfChunk(runs)) {
      Optional<RangeReader> reader = cs.openReader(key);
      if (reader.isEmpty()) {
        return null;
      }
      try (RangeReader r = reader.get()) {
        return codec.decodeRuns(new ChunkCodec.RangeReaderView(r), key, runs, decoded);
      }
    }
    Optional<ByteBuffer> stored = cs.getInto(key, lease);
    return stored.isEmpty() ? null : codec.decodeRuns(stored.get(), key, runs, decoded);
  }

  /** Reads one chunk's share of a selection from an object array (strided box or points). */
  private void readObjects(State st, Store cs, Projection p, Object[] out, long[] outStrides) {
    ChunkCodec codec = st.codec();
    String key = StoreKeys.join(path, st.spec().chunkKey(p.chunkCoords()));
    Optional<ByteBuffer> stored = cs.get(key);
    Object[] elements = stored.isPresent() ? codec.decodeObjects(stored.get(), key) : null;
    Object fill = st.spec().fillValue();
    long[] es = codec.elementStrides();
    if (p instanceof ChunkProjection cp) {
      long outOff = 0;
      for (int d = 0; d < outStrides.length; d++) {
        outOff += cp.outStart()[d] * outStrides[d];
      }
      if (elements == null) {
        StridedCopy.copy(
            new Object[] {fill},
            0,
            new long[outStrides.length],
            out,
            outOff,
            outStrides,
            cp.count(),
            1);
        return;
      }
      long srcOff = 0;
      long[] srcStrides = new long[es.length];
      for (int d = 0; d < es.length; d++) {
        srcOff += cp.chunkStart()[d] * es[d];
        srcStrides[d] = es[d] * cp.chunkStep()[d];
      }
      StridedCopy.copy(elements, srcOff, srcStrides, out, outOff, outStrides, cp.count(), 1);
      return;
    }
    ChunkPoints points = (ChunkPoints) p;
    int nd = es.length;
    int[] pos = points.positions();
    long[] outOffsets = points.outOffsets();
    for (int i = 0; i < outOffsets.length; i++) {
      Object v = fill;
      if (elements != null) {
        long off = 0;
        for (int d = 0; d < nd; d++) {
          off += pos[i * nd + d] * es[d];
        }
        v = elements[(int) off];
      }
      out[(int) outOffsets[i]] = v;
    }
  }

  /** Byte offsets in the raw chunk of a projection's elements. */
  private static long[] rawOffsets(ChunkCodec codec, ChunkPoints p) {
    long[] rs = codec.rawStrides();
    int nd = rs.length;
    int[] pos = p.positions();
    long[] offsets = new long[p.size()];
    for (int i = 0; i < offsets.length; i++) {
      long off = 0;
      for (int d = 0; d < nd; d++) {
        off += pos[i * nd + d] * rs[d];
      }
      offsets[i] = off;
    }
    return offsets;
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
    State st = state();
    ArraySpec spec = st.spec();
    Indexer indexer = Indexer.of(selection, spec.shape(), spec.chunks());
    long[] selShape = indexer.selectionShape();
    Store cs = chunkStore();
    if (spec.dtype().kind() == DataType.Kind.OBJECT
        && selShape.length == 0
        && value instanceof NdArray a
        && a.dtype().kind() != DataType.Kind.OBJECT
        && a.ndim() > 0) {
      value =
          NdArray.scalar(DataType.OBJECT, a); // z[i] = array: the array is the element, as in NumPy
    }
    if (value instanceof ZarrArray source && indexer instanceof BasicIndexer basic) {
      copyFrom(source, basic, selShape, st, cs, selection);
      return;
    }
    NdArray v = asArray(value instanceof ZarrArray source ? source.get() : value, spec.dtype());
    long[] valueStrides = broadcastStrides(v, selShape, selection);
    if (st.codec().isObject()) {
      Object[] src = (Object[]) v.data();
      if (indexer instanceof BasicIndexer basic) {
        long[] srcStrides = arrayDimValueStrides(basic.droppedDimensions(), valueStrides);
        ChunkExecutor.forEach(basic.iterator(), p -> writeObjects(st, cs, p, src, srcStrides));
      } else {
        ChunkExecutor.forEach(
            indexer.projections(),
            p -> writeObjectPoints(st, cs, (ChunkPoints) p, src, valueStrides, selShape));
      }
      return;
    }
    if (indexer instanceof BasicIndexer basic) {
      long[] srcStrides = arrayDimValueStrides(basic.droppedDimensions(), valueStrides);
      byte[] scalarPattern = v.size() == 1 ? elementPattern(v, spec.dtype()) : null;
      ChunkExecutor.forEach(
          basic.iterator(), p -> writeChunk(st, cs, p, v.data(), srcStrides, scalarPattern));
    } else {
      ChunkExecutor.forEach(
          indexer.projections(),
          p -> writePoints(st, cs, (ChunkPoints) p, v.data(), valueStrides, selShape));
    }
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
    DataType dtype = dtype();
    if (!dtype.isStructured()) {
      throw new InvalidArrayException(
          "fields "
              + Arrays.toString(fields)
              + " cannot be set on array '"
              + path
              + "' of type "
              + dtype
              + ", which has no fields");
    }
    for (String f : fields) {
      dtype.field(f); // an unknown name fails before anything is read or written
    }
    NdArray records = get(selection);
    // the selected records are held in memory anyway, so a source array is read whole too; a
    // value that does not broadcast fails here, before anything is written
    records.setFields(value instanceof ZarrArray source ? source.get() : value, fields);
    set(selection, records);
  }

  /**
   * Copies another array into a basic selection chunk by chunk (zarr-python's {@code z2[:] = z1}):
   * for each destination chunk only the matching region of the source is read, so memory stays at a
   * few chunks whatever the arrays' sizes. The source's shape must broadcast to the selection's
   * shape by NumPy's rules, as an {@link NdArray} value's does: leading source dimensions of length
   * 1 beyond the selection's are ignored, missing leading ones and dimensions of length 1 are
   * repeated. (zarr-python 2.x accepts only the selection's exact shape.)
   */
  private void copyFrom(
      ZarrArray source,
      BasicIndexer indexer,
      long[] selShape,
      State st,
      Store cs,
      Selection selection) {
    long[] srcShape = source.shape();
    int extra = srcShape.length - selShape.length;
    // for each selection dimension: the source dimension it reads, or -1 where the source repeats
    int[] srcDim = new int[selShape.length];
    boolean mismatch = false;
    for (int i = 0; i < extra; i++) {
      mismatch |= srcShape[i] != 1;
    }
    for (int k = 0; k < selShape.length; k++) {
      int sd = k + extra;
      if (sd < 0 || (srcShape[sd] == 1 && selShape[k] != 1)) {
        srcDim[k] = -1;
      } else {
        srcDim[k] = sd;
        mismatch |= srcShape[sd] != selShape[k];
      }
    }
    if (mismatch) {
      throw new InvalidSelectionException(
          "source array of shape "
              + Arrays.toString(srcShape)
              + " does not match the shape "
              + Arrays.toString(selShape)
              + " of selection "
              + selection
              + " and cannot be broadcast to it");
    }
    boolean[] dropped = indexer.droppedDimensions();
    // Destination chunks go in tiles that follow the source's chunk grid, and each tile reads its
    // source region once: a source chunk is decoded at most twice per dimension (when destination
    // chunks straddle its edges), not once for every destination chunk it overlaps.
    int[] srcChunks = source.chunks();
    long[] span = new long[dropped.length];
    for (int d = 0, k = 0; d < dropped.length; d++) {
      span[d] = Long.MAX_VALUE;
      if (!dropped[d]) {
        int sd = srcDim[k++];
        if (sd >= 0) {
          span[d] = srcChunks[sd];
        }
      }
    }
    ChunkExecutor.forEach(
        indexer.tiles(span),
        tile -> {
          // the source region the tile needs: length-1 dimensions read once and repeated
          long[] from = new long[dropped.length];
          long[] to = new long[dropped.length];
          Arrays.fill(from, Long.MAX_VALUE);
          for (ChunkProjection p : tile) {
            for (int d = 0; d < dropped.length; d++) {
              from[d] = Math.min(from[d], p.outStart()[d]);
              to[d] = Math.max(to[d], p.outStart()[d] + p.count()[d]);
            }
          }
          Object[] region = new Object[srcShape.length];
          long[] counts = new long[srcShape.length];
          Arrays.fill(region, Slice.of(0, 1));
          Arrays.fill(counts, 1);
          for (int d = 0, k = 0; d < dropped.length; d++) {
            if (!dropped[d]) {
              int sd = srcDim[k++];
              if (sd >= 0) {
                region[sd] = Slice.of(from[d], to[d]);
                counts[sd] = to[d] - from[d];
              }
            }
          }
          NdArray part = asArray(source.get(BasicSelection.of(region)), st.spec().dtype());
          long[] partStrides = StridedCopy.cStrides(counts);
          long[] srcStrides = new long[dropped.length];
          for (int d = 0, k = 0; d < dropped.length; d++) {
            if (!dropped[d]) {
              int sd = srcDim[k++];
              srcStrides[d] = sd >= 0 ? partStrides[sd] : 0;
            }
          }
          for (ChunkProjection p : tile) {
            // where this chunk's values start in the tile's part
            long[] at = new long[dropped.length];
            for (int d = 0; d < dropped.length; d++) {
              at[d] = p.outStart()[d] - from[d];
            }
            ChunkProjection local =
                new ChunkProjection(
                    p.chunkCoords(), p.chunkStart(), p.chunkStep(), p.count(), at, p.complete());
            if (st.codec().isObject()) {
              writeObjects(st, cs, local, (Object[]) part.data(), srcStrides);
            } else {
              writeChunk(st, cs, local, part.data(), srcStrides, null);
            }
          }
        });
  }

  /** Writes one element. */
  public void setValue(Object value, long... index) {
    if (index.length != ndim()) {
      throw new InvalidSelectionException(
          "setValue needs " + ndim() + " indices, got " + index.length);
    }
    Object[] items = new Object[index.length];
    for (int i = 0; i < index.length; i++) {
      items[i] = index[i];
    }
    set(BasicSelection.of(items), value);
  }

  private static byte[] elementPattern(NdArray v, DataType dtype) {
    byte[] out = new byte[dtype.itemSize()];
    RawCopy.encode(
        v.data(), 0, new long[0], ByteBuffer.wrap(out), 0, new long[0], new long[0], dtype);
    return out;
  }

  private static NdArray asArray(Object value, DataType dtype) {
    if (value instanceof NdArray a) {
      return sameRepresentation(a.dtype(), dtype) ? a : a.astype(dtype);
    }
    return NdArray.scalar(dtype, value);
  }

  /** Whether two data types hold Java values the same way (byte order does not matter here). */
  private static boolean sameRepresentation(DataType a, DataType b) {
    return a.kind() == b.kind()
        && a.itemSize() == b.itemSize()
        && java.util.Objects.equals(a.unit(), b.unit())
        && a.fields().equals(b.fields())
        && (a.byteOrder() == null) == (b.byteOrder() == null)
        && (a.kind() != DataType.Kind.UNICODE || a.byteOrder().equals(b.byteOrder()));
  }

  /** Strides (in elements) of the value per selection dimension, 0 where it broadcasts. */
  private static long[] broadcastStrides(NdArray v, long[] selShape, Selection selection) {
    int[] vs = v.shape();
    int extra = vs.length - selShape.length;
    for (int i = 0; i < extra; i++) {
      if (vs[i] != 1) {
        throw cannotBroadcast(vs, selShape, selection);
      }
    }
    long[] vShape = new long[vs.length];
    for (int i = 0; i < vs.length; i++) {
      vShape[i] = vs[i];
    }
    long[] vStrides = StridedCopy.cStrides(vShape);
    long[] out = new long[selShape.length];
    for (int d = 0; d < selShape.length; d++) {
      int vd = d - (selShape.length - vs.length);
      if (vd < 0) {
        out[d] = 0;
      } else if (vs[vd] == selShape[d]) {
        out[d] = vs[vd] == 1 ? 0 : vStrides[vd];
      } else if (vs[vd] == 1) {
        out[d] = 0;
      } else {
        throw cannotBroadcast(vs, selShape, selection);
      }
    }
    return out;
  }

  private static InvalidSelectionException cannotBroadcast(
      int[] valueShape, long[] selShape, Selection selection) {
    return new InvalidSelectionException(
        "value of shape "
            + Arrays.toString(valueShape)
            + " cannot be broadcast to the shape "
            + Arrays.toString(selShape)
            + " of selection "
            + selection);
  }

  private void writeChunk(
      State st, Store cs, ChunkProjection p, Object src, long[] srcStrides, byte[] scalarPattern) {
    ArraySpec spec = st.spec();
    ChunkCodec codec = st.codec();
    boolean interior = isInterior(spec, p.chunkCoords());
    if (p.complete() && scalarPattern != null && interior) {
      modifyChunk(st, cs, p.chunkCoords(), Whole.REPLACE, raw -> codec.fill(raw, scalarPattern));
      return;
    }
    Whole whole = !p.complete() ? Whole.MERGE : interior ? Whole.REPLACE : Whole.REPLACE_PADDED;
    modifyChunk(
        st,
        cs,
        p.chunkCoords(),
        whole,
        raw -> {
          long[] rs = codec.rawStrides();
          long dstOff = 0;
          long[] dstStrides = new long[rs.length];
          for (int d = 0; d < rs.length; d++) {
            dstOff += p.chunkStart()[d] * rs[d];
            dstStrides[d] = rs[d] * p.chunkStep()[d];
          }
          long srcOff = 0;
          for (int d = 0; d < srcStrides.length; d++) {
            srcOff += p.outStart()[d] * srcStrides[d];
          }
          RawCopy.encode(src, srcOff, srcStrides, raw, dstOff, dstStrides, p.count(), spec.dtype());
        });
  }

  private void writePoints(
      State st, Store cs, ChunkPoints p, Object src, long[] valueStrides, long[] selShape) {
    ChunkCodec codec = st.codec();
    // the value's element for each result offset (0 strides where the value broadcasts)
    long[] srcOffsets = new long[p.size()];
    long[] outOffsets = p.outOffsets();
    for (int i = 0; i < srcOffsets.length; i++) {
      long o = outOffsets[i];
      long off = 0;
      for (int d = selShape.length - 1; d >= 0; d--) {
        long len = selShape[d];
        off += (o % len) * valueStrides[d];
        o /= len;
      }
      srcOffsets[i] = off;
    }
    long[] rawOffsets = rawOffsets(codec, p);
    modifyChunk(
        st,
        cs,
        p.chunkCoords(),
        Whole.MERGE,
        raw -> RawCopy.encodePoints(src, srcOffsets, raw, rawOffsets, st.spec().dtype()));
  }

  /** Strides given per selection dimension spread over the array's dimensions (0 where dropped). */
  private static long[] arrayDimValueStrides(boolean[] dropped, long[] valueStrides) {
    long[] srcStrides = new long[dropped.length];
    int k = 0;
    for (int d = 0; d < dropped.length; d++) {
      srcStrides[d] = dropped[d] ? 0 : valueStrides[k++];
    }
    return srcStrides;
  }

  private void writeObjects(
      State st, Store cs, ChunkProjection p, Object[] src, long[] srcStrides) {
    ChunkCodec codec = st.codec();
    boolean interior = isInterior(st.spec(), p.chunkCoords());
    Whole whole = !p.complete() ? Whole.MERGE : interior ? Whole.REPLACE : Whole.REPLACE_PADDED;
    modifyObjects(
        st,
        cs,
        p.chunkCoords(),
        whole,
        elements -> {
          long[] es = codec.elementStrides();
          long dstOff = 0;
          long[] dstStrides = new long[es.length];
          for (int d = 0; d < es.length; d++) {
            dstOff += p.chunkStart()[d] * es[d];
            dstStrides[d] = es[d] * p.chunkStep()[d];
          }
          long srcOff = 0;
          for (int d = 0; d < srcStrides.length; d++) {
            srcOff += p.outStart()[d] * srcStrides[d];
          }
          StridedCopy.copy(src, srcOff, srcStrides, elements, dstOff, dstStrides, p.count(), 1);
        });
  }

  private void writeObjectPoints(
      State st, Store cs, ChunkPoints p, Object[] src, long[] valueStrides, long[] selShape) {
    long[] es = st.codec().elementStrides();
    int nd = es.length;
    int[] pos = p.positions();
    long[] outOffsets = p.outOffsets();
    modifyObjects(
        st,
        cs,
        p.chunkCoords(),
        Whole.MERGE,
        elements -> {
          for (int i = 0; i < outOffsets.length; i++) {
            long o = outOffsets[i];
            long srcOff = 0;
            for (int d = selShape.length - 1; d >= 0; d--) {
              srcOff += (o % selShape[d]) * valueStrides[d];
              o /= selShape[d];
            }
            long off = 0;
            for (int d = 0; d < nd; d++) {
              off += pos[i * nd + d] * es[d];
            }
            elements[(int) off] = src[(int) srcOff];
          }
        });
  }

  /** The read-modify-write cycle of one object-array chunk (see {@link #modifyChunk}). */
  private void modifyObjects(
      State st,
      Store cs,
      long[] coords,
      Whole whole,
      java.util.function.Consumer<Object[]> modify) {
    ChunkCodec codec = st.codec();
    String key = StoreKeys.join(path, st.spec().chunkKey(coords));
    Lock lock = synchronizer == null ? null : synchronizer.lockFor(key);
    if (lock != null) {
      lock.lock();
    }
    try {
      Object[] elements;
      if (whole == Whole.MERGE) {
        Optional<ByteBuffer> existing = cs.get(key);
        elements =
            existing.isPresent()
                ? codec.decodeObjects(existing.get(), key)
                : codec.newFillObjects();
      } else {
        elements = codec.newFillObjects();
      }
      modify.accept(elements);
      if (!writeEmptyChunks && codec.isFillObjects(elements)) {
        cs.delete(key);
      } else {
        cs.set(key, codec.encodeObjects(elements, key));
      }
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
  }

  /** How a write treats the chunk it changes. */
  private enum Whole {
    /** Every element is written: start from scratch. */
    REPLACE,
    /**
     * Every in-bounds element is written: start from the fill value (for the out-of-bounds part).
     */
    REPLACE_PADDED,
    /** Some elements are written: start from the stored chunk, or the fill value if none. */
    MERGE
  }

  /**
   * The read-modify-write cycle of one chunk, under the synchronizer's lock for its key: builds the
   * raw chunk in a reused per-thread buffer (a heap array for compressors, a direct buffer when the
   * raw bytes go to the store as they are; stores never keep the buffer passed to set), lets {@code
   * modify} change it, then stores it, or deletes it when it holds only the fill value and empty
   * chunks are not written.
   */
  private void modifyChunk(
      State st,
      Store cs,
      long[] coords,
      Whole whole,
      java.util.function.Consumer<ByteBuffer> modify) {
    ChunkCodec codec = st.codec();
    String key = StoreKeys.join(path, st.spec().chunkKey(coords));
    Lock lock = synchronizer == null ? null : synchronizer.lockFor(key);
    if (lock != null) {
      lock.lock();
    }
    ChunkScratch scratch = ChunkScratch.get();
    int n = codec.chunkBytes();
    byte[] heap = null;
    ByteBuffer raw = null;
    try {
      if (codec.isIdentity()) {
        raw = scratch.lendDirect(n);
      } else {
        heap = scratch.lendHeap(n);
        raw = ByteBuffer.wrap(heap, 0, n);
      }
      if (whole == Whole.REPLACE_PADDED) {
        codec.fill(raw); // the part outside the array keeps the fill value
      } else if (whole == Whole.MERGE) {
        try (ChunkScratch.Lease lease = scratch.lease(false)) {
          Optional<ByteBuffer> existing = cs.getInto(key, lease);
          if (existing.isPresent()) {
            ByteBuffer decoded = codec.decode(existing.get(), key, heap);
            if (!(decoded.hasArray() && decoded.array() == heap)) { // unless decoded in place
              raw.put(0, decoded, decoded.position(), n);
            }
          } else {
            codec.fill(raw);
          }
        }
      }
      modify.accept(raw);
      if (!writeEmptyChunks && codec.isFillChunk(raw)) {
        cs.delete(key);
      } else {
        cs.set(key, codec.encode(raw, key));
      }
    } finally {
      if (heap != null) {
        scratch.release(heap);
      } else if (raw != null) {
        scratch.release(raw);
      }
      if (lock != null) {
        lock.unlock();
      }
    }
  }

  private static boolean isInterior(ArraySpec spec, long[] coords) {
    long[] shape = spec.shape();
    int[] chunks = spec.chunks();
    for (int d = 0; d < coords.length; d++) {
      if ((coords[d] + 1) * chunks[d] > shape[d]) {
        return false;
      }
    }
    return true;
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

  /** {@code z.oindex}: reads and writes orthogonal selections. */
  public static final class OrthogonalView {
    private final ZarrArray array;

    private OrthogonalView(ZarrArray array) {
      this.array = array;
    }

    /**
     * {@code z.oindex[items]}: integers, {@link Slice}s, {@code long[]} positions, {@code
     * boolean[]} masks.
     */
    public NdArray get(Object... items) {
      return array.get(OrthogonalSelection.of(items));
    }

    /** {@code z.oindex["[0, 2], :"]}: NumPy's text form, every item taken orthogonally. */
    public NdArray get(String selection) {
      return array.get(OrthogonalSelection.parse(selection, array.ndim()));
    }

    /** {@code z.oindex[items] = value}. */
    public void set(Object value, Object... items) {
      array.set(OrthogonalSelection.of(items), value);
    }

    /** {@code z.oindex["..."] = value}. */
    public void set(String selection, Object value) {
      array.set(OrthogonalSelection.parse(selection, array.ndim()), value);
    }
  }

  /** {@code z.vindex}: reads and writes coordinate and mask selections. */
  public static final class VectorView {
    private final ZarrArray array;

    private VectorView(ZarrArray array) {
      this.array = array;
    }

    /** {@code z.vindex[[...], [...]]}: one position list per dimension. */
    public NdArray get(long[]... coordinates) {
      return array.get(CoordinateSelection.of(coordinates));
    }

    /** {@code z.vindex[mask]} for a bool array, or coordinates for integer arrays. */
    public NdArray get(NdArray... indexArrays) {
      return array.get(vector(indexArrays));
    }

    /** {@code z.vindex["[0, 2], [1, 3]"]}: NumPy's text form with lists and integers only. */
    public NdArray get(String selection) {
      return array.get(asVectorized(selection, array.ndim()));
    }

    /** {@code z.vindex[[...], [...]] = value}. */
    public void set(Object value, long[]... coordinates) {
      array.set(CoordinateSelection.of(coordinates), value);
    }

    /** {@code z.vindex[mask] = value} for a bool array, or coordinates for integer arrays. */
    public void set(Object value, NdArray... indexArrays) {
      array.set(vector(indexArrays), value);
    }

    /** {@code z.vindex["..."] = value}. */
    public void set(String selection, Object value) {
      array.set(asVectorized(selection, array.ndim()), value);
    }

    private static Selection vector(NdArray[] indexArrays) {
      if (indexArrays.length == 1 && indexArrays[0].dtype().kind() == DataType.Kind.BOOL) {
        return new MaskSelection(indexArrays[0]);
      }
      return CoordinateSelection.of(indexArrays);
    }
  }

  /** {@code z.blocks}: reads and writes block selections. */
  public static final class BlockView {
    private final ZarrArray array;

    private BlockView(ZarrArray array) {
      this.array = array;
    }

    /** {@code z.blocks[items]}: integers and {@link Slice}s of block indices. */
    public NdArray get(Object... items) {
      return array.get(BlockSelection.of(items));
    }

    /** {@code z.blocks["1, 0:2"]}. */
    public NdArray get(String selection) {
      return array.get(BlockSelection.parse(selection, array.ndim()));
    }

    /** {@code z.blocks[items] = value}. */
    public void set(Object value, Object... items) {
      array.set(BlockSelection.of(items), value);
    }

    /** {@code z.blocks["..."] = value}. */
    public void set(String selection, Object value) {
      array.set(BlockSelection.parse(selection, array.ndim()), value);
    }
  }

  /** What {@code z.vindex[text]} takes: coordinates, or a mask over the whole array. */
  private static Selection asVectorized(String text, int ndim) {
    Selection s = Selection.parse(text, ndim);
    if (s instanceof CoordinateSelection || s instanceof MaskSelection) {
      return s;
    }
    throw new InvalidSelectionException(
        "vindex takes integers and position lists only, one per dimension, or a boolean mask of"
            + " the array's shape; '"
            + text
            + "' is not a coordinate selection (use oindex for slices and masks)");
  }

  // ------------------------------------------------------------------ resize and append

  /**
   * Changes the shape. Data is not moved; chunks wholly outside the new shape are deleted.
   *
   * @throws ReadOnlyException if the array is read-only
   * @throws InvalidArrayException if the number of dimensions changes or a length is negative
   */
  public void resize(long... newShape) {
    checkWritable("resize");
    synchronized (metadataLock) {
      State st = cacheMetadata ? state : loadState();
      ArraySpec old = st.spec();
      if (newShape.length != old.ndim()) {
        throw new InvalidArrayException(
            "new shape "
                + Arrays.toString(newShape)
                + " must have "
                + old.ndim()
                + " dimensions like the current shape "
                + Arrays.toString(old.shape()));
      }
      ArraySpec next = old.withShape(newShape);
      store.set(
          StoreKeys.join(path, ArrayMetadataV2.KEY),
          ArrayMetadataV2.toBytes(next, st.writeSeparator()));
      state = new State(next, new ChunkCodec(next), st.writeSeparator());
      deleteChunksOutside(old, next);
    }
  }

  private void deleteChunksOutside(ArraySpec old, ArraySpec next) {
    long[] oldGrid = old.gridShape();
    long[] newGrid = next.gridShape();
    boolean shrinks = false;
    for (int d = 0; d < oldGrid.length; d++) {
      shrinks |= newGrid[d] < oldGrid[d];
    }
    if (!shrinks || old.chunkCount() == 0) {
      return;
    }
    Store cs = chunkStore();
    int n = oldGrid.length;
    long[] c = new long[n];
    while (true) {
      boolean outside = false;
      for (int d = 0; d < n; d++) {
        outside |= c[d] >= newGrid[d];
      }
      if (outside) {
        cs.delete(StoreKeys.join(path, old.chunkKey(c)));
      }
      int d = n - 1;
      while (d >= 0 && ++c[d] >= oldGrid[d]) {
        c[d] = 0;
        d--;
      }
      if (d < 0) {
        break;
      }
    }
  }

  /**
   * Appends {@code data} along {@code axis}: the array grows by the data's length on that axis and
   * the data is written into the new region. Every other dimension must match.
   *
   * @return the new shape
   */
  public long[] append(NdArray data, int axis) {
    checkWritable("append to");
    long[] shape = shape();
    int n = shape.length;
    if (axis < 0) {
      axis += n;
    }
    if (axis < 0 || axis >= n) {
      throw new InvalidSelectionException(
          "axis " + axis + " is out of range for an array of " + n + " dimensions");
    }
    if (data.ndim() != n) {
      throw new InvalidArrayException(
          "data to append has " + data.ndim() + " dimensions but the array has " + n);
    }
    for (int d = 0; d < n; d++) {
      if (d != axis && data.shape(d) != shape[d]) {
        throw new InvalidArrayException(
            "data to append has length "
                + data.shape(d)
                + " in dimension "
                + d
                + " but the array has "
                + shape[d]
                + "; only the append axis "
                + axis
                + " may differ");
      }
    }
    long[] next = shape.clone();
    next[axis] += data.shape(axis);
    resize(next);
    Object[] items = new Object[n];
    for (int d = 0; d < n; d++) {
      items[d] = d == axis ? Slice.of(shape[axis], next[axis]) : Slice.all();
    }
    set(BasicSelection.of(items), data);
    return next;
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
   * directory store as its location), path, mode and options; the copy re-reads the metadata.
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
        SerializedNode.synchronizerForm(synchronizer));
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("an array is deserialised from its serialised form");
  }

  /** Like zarr-python's repr: {@code <zarr4j.ZarrArray '/foo' (10, 10) int32 read-only>}. */
  @Override
  public String toString() {
    ArraySpec s = state.spec();
    StringBuilder sb = new StringBuilder("<zarr4j.ZarrArray ");
    name().ifPresent(n -> sb.append('\'').append(n).append("' "));
    sb.append(PyText.tuple(s.shape())).append(' ').append(s.dtype());
    if (readOnly) {
      sb.append(" read-only");
    }
    return sb.append('>').toString();
  }
}
