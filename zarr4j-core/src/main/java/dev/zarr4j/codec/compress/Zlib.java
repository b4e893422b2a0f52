package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.internal.codec.ScratchBuffer;
import dev.zarr4j.internal.codec.ZlibBlock;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The zlib compressor (numcodecs id {@code "zlib"}): one zlib stream (RFC 1950) per chunk, as
 * Python's {@code zlib.compress} writes. Configuration: {@code level} (-1 = zlib's default, 0..9;
 * default 1). Uses {@code java.util.zip} on both backends. Bytes after the end of the stream are
 * ignored when decoding, as Python does.
 */
public final class Zlib implements BytesToBytesCodec {
  /** The numcodecs codec id. */
  public static final String ID = "zlib";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("level");

  /** numcodecs' default, {@code Zlib(level=1)}. */
  public static final Zlib DEFAULT = new Zlib(1);

  private final int level;

  private Zlib(int level) {
    if (!ZlibBlock.isValidLevel(level)) {
      throw new CodecException("zlib: level must be in -1..9, got " + level);
    }
    this.level = level;
  }

  /** A zlib codec. @throws CodecException if the level is not in -1..9 */
  public static Zlib of(int level) {
    return new Zlib(level);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static Zlib fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    return new Zlib(r.getInt("level", 1, -1, 9));
  }

  /** The compression level. */
  public int level() {
    return level;
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
    return Collections.unmodifiableMap(m);
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    int cap = ZlibBlock.maxCompressedLength(in.length());
    byte[] out = ScratchBuffer.get(cap);
    int n = ZlibBlock.deflate(in.array(), in.offset(), in.length(), out, 0, cap, level, false);
    if (n < 0) {
      throw new CodecException("zlib: output exceeded the deflate bound");
    }
    return ByteBuffer.wrap(Arrays.copyOf(out, n));
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    if (in.length() < 2) {
      throw new CodecException("zlib: input of " + in.length() + " bytes is truncated");
    }
    ZlibBlock.Inflated r =
        ZlibBlock.inflate(in.array(), in.offset(), in.length(), false, -1, maxDecodedSize, ID);
    byte[] data = r.data();
    return ByteBuffer.wrap(r.length() == data.length ? data : Arrays.copyOf(data, r.length()));
  }

  @Override
  public boolean decodesInto() {
    return true;
  }

  @Override
  public void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len, CodecOptions options) {
    Objects.checkFromIndexSize(off, len, dst.length);
    ByteSlice in = ByteSlice.of(encoded);
    if (in.length() < 2) {
      throw new CodecException("zlib: input of " + in.length() + " bytes is truncated");
    }
    ZlibBlock.inflateExact(in.array(), in.offset(), in.length(), dst, off, len, false, ID);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Zlib z && z.level == level;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(level);
  }

  /** numcodecs' repr, e.g. {@code Zlib(level=1)}. */
  @Override
  public String toString() {
    return "Zlib(level=" + level + ")";
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
