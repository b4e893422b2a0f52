package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.internal.codec.Lz4Block;
import dev.zarr4j.internal.codec.ScratchBuffer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The LZ4 compressor (numcodecs id {@code "lz4"}), in numcodecs' format: the decoded size as a
 * 4-byte little-endian integer, then one raw LZ4 block.
 *
 * <p>Configuration: {@code acceleration} (default 1; higher is faster with less compression, values
 * below 1 act as 1 and above 65537 as 65537, as in liblz4). The pure-Java path ignores the
 * acceleration.
 */
public final class Lz4 implements BytesToBytesCodec {
  /** The numcodecs codec id. */
  public static final String ID = "lz4";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("acceleration");

  /** numcodecs' default, {@code LZ4(acceleration=1)}. */
  public static final Lz4 DEFAULT = new Lz4(1);

  /** liblz4's input limit (LZ4_MAX_INPUT_SIZE). */
  private static final int MAX_INPUT = 0x7E000000;

  private final int acceleration;

  private Lz4(int acceleration) {
    this.acceleration = acceleration;
  }

  /** An LZ4 codec with this acceleration. */
  public static Lz4 of(int acceleration) {
    return new Lz4(acceleration);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static Lz4 fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    return new Lz4(r.getInt("acceleration", 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  /** The acceleration. */
  public int acceleration() {
    return acceleration;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("acceleration", acceleration);
    return Collections.unmodifiableMap(m);
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
    if (in.length() > MAX_INPUT) {
      throw new CodecException(
          "lz4: cannot encode " + in.length() + " bytes (the limit is " + MAX_INPUT + ")");
    }
    byte[] out = ScratchBuffer.get(4 + Lz4Block.maxCompressedLength(in.length()));
    LittleEndian.putInt(out, 0, in.length());
    int n = Lz4Block.compress(in.array(), in.offset(), in.length(), out, 4, acceleration, pureJava);
    return ByteBuffer.wrap(Arrays.copyOf(out, 4 + n));
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
    int size = decodedSize(in, maxDecodedSize);
    byte[] out = new byte[size];
    Lz4Block.decompressExact(
        in.array(), in.offset() + 4, in.length() - 4, out, 0, size, ID, pureJava);
    return ByteBuffer.wrap(out);
  }

  @Override
  public boolean decodesInto() {
    return true;
  }

  @Override
  public void decodeInto(ByteBuffer encoded, byte[] dst, int off, int len, CodecOptions options) {
    Objects.checkFromIndexSize(off, len, dst.length);
    ByteSlice in = ByteSlice.of(encoded);
    int size = decodedSize(in, len);
    if (size != len) {
      throw new CodecException("lz4: header claims " + size + " decoded bytes, expected " + len);
    }
    Lz4Block.decompressExact(
        in.array(), in.offset() + 4, in.length() - 4, dst, off, len, ID, options.pureJava());
  }

  /** Validates the size header against the input and the limit, and returns it. */
  private static int decodedSize(ByteSlice in, int maxDecodedSize) {
    if (in.length() < 4) {
      throw new CodecException(
          "lz4: input of " + in.length() + " bytes is shorter than the 4-byte size header");
    }
    int size = LittleEndian.getInt(in.array(), in.offset());
    if (size < 0) {
      throw new CodecException("lz4: header claims a negative decoded size " + size);
    }
    if (size > maxDecodedSize) {
      throw new CodecException(
          "lz4: header claims "
              + size
              + " decoded bytes, more than the limit of "
              + maxDecodedSize);
    }
    long body = in.length() - 4L;
    if (size > 256 * body + 64) {
      throw new CodecException(
          "lz4: header claims " + size + " decoded bytes, impossible from " + body + " bytes");
    }
    return size;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lz4 l && l.acceleration == acceleration;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(acceleration);
  }

  /** numcodecs' repr, e.g. {@code LZ4(acceleration=1)}. */
  @Override
  public String toString() {
    return "LZ4(acceleration=" + acceleration + ")";
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
