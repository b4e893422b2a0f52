package dev.zarr4j.codec.blosc;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Blosc compressor (numcodecs id {@code "blosc"}), implemented in Java over the Blosc1 frame
 * format: frames it writes decode in numcodecs / c-blosc 1.x and vice versa.
 *
 * <p>Configuration keys, in numcodecs' order: {@code cname} (one of {@code blosclz, lz4, lz4hc,
 * snappy, zlib, zstd}), {@code clevel} (0..9), {@code shuffle} (-1 AUTOSHUFFLE, 0 NOSHUFFLE, 1
 * SHUFFLE, 2 BITSHUFFLE) and {@code blocksize} (0 = automatic). The encoder's type size is the
 * {@code itemSize} argument of {@link #encode} (numcodecs uses the chunk dtype's item size).
 *
 * <p>Instances are immutable and thread-safe. Besides {@link #decode}, {@link #decodeInto} decodes
 * into a caller's array and {@link #decodedSize} reads a frame's size without decoding it.
 */
public final class Blosc implements BytesToBytesCodec {

  /** The numcodecs codec id. */
  public static final String ID = "blosc";

  /** The configuration keys besides {@code id}, in numcodecs' order. */
  public static final List<String> KEYS = List.of("cname", "clevel", "shuffle", "blocksize");

  /**
   * The keys a configuration may hold when read: {@link #KEYS} and {@code typesize}, which
   * numcodecs 0.16 and zarr-java write (the element size shuffling assumes). {@link #toConfig()}
   * leaves it out, as zarr-python 2's numcodecs before 0.16 refuses it.
   */
  private static final List<String> READ_KEYS =
      List.of("cname", "clevel", "shuffle", "blocksize", "typesize");

  /** numcodecs' default: {@code Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)}. */
  public static final Blosc DEFAULT = new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.SHUFFLE, 0);

  private final BloscCompressor cname;
  private final int clevel;
  private final BloscShuffle shuffle;
  private final int blocksize;
  private final int typesize; // 0: the element size of the input (numcodecs)

  private Blosc(BloscCompressor cname, int clevel, BloscShuffle shuffle, int blocksize) {
    this(cname, clevel, shuffle, blocksize, 0);
  }

  private Blosc(
      BloscCompressor cname, int clevel, BloscShuffle shuffle, int blocksize, int typesize) {
    this.cname = Objects.requireNonNull(cname, "cname");
    this.shuffle = Objects.requireNonNull(shuffle, "shuffle");
    if (clevel < 0 || clevel > 9) {
      throw new CodecException("blosc: clevel must be in 0..9, got " + clevel);
    }
    if (blocksize < 0) {
      throw new CodecException("blosc: blocksize must be >= 0, got " + blocksize);
    }
    if (typesize < 0) {
      throw new CodecException("blosc: typesize must be >= 0, got " + typesize);
    }
    this.clevel = clevel;
    this.blocksize = blocksize;
    this.typesize = typesize;
  }

  /** The Zarr v3 codec name. */
  public static final String V3_NAME = "blosc";

  private static final List<String> V3_KEYS =
      List.of("cname", "clevel", "shuffle", "typesize", "blocksize");

  /**
   * Builds the codec from its Zarr v3 configuration: {@code cname}, {@code clevel}, {@code shuffle}
   * as a name ({@code "noshuffle"}, {@code "shuffle"}, {@code "bitshuffle"}), {@code typesize}
   * (required unless {@code noshuffle}) and {@code blocksize}.
   *
   * @throws CodecException naming the key and value if a key is unknown, missing or invalid
   */
  public static Blosc fromV3Config(Map<String, Object> configuration) {
    Map<String, Object> config = new LinkedHashMap<>(configuration);
    config.put("id", ID);
    ConfigReader r = ConfigReader.of(ID, config, V3_KEYS);
    for (String key : List.of("cname", "clevel", "shuffle", "blocksize")) {
      if (!r.has(key)) {
        throw new CodecException("blosc: the Zarr v3 configuration needs '" + key + "'");
      }
    }
    String cname = r.getString("cname", null);
    BloscCompressor c;
    try {
      c = BloscCompressor.fromCname(cname);
    } catch (CodecException e) {
      throw r.bad("cname", cname, "one of blosclz, lz4, lz4hc, snappy, zlib, zstd");
    }
    String shuffleName = r.getString("shuffle", null);
    BloscShuffle shuffle =
        switch (shuffleName) {
          case "noshuffle" -> BloscShuffle.NOSHUFFLE;
          case "shuffle" -> BloscShuffle.SHUFFLE;
          case "bitshuffle" -> BloscShuffle.BITSHUFFLE;
          default -> throw r.bad("shuffle", shuffleName, "one of noshuffle, shuffle, bitshuffle");
        };
    int typesize = r.getInt("typesize", 0, 0, 255);
    if (shuffle != BloscShuffle.NOSHUFFLE && typesize < 1) {
      throw new CodecException(
          "blosc: the Zarr v3 configuration needs 'typesize' (1..255) with shuffle '"
              + shuffleName
              + "'");
    }
    return new Blosc(
        c,
        r.getInt("clevel", 5, 0, 9),
        shuffle,
        r.getInt("blocksize", 0, 0, Integer.MAX_VALUE),
        typesize);
  }

  /**
   * {@inheritDoc} {@code {"name": "blosc", "configuration": {"cname", "clevel", "shuffle" (by
   * name), "typesize", "blocksize"}}}; {@code typesize} is written when known (see {@link
   * #forInput}).
   */
  @Override
  public Map<String, Object> toV3Config() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("cname", cname.cname());
    c.put("clevel", clevel);
    c.put(
        "shuffle",
        switch (shuffle) {
          case NOSHUFFLE -> "noshuffle";
          case SHUFFLE -> "shuffle";
          case BITSHUFFLE -> "bitshuffle";
          case AUTOSHUFFLE -> "shuffle"; // resolved by forInput before metadata is written
        });
    if (typesize > 0) {
      c.put("typesize", typesize);
    }
    c.put("blocksize", blocksize);
    return dev.zarr4j.codec.Codec.v3Object(V3_NAME, c);
  }

  /**
   * {@inheritDoc} The type size becomes the input's element size (as numcodecs takes it from the
   * array, and as Zarr v3 records it) and an automatic shuffle becomes the concrete one for it.
   */
  @Override
  public Blosc forInput(BytesSpec input) {
    int size = typesize > 0 ? typesize : Math.max(1, Math.min(255, input.elementType().itemSize()));
    Blosc b = new Blosc(cname, clevel, shuffle.resolve(size), blocksize, size);
    return b.equals(this) ? this : b;
  }

  /** The type size recorded in the configuration (Zarr v3), or 0 to take the input's. */
  public int typesize() {
    return typesize;
  }

  /**
   * A Blosc codec.
   *
   * @param cname the inner compressor
   * @param clevel the compression level, 0 (store) to 9
   * @param shuffle the shuffle filter
   * @param blocksize the block size in bytes, or 0 to choose automatically as c-blosc does
   * @throws CodecException if a value is out of range
   */
  public static Blosc of(BloscCompressor cname, int clevel, BloscShuffle shuffle, int blocksize) {
    return new Blosc(cname, clevel, shuffle, blocksize);
  }

  /**
   * A Blosc codec from numcodecs-style values, e.g. {@code of("zstd", 3, 2, 0)}.
   *
   * @throws CodecException if a value is unknown or out of range
   */
  public static Blosc of(String cname, int clevel, int shuffle, int blocksize) {
    return new Blosc(
        BloscCompressor.fromCname(cname), clevel, BloscShuffle.fromCode(shuffle), blocksize);
  }

  /**
   * Builds the codec from a numcodecs configuration; absent keys take numcodecs' defaults.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static Blosc fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, READ_KEYS);
    String cname = r.getString("cname", "lz4");
    BloscCompressor c;
    try {
      c = BloscCompressor.fromCname(cname);
    } catch (CodecException e) {
      throw r.bad("cname", cname, "one of blosclz, lz4, lz4hc, snappy, zlib, zstd");
    }
    int clevel = r.getInt("clevel", 5, 0, 9);
    int shuffle = r.getInt("shuffle", 1, -1, 2);
    int blocksize = r.getInt("blocksize", 0, 0, Integer.MAX_VALUE);
    // numcodecs 0.16 and zarr-java write a typesize; null or absent: the input's element size
    int typesize = config.get("typesize") == null ? 0 : r.getInt("typesize", 0, 0, 255);
    return new Blosc(c, clevel, BloscShuffle.fromCode(shuffle), blocksize, typesize);
  }

  /** The inner compressor. */
  public BloscCompressor cname() {
    return cname;
  }

  /** The compression level (0..9). */
  public int clevel() {
    return clevel;
  }

  /** The shuffle filter as configured (possibly {@link BloscShuffle#AUTOSHUFFLE}). */
  public BloscShuffle shuffle() {
    return shuffle;
  }

  /** The forced block size, or 0 for automatic. */
  public int blocksize() {
    return blocksize;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("cname", cname.cname());
    m.put("clevel", clevel);
    m.put("shuffle", shuffle.code());
    m.put("blocksize", blocksize);
    return Collections.unmodifiableMap(m);
  }

  /**
   * Encodes the remaining bytes of {@code decoded} into one Blosc frame.
   *
   * @param itemSize the element size used as Blosc's type size (above 255 it is treated as 1)
   */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    return ByteBuffer.wrap(
        encode(
            in.array(),
            in.offset(),
            in.length(),
            itemSize,
            CodecOptions.processDefault().pureJava()));
  }

  /** {@inheritDoc} The type size is the item size of the spec's element type. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, BytesSpec spec, CodecOptions options) {
    ByteSlice in = ByteSlice.of(decoded);
    return ByteBuffer.wrap(
        encode(
            in.array(),
            in.offset(),
            in.length(),
            typesize > 0 ? typesize : spec.elementType().itemSize(),
            options.pureJava()));
  }

  /** Encodes {@code src[off, off+len)} into a new frame of exactly the encoded size. */
  public byte[] encode(byte[] src, int off, int len, int itemSize) {
    return encode(src, off, len, itemSize, CodecOptions.processDefault().pureJava());
  }

  private byte[] encode(byte[] src, int off, int len, int itemSize, boolean pureJava) {
    Objects.checkFromIndexSize(off, len, src.length);
    return BloscFrame.encode(cname, clevel, shuffle, blocksize, src, off, len, itemSize, pureJava);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    return decode(encoded, maxDecodedSize, CodecOptions.processDefault().pureJava());
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, BytesSpec spec, CodecOptions options) {
    return decode(encoded, spec.decodeLimit(), options.pureJava());
  }

  private static ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize, boolean pureJava) {
    ByteSlice in = ByteSlice.of(encoded);
    int n = BloscFrame.decodedSize(in.array(), in.offset(), in.length(), maxDecodedSize);
    byte[] out = new byte[n];
    BloscFrame.decode(in.array(), in.offset(), in.length(), out, 0, n, pureJava);
    return ByteBuffer.wrap(out);
  }

  @Override
  public boolean decodesInto() {
    return true;
  }

  /**
   * Decodes straight into {@code dst[off, off+len)}; see {@link #decodeInto(ByteBuffer, byte[],
   * int, int)}.
   */
  @Override
  public void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len, CodecOptions options) {
    decodeInto(encoded, dst, off, len, options.pureJava());
  }

  /** {@inheritDoc} A part of a frame decodes only the blocks, and streams, holding it. */
  @Override
  public boolean decodesPartially() {
    return true;
  }

  /**
   * {@inheritDoc} Reads of the returned source decode only the blocks of the frame that hold the
   * bytes asked for ({@link #decodeRuns(FrameSource, int, int[], int, byte[], int)}), reading from
   * {@code encoded} only the parts of the frame they need; when the bytes asked for spread over
   * more than half of the decoded size, the frame is read in one piece first.
   */
  @Override
  public ByteSource partialDecoder(ByteSource encoded, BytesSpec decoded, CodecOptions options) {
    return new BloscPartialSource(encoded, decoded, options.pureJava());
  }

  /**
   * The decoded size recorded in a frame's header (the remaining bytes of {@code encoded}).
   *
   * @throws CodecException if the header is truncated or the size is negative
   */
  public static int decodedSize(ByteBuffer encoded) {
    ByteSlice in =
        ByteSlice.of(
            encoded.remaining() > 16
                ? encoded.duplicate().limit(encoded.position() + 16)
                : encoded);
    return BloscFrame.decodedSize(in.array(), in.offset(), in.length(), Integer.MAX_VALUE);
  }

  /**
   * Decodes a frame straight into {@code dst[off, off+len)}, saving the copy a caller would make
   * from {@link #decode}'s buffer. Any Blosc frame decodes, whatever the codec's own settings.
   *
   * @param len must equal the frame's decoded size
   * @throws CodecException if the frame is corrupt or its decoded size is not {@code len}
   */
  public static void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len) {
    decodeInto(encoded, dst, off, len, CodecOptions.processDefault().pureJava());
  }

  static void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len, boolean pureJava) {
    Objects.checkFromIndexSize(off, len, dst.length);
    ByteSlice in = ByteSlice.of(encoded);
    BloscFrame.decode(in.array(), in.offset(), in.length(), dst, off, len, pureJava);
  }

  // ---------------------------------------------------------------- partial decoding

  /**
   * Where a frame's bytes come from when only parts of it are read (a file or object read by byte
   * ranges). Reads arrive mostly in increasing order; a source need not be thread-safe.
   */
  public interface FrameSource {
    /** The number of bytes available (the frame's stored size). */
    long size();

    /**
     * Copies the frame's bytes {@code [offset, offset + len)} into {@code dst[off, off + len)}. The
     * decoder asks only for bytes below {@link #size()}.
     *
     * @throws RuntimeException (a {@link CodecException} or a store's exception) if they cannot be
     *     read
     */
    void read(long offset, byte[] dst, int off, int len);
  }

  /**
   * Decodes only the wanted bytes of a frame and writes them one run after another: the bytes of
   * run {@code r}, {@code [runs[2r], runs[2r+1])} of the decoded buffer ({@code r < nruns}), follow
   * those of run {@code r - 1} in {@code dst}, starting at {@code dst[off]}. Blocks holding no
   * wanted byte are skipped, only the streams that hold wanted bytes are decompressed, and only
   * wanted bytes are unshuffled. Any Blosc1 frame decodes (every compressor, shuffle, split mode
   * and uncompressed frames), with the same checks as {@link #decodeInto} on the parts it reads;
   * the bytes written equal those of the runs in {@link #decodeInto}'s result.
   *
   * @param decodedSize must equal the frame's decoded size
   * @param runs sorted, disjoint ranges inside {@code [0, decodedSize)}, as start/end pairs
   * @throws CodecException if the parts of the frame read are corrupt, or its decoded size is not
   *     {@code decodedSize}
   * @throws IllegalArgumentException if the runs are not sorted, disjoint and inside {@code [0,
   *     decodedSize)}
   * @throws IndexOutOfBoundsException if {@code dst} cannot hold the runs' bytes from {@code off}
   */
  public static void decodeRuns(
      ByteBuffer encoded, int decodedSize, int[] runs, int nruns, byte[] dst, int off) {
    decodeRuns(
        encoded, decodedSize, runs, nruns, dst, off, CodecOptions.processDefault().pureJava());
  }

  static void decodeRuns(
      ByteBuffer encoded,
      int decodedSize,
      int[] runs,
      int nruns,
      byte[] dst,
      int off,
      boolean pureJava) {
    ByteSlice in = ByteSlice.of(encoded);
    BloscPartial.decodeRuns(
        in.array(), in.offset(), in.length(), decodedSize, runs, nruns, dst, off, pureJava);
  }

  /**
   * Like {@link #decodeRuns(ByteBuffer, int, int[], int, byte[], int)}, reading from {@code source}
   * only the frame's header, block table, the stream sizes on the way and the wanted streams (of a
   * stream stored raw, only its wanted slice); nearby pieces are merged into one read.
   */
  public static void decodeRuns(
      FrameSource source, int decodedSize, int[] runs, int nruns, byte[] dst, int off) {
    decodeRuns(
        source, decodedSize, runs, nruns, dst, off, CodecOptions.processDefault().pureJava());
  }

  static void decodeRuns(
      FrameSource source,
      int decodedSize,
      int[] runs,
      int nruns,
      byte[] dst,
      int off,
      boolean pureJava) {
    BloscPartial.decodeRuns(source, decodedSize, runs, nruns, dst, off, pureJava);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Blosc b
        && b.cname == cname
        && b.clevel == clevel
        && b.shuffle == shuffle
        && b.blocksize == blocksize
        && b.typesize == typesize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cname, clevel, shuffle, blocksize, typesize);
  }

  /** numcodecs' repr, e.g. {@code Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)}. */
  @Override
  public String toString() {
    return "Blosc(cname='"
        + cname.cname()
        + "', clevel="
        + clevel
        + ", shuffle="
        + shuffle.name()
        + ", blocksize="
        + blocksize
        + ")";
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
