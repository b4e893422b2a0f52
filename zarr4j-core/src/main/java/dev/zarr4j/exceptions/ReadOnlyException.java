package dev.zarr4j.exceptions;

/**
 * Thrown on an attempt to modify an array, group, attributes or store that was opened read-only.
 */
public class ReadOnlyException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what modification was refused and on which node
   */
  public ReadOnlyException(String message) {
    super(message);
  }
}
