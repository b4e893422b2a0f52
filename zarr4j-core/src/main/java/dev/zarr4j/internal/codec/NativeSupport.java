package dev.zarr4j.internal.codec;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the native compression libraries once, checks them with a tiny round trip, and remembers
 * the outcome. Internal: use {@link dev.zarr4j.codec.CodecBackend}.
 */
public final class NativeSupport {
  private static final Logger LOG = LoggerFactory.getLogger(NativeSupport.class);

  private NativeSupport() {}

  private static final class ZstdProbe {
    static final boolean LOADED = probe("zstd-jni", NativeSupport::zstdSelfTest);
  }

  private static final class Lz4Probe {
    static final boolean LOADED = probe("lz4-java JNI", NativeSupport::lz4SelfTest);
  }

  /** Whether zstd-jni loaded and round-trips. */
  public static boolean zstdLoaded() {
    return ZstdProbe.LOADED;
  }

  /** Whether lz4-java's JNI build loaded and round-trips. */
  public static boolean lz4Loaded() {
    return Lz4Probe.LOADED;
  }

  /** Whether a codec call may use zstd-jni: it loaded and pure Java was not asked for. */
  public static boolean useNativeZstd(boolean pureJava) {
    return !pureJava && ZstdProbe.LOADED;
  }

  /**
   * Whether a codec call may use lz4-java's JNI build: it loaded and pure Java was not asked for.
   */
  public static boolean useNativeLz4(boolean pureJava) {
    return !pureJava && Lz4Probe.LOADED;
  }

  /**
   * Runs a loader that may fail because a native library is missing or broken; logs and returns
   * false on {@link LinkageError} (which covers {@link UnsatisfiedLinkError}, {@link
   * ExceptionInInitializerError} and {@link NoClassDefFoundError}) or a runtime exception.
   */
  public static boolean probe(String name, BooleanSupplier loaderAndSelfTest) {
    return probe(name, "the pure-Java implementation", loaderAndSelfTest);
  }

  /**
   * Like {@link #probe(String, BooleanSupplier)}, naming the fallback in the log message.
   *
   * @param name what is being loaded, e.g. {@code "zstd-jni"}
   * @param fallback what is used instead when it fails
   */
  public static boolean probe(String name, String fallback, BooleanSupplier loaderAndSelfTest) {
    try {
      if (loaderAndSelfTest.getAsBoolean()) {
        LOG.debug("{} loaded", name);
        return true;
      }
      LOG.warn("{} failed its self-test; using {}", name, fallback);
      return false;
    } catch (LinkageError | RuntimeException e) {
      LOG.warn("{} could not be loaded ({}); using {}", name, e.toString(), fallback);
      return false;
    }
  }

  private static byte[] sample() {
    byte[] in = new byte[4096];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) ((i * 31) % 97);
    }
    return in;
  }

  private static boolean zstdSelfTest() {
    byte[] in = sample();
    byte[] comp = com.github.luben.zstd.Zstd.compress(in, 3);
    byte[] back = com.github.luben.zstd.Zstd.decompress(comp, in.length);
    return Arrays.equals(in, back);
  }

  private static boolean lz4SelfTest() {
    net.jpountz.lz4.LZ4Factory f = net.jpountz.lz4.LZ4Factory.nativeInstance();
    byte[] in = sample();
    byte[] comp = f.fastCompressor().compress(in);
    byte[] back = new byte[in.length];
    int n = f.safeDecompressor().decompress(comp, 0, comp.length, back, 0);
    return n == in.length && Arrays.equals(in, back);
  }
}
