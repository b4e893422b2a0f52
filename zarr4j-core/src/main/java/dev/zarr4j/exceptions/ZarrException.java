package dev.zarr4j.exceptions;

/**
 * Root of every exception zarr4j throws. All are unchecked: a caller that wants to handle one kind
 * of failure catches its subtype, everyone else lets it propagate.
 */
public class ZarrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming what was wrong. */
  public ZarrException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public ZarrException(String message, Throwable cause) {
    super(message, cause);
  }
}
