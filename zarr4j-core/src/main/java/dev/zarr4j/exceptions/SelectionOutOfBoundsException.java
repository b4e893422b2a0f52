package dev.zarr4j.exceptions;

/**
 * Thrown when an index lies outside an array dimension; the message names the dimension and bound.
 */
public class SelectionOutOfBoundsException extends InvalidSelectionException {
  private static final long serialVersionUID = 1L;

  private final int dimension;

  /**
   * @param dimension the zero-based dimension whose bound was exceeded
   * @param message names the index, the dimension and its length
   */
  public SelectionOutOfBoundsException(int dimension, String message) {
    super(message);
    this.dimension = dimension;
  }

  /** The zero-based dimension whose bound was exceeded. */
  public int dimension() {
    return dimension;
  }
}
