package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.internal.codec.ScratchBuffer;
import dev.zarr4j.internal.codec.ZstdBlock;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Zstandard compressor (numcodecs id {@code "zstd"}): one zstd frame per chunk.
 *
 * <p>Configuration: {@code level} (default 1; negative levels down to -131072 and up to 22) and, as
 * newer numcodecs versions write, {@code checksum} (default false). {@link #toConfig()} writes
 * {@code checksum} only when it is true, so the default configuration matches numcodecs 0.11's
 * {@code {"id": "zstd", "level": 1}}. Decoding accepts any sequence of zstd frames, with or without
 * a recorded content size or checksum.
 *
 * <p>On the pure-Java path (see {@link dev.zarr4j.codec.CodecBackend}) levels up to 2 (negative
 * ones included) are written by zarr4j's own encoder of zstd's "fast" strategy, which honours the
 * level and the {@code checksum} setting; level 0 (zstd's default, 3) and higher levels are written
 * by aircompressor, which has one compression level (about zstd's 3); its frames carry a checksum
 * only when {@code checksum} is set, as on the native path.
 */
public final class Zstd implements BytesToBytesCodec {
  /** The numcodecs codec id. */
  public static final String ID = "zstd";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("level", "checksum");

  /** numcodecs' default, {@code Zstd(level=1)}. */
  public static final Zstd DEFAULT = new Zstd(1, false);

  private final int level;
  private final boolean checksum;

  private Zstd(int level, boolean checksum) {
    if (level < ZstdBlock.MIN_LEVEL || level > ZstdBlock.MAX_LEVEL) {
      throw new CodecException(
          "zstd: level must be in "
              + ZstdBlock.MIN_LEVEL
              + ".."
              + ZstdBlock.MAX_LEVEL
              + ", got "
              + level);
    }
    this.level = level;
    this.checksum = checksum;
  }

  /** A Zstd codec without checksum. @throws CodecException if the level is out of range */
  public static Zstd of(int level) {
    return new Zstd(level, false);
  }

  /** A Zstd codec. @throws CodecException if the level is out of range */
  public static Zstd of(int level, boolean checksum) {
    return new Zstd(level, checksum);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static Zstd fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    return new Zstd(
        r.getInt("level", 1, ZstdBlock.MIN_LEVEL, ZstdBlock.MAX_LEVEL),
        r.getBoolean("checksum", false));
  }

  /** The compression level. */
  public int level() {
    return level;
  }

  /** Whether encoded frames carry a checksum. */
  public boolean checksum() {
    return checksum;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("level", level);
    if (checksum) {
      m.put("checksum", true);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * {@inheritDoc} {@code {"name": "zstd", "configuration": {"level": level, "checksum":
   * checksum}}}, both keys written as the Zarr v3 {@code zstd} codec requires.
   */
  @Override
  public Map<String, Object> toV3Config() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("level", level);
    c.put("checksum", checksum);
    return dev.zarr4j.codec.Codec.v3Object(ID, c);
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    return encode(decoded, CodecOptions.processDefault().pureJava());
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, BytesSpec spec, CodecOptions options) {
    return encode(decoded, options.pureJava());
  }

  private ByteBuffer encode(ByteBuffer decoded, boolean pureJava) {
    ByteSlice in = ByteSlice.of(decoded);
    byte[] out = ScratchBuffer.get(ZstdBlock.maxCompressedLength(in.length()));
    int n =
        ZstdBlock.compress(in.array(), in.offset(), in.length(), out, 0, level, checksum, pureJava);
    return ByteBuffer.wrap(Arrays.copyOf(out, n));
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
    long size = ZstdBlock.contentSize(in.array(), in.offset(), in.length(), ID);
    if (size < 0) {
      return ByteBuffer.wrap(
          ZstdBlock.decompressStreaming(
              in.array(), in.offset(), in.length(), maxDecodedSize, ID, pureJava));
    }
    if (size > maxDecodedSize) {
      throw new CodecException(
          "zstd: frames claim "
              + size
              + " decoded bytes, more than the limit of "
              + maxDecodedSize);
    }
    byte[] out = new byte[(int) size];
    ZstdBlock.decompressExact(
        in.array(), in.offset(), in.length(), out, 0, out.length, ID, pureJava);
    return ByteBuffer.wrap(out);
  }

  @Override
  public boolean decodesInto() {
    return true;
  }

  /**
   * {@inheritDoc} A read decodes the frames only up to the last byte it asks for (zstd decodes from
   * the start, block by block). Not when {@code checksum} is set: a frame's checksum covers all of
   * it, and a partial read would not verify it.
   */
  @Override
  public boolean decodesPartially() {
    return !checksum;
  }

  /** {@inheritDoc} True: a frame decodes from its start, so the compressed value is read whole. */
  @Override
  public boolean readsWholeInput() {
    return true;
  }

  /**
   * {@inheritDoc} The compressed value is read whole, once; a read decodes the frames up to the
   * last byte it asks for, unless an earlier read decoded them that far (then from the frames'
   * start again: a chunk's partial decoder usually reads once) ({@link
   * ZstdBlock#decompressPrefix}). Frames that do not record their content size are decoded whole.
   */
  @Override
  public dev.zarr4j.store.ByteSource partialDecoder(
      dev.zarr4j.store.ByteSource encoded, BytesSpec decoded, CodecOptions options) {
    if (checksum) {
      return BytesToBytesCodec.super.partialDecoder(encoded, decoded, options);
    }
    return new ZstdPrefixSource(encoded, decoded, options);
  }

  @Override
  public void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len, CodecOptions options) {
    Objects.checkFromIndexSize(off, len, dst.length);
    ByteSlice in = ByteSlice.of(encoded);
    long size = ZstdBlock.contentSize(in.array(), in.offset(), in.length(), ID);
    if (size < 0) {
      ByteBuffer b = decode(encoded, len, options.pureJava());
      if (b.remaining() != len) {
        throw new CodecException(
            "zstd: data decoded to " + b.remaining() + " bytes, expected " + len);
      }
      b.get(dst, off, len);
      return;
    }
    if (size != len) {
      throw new CodecException("zstd: frames claim " + size + " decoded bytes, expected " + len);
    }
    ZstdBlock.decompressExact(
        in.array(), in.offset(), in.length(), dst, off, len, ID, options.pureJava());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Zstd z && z.level == level && z.checksum == checksum;
  }

  @Override
  public int hashCode() {
    return level * 31 + (checksum ? 1 : 0);
  }

  /** numcodecs' repr, e.g. {@code Zstd(level=1)}; {@code , checksum=True} is added when set. */
  @Override
  public String toString() {
    return "Zstd(level=" + level + (checksum ? ", checksum=True" : "") + ")";
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
