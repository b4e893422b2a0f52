package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.ArrayPartialDecoder;
import dev.zarr4j.codec.ArrayToBytesCodec;
import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.ChunkWrite;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.codec.checksum.Crc32c;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ValueParts;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Zarr v3's {@code sharding_indexed} codec: a shard (one stored chunk of the array) is cut into
 * inner chunks of {@link #chunkShape()}, each encoded with the inner {@link #codecs()} chain; the
 * encoded inner chunks are stored one after another, and an index of (offset, nbytes) per inner
 * chunk, uint64 in C order of the inner chunk grid, encoded with {@link #indexCodecs()}, is stored
 * at the start or the end of the shard ({@link #indexLocation()}). Offsets count from the start of
 * the shard. An inner chunk equal to the fill value is not stored: both its fields are 2^64-1, and
 * it reads as the fill value.
 *
 * <p>Reading parts of a shard ({@link #partialDecoder}) reads the index with one ranged read, then
 * only the inner chunks a box or a list of points touches, in as few requests as their places in
 * the shard allow (neighbouring inner chunks are read as one range, several ranges are asked for in
 * one {@link ByteSource#read(List)} call), and decodes each through the inner chain, only its
 * needed parts where that chain can. Writing part of a shard ({@link #encodePartially}) encodes
 * only the inner chunks the write touches and copies the others' encoded bytes unchanged. A shard
 * all of whose inner chunks equal the fill value is not stored at all ({@link
 * #omitsFillValueChunks}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardingCodec implements ArrayToBytesCodec {

  /** The codec's Zarr v3 name. */
  public static final String ID = "sharding_indexed";

  /** Where in a shard its index is stored. */
  public enum IndexLocation {
    /** Before the inner chunks. */
    START("start"),
    /** After the inner chunks (the default). */
    END("end");

    private final String json;

    IndexLocation(String json) {
      this.json = json;
    }

    /** The configuration value: {@code "start"} or {@code "end"}. */
    public String jsonName() {
      return json;
    }
  }

  private final int[] chunkShape;
  private final CodecChain codecs;
  private final CodecChain indexCodecs;
  private final IndexLocation indexLocation;
  private volatile ShardLayout last;

  /**
   * A sharding codec.
   *
   * @param chunkShape the inner chunks' shape; every length at least 1 (it must divide the shard
   *     shape, which {@link #resolve} checks)
   * @param codecs the chain each inner chunk is encoded with
   * @param indexCodecs the chain the index is encoded with; its output size must be fixed (no
   *     compressor), which {@link #resolve} checks
   * @param indexLocation where the index is stored
   * @throws CodecException if a length of {@code chunkShape} is below 1
   */
  public ShardingCodec(
      int[] chunkShape, CodecChain codecs, CodecChain indexCodecs, IndexLocation indexLocation) {
    this.chunkShape = chunkShape.clone();
    this.codecs = Objects.requireNonNull(codecs, "codecs");
    this.indexCodecs = Objects.requireNonNull(indexCodecs, "indexCodecs");
    this.indexLocation = Objects.requireNonNull(indexLocation, "indexLocation");
    for (int s : this.chunkShape) {
      if (s < 1) {
        throw new CodecException(
            "sharding_indexed: chunk_shape "
                + Arrays.toString(this.chunkShape)
                + " has a length below 1");
      }
    }
  }

  /**
   * A sharding codec with the usual index: {@link #defaultIndexCodecs()} at the end of the shard.
   *
   * @param codecs the inner chain's stages, in encoding order
   */
  public static ShardingCodec of(int[] chunkShape, List<? extends Codec> codecs) {
    return new ShardingCodec(
        chunkShape, CodecChain.of(codecs), defaultIndexCodecs(), IndexLocation.END);
  }

  /** The usual index chain: little-endian {@code bytes}, then {@code crc32c}. */
  public static CodecChain defaultIndexCodecs() {
    return CodecChain.of(BytesCodec.LITTLE, Crc32c.INSTANCE);
  }

  /**
   * Builds the codec from its Zarr v3 configuration: {@code chunk_shape} (required), {@code codecs}
   * (required, v3 codec objects), {@code index_codecs} ({@link #defaultIndexCodecs()} when absent,
   * as zarr-python does) and {@code index_location} ({@code "end"} when absent). Nested codecs are
   * built with {@link CodecRegistry#fromV3Config}.
   *
   * @throws CodecException naming the key at fault
   */
  public static ShardingCodec fromV3Config(Map<String, Object> configuration) {
    ConfigReader r =
        ConfigReader.of(
            ID, configuration, List.of("chunk_shape", "codecs", "index_codecs", "index_location"));
    Object cs = configuration.get("chunk_shape");
    if (!(cs instanceof List<?> list)) {
      throw r.bad("chunk_shape", cs, "a list of inner chunk lengths, each at least 1");
    }
    int[] shape = new int[list.size()];
    for (int i = 0; i < shape.length; i++) {
      Object x = list.get(i);
      if (!(x instanceof Integer || x instanceof Long || x instanceof Short || x instanceof Byte)
          || ((Number) x).longValue() < 1
          || ((Number) x).longValue() > Integer.MAX_VALUE) {
        throw r.bad("chunk_shape", cs, "a list of inner chunk lengths, each at least 1");
      }
      shape[i] = ((Number) x).intValue();
    }
    if (!configuration.containsKey("codecs")) {
      throw new CodecException("codec 'sharding_indexed': configuration key 'codecs' is missing");
    }
    CodecChain inner = chain(r, "codecs", configuration.get("codecs"));
    CodecChain index =
        configuration.containsKey("index_codecs")
            ? chain(r, "index_codecs", configuration.get("index_codecs"))
            : defaultIndexCodecs();
    String loc = r.getString("index_location", "end");
    IndexLocation location;
    if ("end".equals(loc)) {
      location = IndexLocation.END;
    } else if ("start".equals(loc)) {
      location = IndexLocation.START;
    } else {
      throw r.bad("index_location", loc, "'start' or 'end'");
    }
    return new ShardingCodec(shape, inner, index, location);
  }

  private static CodecChain chain(ConfigReader r, String key, Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw r.bad(key, value, "a non-empty list of codecs");
    }
    List<Codec> stages = new ArrayList<>();
    try {
      for (Object c : list) {
        stages.add(CodecRegistry.fromV3Config(c));
      }
      return CodecChain.of(stages);
    } catch (CodecException e) {
      throw new CodecException("codec 'sharding_indexed': " + key + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ properties

  /** The inner chunks' shape (a copy). */
  public int[] chunkShape() {
    return chunkShape.clone();
  }

  /** The chain each inner chunk is encoded with. */
  public CodecChain codecs() {
    return codecs;
  }

  /** The chain the index is encoded with. */
  public CodecChain indexCodecs() {
    return indexCodecs;
  }

  /** Where the index is stored. */
  public IndexLocation indexLocation() {
    return indexLocation;
  }

  /**
   * The number of bytes the encoded index of a shard of {@code shard} takes.
   *
   * @throws CodecException as {@link #resolve} does
   */
  public long indexSize(ChunkSpec shard) {
    return layout(shard).indexSize;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@inheritDoc} {@code {"id": "sharding_indexed"}} followed by the keys of the Zarr v3
   * configuration (nested codecs as Zarr v3 codec objects). Sharding has no numcodecs form; this is
   * for display and comparison.
   */
  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.putAll(configuration());
    return m;
  }

  /**
   * {@inheritDoc} {@code {"name": "sharding_indexed", "configuration": {"chunk_shape": [...],
   * "codecs": [...], "index_codecs": [...], "index_location": "end"}}}, nested codecs by their
   * {@link Codec#toV3Config()}.
   */
  @Override
  public Map<String, Object> toV3Config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", ID);
    m.put("configuration", configuration());
    return m;
  }

  private Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    List<Object> shape = new ArrayList<>();
    for (int s : chunkShape) {
      shape.add(s);
    }
    c.put("chunk_shape", shape);
    c.put("codecs", v3(codecs));
    c.put("index_codecs", v3(indexCodecs));
    c.put("index_location", indexLocation.jsonName());
    return c;
  }

  private static List<Object> v3(CodecChain chain) {
    List<Object> out = new ArrayList<>();
    for (Codec c : chain.codecs()) {
      out.add(c.toV3Config());
    }
    return out;
  }

  // ------------------------------------------------------------------ resolution

  ShardLayout layout(ChunkSpec shard) {
    ShardLayout l = last;
    if (l != null && l.shard.equals(shard)) {
      return l;
    }
    l = new ShardLayout(this, shard);
    last = l;
    return l;
  }

  /**
   * {@inheritDoc} Checks that the inner chunk shape divides the shard shape, that the inner chain
   * accepts inner chunks (same data type and fill value as the shard) and that the index chain
   * encodes the index (uint64 of shape {@code [grid..., 2]}) to a fixed size. The shard's size has
   * no bound.
   *
   * @throws CodecException naming both shapes, or the chain at fault
   */
  @Override
  public BytesSpec resolve(ChunkSpec decoded) {
    layout(decoded);
    return BytesSpec.unbounded();
  }

  /**
   * {@inheritDoc} Twice the index and every inner chunk at its chain's worst case, plus a page: a
   * shard updated in place also holds bytes it no longer refers to, up to as many as it refers to
   * (see {@link #encodePartially}); {@link BytesSpec#UNBOUNDED} when the inner chain has no bound.
   */
  @Override
  public long maxEncodedSize(ChunkSpec decoded) {
    ShardLayout l = layout(decoded);
    long inner = codecs.maxEncodedSize(l.inner);
    if (inner < 0) {
      return BytesSpec.UNBOUNDED;
    }
    try {
      long compact = Math.addExact(l.indexSize, Math.multiplyExact(inner, (long) l.count));
      return Math.addExact(Math.multiplyExact(compact, 2), ShardPartialEncoder.INDEX_ALIGNMENT);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** {@inheritDoc} The inner chunks' shape and chain. */
  @Override
  public dev.zarr4j.codec.InnerChunks innerChunks() {
    return new dev.zarr4j.codec.InnerChunks(chunkShape, codecs);
  }

  /** {@inheritDoc} The inner chain is written out for the inner chunks. */
  @Override
  public ShardingCodec forChunks(ChunkSpec shard) {
    CodecChain c = codecs.forChunks(new ChunkSpec(chunkShape, shard.dtype(), shard.fillValue()));
    return c == codecs ? this : new ShardingCodec(chunkShape, c, indexCodecs, indexLocation);
  }

  /**
   * {@inheritDoc} True: the partial decoder reads a whole shard in one read too, and decodes each
   * inner chunk straight into the caller's view instead of building the shard first.
   */
  @Override
  public boolean prefersPartialDecoding(ChunkSpec decoded) {
    return true;
  }

  /** {@inheritDoc} True: a shard of fill values has no inner chunk to store. */
  @Override
  public boolean omitsFillValueChunks(ChunkSpec decoded) {
    return true;
  }

  // ------------------------------------------------------------------ encoding

  /**
   * {@inheritDoc} Inner chunks equal to the fill value are left out (marked missing in the index);
   * a shard of fill values encodes to the index alone.
   */
  @Override
  public ByteBuffer encode(ChunkArray decoded, CodecOptions options) {
    ShardLayout l = layout(decoded.spec());
    Object fill = l.shard.fillValue();
    boolean start = indexLocation == IndexLocation.START;
    // Each range of inner chunks is encoded into a sink of its own (an encoded chunk may be a view
    // of the scratch array it came from, so it is copied at once); a range covering the whole
    // shard (the work ran in one piece) writes into the output directly.
    Sink out = new Sink(initialCapacity(l));
    if (start) {
      out.skip(l.indexSize);
    }
    Sink[] sinkOf = new Sink[l.count];
    long[] entries = new long[2 * l.count];
    Arrays.fill(entries, ShardIndex.MISSING);
    InnerChunkWork.forRanges(
        l.count,
        (from, to) -> {
          Sink sink = from == 0 && to == l.count ? out : new Sink(initialCapacity(l, to - from));
          ChunkArray scratch = ChunkArray.filled(l.inner, null, null);
          int[] at = new int[l.grid.length];
          for (int i = from; i < to; i++) {
            sinkOf[i] = sink;
            l.innerStart(i, at);
            decoded.copyRegionTo(at, scratch);
            if (scratch.isFilledWith(fill)) {
              continue;
            }
            ByteBuffer enc;
            try {
              enc = codecs.encode(scratch, options);
            } catch (CodecException e) {
              throw new CodecException("inner chunk " + l.coords(i) + ": " + e.getMessage(), e);
            }
            entries[2 * i] = sink.size();
            entries[2 * i + 1] = enc.remaining();
            sink.writeChunk(enc, to - i - 1, sink == out && !start ? l.indexSize : 0);
          }
        });
    // concatenate the ranges' sinks in order, moving their chunks' offsets
    Sink current = out;
    long base = 0;
    for (int i = 0; i < l.count; i++) {
      if (sinkOf[i] != current) {
        current = sinkOf[i];
        base = out.size();
        out.write(current.result());
      }
      if (entries[2 * i] != ShardIndex.MISSING && current != out) {
        entries[2 * i] += base;
      }
    }
    ByteBuffer index = ShardIndex.encode(l, indexCodecs, entries, options);
    if (start) {
      out.writeAt(0, index);
    } else {
      out.write(index);
    }
    return out.result();
  }

  /** A first capacity for the encoded bytes of {@code chunks} inner chunks of a shard. */
  private static int initialCapacity(ShardLayout l, int chunks) {
    long raw = l.shard.byteSize() / Math.max(1, l.count) * chunks;
    return (int) Math.min(Math.max(raw, 64), 1 << 20);
  }

  private static int initialCapacity(ShardLayout l) {
    long raw = l.shard.byteSize() + l.indexSize;
    return (int) Math.min(Math.max(raw, 64), 1 << 20);
  }

  /**
   * A growing byte array the encoded shard is written into. Encoded inner chunks are appended with
   * {@link #writeChunk}, which, when the array must grow, sizes it for the chunks still to come at
   * the mean encoded size of those written so far, so that a shard grows its array about once
   * instead of doubling (and copying) it many times.
   */
  private static final class Sink {
    private byte[] buf;
    private int size;
    private long chunkBytes;
    private int chunks;

    Sink(int capacity) {
      buf = new byte[capacity];
    }

    long size() {
      return size;
    }

    private void ensure(long more) {
      long need = size + more;
      if (need > Integer.MAX_VALUE - 64) {
        throw new CodecException(
            "sharding_indexed: an encoded shard of " + need + " bytes does not fit one buffer");
      }
      if (need > buf.length) {
        buf =
            Arrays.copyOf(
                buf, (int) Math.min(Integer.MAX_VALUE - 64, Math.max(need, 2L * buf.length)));
      }
    }

    void skip(long n) {
      ensure(n);
      size += (int) n;
    }

    /**
     * Appends one encoded inner chunk; {@code chunksLeft} more are expected, then {@code tail}
     * bytes (the index), which a growth of the array makes room for.
     */
    void writeChunk(ByteBuffer b, int chunksLeft, long tail) {
      int n = b.remaining();
      chunkBytes += n;
      chunks++;
      long need = size + (long) n;
      if (need > buf.length) {
        long projected = need + chunkBytes / chunks * chunksLeft * 9 / 8 + tail;
        long cap = Math.min(Integer.MAX_VALUE - 64, Math.max(projected, 2L * buf.length));
        if (need <= cap) {
          buf = Arrays.copyOf(buf, (int) cap);
        }
      }
      write(b);
    }

    void write(ByteBuffer b) {
      int n = b.remaining();
      ensure(n);
      b.duplicate().get(buf, size, n);
      size += n;
    }

    void writeAt(int at, ByteBuffer b) {
      b.duplicate().get(buf, at, b.remaining());
    }

    ByteBuffer result() {
      return ByteBuffer.wrap(buf, 0, size).slice();
    }
  }

  // ------------------------------------------------------------------ decoding

  /**
   * {@inheritDoc} Missing inner chunks hold the fill value.
   *
   * @throws CodecException if the shard is shorter than its index, the index's checksum does not
   *     match or its entries are inconsistent (naming the shard index, the inner chunk and the
   *     field), or an inner chunk cannot be decoded (naming it)
   */
  @Override
  public ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options) {
    ShardLayout l = layout(decoded);
    ByteBuffer shard = encoded.slice();
    ShardIndex index = readIndex(l, shard, options);
    ChunkArray out =
        ChunkArray.filled(l.shard, index.missingCount() > 0 ? l.shard.fillValue() : null, null);
    int[] at = new int[l.grid.length];
    for (int i = 0; i < l.count; i++) {
      if (index.isMissing(i)) {
        continue;
      }
      ChunkArray c =
          decodeInner(l, i, shard.slice((int) index.offset(i), index.nbytes(i)), options);
      l.innerStart(i, at);
      out.copyRegionFrom(c, at);
    }
    return out;
  }

  /** The index of a shard held in memory. */
  ShardIndex readIndex(ShardLayout l, ByteBuffer shard, CodecOptions options) {
    int size = shard.remaining();
    checkHoldsIndex(l, size);
    int at = indexLocation == IndexLocation.START ? 0 : (int) (size - l.indexSize);
    return ShardIndex.decode(l, indexCodecs, shard.slice(at, (int) l.indexSize), size, at, options);
  }

  /**
   * The checked index of a shard that {@code source} serves, read with one ranged read (a suffix
   * request for an index at the end).
   */
  ShardIndex readIndex(ShardLayout l, ByteSource source, CodecOptions options) {
    long size = source.size();
    checkHoldsIndex(l, size);
    boolean start = indexLocation == IndexLocation.START;
    long at = start ? 0 : size - l.indexSize;
    try {
      return ShardIndex.decode(l, indexCodecs, readIndexBytes(l, source), size, at, options);
    } catch (CodecException first) {
      if (!indexCodecs.detectsCorruption()) {
        throw first;
      }
      // a writer updating the shard in place may have been writing the index as it was read
      // (DirectoryStore): what it wrote is complete once it is seen, so one more read settles it
      try {
        return ShardIndex.decode(l, indexCodecs, readIndexBytes(l, source), size, at, options);
      } catch (CodecException second) {
        throw first;
      }
    }
  }

  /** The stored bytes of a shard's index, with one ranged read. */
  private ByteBuffer readIndexBytes(ShardLayout l, ByteSource source) {
    boolean start = indexLocation == IndexLocation.START;
    ByteBuffer b =
        source.read(start ? ByteRange.of(0, l.indexSize) : new ByteRange.Suffix(l.indexSize));
    if (b.remaining() != l.indexSize) {
      throw new CodecException(
          "shard index: read " + b.remaining() + " bytes of the index, expected " + l.indexSize);
    }
    return b;
  }

  /** Fails unless a shard of {@code size} bytes can hold the index. */
  static void checkHoldsIndex(ShardLayout l, long size) {
    if (size < l.indexSize) {
      throw new CodecException(
          "shard index: the shard has "
              + size
              + " bytes, fewer than its index takes ("
              + l.indexSize
              + ")");
    }
  }

  /** Decodes inner chunk {@code i} from its bytes, naming it if they are corrupt. */
  ChunkArray decodeInner(ShardLayout l, int i, ByteBuffer bytes, CodecOptions options) {
    try {
      return codecs.decode(bytes, l.inner, options);
    } catch (CodecException e) {
      throw new CodecException("inner chunk " + l.coords(i) + ": " + e.getMessage(), e);
    }
  }

  /** {@inheritDoc} True: only the index and the inner chunks a part touches are read. */
  @Override
  public boolean decodesPartially(ChunkSpec decoded) {
    return true;
  }

  /**
   * {@inheritDoc} The index is read (with one ranged read) when a part is first asked for; {@link
   * ArrayPartialDecoder#decodeAll()} reads the whole shard with one read.
   */
  @Override
  public ArrayPartialDecoder partialDecoder(
      ByteSource encoded, ChunkSpec decoded, CodecOptions options) {
    return new ShardPartialDecoder(this, layout(decoded), encoded, options);
  }

  // ------------------------------------------------------------------ partial encoding

  /** {@inheritDoc} True: only the inner chunks a write touches are encoded again. */
  @Override
  public boolean encodesPartially(ChunkSpec decoded) {
    return true;
  }

  /**
   * {@inheritDoc} Reads the stored shard's index with one ranged read; encodes the inner chunks the
   * write covers entirely from the new values alone; reads and decodes only the stored inner chunks
   * it covers in part (a missing one starts as the fill value); and copies the encoded bytes of
   * every other stored inner chunk unchanged (never decoding them). The stored bytes it needs, kept
   * and partly written inner chunks alike, are read in one batched {@link ByteSource#read(List)}
   * call, touching neighbours merged into one range (bytes between are not read). The new shard
   * holds the inner chunks in C order with the index where {@link #indexLocation()} says. A touched
   * inner chunk left equal to the fill value is left out; a shard left without any inner chunk
   * gives empty (not stored).
   *
   * <p>When the index is at the end and its chain has a checksum, the value also carries an
   * {@linkplain dev.zarr4j.store.InPlaceUpdate in-place alternative} that a store such as {@link
   * dev.zarr4j.store.DirectoryStore} applies to the stored file: the re-encoded inner chunks are
   * written past its end and then a new index, leaving the bytes of the replaced inner chunks where
   * they were, unreferenced. The alternative is left out once the shard would grow past twice the
   * bytes it refers to, so the next write stores it whole and compact.
   *
   * @throws CodecException if the stored index is corrupt (naming the inner chunk and field), a
   *     partly written inner chunk cannot be decoded or a touched one encoded (naming it)
   */
  @Override
  public Optional<ValueParts> encodePartially(
      ByteSource existing, ChunkSpec decoded, ChunkWrite write, CodecOptions options) {
    return ShardPartialEncoder.encode(this, layout(decoded), existing, write, options);
  }

  // ------------------------------------------------------------------ identity

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardingCodec s
        && Arrays.equals(chunkShape, s.chunkShape)
        && codecs.equals(s.codecs)
        && indexCodecs.equals(s.indexCodecs)
        && indexLocation == s.indexLocation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(chunkShape), codecs, indexCodecs, indexLocation);
  }

  @Override
  public String toString() {
    return "ShardingIndexed(chunk_shape="
        + Arrays.toString(chunkShape)
        + ", codecs="
        + codecs.codecs()
        + ", index_codecs="
        + indexCodecs.codecs()
        + ", index_location="
        + indexLocation.jsonName()
        + ")";
  }
}
