package dev.zarr4j.codec.checksum;

import dev.zarr4j.internal.codec.ConfigReader;
import java.util.List;
import java.util.Map;

/**
 * The Fletcher-32 checksum (numcodecs id {@code "fletcher32"}), as HDF5 computes it: over the data
 * read as big-endian 16-bit words (an odd last byte counting as a word's high byte), with both sums
 * folded modulo 65535 every 360 words; the result, {@code sum2 << 16 | sum1}, follows the data as
 * four little-endian bytes (the layout of HDF5's fletcher32 filter).
 *
 * <p>numcodecs 0.11 has no Fletcher32: this is the layout of numcodecs 0.12, the release that
 * introduced it. No configuration besides {@code id}; {@code toString()} is {@code Fletcher32()}.
 */
public final class Fletcher32 extends Checksum32 {
  /** The numcodecs codec id. */
  public static final String ID = "fletcher32";

  /** The one instance: the codec has no parameters. */
  public static final Fletcher32 INSTANCE = new Fletcher32();

  private Fletcher32() {}

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws dev.zarr4j.exceptions.CodecException if the configuration has a key besides {@code id}
   */
  public static Fletcher32 fromConfig(Map<String, Object> config) {
    ConfigReader.of(ID, config, List.of());
    return INSTANCE;
  }

  @Override
  public String id() {
    return ID;
  }

  /** The Fletcher-32 checksum of {@code len} bytes at {@code off}. */
  static int fletcher32(byte[] a, int off, int len) {
    long sum1 = 0;
    long sum2 = 0;
    int words = len / 2;
    int p = off;
    while (words > 0) {
      int block = Math.min(words, 360);
      words -= block;
      for (int k = 0; k < block; k++) {
        // uint32 sums that wrap, as in the C original
        sum1 = (sum1 + (((a[p] & 0xFF) << 8) | (a[p + 1] & 0xFF))) & 0xFFFF_FFFFL;
        sum2 = (sum2 + sum1) & 0xFFFF_FFFFL;
        p += 2;
      }
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    if ((len & 1) != 0) {
      sum1 = (sum1 + ((a[p] & 0xFF) << 8)) & 0xFFFF_FFFFL;
      sum2 = (sum2 + sum1) & 0xFFFF_FFFFL;
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
    sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    return (int) ((sum2 << 16) | sum1);
  }

  @Override
  int checksum(byte[] a, int off, int len) {
    return fletcher32(a, off, len);
  }

  @Override
  boolean atEnd() {
    return true;
  }

  @Override
  String reprName() {
    return "Fletcher32";
  }
}
