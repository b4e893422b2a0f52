package dev.zarr4j.internal.codec;

import dev.zarr4j.exceptions.CodecException;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;

/** Raw Snappy blocks through aircompressor's pure-Java implementation (both paths). */
public final class SnappyBlock {
  private static final ThreadLocal<SnappyCompressor> COMPRESSOR =
      ThreadLocal.withInitial(SnappyCompressor::new);
  private static final SnappyDecompressor DECOMPRESSOR = new SnappyDecompressor();

  private SnappyBlock() {}

  /** The largest compressed size of {@code n} input bytes. */
  public static int maxCompressedLength(int n) {
    return 32 + n + n / 6;
  }

  /**
   * Compresses into {@code dst}, which must have {@link #maxCompressedLength} bytes of room.
   *
   * @return the compressed size
   */
  public static int compress(byte[] src, int sOff, int sLen, byte[] dst, int dOff) {
    try {
      return COMPRESSOR.get().compress(src, sOff, sLen, dst, dOff, maxCompressedLength(sLen));
    } catch (RuntimeException e) {
      throw new CodecException("snappy: compression of " + sLen + " bytes failed: " + e, e);
    }
  }

  /** Decompresses a raw Snappy block that must expand to exactly {@code dLen} bytes. */
  public static void decompressExact(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int dLen, String what) {
    int n;
    try {
      if (sLen <= 0) {
        throw new CodecException(what + ": empty snappy block");
      }
      int declared = readLength(src, sOff, sOff + sLen, what);
      if (declared != dLen) {
        throw new CodecException(
            what + ": snappy block declares " + declared + " bytes, expected " + dLen);
      }
      n = DECOMPRESSOR.decompress(src, sOff, sLen, dst, dOff, dLen);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException(what + ": corrupt snappy data (" + sLen + " bytes): " + e, e);
    }
    if (n != dLen) {
      throw new CodecException(what + ": snappy data decoded to " + n + " bytes, expected " + dLen);
    }
  }

  private static int readLength(byte[] src, int p, int end, String what) {
    long v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (p >= end) {
        throw new CodecException(what + ": truncated snappy length");
      }
      int b = src[p++] & 0xFF;
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v > Integer.MAX_VALUE) {
          break;
        }
        return (int) v;
      }
    }
    throw new CodecException(what + ": invalid snappy length");
  }
}
