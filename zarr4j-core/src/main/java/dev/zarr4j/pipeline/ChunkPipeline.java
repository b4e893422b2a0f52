package dev.zarr4j.pipeline;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.ChunkWrite;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.indexing.ChunkPoints;
import dev.zarr4j.indexing.ChunkProjection;
import dev.zarr4j.indexing.Projection;
import dev.zarr4j.internal.ChunkExecutor;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.internal.WaitingTasks;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedCopy;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreKeys;
import dev.zarr4j.store.ValueParts;
import dev.zarr4j.sync.Synchronizer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * Reads and writes one array's chunks: for each chunk's share of a selection (a {@link Projection})
 * it finds the chunk's key, reads and decodes it (only the parts needed where the codec chain can),
 * copies between the chunk and the caller's array, and for writes merges partly written chunks
 * under the {@link Synchronizer}'s lock, stores the result, or deletes a chunk left equal to the
 * fill value when empty chunks are not written. Projections run in parallel on the array's {@link
 * ChunkExecutor}; each writes a disjoint region of the result, so no locks are needed on reads.
 *
 * <p>A pipeline is immutable and cheap; an array builds one per metadata state and configuration.
 * It knows nothing of metadata formats: only the {@link ArraySpec}.
 */
public final class ChunkPipeline {
  private final Store store;
  private final String path;
  private final ArraySpec spec;
  private final CodecChain chain;
  private final ChunkExecutor executor;
  private final CodecOptions options;
  private final boolean writeEmptyChunks;
  private final Synchronizer synchronizer;
  private final NdArray fillScalar;

  /**
   * A pipeline for the array at {@code path} of {@code store}.
   *
   * @param store the store holding the chunks
   * @param path the array's path ({@code ""} for the root)
   * @param spec the array's model
   * @param executor where chunks are processed
   * @param options how codecs run
   * @param writeEmptyChunks whether chunks equal to the fill value are stored (else deleted)
   * @param synchronizer locks chunks during read-modify-write, or {@code null}
   */
  public ChunkPipeline(
      Store store,
      String path,
      ArraySpec spec,
      ChunkExecutor executor,
      CodecOptions options,
      boolean writeEmptyChunks,
      Synchronizer synchronizer) {
    this.store = Objects.requireNonNull(store, "store");
    this.path = Objects.requireNonNull(path, "path");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.chain = spec.codecs();
    this.executor = Objects.requireNonNull(executor, "executor");
    this.options = Objects.requireNonNull(options, "options");
    this.writeEmptyChunks = writeEmptyChunks;
    this.synchronizer = synchronizer;
    Object fill = spec.fillValue();
    // no fill value reads as zeros (what a new result holds), written too into caller's buffers
    this.fillScalar =
        spec.dtype().kind() == DataType.Kind.OBJECT
            ? null
            : fill == null ? NdArray.zeros(spec.dtype()) : NdArray.scalar(spec.dtype(), fill);
  }

  /** The array model this pipeline serves. */
  public ArraySpec spec() {
    return spec;
  }

  /** Where chunks are processed. */
  public ChunkExecutor executor() {
    return executor;
  }

  /** The store key of the chunk at {@code coords}. */
  public String chunkKey(long[] coords) {
    return StoreKeys.join(path, spec.chunkKey(coords));
  }

  // ------------------------------------------------------------------ reading

  /**
   * How many chunks a read from a {@linkplain StoreCapabilities#latencyBound() latency-bound} store
   * fetches with one batched {@link Store#getMany} before decoding them: enough to keep a network
   * store's default 64 requests in flight, few enough to bound the encoded bytes held.
   */
  static final int FETCH_WINDOW = 64;

  /**
   * Reads every projection into {@code out}, in parallel. From a {@linkplain
   * StoreCapabilities#latencyBound() latency-bound} store (a network store), the whole chunks of up
   * to {@link #FETCH_WINDOW} projections at a time are asked for together with one {@link
   * Store#getMany}, which keeps many requests in flight, and then decoded in parallel; chunks read
   * in parts (a shard's inner chunks) are read by the decoding threads, their ranges batched by the
   * codec. Other stores are read by the decoding threads, one chunk each at a time.
   *
   * @param out the result's storage array (see {@link NdArray#data()})
   * @param outDimStrides the result's element stride per array dimension (0 for dimensions a
   *     selection drops), used for box projections; point projections carry their own offsets
   * @throws CodecException naming the chunk key when a stored chunk cannot be decoded
   */
  public void read(Iterator<? extends Projection> projections, Object out, long[] outDimStrides) {
    if (!store.capabilities().latencyBound()) {
      executor.forEach(projections, p -> readChunk(p, out, outDimStrides, null));
      return;
    }
    List<Projection> window = new ArrayList<>(FETCH_WINDOW);
    while (projections.hasNext()) {
      window.clear();
      while (projections.hasNext() && window.size() < FETCH_WINDOW) {
        window.add(projections.next());
      }
      readWindow(window, out, outDimStrides);
    }
  }

  /** Fetches the whole chunks a window of projections needs together, then decodes in parallel. */
  private void readWindow(List<Projection> window, Object out, long[] outDimStrides) {
    List<KeyRange> wanted = new ArrayList<>(window.size());
    int[] fetchedAt = new int[window.size()];
    for (int i = 0; i < window.size(); i++) {
      Projection p = window.get(i);
      if (readsWholeValue(p)) {
        fetchedAt[i] = wanted.size();
        wanted.add(KeyRange.of(chunkKey(p.chunkCoords())));
      } else {
        fetchedAt[i] = -1;
      }
    }
    List<Optional<ByteBuffer>> fetched = wanted.isEmpty() ? List.of() : store.getMany(wanted);
    Iterator<Integer> indices =
        java.util.stream.IntStream.range(0, window.size()).boxed().iterator();
    java.util.function.Consumer<Integer> decode =
        i ->
            readChunk(
                window.get(i),
                out,
                outDimStrides,
                fetchedAt[i] < 0 ? null : fetched.get(fetchedAt[i]));
    if (wanted.size() == window.size() || !latencyBound()) {
      executor.forEach(indices, decode);
    } else {
      // some chunks are read in parts by the decoding threads, each part a request that waits on
      // the network: run as many at once as a network store keeps in flight
      WaitingTasks.forEach(indices, CHUNKS_IN_FLIGHT, decode);
    }
  }

  /** Whether reading {@code p} reads its chunk's whole stored value (not ranges of it). */
  private boolean readsWholeValue(Projection p) {
    ChunkSpec cs = spec.chunkSpec(p.chunkCoords());
    boolean wholeChunk = p instanceof ChunkProjection box && box.complete();
    return !(decodesPartOf(p, cs) && !wholeChunk && readsRanges());
  }

  /**
   * Whether a part of a chunk is decoded from ranges of its stored value read from the store; else
   * the whole value is read first (the store reads no ranges, or the chain would read all of the
   * value anyway: {@link CodecChain#partialDecodingReadsWholeValue}).
   */
  private boolean readsRanges() {
    return store.capabilities().partialReads() && !chain.partialDecodingReadsWholeValue();
  }

  /** Whether {@code p} is read through the chain's partial decoder. */
  private boolean decodesPartOf(Projection p, ChunkSpec cs) {
    long wanted =
        p instanceof ChunkProjection box ? 2 * box.box().size() : 2L * ((ChunkPoints) p).size();
    boolean small = wanted <= cs.size() && !(p instanceof ChunkProjection b && b.complete());
    return (small || chain.prefersPartialDecoding(cs)) && chain.decodesPartially(cs);
  }

  /** Reads one chunk's share of a selection into {@code out} (see {@link #read}). */
  public void readChunk(Projection p, Object out, long[] outDimStrides) {
    readChunk(p, out, outDimStrides, null);
  }

  /**
   * Reads one chunk's share of a selection into {@code out}.
   *
   * @param fetched the chunk's whole stored value (empty when absent) when it has been fetched
   *     already, else null
   */
  private void readChunk(
      Projection p, Object out, long[] outDimStrides, Optional<ByteBuffer> fetched) {
    long[] coords = p.chunkCoords();
    String key = chunkKey(coords);
    ChunkSpec cs = spec.chunkSpec(coords);
    try {
      if (p instanceof ChunkProjection box) {
        StridedView view = view(out, box.outStart(), outDimStrides);
        StridedBox region = box.box();
        if (decodesPartOf(p, cs)) {
          readPartially(
              key,
              cs,
              box.complete(),
              fetched,
              d -> d.decodeBox(region, view),
              () -> fillBox(region, view));
        } else {
          readWhole(key, cs, fetched, c -> c.copyTo(region, view), () -> fillBox(region, view));
        }
      } else {
        ChunkPoints pts = (ChunkPoints) p;
        if (decodesPartOf(p, cs)) {
          readPartially(
              key,
              cs,
              false,
              fetched,
              d -> d.decodePoints(pts.positions(), out, pts.outOffsets()),
              () -> fillPoints(out, pts.outOffsets()));
        } else {
          readWhole(
              key,
              cs,
              fetched,
              c -> c.copyPointsTo(pts.positions(), out, pts.outOffsets()),
              () -> fillPoints(out, pts.outOffsets()));
        }
      }
    } catch (CodecException e) {
      throw chunkError(key, e);
    } catch (StoreException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException("chunk '" + key + "' could not be decoded: " + e, e);
    }
  }

  /**
   * {@code allocator}, refusing first a stored chunk larger than the chain's worst case for one
   * chunk of {@code cs}: a store asks for the buffer before reading the value, so a value padded to
   * gigabytes is refused without allocating or reading it.
   */
  private java.util.function.IntFunction<ByteBuffer> bounded(
      String key, ChunkSpec cs, java.util.function.IntFunction<ByteBuffer> allocator) {
    long max = chain.maxEncodedSize(cs);
    if (max < 0) {
      return allocator;
    }
    return n -> {
      checkStoredSize(key, cs, n);
      return allocator.apply(n);
    };
  }

  /**
   * The whole stored value of the chunk at {@code key} in a buffer from {@code allocator} (refused
   * first when larger than the chain's worst case, see {@link #bounded}). Only a chain that encodes
   * partially (sharding) updates a stored chunk in place; the chunks of any other are replaced
   * whole, so they are read without the store's guard against an in-place update ({@link
   * Store#getReplacedInto}: a directory store then reads the file in one read instead of three).
   */
  private Optional<ByteBuffer> getStored(
      String key, ChunkSpec cs, java.util.function.IntFunction<ByteBuffer> allocator) {
    java.util.function.IntFunction<ByteBuffer> a = bounded(key, cs, allocator);
    return chain.encodesPartially(cs) ? store.getInto(key, a) : store.getReplacedInto(key, a);
  }

  /**
   * Throws a {@link CodecException} naming the key when a stored chunk of {@code size} bytes is
   * larger than the chain's worst case for one chunk of {@code cs}.
   */
  private void checkStoredSize(String key, ChunkSpec cs, long size) {
    long max = chain.maxEncodedSize(cs);
    if (max >= 0 && size > max) {
      throw new CodecException(
          "chunk '"
              + key
              + "' is stored as "
              + size
              + " bytes, more than its codecs "
              + chain.codecs().stream().map(c -> c.id()).toList()
              + " can produce for one chunk (at most "
              + max
              + " bytes): the stored value is corrupt or not a chunk of this array, and is not"
              + " read");
    }
  }

  private CodecException chunkError(String key, CodecException e) {
    String m = e.getMessage();
    if (m != null && m.startsWith("chunk '" + key + "'")) {
      return e;
    }
    return new CodecException("chunk '" + key + "': " + m, e);
  }

  private static StridedView view(Object storage, long[] start, long[] strides) {
    long off = 0;
    for (int d = 0; d < strides.length; d++) {
      off += start[d] * strides[d];
    }
    return new StridedView(storage, off, strides);
  }

  /** Reads the whole stored chunk into a reused buffer and decodes it. */
  private void readWhole(
      String key,
      ChunkSpec cs,
      Optional<ByteBuffer> fetched,
      java.util.function.Consumer<ChunkArray> use,
      Runnable absent) {
    ChunkScratch scratch = ChunkScratch.get();
    byte[] lent = null;
    try (ChunkScratch.Lease lease = scratch.lease(chain.bytesToBytes().isEmpty())) {
      if (fetched != null && fetched.isPresent()) {
        checkStoredSize(key, cs, fetched.get().remaining());
      }
      Optional<ByteBuffer> stored = fetched != null ? fetched : getStored(key, cs, lease);
      if (stored.isEmpty()) {
        absent.run();
        return;
      }
      if (chain.decodesIntoScratch(cs)) {
        lent = scratch.lendHeap((int) chain.scratchSize(cs));
      }
      use.accept(chain.decode(stored.get(), cs, options, lent));
    } finally {
      if (lent != null) {
        scratch.release(lent);
      }
    }
  }

  /**
   * Decodes parts of a stored chunk: from a store that serves byte ranges, reading only the parts
   * the codec chain needs; from any other, or when the whole chunk is wanted, after reading the
   * whole value into a reused buffer.
   */
  private void readPartially(
      String key,
      ChunkSpec cs,
      boolean wholeChunk,
      Optional<ByteBuffer> fetched,
      java.util.function.Consumer<ArrayPartialDecoder> use,
      Runnable absent) {
    if (fetched == null && !wholeChunk && readsRanges()) {
      Optional<ByteSource> src = store.open(key);
      if (src.isEmpty()) {
        absent.run();
        return;
      }
      try (ByteSource s = src.get()) {
        checkStoredSize(key, cs, s.size());
        try (ArrayPartialDecoder d = chain.partialDecoder(s, cs, options)) {
          use.accept(d);
        }
      }
      return;
    }
    try (ChunkScratch.Lease lease = ChunkScratch.get().lease(false)) {
      if (fetched != null && fetched.isPresent()) {
        checkStoredSize(key, cs, fetched.get().remaining());
      }
      Optional<ByteBuffer> stored = fetched != null ? fetched : getStored(key, cs, lease);
      if (stored.isEmpty()) {
        absent.run();
        return;
      }
      try (ArrayPartialDecoder d = chain.partialDecoder(ByteSource.of(stored.get()), cs, options)) {
        use.accept(d);
      }
    }
  }

  private void fillBox(StridedBox region, StridedView view) {
    if (spec.dtype().kind() == DataType.Kind.OBJECT) {
      StridedCopy.copy(
          new Object[] {spec.fillValue()},
          0,
          new long[view.ndim()],
          view.storage(),
          view.offset(),
          view.strides(),
          region.count(),
          1);
    } else if (fillScalar != null) {
      StridedCopy.copy(
          fillScalar.data(),
          0,
          new long[view.ndim()],
          view.storage(),
          view.offset(),
          view.strides(),
          region.count(),
          spec.dtype().slotsPerElement());
    }
  }

  private void fillPoints(Object out, long[] outOffsets) {
    if (spec.dtype().kind() == DataType.Kind.OBJECT) {
      Object[] o = (Object[]) out;
      for (long off : outOffsets) {
        o[(int) off] = spec.fillValue();
      }
    } else if (fillScalar != null) {
      int width = spec.dtype().slotsPerElement();
      for (long off : outOffsets) {
        StridedCopy.copyElement(fillScalar.data(), 0, out, off, width);
      }
    }
  }

  // ------------------------------------------------------------------ writing

  /**
   * Where a write's values come from: a storage array read through strides per array dimension for
   * box projections (0 strides repeat a value), and through strides per selection dimension for
   * point projections, whose result offsets give the selection position.
   *
   * @param storage the value's storage array (of the array's storage kind)
   * @param dimStrides element strides per array dimension (0 where a selection drops it)
   * @param selShape the selection's shape
   * @param selStrides element strides per selection dimension (0 where the value broadcasts)
   * @param scalar whether every selected element gets the one element at offset 0 of {@code
   *     storage} (complete chunks are then filled with it rather than copied into)
   */
  public record Source(
      Object storage, long[] dimStrides, long[] selShape, long[] selStrides, boolean scalar) {}

  /**
   * Writes {@code value} to every projection, in parallel.
   *
   * @throws CodecException naming the chunk key when a chunk to merge cannot be decoded or the
   *     value cannot be encoded
   */
  public void write(Iterator<? extends Projection> projections, Source value) {
    forEachChunk(projections, p -> writeChunk(p, value));
  }

  /**
   * How many chunks' work a {@linkplain StoreCapabilities#latencyBound() latency-bound} store gets
   * at once ({@link #forEachChunk}): a network store's default requests in flight.
   */
  public static final int CHUNKS_IN_FLIGHT = 64;

  /**
   * Whether this pipeline's store is {@linkplain StoreCapabilities#latencyBound() latency-bound},
   * so that chunk work is best run many at once ({@link #forEachChunk}).
   */
  public boolean latencyBound() {
    return store.capabilities().latencyBound();
  }

  /**
   * Runs chunk work (each item one chunk's read-modify-write, say) in parallel: on the chunk
   * executor, or, when the store is {@linkplain StoreCapabilities#latencyBound() latency-bound}, up
   * to {@link #CHUNKS_IN_FLIGHT} items at once on threads that wait on the network apart from the
   * executor's ({@link WaitingTasks}), so that a write of many chunks keeps that many requests in
   * flight whatever the number of cores, and holds at most that many chunks in memory.
   */
  public <T> void forEachChunk(Iterator<T> items, java.util.function.Consumer<? super T> action) {
    if (latencyBound()) {
      WaitingTasks.forEach(items, CHUNKS_IN_FLIGHT, action);
    } else {
      executor.forEach(items, action);
    }
  }

  /** Writes one chunk's share of a selection (see {@link #write}). */
  public void writeChunk(Projection p, Source value) {
    long[] coords = p.chunkCoords();
    ChunkSpec cs = spec.chunkSpec(coords);
    if (p instanceof ChunkProjection box) {
      boolean interior = spec.isInterior(coords);
      StridedBox region = box.box();
      if (box.complete() && interior && value.scalar()) {
        modifyChunk(coords, cs, Whole.REPLACE, c -> c.fillWithElement(value.storage(), 0));
        return;
      }
      Whole whole = !box.complete() ? Whole.MERGE : interior ? Whole.REPLACE : Whole.REPLACE_PADDED;
      StridedView src = view(value.storage(), box.outStart(), value.dimStrides());
      if (whole == Whole.MERGE && writesPartially(cs)) {
        modifyPartially(coords, cs, ChunkWrite.box(region, src));
        return;
      }
      modifyChunk(coords, cs, whole, c -> c.copyFrom(src, region));
    } else {
      ChunkPoints pts = (ChunkPoints) p;
      long[] srcOffsets = sourceOffsets(pts.outOffsets(), value.selShape(), value.selStrides());
      if (writesPartially(cs)) {
        modifyPartially(
            coords, cs, ChunkWrite.points(pts.positions(), value.storage(), srcOffsets));
        return;
      }
      modifyChunk(
          coords,
          cs,
          Whole.MERGE,
          c -> c.copyPointsFrom(value.storage(), srcOffsets, pts.positions()));
    }
  }

  /** The value's element for each result offset (0 strides where the value broadcasts). */
  private static long[] sourceOffsets(long[] outOffsets, long[] selShape, long[] selStrides) {
    long[] out = new long[outOffsets.length];
    for (int i = 0; i < out.length; i++) {
      long o = outOffsets[i];
      long off = 0;
      for (int d = selShape.length - 1; d >= 0; d--) {
        off += (o % selShape[d]) * selStrides[d];
        o /= selShape[d];
      }
      out[i] = off;
    }
    return out;
  }

  /** How a write treats the chunk it changes. */
  private enum Whole {
    /** Every element is written: start from scratch. */
    REPLACE,
    /** Every in-bounds element is written: start from the fill value (for the part outside). */
    REPLACE_PADDED,
    /** Some elements are written: start from the stored chunk, or the fill value if none. */
    MERGE
  }

  /**
   * The read-modify-write cycle of one chunk, under the synchronizer's lock for its key: builds the
   * chunk (in a reused per-thread buffer laid out so the chain encodes it without moving elements,
   * when its elements reach the bytes stage unchanged), lets {@code modify} change it, then stores
   * it, or deletes it when it holds only the fill value and empty chunks are not written.
   */
  private void modifyChunk(
      long[] coords, ChunkSpec cs, Whole whole, java.util.function.Consumer<ChunkArray> modify) {
    String key = chunkKey(coords);
    Lock lock = synchronizer == null ? null : synchronizer.lockFor(key);
    if (lock != null) {
      lock.lock();
    }
    try {
      if (chain.rawElementType(cs) != null) {
        modifyRaw(key, cs, whole, modify);
      } else {
        modifyDecoded(key, cs, whole, modify);
      }
    } catch (CodecException e) {
      throw chunkError(key, e);
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
  }

  /**
   * Whether a write covering part of a chunk of {@code cs} goes through the chain's partial encoder
   * ({@link CodecChain#encodePartially}): when the chain {@linkplain CodecChain#encodesPartially
   * encodes partially} and the chunks it leaves out are all the array leaves out (it reports a
   * chunk of fill values only where it stores nothing for one, which is every such chunk when empty
   * chunks are not written only if the chain {@linkplain CodecChain#omitsFillValueChunks omits}
   * them).
   */
  private boolean writesPartially(ChunkSpec cs) {
    return chain.encodesPartially(cs) && (writeEmptyChunks || chain.omitsFillValueChunks(cs));
  }

  /**
   * The read-modify-write of one chunk through the chain's partial encoder, under the
   * synchronizer's lock for its key: the stored chunk is opened as a byte source (read whole first
   * when the store serves no ranges), the encoder reads what it needs of it and returns the new
   * encoded chunk, which is stored, or tells that nothing is left to store, and the key is deleted.
   * A sharded array's partial write reads the shard's index and the bytes of the inner chunks it
   * keeps or merges into, and re-encodes only the inner chunks the write touches.
   */
  private void modifyPartially(long[] coords, ChunkSpec cs, ChunkWrite write) {
    String key = chunkKey(coords);
    Lock lock = synchronizer == null ? null : synchronizer.lockFor(key);
    if (lock != null) {
      lock.lock();
    }
    try {
      // the new value may hold ranges of the stored one: store it before the source closes
      if (store.capabilities().partialReads()) {
        Optional<ByteSource> src = store.open(key);
        try (ByteSource s = src.orElse(null)) {
          if (s != null) {
            checkStoredSize(key, cs, s.size());
          }
          storeParts(key, chain.encodePartially(s, cs, write, options));
        }
      } else {
        try (ChunkScratch.Lease lease = ChunkScratch.get().lease(false)) {
          Optional<ByteBuffer> stored = getStored(key, cs, lease);
          storeParts(
              key,
              chain.encodePartially(stored.map(ByteSource::of).orElse(null), cs, write, options));
        }
      }
    } catch (CodecException e) {
      throw chunkError(key, e);
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
  }

  /** Stores a partial write's new value, or deletes the key when there is none. */
  private void storeParts(String key, Optional<ValueParts> encoded) {
    if (encoded.isPresent()) {
      store.set(key, encoded.get());
    } else {
      store.delete(key);
    }
  }

  /** A chunk of raw elements, built in a lent buffer (direct when stored as it is). */
  private void modifyRaw(
      String key, ChunkSpec cs, Whole whole, java.util.function.Consumer<ChunkArray> modify) {
    ChunkScratch scratch = ChunkScratch.get();
    int n = Math.toIntExact(cs.byteSize());
    boolean identity = chain.bytesToBytes().isEmpty();
    byte[] heap = null;
    ByteBuffer raw = null;
    try {
      if (identity) {
        raw = scratch.lendDirect(n);
      } else {
        heap = scratch.lendHeap(n);
        raw = ByteBuffer.wrap(heap, 0, n);
      }
      ChunkArray chunk = ChunkArray.ofBytes(cs, raw, chain.layoutStrides(cs));
      if (whole == Whole.REPLACE_PADDED) {
        chunk.fill(cs.fillValue());
      } else if (whole == Whole.MERGE) {
        // with no bytes stage and elements stored in the chunk's own type, the stored bytes are
        // the chunk's raw bytes: a stored value of the chunk's size is read straight into the
        // chunk's buffer (one copy from the file instead of three); any other size is decoded,
        // which reports it
        boolean storedAsIs = identity && cs.dtype().equals(chain.rawElementType(cs));
        ByteBuffer chunkBytes = raw;
        boolean[] readIntoChunk = {false};
        try (ChunkScratch.Lease lease = scratch.lease(false)) {
          Optional<ByteBuffer> existing =
              getStored(
                  key,
                  cs,
                  m -> {
                    if (storedAsIs && m == n) {
                      readIntoChunk[0] = true;
                      return chunkBytes.duplicate().clear().limit(n);
                    }
                    return lease.apply(m);
                  });
          if (existing.isPresent() && readIntoChunk[0] && existing.get().remaining() == n) {
            // in the chunk's buffer already (a file cut short while read is decoded: refused)
          } else if (existing.isPresent()) {
            ChunkArray decoded = chain.decode(existing.get(), cs, options, heap);
            ByteBuffer b = decoded.bytes();
            if (!(b.hasArray() && b.array() == heap)) { // unless decoded in place
              raw.put(0, b, 0, n);
            }
          } else {
            chunk.fill(cs.fillValue());
          }
        }
      }
      modify.accept(chunk);
      store(key, chunk);
    } finally {
      if (heap != null) {
        scratch.release(heap);
      } else if (raw != null) {
        scratch.release(raw);
      }
    }
  }

  /** A chunk built by decoding through every stage (object arrays, value-changing filters). */
  private void modifyDecoded(
      String key, ChunkSpec cs, Whole whole, java.util.function.Consumer<ChunkArray> modify) {
    ChunkArray chunk = null;
    if (whole == Whole.MERGE) {
      Optional<ByteBuffer> existing = getStored(key, cs, ByteBuffer::allocate);
      if (existing.isPresent()) {
        chunk = ChunkArrays.privateCopy(chain.decode(existing.get(), cs, options));
      }
    }
    if (chunk == null) {
      chunk = ChunkArray.filled(cs, cs.fillValue(), chain.layoutStrides(cs));
    }
    modify.accept(chunk);
    store(key, chunk);
  }

  private void store(String key, ChunkArray chunk) {
    // a chunk of fill values is deleted unless empty chunks are written; one whose codecs have
    // nothing to store for it (a shard with no inner chunk) is deleted even then
    if ((!writeEmptyChunks || chain.omitsFillValueChunks(chunk.spec()))
        && chunk.isFilledWith(spec.fillValue())) {
      store.delete(key);
    } else {
      store.set(key, chain.encode(chunk, options));
    }
  }

  // ------------------------------------------------------------------ chunk management

  /**
   * After a resize from {@code old} to this pipeline's spec, rewrites every stored chunk whose
   * stored shape the resize changed, so each is stored at the shape the grid now gives it. Only a
   * grid that cuts edge chunks to the array (N5's) has such chunks: along a dimension that grew,
   * the old edge chunks are stored at their larger shape, the new elements holding the fill value;
   * along one that shrank, the new edge chunks are cut, dropping the elements outside the array.
   * Chunks not stored stay so; a chunk left equal to the fill value is deleted when empty chunks
   * are not written. For a padded grid (Zarr's) nothing is read or written.
   *
   * @param old the spec before the resize (same grid, another shape)
   */
  public void recutChunks(ArraySpec old) {
    long[] oldShape = old.shape();
    long[] newShape = spec.shape();
    long[] oldGrid = old.gridShape();
    long[] newGrid = spec.gridShape();
    int n = newGrid.length;
    long[] common = new long[n];
    for (int d = 0; d < n; d++) {
      common[d] = Math.min(oldGrid[d], newGrid[d]);
      if (common[d] == 0) {
        return;
      }
    }
    // the chunks a stored shape can change for: the old and new edge chunks of each dimension
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.List<long[]> changed = new java.util.ArrayList<>();
    for (int d = 0; d < n; d++) {
      if (oldShape[d] == newShape[d]) {
        continue;
      }
      for (long edge : new long[] {oldGrid[d] - 1, newGrid[d] - 1}) {
        if (edge < 0 || edge >= common[d]) {
          continue;
        }
        long[] c = new long[n];
        c[d] = edge;
        while (true) {
          if (!java.util.Arrays.equals(
                  spec.grid().storedChunkShape(c, oldShape),
                  spec.grid().storedChunkShape(c, newShape))
              && seen.add(chunkKey(c))) {
            changed.add(c.clone());
          }
          int k = n - 1;
          while (k >= 0 && (k == d || ++c[k] >= common[k])) {
            if (k != d) {
              c[k] = 0;
            }
            k--;
          }
          if (k < 0) {
            break;
          }
        }
      }
    }
    forEachChunk(
        changed.iterator(),
        c -> {
          if (store.contains(chunkKey(c))) {
            modifyChunk(c, spec.chunkSpec(c), Whole.MERGE, chunk -> {});
          }
        });
  }

  /** Deletes the stored chunks of {@code old}'s grid that lie outside {@code next}'s (resize). */
  public void deleteChunksOutside(ArraySpec old, ArraySpec next) {
    long[] oldGrid = old.gridShape();
    long[] newGrid = next.gridShape();
    boolean shrinks = false;
    for (int d = 0; d < oldGrid.length; d++) {
      shrinks |= newGrid[d] < oldGrid[d];
    }
    if (!shrinks || old.chunkCount() == 0) {
      return;
    }
    int n = oldGrid.length;
    long[] c = new long[n];
    List<String> batch = new ArrayList<>();
    while (true) {
      boolean outside = false;
      for (int d = 0; d < n; d++) {
        outside |= c[d] >= newGrid[d];
      }
      if (outside) {
        batch.add(StoreKeys.join(path, old.chunkKey(c)));
        if (batch.size() == DELETE_BATCH) {
          forEachChunk(batch.iterator(), store::delete);
          batch.clear();
        }
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
    forEachChunk(batch.iterator(), store::delete);
  }

  /** How many chunk keys a resize collects before deleting them together. */
  private static final int DELETE_BATCH = 4096;
}
