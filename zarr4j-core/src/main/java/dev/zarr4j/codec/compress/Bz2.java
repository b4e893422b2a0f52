package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * The bzip2 compressor (numcodecs id {@code "bz2"}): one bzip2 stream per chunk, as Python's {@code
 * bz2.compress} writes. Configuration: {@code level} (1..9, the block size in units of 100 kB;
 * default 1). Pure Java (Apache Commons Compress) on both backends.
 *
 * <p>Decoding accepts concatenated streams, as Python does; empty input decodes to no bytes.
 */
public final class Bz2 implements BytesToBytesCodec {
  /** The numcodecs codec id. */
  public static final String ID = "bz2";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("level");

  /** numcodecs' default, {@code BZ2(level=1)}. */
  public static final Bz2 DEFAULT = new Bz2(1);

  private final int level;

  private Bz2(int level) {
    if (level < 1 || level > 9) {
      throw new CodecException("bz2: level must be in 1..9, got " + level);
    }
    this.level = level;
  }

  /** A bzip2 codec. @throws CodecException if the level is not in 1..9 */
  public static Bz2 of(int level) {
    return new Bz2(level);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static Bz2 fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    return new Bz2(r.getInt("level", 1, 1, 9));
  }

  /** The compression level (block size in 100 kB units). */
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
    ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(64, in.length() / 4));
    try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bos, level)) {
      out.write(in.array(), in.offset(), in.length());
    } catch (IOException | RuntimeException e) {
      throw new CodecException("bz2: compression failed: " + e, e);
    }
    return ByteBuffer.wrap(bos.toByteArray());
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    if (in.length() == 0) {
      return ByteBuffer.allocate(0);
    }
    try (InputStream s =
        new BZip2CompressorInputStream(
            new ByteArrayInputStream(in.array(), in.offset(), in.length()), true)) {
      return ByteBuffer.wrap(StreamDecode.readAll(s, maxDecodedSize, in.length() * 4L, ID));
    } catch (CodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CodecException("bz2: corrupt or truncated input: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bz2 b && b.level == level;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(level);
  }

  /** numcodecs' repr, e.g. {@code BZ2(level=1)}. */
  @Override
  public String toString() {
    return "BZ2(level=" + level + ")";
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
