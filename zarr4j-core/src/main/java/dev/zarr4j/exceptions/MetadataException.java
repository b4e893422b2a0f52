package dev.zarr4j.exceptions;

/**
 * Thrown when stored metadata ({@code .zarray}, {@code .zgroup}, {@code .zattrs}) is not valid
 * JSON, has missing, unknown or ill-typed keys, or describes an array that cannot exist.
 */
public class MetadataException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the document key and the field at fault
   */
  public MetadataException(String message) {
    super(message);
  }

  /**
   * @param message names the document and field @param cause the parser error
   */
  public MetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
