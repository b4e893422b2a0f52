package dev.zarr4j.compression;

/**
 * Thrown when compressed input cannot be decoded as asked: it is corrupt, truncated or hostile, it
 * is not in the expected format, it needs a feature the decoder does not support (a Zstandard
 * dictionary), or it decodes to more bytes than the caller allowed.
 *
 * <p>The message names the data (the {@code what} argument of the decoding call) first, then the
 * problem, for example {@code "chunk 0.0: corrupt LZ4 data: match offset 5 points before the output
 * (at input byte 3)"}. Calls with out-of-range offsets or lengths are programming errors and throw
 * {@link IllegalArgumentException} instead.
 */
public class DecompressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message and no cause.
   *
   * @param message what failed, starting with the name of the data
   */
  public DecompressionException(String message) {
    super(message);
  }

  /**
   * An exception with a message and the error that revealed the problem.
   *
   * @param message what failed, starting with the name of the data
   * @param cause the error that revealed the problem
   */
  public DecompressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
