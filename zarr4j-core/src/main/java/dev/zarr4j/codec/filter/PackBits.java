package dev.zarr4j.codec.filter;

import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pack-bits filter (numcodecs id {@code "packbits"}): packs a buffer of booleans, one byte
 * each, into bits, eight to a byte, most significant bit first ({@code np.packbits}). The first
 * encoded byte holds the number of padding bits (0-7) in the last byte. Any non-zero input byte
 * counts as true; decoding writes 0 or 1 per element.
 *
 * <p>No configuration besides {@code id}; {@code toString()} is {@code PackBits()}.
 */
public final class PackBits implements FlatArrayCodec {
  /** The numcodecs codec id. */
  public static final String ID = "packbits";

  /** The configuration keys besides {@code id} (none). */
  public static final List<String> KEYS = List.of();

  /** The one instance: the codec has no parameters. */
  public static final PackBits INSTANCE = new PackBits();

  private PackBits() {}

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException if the configuration has a key besides {@code id}
   */
  public static PackBits fromConfig(Map<String, Object> config) {
    Filters.reader(ID, config, KEYS);
    return INSTANCE;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    return Collections.unmodifiableMap(m);
  }

  /** {@inheritDoc} Each byte is one boolean; {@code itemSize} is ignored. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    int n = in.length();
    int full = n / 8;
    int left = n % 8;
    byte[] out = new byte[1 + full + (left > 0 ? 1 : 0)];
    out[0] = (byte) (left > 0 ? 8 - left : 0);
    byte[] a = in.array();
    int p = in.offset();
    for (int i = 0; i < n; i++) {
      if (a[p + i] != 0) {
        out[1 + (i >>> 3)] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return ByteBuffer.wrap(out);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    if (in.length() < 1) {
      throw new CodecException("packbits: empty input has no padding byte");
    }
    byte[] a = in.array();
    int p = in.offset();
    int padding = a[p] & 0xFF;
    if (padding > 7) {
      throw new CodecException("packbits: padding byte says " + padding + " bits (at most 7)");
    }
    long bits = 8L * (in.length() - 1);
    if (padding > 0 && bits == 0) {
      throw new CodecException("packbits: " + padding + " padding bits but no data bytes");
    }
    int n = Filters.bounded(ID, bits - padding, maxDecodedSize);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) ((a[p + 1 + (i >>> 3)] >>> (7 - (i & 7))) & 1);
    }
    return ByteBuffer.wrap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PackBits;
  }

  @Override
  public int hashCode() {
    return ID.hashCode();
  }

  /** numcodecs' repr, {@code PackBits()}. */
  @Override
  public String toString() {
    return "PackBits()";
  }

  /** {@inheritDoc} Packed bits are plain bytes. */
  @Override
  public DataType encodedType(DataType incoming) {
    return DataType.UINT8;
  }

  /** {@inheritDoc} Each byte is one boolean: a header byte, then eight booleans per byte. */
  @Override
  public long encodedCount(long count) {
    return 1 + count / 8 + (count % 8 > 0 ? 1 : 0);
  }
}
