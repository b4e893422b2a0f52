package dev.zarr4j.store.s3;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.remote.ObjectClient;
import dev.zarr4j.store.remote.ObjectInfo;
import dev.zarr4j.store.remote.ObjectSlice;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** HEAD and ranged GET of the objects of one bucket and prefix, one attempt each. */
final class S3ObjectClient implements ObjectClient {
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);

  private final S3Client s3;
  private final S3StoreOptions options;

  S3ObjectClient(S3Client s3, S3StoreOptions options) {
    this.s3 = s3;
    this.options = options;
  }

  /** The object key of a store key. */
  String objectKey(String key) {
    return options.prefix().isEmpty() ? key : options.prefix() + "/" + key;
  }

  @Override
  public String url(String key) {
    return "s3://" + options.bucket() + "/" + objectKey(key);
  }

  String bucketHint() {
    return "'"
        + options.bucket()
        + "'"
        + (options.endpoint() == null ? "" : " at " + options.endpoint());
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    try {
      HeadObjectResponse r = s3.headObject(b -> b.bucket(options.bucket()).key(objectKey(key)));
      return Optional.of(new ObjectInfo(r.contentLength(), r.eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException | java.io.UncheckedIOException e) {
      if (S3Failures.status(e, 404)) {
        return Optional.empty();
      }
      throw S3Failures.translate(e, "HEAD of key '" + key + "'", url(key), bucketHint());
    }
  }

  @Override
  public Optional<ObjectSlice> get(String key, ByteRange range, String version) {
    GetObjectRequest.Builder b =
        GetObjectRequest.builder().bucket(options.bucket()).key(objectKey(key));
    String header = rangeHeader(range);
    if (header != null) {
      b.range(header);
    }
    if (version != null) {
      b.ifMatch(version);
    }
    ResponseBytes<GetObjectResponse> r;
    try {
      r = s3.getObjectAsBytes(b.build());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException | java.io.UncheckedIOException e) {
      if (S3Failures.status(e, 404) && !"NoSuchBucket".equals(code(e))) {
        return Optional.empty();
      }
      if (S3Failures.status(e, 416)) {
        // the range starts at or past the end: no bytes, at the end of the value
        return head(key)
            .map(i -> new ObjectSlice(ByteBuffer.allocate(0), i.size(), i.size(), i.version()));
      }
      if (S3Failures.status(e, 412)) {
        throw new StoreException(
            "key '" + key + "' at " + url(key) + " changed while it was open for reading", e);
      }
      throw S3Failures.translate(e, "GET of key '" + key + "'", url(key), bucketHint());
    }
    GetObjectResponse response = r.response();
    ByteBuffer bytes = ByteBuffer.wrap(r.asByteArrayUnsafe());
    String contentRange = response.contentRange();
    if (contentRange != null) {
      Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
      if (m.matches()) {
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        return Optional.of(
            new ObjectSlice(bytes, Long.parseLong(m.group(1)), total, response.eTag()));
      }
    }
    // no Content-Range: the whole object
    return Optional.of(new ObjectSlice(bytes, 0, bytes.remaining(), response.eTag()));
  }

  private static String code(RuntimeException e) {
    return e instanceof software.amazon.awssdk.services.s3.model.S3Exception s
        ? S3Failures.code(s)
        : "";
  }

  /** The Range header of a range, or null for the whole value. */
  static String rangeHeader(ByteRange range) {
    if (range instanceof ByteRange.Bounded bounded) {
      long last = bounded.offset() + bounded.length() - 1;
      return last < bounded.offset()
          ? "bytes=" + bounded.offset() + "-"
          : "bytes=" + bounded.offset() + "-" + last;
    } else if (range instanceof ByteRange.FromOffset from) {
      return from.offset() == 0 ? null : "bytes=" + from.offset() + "-";
    } else if (range instanceof ByteRange.Suffix suffix) {
      return "bytes=-" + suffix.length();
    }
    return null;
  }
}
