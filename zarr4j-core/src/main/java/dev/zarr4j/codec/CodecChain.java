package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.ValueParts;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The codecs of an array, in encoding order: any number of {@link ArrayToArrayCodec}s, exactly one
 * {@link ArrayToBytesCodec}, any number of {@link BytesToBytesCodec}s. A chain is itself an
 * array-to-bytes codec, so a sharding codec can hold one per inner chunk.
 *
 * <p>Besides encoding and decoding whole chunks, a chain keeps the zero-copy paths of its stages:
 * stages that only reorder axes ({@link ArrayToArrayCodec#axisOrder}) become views rather than
 * copies, the first bytes stage decodes into a buffer the caller lends when it can ({@link
 * BytesToBytesCodec#decodesInto()}), a chunk to encode can be laid out so that no stage moves its
 * elements ({@link #layoutStrides}), and parts of a chunk are decoded through the stages' partial
 * decoders ({@link #partialDecoder}), falling back to decoding whole where a stage cannot do
 * better.
 *
 * <p>Immutable and thread-safe. A chain is checked against a chunk spec by {@link #resolve}, which
 * an array does when it is opened.
 */
public final class CodecChain implements ArrayToBytesCodec {

  /** The chain's id in {@link #toConfig()}. */
  public static final String ID = "codec_chain";

  private final List<ArrayToArrayCodec> arrayToArray;
  private final ArrayToBytesCodec arrayToBytes;
  private final List<BytesToBytesCodec> bytesToBytes;
  private volatile Plan last;

  private CodecChain(
      List<ArrayToArrayCodec> arrayToArray,
      ArrayToBytesCodec arrayToBytes,
      List<BytesToBytesCodec> bytesToBytes) {
    this.arrayToArray = List.copyOf(arrayToArray);
    this.arrayToBytes = Objects.requireNonNull(arrayToBytes, "arrayToBytes");
    this.bytesToBytes = List.copyOf(bytesToBytes);
  }

  /**
   * A chain from its stages in encoding order.
   *
   * @throws CodecException if the stages are not array-to-array stages, then exactly one
   *     array-to-bytes stage, then bytes-to-bytes stages
   */
  public static CodecChain of(List<? extends Codec> codecs) {
    List<ArrayToArrayCodec> a2a = new ArrayList<>();
    ArrayToBytesCodec a2b = null;
    List<BytesToBytesCodec> b2b = new ArrayList<>();
    for (Codec c : codecs) {
      Objects.requireNonNull(c, "codec");
      if (c instanceof ArrayToArrayCodec a) {
        if (a2b != null) {
          throw new CodecException(
              "codec '" + c.id() + "' works on arrays and cannot follow '" + a2b.id() + "'");
        }
        a2a.add(a);
      } else if (c instanceof ArrayToBytesCodec a) {
        if (a2b != null) {
          throw new CodecException(
              "a codec chain has one array-to-bytes codec; got '"
                  + a2b.id()
                  + "' and '"
                  + c.id()
                  + "'");
        }
        a2b = a;
      } else {
        if (a2b == null) {
          throw new CodecException(
              "codec '"
                  + c.id()
                  + "' works on bytes and needs an array-to-bytes codec (such as 'bytes') before it");
        }
        b2b.add((BytesToBytesCodec) c);
      }
    }
    if (a2b == null) {
      throw new CodecException("a codec chain needs an array-to-bytes codec (such as 'bytes')");
    }
    return new CodecChain(a2a, a2b, b2b);
  }

  /** A chain from its stages in encoding order (see {@link #of(List)}). */
  public static CodecChain of(Codec... codecs) {
    return of(List.of(codecs));
  }

  /** The array-to-array stages, in encoding order. */
  public List<ArrayToArrayCodec> arrayToArray() {
    return arrayToArray;
  }

  /** The array-to-bytes stage. */
  public ArrayToBytesCodec arrayToBytes() {
    return arrayToBytes;
  }

  /** The bytes-to-bytes stages, in encoding order. */
  public List<BytesToBytesCodec> bytesToBytes() {
    return bytesToBytes;
  }

  /**
   * Whether decoding detects changed bytes: some bytes stage {@linkplain
   * BytesToBytesCodec#detectsCorruption() verifies a checksum} over what it encodes.
   */
  public boolean detectsCorruption() {
    for (BytesToBytesCodec b : bytesToBytes) {
      if (b.detectsCorruption()) {
        return true;
      }
    }
    return false;
  }

  /** Every stage, in encoding order. */
  public List<Codec> codecs() {
    List<Codec> all = new ArrayList<>(arrayToArray);
    all.add(arrayToBytes);
    all.addAll(bytesToBytes);
    return Collections.unmodifiableList(all);
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@code {"id": "codec_chain", "codecs": [each stage's configuration]}}. */
  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    List<Object> list = new ArrayList<>();
    for (Codec c : codecs()) {
      list.add(c.toConfig());
    }
    m.put("codecs", list);
    return m;
  }

  // ------------------------------------------------------------------ resolution

  /** What every stage sees for one decoded chunk spec. */
  private static final class Plan {
    final ChunkSpec spec;
    final ChunkSpec[] arraySpecs; // [i]: input of array stage i; [n]: input of the bytes stage
    final BytesSpec[] bytesSpecs; // [j]: input of bytes stage j; [m]: the chain's output
    final int leadingViews; // how many leading array stages only reorder axes
    final int[] viewOrder; // their composed order (axis i of the view is axis viewOrder[i])
    final long[] layoutStrides;
    final DataType rawType; // when the chunk's elements reach the bytes stage unchanged
    static final long UNKNOWN = Long.MIN_VALUE;
    volatile long maxEncodedSize = UNKNOWN; // computed on first use

    Plan(CodecChain chain, ChunkSpec spec) {
      this.spec = spec;
      int n = chain.arrayToArray.size();
      int m = chain.bytesToBytes.size();
      arraySpecs = new ChunkSpec[n + 1];
      bytesSpecs = new BytesSpec[m + 1];
      ChunkSpec s = spec;
      int views = 0;
      boolean leading = true;
      int[] order = identity(spec.ndim());
      for (int i = 0; i < n; i++) {
        arraySpecs[i] = s;
        ArrayToArrayCodec stage = chain.arrayToArray.get(i);
        ChunkSpec next = stage.resolve(s);
        int[] axes = leading ? stage.axisOrder(s) : null;
        if (axes != null) {
          views++;
          int[] composed = new int[axes.length];
          for (int k = 0; k < axes.length; k++) {
            composed[k] = order[axes[k]];
          }
          order = composed;
        } else {
          leading = false;
        }
        s = next;
      }
      arraySpecs[n] = s;
      BytesSpec b = chain.arrayToBytes.resolve(s);
      for (int j = 0; j < m; j++) {
        bytesSpecs[j] = b;
        b = chain.bytesToBytes.get(j).resolve(b);
      }
      bytesSpecs[m] = b;
      leadingViews = views;
      viewOrder = order;
      rawType = views == n ? chain.arrayToBytes.rawElementType(s) : null;
      // lay the decoded chunk out so that the leading views leave it in C order
      ChunkSpec viewed = arraySpecs[views];
      long[] c = ChunkArray.cStrides(viewed.shape());
      long[] st = new long[order.length];
      for (int k = 0; k < order.length; k++) {
        st[order[k]] = c[k];
      }
      layoutStrides = st;
    }

    private static int[] identity(int n) {
      int[] o = new int[n];
      for (int i = 0; i < n; i++) {
        o[i] = i;
      }
      return o;
    }
  }

  private Plan plan(ChunkSpec spec) {
    Plan p = last;
    if (p != null && p.spec.equals(spec)) {
      return p;
    }
    p = new Plan(this, spec);
    last = p;
    return p;
  }

  /**
   * {@inheritDoc} Every stage is resolved in turn, so a chain that cannot encode chunks of this
   * spec fails here, naming the stage.
   */
  @Override
  public BytesSpec resolve(ChunkSpec decoded) {
    Plan p = plan(decoded);
    return p.bytesSpecs[p.bytesSpecs.length - 1];
  }

  /**
   * {@inheritDoc} The array-to-bytes stage's worst case for the chunk as the array stages leave it,
   * grown by each bytes stage in turn; {@link BytesSpec#UNBOUNDED} when a stage knows no bound.
   */
  @Override
  public long maxEncodedSize(ChunkSpec decoded) {
    Plan p = plan(decoded);
    long max = p.maxEncodedSize;
    if (max == Plan.UNKNOWN) {
      max = arrayToBytes.maxEncodedSize(p.arraySpecs[arrayToArray.size()]);
      for (int j = 0; j < bytesToBytes.size() && max >= 0; j++) {
        max =
            bytesToBytes
                .get(j)
                .maxEncodedSize(BytesSpec.atMost(max, p.bytesSpecs[j].elementType()));
      }
      max = Math.max(max, BytesSpec.UNBOUNDED);
      p.maxEncodedSize = max;
    }
    return max;
  }

  /**
   * {@inheritDoc} The array-to-bytes stage's, when it is the chain's only stage (a chain that
   * transforms a chunk before or after sharding it does not store plain inner chunks).
   */
  @Override
  public InnerChunks innerChunks() {
    return arrayToArray.isEmpty() && bytesToBytes.isEmpty() ? arrayToBytes.innerChunks() : null;
  }

  /**
   * {@inheritDoc} Each stage's input-dependent settings are written out for the input it sees from
   * the stage before it; a chain whose stages all stay the same returns itself.
   */
  @Override
  public CodecChain forChunks(ChunkSpec decoded) {
    Plan p = plan(decoded);
    ArrayToBytesCodec a2b = arrayToBytes.forChunks(p.arraySpecs[arrayToArray.size()]);
    boolean same = a2b.equals(arrayToBytes);
    List<BytesToBytesCodec> b2b = new ArrayList<>(bytesToBytes.size());
    for (int j = 0; j < bytesToBytes.size(); j++) {
      BytesToBytesCodec stage = bytesToBytes.get(j).forInput(p.bytesSpecs[j]);
      same &= stage.equals(bytesToBytes.get(j));
      b2b.add(stage);
    }
    return same ? this : new CodecChain(arrayToArray, a2b, b2b);
  }

  /**
   * Element strides for a chunk of {@code decoded} laid out so that the chain encodes it without
   * moving elements (a Zarr v2 array with order {@code "F"} gets Fortran strides): what a writer
   * should build the chunk in.
   */
  public long[] layoutStrides(ChunkSpec decoded) {
    return plan(decoded).layoutStrides.clone();
  }

  /**
   * When the chunk's elements reach the array-to-bytes stage with nothing but axis reorderings and
   * that stage stores them raw: the data type of the raw elements; else {@code null}.
   */
  @Override
  public DataType rawElementType(ChunkSpec decoded) {
    return plan(decoded).rawType;
  }

  /**
   * {@inheritDoc} True when the array-to-bytes stage says so and every array stage before it only
   * reorders axes (a chunk of fill values stays one); a stage that changes values could map the
   * fill value to something else, so the chain then says false.
   */
  @Override
  public boolean omitsFillValueChunks(ChunkSpec decoded) {
    Plan p = plan(decoded);
    int n = arrayToArray.size();
    return p.leadingViews == n && arrayToBytes.omitsFillValueChunks(p.arraySpecs[n]);
  }

  // ------------------------------------------------------------------ encoding

  @Override
  public ByteBuffer encode(ChunkArray decoded, CodecOptions options) {
    Plan p = plan(decoded.spec());
    ChunkArray a = decoded;
    for (ArrayToArrayCodec stage : arrayToArray) {
      a = stage.encode(a, options);
    }
    ByteBuffer b = arrayToBytes.encode(a, options);
    for (int j = 0; j < bytesToBytes.size(); j++) {
      b = bytesToBytes.get(j).encode(b, p.bytesSpecs[j], options);
    }
    return b;
  }

  // ------------------------------------------------------------------ decoding

  @Override
  public ChunkArray decode(ByteBuffer encoded, ChunkSpec decoded, CodecOptions options) {
    return decode(encoded, decoded, options, null);
  }

  /**
   * Whether {@link #decode(ByteBuffer, ChunkSpec, CodecOptions, byte[])} can put the decoded bytes
   * into a lent buffer, so lending one is worthwhile.
   */
  public boolean decodesIntoScratch(ChunkSpec decoded) {
    Plan p = plan(decoded);
    return !bytesToBytes.isEmpty() && bytesToBytes.get(0).decodesInto() && p.bytesSpecs[0].exact();
  }

  /**
   * The number of bytes a buffer lent to {@link #decode(ByteBuffer, ChunkSpec, CodecOptions,
   * byte[])} needs: the exact size of the array-to-bytes stage's output, or -1 when not known.
   */
  public long scratchSize(ChunkSpec decoded) {
    BytesSpec b = plan(decoded).bytesSpecs[0];
    return b.exact() ? b.maxSize() : -1;
  }

  /**
   * Decodes a chunk, putting the bytes of the first bytes stage into {@code scratch} when that
   * stage decodes into a caller's array ({@link #decodesIntoScratch}) and it is large enough; the
   * result may then be a view of {@code scratch}, valid until the caller reuses it.
   *
   * @param scratch a buffer to decode into, or {@code null}
   * @throws CodecException if a stage fails or the chunk does not match the spec
   */
  public ChunkArray decode(
      ByteBuffer encoded, ChunkSpec decoded, CodecOptions options, byte[] scratch) {
    Plan p = plan(decoded);
    int m = bytesToBytes.size();
    ByteBuffer b = encoded;
    for (int j = m - 1; j >= 0; j--) {
      BytesToBytesCodec stage = bytesToBytes.get(j);
      BytesSpec want = p.bytesSpecs[j];
      if (j == 0
          && scratch != null
          && stage.decodesInto()
          && want.exact()
          && scratch.length >= want.maxSize()) {
        int size = (int) want.maxSize();
        stage.decodeInto(b, scratch, 0, size, options);
        b = ByteBuffer.wrap(scratch, 0, size);
      } else {
        b = stage.decode(b, want, options);
      }
    }
    int n = arrayToArray.size();
    ChunkArray a = arrayToBytes.decode(b, p.arraySpecs[n], options);
    for (int i = n - 1; i >= 0; i--) {
      a = arrayToArray.get(i).decode(a, p.arraySpecs[i], options);
    }
    return a;
  }

  // ------------------------------------------------------------------ partial decoding

  /**
   * {@inheritDoc} True when every stage decodes parts alone: the array stages only reorder axes,
   * the array-to-bytes stage decodes parts, and every bytes stage does (a chain without bytes
   * stages reads a raw chunk by ranges).
   */
  @Override
  public boolean decodesPartially(ChunkSpec decoded) {
    Plan p = plan(decoded);
    if (p.leadingViews != arrayToArray.size()
        || !arrayToBytes.decodesPartially(p.arraySpecs[arrayToArray.size()])) {
      return false;
    }
    for (BytesToBytesCodec b : bytesToBytes) {
      if (!b.decodesPartially()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether decoding part of a chunk through {@link #partialDecoder} reads the whole stored value
   * anyway: the outermost bytes stage (the first to decode) reads all of its input ({@link
   * BytesToBytesCodec#readsWholeInput}, as zstd does). Such values are best read in one piece.
   */
  public boolean partialDecodingReadsWholeValue() {
    return !bytesToBytes.isEmpty() && bytesToBytes.get(bytesToBytes.size() - 1).readsWholeInput();
  }

  /**
   * {@inheritDoc} The array-to-bytes stage's answer, when it is the chain's only stage (sharding
   * alone, as Zarr v3 writes a sharded array).
   */
  @Override
  public boolean prefersPartialDecoding(ChunkSpec decoded) {
    return arrayToArray.isEmpty()
        && bytesToBytes.isEmpty()
        && arrayToBytes.prefersPartialDecoding(decoded);
  }

  /**
   * {@inheritDoc} The decoders of the stages are stacked over {@code encoded}; closing the result
   * closes every source beneath it (releasing what the bytes stages lent themselves).
   */
  @Override
  public ArrayPartialDecoder partialDecoder(
      ByteSource encoded, ChunkSpec decoded, CodecOptions options) {
    Plan p = plan(decoded);
    ByteSource src = encoded;
    for (int j = bytesToBytes.size() - 1; j >= 0; j--) {
      src = bytesToBytes.get(j).partialDecoder(src, p.bytesSpecs[j], options);
    }
    int n = arrayToArray.size();
    ArrayPartialDecoder d = arrayToBytes.partialDecoder(src, p.arraySpecs[n], options);
    for (int i = n - 1; i >= 0; i--) {
      ArrayToArrayCodec stage = arrayToArray.get(i);
      ChunkSpec spec = p.arraySpecs[i];
      int[] axes = stage.axisOrder(spec);
      d =
          axes != null
              ? new Permuted(d, spec, stage, axes, options)
              : wholeThrough(d, spec, stage, options);
    }
    return new Closing(d, src);
  }

  /** The chain's decoder: closing it closes the stages' decoder and the sources beneath. */
  private static final class Closing implements ArrayPartialDecoder {
    private final ArrayPartialDecoder inner;
    private final ByteSource source;

    Closing(ArrayPartialDecoder inner, ByteSource source) {
      this.inner = inner;
      this.source = source;
    }

    @Override
    public ChunkSpec spec() {
      return inner.spec();
    }

    @Override
    public ChunkArray decodeAll() {
      return inner.decodeAll();
    }

    @Override
    public void decodeBox(StridedBox box, StridedView out) {
      inner.decodeBox(box, out);
    }

    @Override
    public void decodePoints(int[] positions, Object out, long[] outOffsets) {
      inner.decodePoints(positions, out, outOffsets);
    }

    @Override
    public void close() {
      try {
        inner.close();
      } finally {
        source.close();
      }
    }
  }

  private static ArrayPartialDecoder wholeThrough(
      ArrayPartialDecoder inner, ChunkSpec spec, ArrayToArrayCodec stage, CodecOptions options) {
    return ArrayPartialDecoder.decodingWhole(
        spec, () -> stage.decode(inner.decodeAll(), spec, options));
  }

  /** The partial decoder of an axis-reordering stage: parts and views are reordered, not data. */
  private static final class Permuted implements ArrayPartialDecoder {
    private final ArrayPartialDecoder inner;
    private final ChunkSpec spec;
    private final ArrayToArrayCodec stage;
    private final int[] order;
    private final CodecOptions options;

    Permuted(
        ArrayPartialDecoder inner,
        ChunkSpec spec,
        ArrayToArrayCodec stage,
        int[] order,
        CodecOptions options) {
      this.inner = inner;
      this.spec = spec;
      this.stage = stage;
      this.order = order;
      this.options = options;
    }

    @Override
    public ChunkSpec spec() {
      return spec;
    }

    @Override
    public ChunkArray decodeAll() {
      return stage.decode(inner.decodeAll(), spec, options);
    }

    @Override
    public void decodeBox(StridedBox box, StridedView out) {
      inner.decodeBox(box.permute(order), out.permute(order));
    }

    @Override
    public void decodePoints(int[] positions, Object out, long[] outOffsets) {
      int nd = order.length;
      int[] p = new int[positions.length];
      for (int k = 0; k < outOffsets.length; k++) {
        for (int i = 0; i < nd; i++) {
          p[k * nd + i] = positions[k * nd + order[i]];
        }
      }
      inner.decodePoints(p, out, outOffsets);
    }
  }

  // ------------------------------------------------------------------ partial encoding

  /**
   * {@inheritDoc} True when the array-to-bytes stage says so and nothing stands between it and the
   * stored bytes or the caller's elements that would need the whole chunk: every array stage only
   * reorders axes (the write is reordered with them) and there is no bytes stage (a compressor's
   * output is one stream, rewritten whole). A sharded array's chain is the sharding stage alone.
   */
  @Override
  public boolean encodesPartially(ChunkSpec decoded) {
    Plan p = plan(decoded);
    int n = arrayToArray.size();
    return p.leadingViews == n
        && bytesToBytes.isEmpty()
        && arrayToBytes.encodesPartially(p.arraySpecs[n]);
  }

  /**
   * {@inheritDoc} When the chain {@link #encodesPartially}, the write is reordered through the
   * axis-reordering stages and handed to the array-to-bytes stage with the stored bytes; otherwise
   * the whole chunk is decoded, merged and encoded through every stage.
   */
  @Override
  public Optional<ValueParts> encodePartially(
      ByteSource existing, ChunkSpec decoded, ChunkWrite write, CodecOptions options) {
    if (!encodesPartially(decoded)) {
      return ArrayToBytesCodec.super.encodePartially(existing, decoded, write, options);
    }
    Plan p = plan(decoded);
    int n = arrayToArray.size();
    ChunkWrite w = n == 0 ? write : write.permute(p.viewOrder);
    return arrayToBytes.encodePartially(existing, p.arraySpecs[n], w, options);
  }

  // ------------------------------------------------------------------ identity

  @Override
  public boolean equals(Object o) {
    return o instanceof CodecChain c
        && c.arrayToArray.equals(arrayToArray)
        && c.arrayToBytes.equals(arrayToBytes)
        && c.bytesToBytes.equals(bytesToBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(arrayToArray, arrayToBytes, bytesToBytes);
  }

  @Override
  public String toString() {
    return "CodecChain" + codecs();
  }
}
