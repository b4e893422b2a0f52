package dev.zarr4j.codec;

/**
 * How codecs run for one call: passed to every encode and decode of a {@link CodecChain}, so a
 * choice made for one array or one call does not leak into others.
 *
 * @param pureJava whether compressors must use their pure-Java implementations even where native
 *     libraries load
 */
public record CodecOptions(boolean pureJava) {

  /** The system property that, when {@code "true"}, makes {@link #processDefault()} pure Java. */
  public static final String PURE_JAVA_PROPERTY = "zarr4j.codecs.pureJava";

  /** Native libraries where they load, pure Java elsewhere. */
  public static final CodecOptions AUTO = new CodecOptions(false);

  /** Pure Java only, even where native libraries load. */
  public static final CodecOptions PURE_JAVA = new CodecOptions(true);

  private static final CodecOptions PROCESS_DEFAULT =
      Boolean.parseBoolean(System.getProperty(PURE_JAVA_PROPERTY, "false").trim())
          ? PURE_JAVA
          : AUTO;

  /**
   * The options used when a caller gives none: {@link #PURE_JAVA} when the JVM was started with
   * {@code -Dzarr4j.codecs.pureJava=true}, else {@link #AUTO}.
   */
  public static CodecOptions processDefault() {
    return PROCESS_DEFAULT;
  }

  /** Whether a codec may use this native library now: it loaded and pure Java is not asked for. */
  public boolean usesNative(CodecBackend.Library library) {
    return !pureJava && CodecBackend.isNativeAvailable(library);
  }
}
