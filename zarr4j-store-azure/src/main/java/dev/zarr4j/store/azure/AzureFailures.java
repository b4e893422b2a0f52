package dev.zarr4j.store.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.remote.TransientRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts the SDK's failures into those worth retrying ({@link TransientRequestException}: server
 * errors, throttling, timeouts, broken connections) and the others ({@link StoreException} naming
 * the URL and what the service said: no such container, authentication failed, access denied).
 */
final class AzureFailures {
  private AzureFailures() {}

  /** Whether the failure is an HTTP status of the blob service. */
  static boolean status(RuntimeException e, int status) {
    return e instanceof BlobStorageException b && b.getStatusCode() == status;
  }

  /** Whether the failure is the service's error {@code code}. */
  static boolean code(RuntimeException e, BlobErrorCode code) {
    return e instanceof BlobStorageException b && code.equals(b.getErrorCode());
  }

  /**
   * The exception to throw for {@code e}, met doing {@code operation} on {@code url}.
   *
   * @param containerHint how the store names its container and endpoint, for messages about them
   */
  static RuntimeException translate(
      RuntimeException e, String operation, String url, String containerHint) {
    if (e instanceof BlobStorageException b) {
      int status = b.getStatusCode();
      BlobErrorCode code = b.getErrorCode();
      String said = "HTTP " + status + (code == null ? "" : " " + code);
      if (status >= 500 || status == 429 || status == 408) {
        return new TransientRequestException(said, e);
      }
      String why;
      if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
        why = "no such container: " + containerHint;
      } else if (BlobErrorCode.AUTHENTICATION_FAILED.equals(code)) {
        why = "the credentials were refused (" + code + ")";
      } else if (status == 403) {
        why = "access denied (" + (code == null ? "check the credentials" : code) + ")";
      } else {
        why = said;
      }
      return new StoreException(operation + " at " + url + " failed: " + why, e);
    }
    if (hasCause(e, IOException.class)
        || hasCause(e, UncheckedIOException.class)
        || hasCause(e, TimeoutException.class)) {
      // a reset or refused connection, a timeout: worth another try
      return new TransientRequestException(String.valueOf(e.getMessage()), e);
    }
    return new StoreException(operation + " at " + url + " failed: " + e.getMessage(), e);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
