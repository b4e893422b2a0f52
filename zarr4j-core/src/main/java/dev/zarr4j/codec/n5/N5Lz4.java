package dev.zarr4j.codec.n5;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.compress.Lz4;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * N5's {@code lz4} compression, which names two incompatible framings: N5 Java writes lz4-java's
 * block stream ({@code LZ4BlockOutputStream}: blocks of at most {@code blockSize} bytes, each with
 * the {@code LZ4Block} magic, lengths and an xxHash32 checksum, then an empty end block), while
 * zarr-python's {@code N5Store} writes numcodecs' LZ4 (the decoded size as a 4-byte little-endian
 * integer, then one LZ4 block).
 *
 * <p>Decoding accepts both, telling them apart by the {@code LZ4Block} magic (a numcodecs payload
 * starting with it would announce 1.1 GB). Encoding writes the framing this instance names: {@link
 * #numcodecs(int)} for documents zarr-python writes ({@code {"type": "lz4", "id": "lz4",
 * "acceleration": 1}}), {@link #blockStream(int)} for N5 Java's ({@code {"type": "lz4",
 * "blockSize": 65536}}).
 *
 * <p>{@link #toConfig()} is what zarr-python's {@code compressor_config_to_zarr} makes of the N5
 * document: {@code {"id": "lz4", "acceleration": a}} or {@code {"id": "lz4", "blockSize": b}}.
 */
public final class N5Lz4 implements BytesToBytesCodec {

  /** The two framings of N5's {@code lz4}. */
  public enum Framing {
    /** numcodecs' LZ4: a 4-byte little-endian decoded size and one LZ4 block (zarr-python). */
    NUMCODECS,
    /** lz4-java's {@code LZ4BlockOutputStream} stream (N5 Java). */
    BLOCK_STREAM
  }

  /** The codec id both framings report. */
  public static final String ID = "lz4";

  /** N5 Java's default {@code blockSize}, 64 KiB. */
  public static final int DEFAULT_BLOCK_SIZE = 1 << 16;

  /** The smallest {@code blockSize} lz4-java accepts. */
  public static final int MIN_BLOCK_SIZE = Lz4BlockStream.MIN_BLOCK_SIZE;

  /** The largest {@code blockSize} lz4-java accepts, 32 MiB. */
  public static final int MAX_BLOCK_SIZE = Lz4BlockStream.MAX_BLOCK_SIZE;

  private final Framing framing;
  private final int acceleration;
  private final int blockSize;

  private N5Lz4(Framing framing, int acceleration, int blockSize) {
    this.framing = framing;
    this.acceleration = acceleration;
    this.blockSize = blockSize;
  }

  /** Writes numcodecs' framing with this acceleration, as zarr-python's {@code N5Store} does. */
  public static N5Lz4 numcodecs(int acceleration) {
    return new N5Lz4(Framing.NUMCODECS, acceleration, 0);
  }

  /**
   * Writes lz4-java's block stream with blocks of this size, as N5 Java does.
   *
   * @throws CodecException if the size is outside [64, 32 MiB]
   */
  public static N5Lz4 blockStream(int blockSize) {
    Lz4BlockStream.level(blockSize);
    return new N5Lz4(Framing.BLOCK_STREAM, 1, blockSize);
  }

  /** The framing written. */
  public Framing framing() {
    return framing;
  }

  /** The LZ4 acceleration of the numcodecs framing (1 for the block stream). */
  public int acceleration() {
    return acceleration;
  }

  /** The block size of the block stream (0 for the numcodecs framing). */
  public int blockSize() {
    return blockSize;
  }

  /** Whether {@code encoded}'s remaining bytes start with the block stream's magic. */
  public static boolean isBlockStream(ByteBuffer encoded) {
    ByteSlice in = ByteSlice.of(encoded);
    return Lz4BlockStream.startsWithMagic(in.array(), in.offset(), in.length());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    if (framing == Framing.NUMCODECS) {
      m.put("acceleration", acceleration);
    } else {
      m.put("blockSize", blockSize);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    return encode(decoded, BytesSpec.unbounded(), CodecOptions.processDefault());
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, BytesSpec spec, CodecOptions options) {
    if (framing == Framing.NUMCODECS) {
      return Lz4.of(acceleration).encode(decoded, spec, options);
    }
    ByteSlice in = ByteSlice.of(decoded);
    return ByteBuffer.wrap(
        Lz4BlockStream.encode(in.array(), in.offset(), in.length(), blockSize, options.pureJava()));
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    return decode(
        encoded, BytesSpec.atMost(maxDecodedSize, DataType.UINT8), CodecOptions.processDefault());
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, BytesSpec spec, CodecOptions options) {
    ByteSlice in = ByteSlice.of(encoded);
    if (!Lz4BlockStream.startsWithMagic(in.array(), in.offset(), in.length())) {
      return Lz4.DEFAULT.decode(encoded, spec, options);
    }
    long size =
        Lz4BlockStream.decodedSize(in.array(), in.offset(), in.length(), spec.decodeLimit());
    byte[] out = new byte[(int) size];
    Lz4BlockStream.decode(
        in.array(), in.offset(), in.length(), out, 0, out.length, options.pureJava());
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
    if (!Lz4BlockStream.startsWithMagic(in.array(), in.offset(), in.length())) {
      Lz4.DEFAULT.decodeInto(encoded, dst, off, len, options);
      return;
    }
    Lz4BlockStream.decode(in.array(), in.offset(), in.length(), dst, off, len, options.pureJava());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof N5Lz4 l
        && l.framing == framing
        && l.acceleration == acceleration
        && l.blockSize == blockSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(framing, acceleration, blockSize);
  }

  @Override
  public String toString() {
    return framing == Framing.NUMCODECS
        ? "N5Lz4(numcodecs framing, acceleration=" + acceleration + ")"
        : "N5Lz4(block stream, blockSize=" + blockSize + ")";
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
