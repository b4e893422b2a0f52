package dev.zarr4j.exceptions;

/**
 * Thrown when one chunk shape is asked of an array whose chunks differ in shape (a rectilinear
 * chunk grid), as zarr-python 3 raises for {@code chunks} of such an array; the per-dimension chunk
 * lengths ({@code ZarrArray.chunkSizes()}) answer instead.
 */
public class IrregularChunksException extends ZarrException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the array and its grid
   */
  public IrregularChunksException(String message) {
    super(message);
  }
}
