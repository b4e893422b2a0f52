package dev.zarr4j.store.remote;

/**
 * Thrown by one attempt of a network call when trying again may succeed: a server error (HTTP 5xx),
 * throttling (429, 503), a reset or refused connection, a timeout. {@link RemoteCalls} retries such
 * attempts within its deadline; any other exception ends the call at once. Never reaches users:
 * when the retries run out it becomes the cause of a {@link dev.zarr4j.exceptions.StoreException}.
 */
public class TransientRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed (a status, an error), without the URL, which the caller adds
   */
  public TransientRequestException(String message) {
    super(message);
  }

  /**
   * @param message what failed, without the URL
   * @param cause the underlying error
   */
  public TransientRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
