package dev.zarr4j.codec;

import dev.zarr4j.internal.codec.NativeSupport;

/**
 * The native and pure-Java implementations of the compressors.
 *
 * <p>zarr4j's compressors (Blosc's inner codecs, Zstd, LZ4) run on native libraries (zstd-jni,
 * lz4-java's JNI build) when those load, and on pure-Java implementations otherwise (the {@code
 * zarr4j-compression} module's LZ4 and Zstandard, aircompressor for Snappy and Zstandard levels it
 * has no encoder for, lz4-java's Java build for LZ4HC). Both paths produce and accept the same
 * formats. A native library that fails to load (an {@link UnsatisfiedLinkError}, {@link
 * ExceptionInInitializerError} or {@link NoClassDefFoundError}, for example on a platform without a
 * bundled binary) is detected once, logged through SLF4J, and the pure-Java path is used from then
 * on.
 *
 * <p>Which path a call takes is chosen per call by {@link CodecOptions} (an array's {@code
 * ZarrConfig}); the process default is pure Java when the JVM starts with {@code
 * -Dzarr4j.codecs.pureJava=true}. Zlib and GZip always use {@code java.util.zip}.
 */
public final class CodecBackend {

  /** A native library a codec may use. */
  public enum Library {
    /** zstd-jni: Zstd, and Blosc with {@code cname='zstd'}. */
    ZSTD,
    /** lz4-java's JNI build: LZ4, and Blosc with {@code cname='lz4'} or {@code 'lz4hc'}. */
    LZ4
  }

  private CodecBackend() {}

  /**
   * Whether a native library loaded and passed a self-test (tried once, on first use, whatever the
   * options say).
   */
  public static boolean isNativeAvailable(Library library) {
    return switch (library) {
      case ZSTD -> NativeSupport.zstdLoaded();
      case LZ4 -> NativeSupport.lz4Loaded();
    };
  }

  /**
   * A one-line description of what calls with {@code options} use, e.g. {@code "zstd=native,
   * lz4=native"}.
   */
  public static String describe(CodecOptions options) {
    return "zstd="
        + (options.usesNative(Library.ZSTD) ? "native" : "pure-java")
        + ", lz4="
        + (options.usesNative(Library.LZ4) ? "native" : "pure-java")
        + (options.pureJava() ? " (pure Java asked for)" : "");
  }
}
