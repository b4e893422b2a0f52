package dev.zarr4j.store.s3;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.remote.ObjectClient;
import dev.zarr4j.store.remote.ObjectInfo;
import dev.zarr4j.store.remote.ObjectSlice;
import dev.zarr4j.store.remote.TransientRequestException;
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
    return head(key, null);
  }

  /** A HEAD of {@code key}, with {@code If-Match} on {@code version} when it is not null. */
  private Optional<ObjectInfo> head(String key, String version) {
    try {
      HeadObjectResponse r =
          s3.headObject(
              b -> {
                b.bucket(options.bucket()).key(objectKey(key));
                if (version != null) {
                  b.ifMatch(version);
                }
              });
      return Optional.of(new ObjectInfo(r.contentLength(), r.eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException | java.io.UncheckedIOException e) {
      if (S3Failures.status(e, 404)) {
        return Optional.empty();
      }
      if (version != null && S3Failures.status(e, 412)) {
        throw changed(key, e);
      }
      throw S3Failures.translate(e, "HEAD of key '" + key + "'", url(key), bucketHint());
    }
  }

  private StoreException changed(String key, RuntimeException cause) {
    return new StoreException(
        "key '" + key + "' at " + url(key) + " changed while it was open for reading", cause);
  }

  /**
   * The answer to a GET that S3 refused with 416 (the range starts at or past the object's end): no
   * bytes, at the end of the object. The 416 carries no size, so a HEAD follows (with {@code
   * If-Match} when the read is pinned to {@code version}). Between the two requests the object may
   * have been replaced by a longer one, of which the range would ask for bytes; the HEAD's size
   * then does not describe the object that answered 416, and the attempt fails as transient, so
   * that the GET is sent again and answers from the new object (an empty answer labelled with the
   * new object's size would be short of the bytes the range asks for).
   */
  private Optional<ObjectSlice> pastTheEnd(String key, ByteRange range, String version) {
    Optional<ObjectInfo> now = head(key, version);
    if (now.isPresent() && range.end(now.get().size()) > range.start(now.get().size())) {
      throw new TransientRequestException(
          "key '"
              + key
              + "' was replaced between a GET refused as past its end (HTTP 416) and the HEAD"
              + " after it (now "
              + now.get().size()
              + " bytes)");
    }
    return now.map(i -> new ObjectSlice(ByteBuffer.allocate(0), i.size(), i.size(), i.version()));
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
        return pastTheEnd(key, range, version);
      }
      if (S3Failures.status(e, 412)) {
        throw changed(key, e);
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
