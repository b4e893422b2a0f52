package dev.zarr4j.exceptions;

/**
 * Thrown for a store key or node path that is not allowed: empty segments, {@code .} or {@code ..}
 * segments that would escape the store, a backslash, or a leading slash where a key is required.
 */
public class InvalidKeyException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the key and what is wrong with it
   */
  public InvalidKeyException(String message) {
    super(message);
  }
}
