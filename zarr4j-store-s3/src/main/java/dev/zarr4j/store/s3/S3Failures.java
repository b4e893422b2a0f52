package dev.zarr4j.store.s3;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.remote.TransientRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Sorts the SDK's failures into those worth retrying ({@link TransientRequestException}: server
 * errors, throttling, timeouts, broken connections) and the others ({@link StoreException} naming
 * the URL and what S3 said: no such bucket, access denied, bad credentials).
 */
final class S3Failures {
  private S3Failures() {}

  /** The error code S3 gave, or "" (HEAD answers carry no body, so no code). */
  static String code(S3Exception e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? ""
        : e.awsErrorDetails().errorCode();
  }

  /** Whether the failure is an HTTP status of S3. */
  static boolean status(RuntimeException e, int status) {
    return e instanceof S3Exception s && s.statusCode() == status;
  }

  /**
   * The exception to throw for {@code e}, met doing {@code operation} on {@code url}.
   *
   * @param bucketHint how the store names its bucket and endpoint, for messages about them
   */
  static RuntimeException translate(
      RuntimeException e, String operation, String url, String bucketHint) {
    if (e instanceof UncheckedIOException) {
      // a connection closed under the client (a stale kept-alive one): worth another try
      return new TransientRequestException(String.valueOf(e.getMessage()), e);
    }
    if (e instanceof S3Exception s) {
      int status = s.statusCode();
      String code = code(s);
      String said = "HTTP " + status + (code.isEmpty() ? "" : " " + code);
      if (status >= 500 || status == 429 || status == 408 || "SlowDown".equals(code)) {
        return new TransientRequestException(said, e);
      }
      String why =
          switch (code) {
            case "NoSuchBucket" -> "no such bucket: " + bucketHint;
            case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                "the credentials were refused (" + code + ")";
            case "AccessDenied" -> "access denied";
            default -> status == 403 ? "access denied (check the credentials)" : said;
          };
      return new StoreException(operation + " at " + url + " failed: " + why, e);
    }
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return new TransientRequestException("timed out: " + e.getMessage(), e);
    }
    if (e instanceof SdkClientException && ioCause(e)) {
      return new TransientRequestException(String.valueOf(e.getMessage()), e);
    }
    return new StoreException(operation + " at " + url + " failed: " + e.getMessage(), e);
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
