package dev.zarr4j.exceptions;

/**
 * Thrown when a path holds no array or group where one was required (zarr-python's {@code
 * ArrayNotFoundError}, {@code GroupNotFoundError}, {@code PathNotFoundError}).
 */
public class NodeNotFoundException extends ZarrException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param path the normalised storage path that was looked up ({@code ""} is the root)
   * @param message what was expected there
   */
  public NodeNotFoundException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The storage path that was looked up. */
  public String path() {
    return path;
  }
}
