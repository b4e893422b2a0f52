package dev.zarr4j.exceptions;

/**
 * Thrown for a selection that cannot be applied to an array: too many indices, a zero or negative
 * step, an unparsable selection string, or a value whose shape does not broadcast to the selection.
 */
public class InvalidSelectionException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the selection element at fault
   */
  public InvalidSelectionException(String message) {
    super(message);
  }
}
