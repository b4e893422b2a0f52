package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.compression.LittleEndian;
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
import java.util.zip.CRC32;

/**
 * The gzip compressor (numcodecs id {@code "gzip"}): a gzip file (RFC 1952) per chunk, as Python's
 * {@code gzip} module writes. Configuration: {@code level} (-1 = zlib's default, 0..9; default 1).
 *
 * <p>Encoding writes one member with a zero modification time and no file name, so equal input
 * gives equal output. Decoding accepts any number of concatenated members with any optional header
 * fields (extra, name, comment, header CRC), checks each member's CRC-32 and size, and ignores zero
 * padding after the last member, as Python does. Uses {@code java.util.zip} on both backends.
 */
public final class GZip implements BytesToBytesCodec {
  /** The numcodecs codec id. */
  public static final String ID = "gzip";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("level");

  /** numcodecs' default, {@code GZip(level=1)}. */
  public static final GZip DEFAULT = new GZip(1);

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private final int level;

  private GZip(int level) {
    if (!ZlibBlock.isValidLevel(level)) {
      throw new CodecException("gzip: level must be in -1..9, got " + level);
    }
    this.level = level;
  }

  /** A gzip codec. @throws CodecException if the level is not in -1..9 */
  public static GZip of(int level) {
    return new GZip(level);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key and value if a key is unknown or a value invalid
   */
  public static GZip fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, KEYS);
    return new GZip(r.getInt("level", 1, -1, 9));
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

  /** {@inheritDoc} {@code {"name": "gzip", "configuration": {"level": level}}}. */
  @Override
  public Map<String, Object> toV3Config() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("level", level);
    return dev.zarr4j.codec.Codec.v3Object(ID, c);
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    int cap = 10 + ZlibBlock.maxCompressedLength(in.length()) + 8;
    byte[] out = ScratchBuffer.get(cap);
    out[0] = 0x1f;
    out[1] = (byte) 0x8b;
    out[2] = 8; // deflate
    out[3] = 0; // no optional fields
    LittleEndian.putInt(out, 4, 0); // no modification time
    out[8] = (byte) (level == 9 ? 2 : level == 1 ? 4 : 0); // XFL, as Python writes it
    out[9] = (byte) 255; // OS unknown, as Python writes it
    int n = ZlibBlock.deflate(in.array(), in.offset(), in.length(), out, 10, cap - 18, level, true);
    if (n < 0) {
      throw new CodecException("gzip: output exceeded the deflate bound");
    }
    CRC32 crc = new CRC32();
    crc.update(in.array(), in.offset(), in.length());
    LittleEndian.putInt(out, 10 + n, (int) crc.getValue());
    LittleEndian.putInt(out, 14 + n, in.length());
    return ByteBuffer.wrap(Arrays.copyOf(out, 18 + n));
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    byte[] a = in.array();
    int p = in.offset();
    int end = in.offset() + in.length();
    if (in.length() < 18) {
      throw new CodecException(
          "gzip: input of " + in.length() + " bytes is shorter than the smallest gzip member");
    }
    byte[] result = null;
    int total = 0;
    int member = 0;
    while (p < end) {
      if (member > 0 && allZero(a, p, end)) {
        break; // zero padding after the last member, which Python's gzip tolerates
      }
      int start = p;
      if (end - p < 10) {
        throw new CodecException("gzip: member " + member + " has a truncated header");
      }
      if ((a[p] & 0xFF) != 0x1f || (a[p + 1] & 0xFF) != 0x8b) {
        throw new CodecException(
            "gzip: member " + member + " does not start with the gzip magic bytes 1f 8b");
      }
      if (a[p + 2] != 8) {
        throw new CodecException(
            "gzip: member "
                + member
                + " uses compression method "
                + (a[p + 2] & 0xFF)
                + ", not deflate (8)");
      }
      int flg = a[p + 3] & 0xFF;
      if ((flg & 0xE0) != 0) {
        throw new CodecException("gzip: member " + member + " sets reserved header flags");
      }
      p += 10;
      if ((flg & FEXTRA) != 0) {
        if (end - p < 2) {
          throw new CodecException("gzip: member " + member + " has a truncated extra field");
        }
        int xlen = LittleEndian.getShort(a, p) & 0xFFFF;
        p += 2;
        if (end - p < xlen) {
          throw new CodecException("gzip: member " + member + " has a truncated extra field");
        }
        p += xlen;
      }
      if ((flg & FNAME) != 0) {
        p = skipZeroTerminated(a, p, end, member, "file name");
      }
      if ((flg & FCOMMENT) != 0) {
        p = skipZeroTerminated(a, p, end, member, "comment");
      }
      if ((flg & FHCRC) != 0) {
        if (end - p < 2) {
          throw new CodecException("gzip: member " + member + " has a truncated header CRC");
        }
        CRC32 hcrc = new CRC32();
        hcrc.update(a, start, p - start);
        if ((LittleEndian.getShort(a, p) & 0xFFFF) != (hcrc.getValue() & 0xFFFF)) {
          throw new CodecException("gzip: member " + member + " has a wrong header CRC");
        }
        p += 2;
      }
      int hint = -1;
      if (member == 0 && end - p >= 8) {
        hint = LittleEndian.getInt(a, end - 4); // ISIZE of a single-member file
        if (hint < 0 || hint > maxDecodedSize) {
          hint = -1;
        }
      }
      String what = "gzip member " + member;
      ZlibBlock.Inflated r =
          ZlibBlock.inflate(a, p, end - p, true, hint, maxDecodedSize - total, what);
      p += r.inputUsed();
      if (end - p < 8) {
        throw new CodecException("gzip: member " + member + " has a truncated trailer");
      }
      CRC32 crc = new CRC32();
      crc.update(r.data(), 0, r.length());
      int expectedCrc = LittleEndian.getInt(a, p);
      int expectedSize = LittleEndian.getInt(a, p + 4);
      p += 8;
      if ((int) crc.getValue() != expectedCrc) {
        throw new CodecException("gzip: member " + member + " fails its CRC-32 check");
      }
      if (r.length() != expectedSize) {
        throw new CodecException(
            "gzip: member "
                + member
                + " decoded to "
                + r.length()
                + " bytes but its trailer records "
                + Integer.toUnsignedString(expectedSize));
      }
      if (result == null) {
        result = r.data();
        total = r.length();
      } else {
        if (result.length < total + r.length()) {
          result = Arrays.copyOf(result, total + r.length());
        }
        System.arraycopy(r.data(), 0, result, total, r.length());
        total += r.length();
      }
      member++;
    }
    if (result == null) {
      result = new byte[0];
    }
    return ByteBuffer.wrap(result.length == total ? result : Arrays.copyOf(result, total));
  }

  private static boolean allZero(byte[] a, int p, int end) {
    for (int i = p; i < end; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int skipZeroTerminated(byte[] a, int p, int end, int member, String field) {
    while (p < end) {
      if (a[p++] == 0) {
        return p;
      }
    }
    throw new CodecException("gzip: member " + member + " has an unterminated " + field);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GZip g && g.level == level;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(level);
  }

  /** numcodecs' repr, e.g. {@code GZip(level=1)}. */
  @Override
  public String toString() {
    return "GZip(level=" + level + ")";
  }

  /** {@inheritDoc} A compressor's worst case ({@link dev.zarr4j.codec.CompressedSize}). */
  @Override
  public long maxEncodedSize(dev.zarr4j.codec.BytesSpec decoded) {
    return dev.zarr4j.codec.CompressedSize.worstCase(decoded);
  }
}
