package dev.zarr4j.exceptions;

/**
 * Thrown when a metadata format has no way to do what was asked, for example consolidated metadata
 * in an N5 container. Nothing is written.
 */
public class UnsupportedByFormatException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the format, what it cannot do and what to do instead
   */
  public UnsupportedByFormatException(String message) {
    super(message);
  }
}
