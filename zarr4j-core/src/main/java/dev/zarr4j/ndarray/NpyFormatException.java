package dev.zarr4j.ndarray;

import dev.zarr4j.exceptions.ZarrException;

/**
 * Thrown when bytes that should be a NumPy {@code .npy} file are not one: wrong magic string, an
 * unsupported format version, a truncated or malformed header, a header dictionary with missing,
 * extra or ill-typed keys, or a shape NumPy could not hold (negative or too large dimensions).
 */
public class NpyFormatException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, quoting the offending header text where there is one
   */
  public NpyFormatException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong
   * @param cause the underlying error
   */
  public NpyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
