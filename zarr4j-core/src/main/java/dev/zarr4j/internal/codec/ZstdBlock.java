package dev.zarr4j.internal.codec;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.zarr4j.compression.DecompressionException;
import dev.zarr4j.compression.zstd.ZstdDecoder;
import dev.zarr4j.compression.zstd.ZstdFastEncoder;
import dev.zarr4j.compression.zstd.ZstdFrames;
import dev.zarr4j.exceptions.CodecException;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Zstandard frames, on zstd-jni or pure Java depending on {@link NativeSupport#useNativeZstd()}.
 * Thread-safe.
 *
 * <p>On the pure-Java path, levels up to 2 (negative levels included, 0 excepted) are written by
 * {@link ZstdFastEncoder}, zstd's "fast" strategy, which honours the level and the checksum flag.
 * Level 0 (zstd's default, meaning 3) and levels from 3 up are written by aircompressor, which has
 * a single compression level (about zstd's 3) and always adds a checksum; it is dropped from the
 * frame unless asked for. All these frames decode everywhere. The pure-Java decoder is {@link
 * ZstdDecoder}. The pure-Java classes throw {@link DecompressionException} on bad input; it is
 * rethrown here as a {@link CodecException} with the same message.
 */
public final class ZstdBlock {
  /** zstd's lowest ("fastest") level. */
  public static final int MIN_LEVEL = -(1 << 17);

  /** zstd's highest level. */
  public static final int MAX_LEVEL = 22;

  /**
   * The highest level the pure-Java path writes with {@link ZstdFastEncoder}; higher levels (and 0,
   * zstd's "default", meaning 3) use aircompressor.
   */
  private static final int FAST_MAX_LEVEL = 2;

  private ZstdBlock() {}

  private static final class Native {
    /** One compression and one decompression context per thread, closed when the thread ends. */
    static final ThreadLocal<Contexts> CONTEXTS = ThreadLocal.withInitial(Contexts::create);
  }

  private static final class Contexts {
    final ZstdCompressCtx compress;
    final ZstdDecompressCtx decompress;

    /** Decodes prefixes ({@link #decompressPrefix}), as a stream; reset before each use. */
    final ZstdDecompressCtx prefix;

    private Contexts(
        ZstdCompressCtx compress, ZstdDecompressCtx decompress, ZstdDecompressCtx prefix) {
      this.compress = compress;
      this.decompress = decompress;
      this.prefix = prefix;
    }

    static Contexts create() {
      ZstdCompressCtx c = new ZstdCompressCtx();
      ZstdDecompressCtx d = new ZstdDecompressCtx();
      ZstdDecompressCtx p = new ZstdDecompressCtx();
      Contexts holder = new Contexts(c, d, p);
      NativeCleaner.register(
          holder,
          () -> {
            c.close();
            d.close();
            p.close();
          });
      return holder;
    }
  }

  private static final class Java {
    static final ZstdCompressor COMPRESSOR = new ZstdCompressor();
    static final ThreadLocal<ZstdDecoder> DECODER = ThreadLocal.withInitial(ZstdDecoder::new);
  }

  /** The largest compressed size of {@code n} input bytes (ZSTD_COMPRESSBOUND, plus slack). */
  public static int maxCompressedLength(int n) {
    long bound = (long) n + (n >>> 8) + (n < (128 << 10) ? ((128 << 10) - n) >>> 11 : 0);
    // aircompressor's bound is a little larger for tiny inputs; leave room for both.
    bound += 64;
    if (bound > Integer.MAX_VALUE - 16) {
      throw new CodecException("zstd: input of " + n + " bytes is too large to compress");
    }
    return (int) bound;
  }

  /**
   * Compresses into one frame with the content size recorded. {@code dst} must have {@link
   * #maxCompressedLength} bytes of room from {@code dOff}.
   *
   * @param pureJava use the pure-Java encoder even where zstd-jni loads
   * @return the compressed size
   */
  public static int compress(
      byte[] src,
      int sOff,
      int sLen,
      byte[] dst,
      int dOff,
      int level,
      boolean checksum,
      boolean pureJava) {
    int cap = maxCompressedLength(sLen);
    if (NativeSupport.useNativeZstd(pureJava)) {
      ZstdCompressCtx ctx = Native.CONTEXTS.get().compress;
      try {
        ctx.setLevel(level);
        ctx.setChecksum(checksum);
        ctx.setContentSize(true);
        return ctx.compressByteArray(dst, dOff, cap, src, sOff, sLen);
      } catch (ZstdException e) {
        throw new CodecException("zstd: compression of " + sLen + " bytes failed: " + e, e);
      }
    }
    try {
      if (level <= FAST_MAX_LEVEL && level != 0) {
        return ZstdFastEncoder.compress(src, sOff, sLen, dst, dOff, level, checksum);
      }
      int n = Java.COMPRESSOR.compress(src, sOff, sLen, dst, dOff, cap);
      return checksum ? n : withoutChecksum(dst, dOff, n);
    } catch (RuntimeException e) {
      throw new CodecException("zstd: compression of " + sLen + " bytes failed: " + e, e);
    }
  }

  /** Where a frame's header descriptor is: right after the 4-byte magic number. */
  private static final int DESCRIPTOR = 4;

  /** The descriptor's Content_Checksum_flag. */
  private static final int CHECKSUM_FLAG = 0x04;

  /**
   * Drops the content checksum aircompressor always appends to its one frame at {@code dst[off,
   * off+n)}, when the caller did not ask for one (as C zstd writes by default): clears the flag in
   * the frame header and the last four bytes. The frame is otherwise unchanged, and its decoder
   * skips the hash.
   *
   * @return the frame's new length
   */
  static int withoutChecksum(byte[] dst, int off, int n) {
    if (n >= DESCRIPTOR + 1 + 4 && (dst[off + DESCRIPTOR] & CHECKSUM_FLAG) != 0) {
      dst[off + DESCRIPTOR] &= (byte) ~CHECKSUM_FLAG;
      return n - 4;
    }
    return n;
  }

  /**
   * The total decoded size of the frames in {@code src[off, off+len)}, or -1 if a frame does not
   * record its size: {@link ZstdFrames#contentSize}, whatever the backend.
   *
   * @throws CodecException if the data is not a well-formed sequence of zstd frames
   */
  public static long contentSize(byte[] src, int off, int len, String what) {
    try {
      return ZstdFrames.contentSize(src, off, len, what);
    } catch (DecompressionException e) {
      throw new CodecException(e.getMessage(), e);
    }
  }

  /**
   * Decodes at least the first {@code want} bytes of the {@code dLen} bytes that one or more frames
   * expand to (their recorded content size), into {@code dst[dOff, dOff + dLen)}: zstd decodes a
   * frame block by block, so the blocks after the one holding byte {@code want - 1} are not
   * decoded. On zstd-jni a reused streaming context does this; on the pure-Java path the frames are
   * decoded whole. A frame's checksum, which covers all of it, is not verified when it is not
   * reached.
   *
   * @return how many bytes from {@code dOff} hold decoded data: at least {@code want}
   * @throws CodecException if the data is malformed or ends before {@code want} bytes
   */
  public static int decompressPrefix(
      byte[] src,
      int sOff,
      int sLen,
      byte[] dst,
      int dOff,
      int dLen,
      int want,
      String what,
      boolean pureJava) {
    Objects.checkFromIndexSize(dOff, dLen, dst.length);
    Objects.checkFromIndexSize(sOff, sLen, src.length);
    if (want < 0 || want > dLen) {
      throw new IllegalArgumentException("prefix of " + want + " bytes outside 0.." + dLen);
    }
    if (want == dLen || !NativeSupport.useNativeZstd(pureJava)) {
      decompressExact(src, sOff, sLen, dst, dOff, dLen, what, pureJava);
      return dLen;
    }
    ZstdDecompressCtx ctx = Native.CONTEXTS.get().prefix;
    ByteBuffer in = ByteBuffer.wrap(src, sOff, sLen);
    ByteBuffer out = ByteBuffer.wrap(dst, dOff, want);
    try {
      ctx.reset();
      while (out.hasRemaining()) {
        int inBefore = in.position();
        int outBefore = out.position();
        boolean frameEnded = ctx.decompressByteBufferStream(out, in);
        if (frameEnded && !in.hasRemaining()) {
          break;
        }
        if (in.position() == inBefore && out.position() == outBefore) {
          break; // no progress: the input is cut short
        }
      }
    } catch (RuntimeException e) {
      throw new CodecException(what + ": corrupt zstd data (" + sLen + " bytes): " + e, e);
    }
    int n = out.position() - dOff;
    if (n < want) {
      throw new CodecException(
          what + ": zstd data ends after " + n + " decoded bytes, " + dLen + " expected");
    }
    return n;
  }

  /**
   * Decompresses one or more frames that must expand to exactly {@code dLen} bytes.
   *
   * @param pureJava use the pure-Java decoder even where zstd-jni loads
   * @throws CodecException if the data is malformed or its size differs
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
    if (NativeSupport.useNativeZstd(pureJava)) {
      try {
        n = Native.CONTEXTS.get().decompress.decompressByteArray(dst, dOff, dLen, src, sOff, sLen);
      } catch (RuntimeException e) {
        throw new CodecException(what + ": corrupt zstd data (" + sLen + " bytes): " + e, e);
      }
    } else {
      try {
        n = Java.DECODER.get().decode(src, sOff, sLen, dst, dOff, dLen, what);
      } catch (DecompressionException e) {
        throw new CodecException(e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new CodecException(what + ": corrupt zstd data (" + sLen + " bytes): " + e, e);
      }
    }
    if (n != dLen) {
      throw new CodecException(what + ": zstd data decoded to " + n + " bytes, expected " + dLen);
    }
  }

  /**
   * Decompresses frames whose total size is not recorded, streaming into a buffer that grows up to
   * {@code maxDecodedSize} bytes.
   */
  public static byte[] decompressStreaming(
      byte[] src, int sOff, int sLen, int maxDecodedSize, String what, boolean pureJava) {
    if (!NativeSupport.useNativeZstd(pureJava)) {
      try {
        return Java.DECODER.get().decodeGrowing(src, sOff, sLen, maxDecodedSize, what);
      } catch (DecompressionException e) {
        throw new CodecException(e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new CodecException(what + ": corrupt zstd data (" + sLen + " bytes): " + e, e);
      }
    }
    InputStream in = new ByteArrayInputStream(src, sOff, sLen);
    try (InputStream z = new ZstdInputStreamNoFinalizer(in)) {
      byte[] out = new byte[(int) Math.min(maxDecodedSize, Math.max(1024, 4L * sLen))];
      int n = 0;
      while (true) {
        if (n == out.length) {
          if (n >= maxDecodedSize) {
            if (z.read() < 0) {
              break;
            }
            throw new CodecException(
                what
                    + ": zstd data decodes to more than the limit of "
                    + maxDecodedSize
                    + " bytes");
          }
          out = Arrays.copyOf(out, (int) Math.min(maxDecodedSize, 2L * out.length));
        }
        int r = z.read(out, n, out.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (IOException | UncheckedIOException e) {
      throw new CodecException(what + ": corrupt zstd data (" + sLen + " bytes): " + e, e);
    } catch (RuntimeException e) {
      if (e instanceof CodecException ce) {
        throw ce;
      }
      throw new CodecException(what + ": corrupt zstd data (" + sLen + " bytes): " + e, e);
    }
  }
}
