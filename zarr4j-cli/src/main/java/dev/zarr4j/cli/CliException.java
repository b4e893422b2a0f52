package dev.zarr4j.cli;

/**
 * A failure the user can fix (a missing file, an existing array, data a conversion cannot hold):
 * the command prints its message as one line and exits with status 1.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
