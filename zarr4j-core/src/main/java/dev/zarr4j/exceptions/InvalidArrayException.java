package dev.zarr4j.exceptions;

/**
 * Thrown when arguments describing an array are invalid: a negative or non-integral shape, chunks
 * that do not match the shape, an unknown data type, a fill value the data type cannot hold, or an
 * option combination that zarr does not allow.
 */
public class InvalidArrayException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the argument and the value at fault
   */
  public InvalidArrayException(String message) {
    super(message);
  }

  /**
   * @param message names the argument @param cause underlying error
   */
  public InvalidArrayException(String message, Throwable cause) {
    super(message, cause);
  }
}
