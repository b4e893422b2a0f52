package dev.zarr4j.internal.codec;

import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.lz4.Lz4BlockDecoder;
import dev.zarr4j.compression.lz4.Lz4BlockEncoder;
import dev.zarr4j.exceptions.CodecException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4JNIFastResetCompressor;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Raw LZ4 blocks (no length prefix), on lz4-java's JNI build when {@link
 * NativeSupport#useNativeLz4()}, otherwise in pure Java: {@link Lz4BlockEncoder} for the fast mode,
 * lz4-java's Java build for LZ4HC, and {@link Lz4BlockDecoder} for decompression. Thread-safe.
 */
public final class Lz4Block {
  /** lz4 clamps acceleration to this range. */
  private static final int MAX_ACCELERATION = 65537;

  private Lz4Block() {}

  /** Pure-Java instances; the "safe" decompressor never reads or writes out of bounds. */
  private static final class Java {
    static final LZ4Factory FACTORY = LZ4Factory.fastestJavaInstance();
    static final LZ4Compressor[] HIGH = new LZ4Compressor[18];

    static synchronized LZ4Compressor high(int level) {
      LZ4Compressor c = HIGH[level];
      if (c == null) {
        c = FACTORY.highCompressor(level);
        HIGH[level] = c;
      }
      return c;
    }
  }

  /** A thread's fast-reset compressors, indexed by acceleration (1..16). */
  private static final class FastCompressors {
    final LZ4JNIFastResetCompressor[] byAcceleration;

    private FastCompressors(LZ4JNIFastResetCompressor[] byAcceleration) {
      this.byAcceleration = byAcceleration;
    }

    static FastCompressors create() {
      LZ4JNIFastResetCompressor[] array = new LZ4JNIFastResetCompressor[17];
      FastCompressors holder = new FastCompressors(array);
      NativeCleaner.register(
          holder,
          () -> {
            for (LZ4JNIFastResetCompressor c : array) {
              if (c != null) {
                c.close();
              }
            }
          });
      return holder;
    }
  }

  /** JNI instances, loaded only after {@link NativeSupport} found the library usable. */
  private static final class Native {
    static final LZ4Factory FACTORY = LZ4Factory.nativeInstance();
    static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
    static final LZ4Compressor[] HIGH = new LZ4Compressor[18];

    /**
     * Fast-reset compressors keep their hash table between calls; one per thread and acceleration,
     * closed when the thread ends.
     */
    static final ThreadLocal<FastCompressors> FAST =
        ThreadLocal.withInitial(FastCompressors::create);

    static int compress(
        int acceleration, byte[] src, int sOff, int sLen, byte[] dst, int dOff, int max) {
      if (acceleration > 16) {
        try (LZ4JNIFastResetCompressor c = FACTORY.fastResetCompressor(acceleration)) {
          return c.compress(src, sOff, sLen, dst, dOff, max);
        }
      }
      return fast(acceleration).compress(src, sOff, sLen, dst, dOff, max);
    }

    private static LZ4Compressor fast(int acceleration) {
      LZ4JNIFastResetCompressor[] cache = FAST.get().byAcceleration;
      LZ4JNIFastResetCompressor c = cache[acceleration];
      if (c == null) {
        c = FACTORY.fastResetCompressor(acceleration);
        cache[acceleration] = c;
      }
      return c;
    }

    static synchronized LZ4Compressor high(int level) {
      LZ4Compressor c = HIGH[level];
      if (c == null) {
        c = FACTORY.highCompressor(level);
        HIGH[level] = c;
      }
      return c;
    }
  }

  /** The largest compressed size of {@code n} input bytes (LZ4_COMPRESSBOUND). */
  public static int maxCompressedLength(int n) {
    return Lz4BlockEncoder.maxCompressedLength(n);
  }

  /**
   * Compresses with LZ4's fast mode. {@code dst} must have {@link #maxCompressedLength} bytes of
   * room from {@code dOff}.
   *
   * @param acceleration LZ4's acceleration; values below 1 mean 1, above 65537 mean 65537
   * @return the compressed size
   */
  public static int compress(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int acceleration, boolean pureJava) {
    int accel = Math.max(1, Math.min(MAX_ACCELERATION, acceleration));
    int max = maxCompressedLength(sLen);
    try {
      if (NativeSupport.useNativeLz4(pureJava)) {
        return Native.compress(accel, src, sOff, sLen, dst, dOff, max);
      }
      return Lz4BlockEncoder.encode(src, sOff, sLen, dst, dOff, max, accel);
    } catch (RuntimeException e) {
      throw new CodecException("lz4: compression of " + sLen + " bytes failed: " + e, e);
    }
  }

  /**
   * Compresses with LZ4HC. {@code dst} must have {@link #maxCompressedLength} bytes of room.
   *
   * @param level the LZ4HC level, clamped to 1..17
   * @return the compressed size
   */
  public static int compressHc(
      byte[] src, int sOff, int sLen, byte[] dst, int dOff, int level, boolean pureJava) {
    int lvl = Math.max(1, Math.min(17, level));
    int max = maxCompressedLength(sLen);
    try {
      LZ4Compressor c = NativeSupport.useNativeLz4(pureJava) ? Native.high(lvl) : Java.high(lvl);
      return c.compress(src, sOff, sLen, dst, dOff, max);
    } catch (RuntimeException e) {
      throw new CodecException("lz4hc: compression of " + sLen + " bytes failed: " + e, e);
    }
  }

  /**
   * Decompresses a raw LZ4 block that must expand to exactly {@code dLen} bytes.
   *
   * @throws CodecException if the block is malformed or its size differs
   */
  public static void decompressExact(
      byte[] src,
      int sOff,
      int sLen,
      byte[] dst,
      int dOff,
      int dLen,
      String what,
      boolean pureJava) {
    int n;
    if (!NativeSupport.useNativeLz4(pureJava)) {
      try {
        n = Lz4BlockDecoder.decode(src, sOff, sLen, dst, dOff, dLen, what);
      } catch (DecompressionException e) {
        throw new CodecException(e.getMessage(), e);
      }
      if (n != dLen) {
        throw new CodecException(what + ": LZ4 data decoded to " + n + " bytes, expected " + dLen);
      }
      return;
    }
    try {
      n = Native.DECOMPRESSOR.decompress(src, sOff, sLen, dst, dOff, dLen);
    } catch (RuntimeException e) {
      throw new CodecException(what + ": corrupt LZ4 data (" + sLen + " bytes): " + e, e);
    }
    if (n != dLen) {
      throw new CodecException(what + ": LZ4 data decoded to " + n + " bytes, expected " + dLen);
    }
  }
}
