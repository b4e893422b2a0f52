package dev.zarr4j.exceptions;

/**
 * Thrown when a copy cannot go ahead, most often because the destination already holds the object
 * or key and the copy was told to raise (zarr-python's {@code CopyError}). Nothing is copied after
 * the point of failure.
 */
public class CopyException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was in the way, naming it and the destination
   */
  public CopyException(String message) {
    super(message);
  }
}
