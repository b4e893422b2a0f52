package dev.zarr4j.codec;

/**
 * The worst case a compressor's output can reach, for {@link
 * BytesToBytesCodec#maxEncodedSize(BytesSpec)}: every compressor zarr4j knows (Blosc, Zstandard,
 * LZ4, zlib, gzip, bzip2, LZMA/xz, N5's LZ4 block stream) stores incompressible input with a small
 * overhead (a header, a few bytes per block: at most about 6% for Blosc's smallest blocks, 1% for
 * bzip2, far less for the others). The bound here is generous, {@code n + n/8 + 64 KiB}, so that a
 * chunk another implementation wrote with other settings (another block size, a gzip header with a
 * file name) is never refused, while a stored value orders of magnitude larger than any encoding of
 * one chunk (a file padded by mistake or malice) is, before it is read.
 */
public final class CompressedSize {
  private CompressedSize() {}

  /** Bytes a compressed value may have beyond its input, whatever its size. */
  public static final long HEADROOM = 64 << 10;

  /**
   * The most bytes a compressor's output can have for {@code decodedSize} input bytes, or {@link
   * BytesSpec#UNBOUNDED} when the input has no bound ({@code decodedSize} negative).
   */
  public static long worstCase(long decodedSize) {
    if (decodedSize < 0) {
      return BytesSpec.UNBOUNDED;
    }
    long bound = decodedSize + decodedSize / 8 + HEADROOM;
    return bound < 0 ? Long.MAX_VALUE : bound;
  }

  /** {@link #worstCase(long)} of a spec's bound ({@link BytesSpec#UNBOUNDED} when it has none). */
  public static long worstCase(BytesSpec decoded) {
    return decoded.isBounded() ? worstCase(decoded.maxSize()) : BytesSpec.UNBOUNDED;
  }
}
