package dev.zarr4j.exceptions;

/**
 * Thrown when a caller's buffer cannot take or give a selection's values: a primitive array of
 * another type than the array's data type is held in, too few elements or bytes for the selection,
 * a read-only buffer to read into, or an object array, which has no flat representation. The
 * message names the array, the selection's shape and the sizes or types at fault; nothing has been
 * read or written when it is thrown.
 */
public class IncompatibleBufferException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the array, the selection's shape and the buffer's type or size at fault
   */
  public IncompatibleBufferException(String message) {
    super(message);
  }
}
