package dev.zarr4j.exceptions;

/** Thrown when a store cannot read, write, list or delete, usually wrapping an I/O error. */
public class StoreException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the key or location
   */
  public StoreException(String message) {
    super(message);
  }

  /**
   * @param message what failed @param cause the underlying I/O error
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
