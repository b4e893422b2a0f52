package dev.zarr4j;

import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.internal.ChunkExecutor;

/**
 * How zarr4j runs: how many threads encode and decode chunks, and which implementations of the
 * compressors it uses; later caches and I/O concurrency. The process default ({@link
 * #processDefault()}) comes from system properties; an array takes another one from its options
 * ({@link ArrayOptions.Builder#config}) and a single call from {@link ZarrArray#withConfig}, so one
 * choice never changes another array's.
 *
 * @param parallelism the number of threads that encode and decode chunks (at least 1); arrays with
 *     the same number share one pool
 * @param codecOptions which implementations the codecs use
 */
public record ZarrConfig(int parallelism, CodecOptions codecOptions) {

  private static final class Default {
    static final ZarrConfig VALUE =
        new ZarrConfig(ChunkExecutor.defaultParallelism(), CodecOptions.processDefault());
  }

  /** Validates the fields. */
  public ZarrConfig {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    java.util.Objects.requireNonNull(codecOptions, "codecOptions");
  }

  /**
   * The process default: {@code -Dzarr4j.threads=N} threads (else one per available processor) and,
   * with {@code -Dzarr4j.codecs.pureJava=true}, pure-Java codecs (else native ones where they
   * load). Read once.
   */
  public static ZarrConfig processDefault() {
    return Default.VALUE;
  }

  /** {@code config}, or the process default when it is null. */
  static ZarrConfig orDefault(ZarrConfig config) {
    return config == null ? processDefault() : config;
  }

  /** This configuration with another number of chunk threads. */
  public ZarrConfig withParallelism(int threads) {
    return new ZarrConfig(threads, codecOptions);
  }

  /** This configuration with pure-Java codecs forced ({@code true}) or not. */
  public ZarrConfig withPureJava(boolean pureJava) {
    return new ZarrConfig(parallelism, pureJava ? CodecOptions.PURE_JAVA : CodecOptions.AUTO);
  }

  /** The chunk pool of this configuration's size. */
  ChunkExecutor executor() {
    return ChunkExecutor.shared(parallelism);
  }
}
