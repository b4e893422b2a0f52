package dev.zarr4j.store.gcs;

import com.google.cloud.BaseServiceException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.remote.TransientRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Sorts the client library's failures into those worth retrying ({@link TransientRequestException}:
 * server errors, throttling, timeouts, broken connections) and the others ({@link StoreException}
 * naming the URL and what the service said: no such bucket, access denied, refused credentials).
 */
final class GcsFailures {
  private GcsFailures() {}

  /**
   * The service's exception behind {@code e} (the library wraps it in an {@link IOException} when a
   * channel fails), or null.
   */
  static BaseServiceException serviceFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BaseServiceException s) {
        return s;
      }
    }
    return null;
  }

  /** The HTTP status behind {@code e}, or 0 when there is none (a broken connection). */
  static int status(Throwable e) {
    BaseServiceException s = serviceFailure(e);
    return s == null ? 0 : s.getCode();
  }

  /**
   * The exception to throw for {@code e}, met doing {@code operation} on {@code url}.
   *
   * @param bucketHint how the store names its bucket and endpoint, for messages about them
   */
  static RuntimeException translate(Throwable e, String operation, String url, String bucketHint) {
    BaseServiceException s = serviceFailure(e);
    int status = s == null ? 0 : s.getCode();
    String said = s == null ? String.valueOf(e.getMessage()) : describe(s);
    if (status >= 500 || status == 429 || status == 408) {
      return new TransientRequestException(said, e);
    }
    if (status == 0 && (ioCause(e) || s != null && s.isRetryable())) {
      // a connection reset or refused, a read timed out: worth another try
      return new TransientRequestException(said, e);
    }
    String why =
        switch (status) {
          case 401 -> "the credentials were refused (" + said + ")";
          case 403 -> "access denied (" + said + ")";
          case 404 -> "not found: " + said + " (is " + bucketHint + " the right bucket?)";
          default -> said;
        };
    return new StoreException(operation + " at " + url + " failed: " + why, e);
  }

  private static String describe(BaseServiceException s) {
    String reason = s.getReason();
    return (s.getCode() == 0 ? "" : "HTTP " + s.getCode() + " ")
        + (reason == null ? "" : reason + ": ")
        + s.getMessage();
  }

  private static boolean ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }
}
