package dev.zarr4j.exceptions;

/**
 * Thrown when a codec cannot encode or decode: corrupt, truncated or hostile input, an unknown
 * codec id, or an invalid codec configuration.
 */
public class CodecException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the codec and, where known, the chunk key
   */
  public CodecException(String message) {
    super(message);
  }

  /**
   * @param message what failed @param cause the underlying library error
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
