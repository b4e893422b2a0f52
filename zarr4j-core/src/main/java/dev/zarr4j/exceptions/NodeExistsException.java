package dev.zarr4j.exceptions;

/**
 * Thrown when an array or group already exists where a new node was to be created without overwrite
 * (zarr-python's {@code ContainsArrayError} and {@code ContainsGroupError}).
 */
public class NodeExistsException extends ZarrException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * @param path the normalised storage path of the existing node
   * @param message what exists there
   */
  public NodeExistsException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The storage path of the existing node. */
  public String path() {
    return path;
  }
}
