package dev.zarr4j.codec;

import dev.zarr4j.internal.codec.NativeSupport;

/**
 * Chooses between the native-backed and the pure-Java implementations of the compressors.
 *
 * <p>zarr4j's compressors (Blosc's inner codecs, Zstd, LZ4) run on native libraries (zstd-jni,
 * lz4-java's JNI build) when those load, and on pure-Java implementations otherwise: aircompressor
 * for Zstandard and LZ4 (lz4-java's Java build for LZ4HC, and for LZ4 where aircompressor cannot
 * run). Both paths produce and accept the same formats; speed differs, and the pure-Java Zstandard
 * encoder has a single compression level. A native library that fails to load (an {@link
 * UnsatisfiedLinkError}, {@link ExceptionInInitializerError} or {@link NoClassDefFoundError}, for
 * example on a platform without a bundled binary) is detected once, logged through SLF4J, and the
 * pure-Java path is used from then on.
 *
 * <p>The pure-Java path can also be forced: start the JVM with {@code
 * -Dzarr4j.codecs.pureJava=true}, or call {@link #setPureJavaForced(boolean)}. The switch is read
 * on every encode and decode call, so it takes effect immediately for all codecs. Zlib and GZip
 * always use {@code java.util.zip}, and Snappy always uses aircompressor, on either path.
 */
public final class CodecBackend {

  /** The system property that, when {@code "true"}, forces the pure-Java path at start-up. */
  public static final String PURE_JAVA_PROPERTY = "zarr4j.codecs.pureJava";

  /** A native library a codec may use. */
  public enum Library {
    /** zstd-jni: Zstd, and Blosc with {@code cname='zstd'}. */
    ZSTD,
    /** lz4-java's JNI build: LZ4, and Blosc with {@code cname='lz4'} or {@code 'lz4hc'}. */
    LZ4
  }

  private static volatile boolean pureJavaForced =
      Boolean.parseBoolean(System.getProperty(PURE_JAVA_PROPERTY, "false").trim());

  private CodecBackend() {}

  /**
   * Whether the pure-Java path is forced (by the system property or {@link #setPureJavaForced}).
   */
  public static boolean isPureJavaForced() {
    return pureJavaForced;
  }

  /**
   * Forces (or stops forcing) the pure-Java path for every codec, overriding the system property.
   * Unforcing does not make a native library that failed to load available.
   */
  public static void setPureJavaForced(boolean forced) {
    pureJavaForced = forced;
  }

  /**
   * Whether a native library loaded and passed a self-test (tried once, on first use, whatever the
   * switch says).
   */
  public static boolean isNativeAvailable(Library library) {
    return switch (library) {
      case ZSTD -> NativeSupport.zstdLoaded();
      case LZ4 -> NativeSupport.lz4Loaded();
    };
  }

  /** Whether codecs currently use this native library: it loaded and pure Java is not forced. */
  public static boolean usesNative(Library library) {
    return !pureJavaForced && isNativeAvailable(library);
  }

  /** A one-line description of the current choice, e.g. {@code "zstd=native, lz4=pure-java"}. */
  public static String describe() {
    return "zstd="
        + (usesNative(Library.ZSTD) ? "native" : "pure-java")
        + ", lz4="
        + (usesNative(Library.LZ4) ? "native" : "pure-java")
        + (pureJavaForced ? " (pure Java forced)" : "");
  }
}
