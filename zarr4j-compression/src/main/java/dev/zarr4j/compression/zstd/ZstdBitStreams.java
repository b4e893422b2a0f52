package dev.zarr4j.compression.zstd;

/**
 * Helpers for Zstandard's backward bit streams (RFC 8878 section 4.1): the bits of a byte range
 * form one little-endian number that is read from its most significant end, starting just below the
 * highest set bit of the last byte (a marker bit that ends the padding).
 *
 * <p>A position in such a stream is the number of bits not yet read ({@code bitPos}); the bits
 * still to read are bits {@code [0, bitPos)} of the number, and a read of {@code n} bits takes bits
 * {@code [bitPos - n, bitPos)}. These are the careful, byte-at-a-time helpers for the ends of
 * streams and short tables; the hot loops keep their bits in a 64-bit register.
 */
final class ZstdBitStreams {
  private ZstdBitStreams() {}

  /**
   * The number of data bits in the stream {@code src[start, end)}.
   *
   * @throws dev.zarr4j.compression.DecompressionException if the stream is empty or its last byte
   *     has no marker bit
   */
  static int bitCount(byte[] src, int start, int end, String what, String name) {
    if (end <= start) {
      throw ZstdDecoder.corrupt(what, name + " is empty");
    }
    int last = src[end - 1] & 0xFF;
    if (last == 0) {
      throw ZstdDecoder.corrupt(what, name + " does not end with a marker bit");
    }
    return 8 * (end - start) - (Integer.numberOfLeadingZeros(last) - 23);
  }

  /**
   * Reads the {@code n <= 24} bits that end at {@code bitPos}; bits below the start of the stream
   * read as zeros.
   */
  static int bitsBelow(byte[] src, int start, int bitPos, int n) {
    if (n == 0 || bitPos <= 0) {
      return 0;
    }
    int lo = bitPos - n;
    if (lo >= 0) {
      return bits(src, start, lo, n);
    }
    return bits(src, start, 0, bitPos) << -lo;
  }

  /** Bits {@code [lo, lo + n)} of the stream at {@code start}, for {@code 0 < n <= 24}. */
  private static int bits(byte[] src, int start, int lo, int n) {
    int first = start + (lo >>> 3);
    int last = start + ((lo + n - 1) >>> 3);
    int v = 0;
    for (int q = last; q >= first; q--) {
      v = v << 8 | (src[q] & 0xFF);
    }
    return (v >>> (lo & 7)) & ((1 << n) - 1);
  }
}
