package dev.zarr4j.store.s3;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreKeys;
import dev.zarr4j.store.remote.RemoteReads;
import dev.zarr4j.store.remote.RemoteStore;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A store in an S3 bucket (AWS or any S3-compatible server), under a key prefix: zarr-python's
 * {@code FSStore("s3://bucket/path")} on s3fs. The value of key {@code a/b} is the object {@code
 * <prefix>/a/b}.
 *
 * <p><b>Reads</b> are GETs with {@code Range} headers (suffix ranges included) through the core's
 * network machinery ({@link RemoteReads}): batched reads keep up to {@code maxRequestsInFlight}
 * requests in flight on the store's I/O threads, neighbouring ranges of one object are coalesced,
 * and an opened value is read with {@code If-Match} on its ETag, so a replaced object fails rather
 * than mixes versions. <b>Writes</b> are single PUTs, or multipart uploads (parts sent together)
 * for values of at least {@link S3StoreOptions#multipartThreshold()} bytes; S3 makes either visible
 * only when whole, and a failed multipart upload is aborted. <b>Listing</b> uses ListObjectsV2 with
 * pagination, with the {@code /} delimiter for {@link #listDir}; {@link #deletePrefix} deletes with
 * DeleteObjects in batches of 1,000.
 *
 * <p>Every request has a timeout and transient failures (5xx, throttling, resets, timeouts) are
 * retried with backoff within a deadline ({@link dev.zarr4j.store.remote.RemoteOptions}); then, and
 * for failures that retrying cannot mend (no such bucket, access denied, bad credentials), a {@link
 * StoreException} names the {@code s3://} URL and key. The SDK's own retries are off. The store
 * checks its bucket when opened. Thread-safe; close it to release its connections and threads.
 */
public final class S3Store extends RemoteStore<S3StoreOptions> {
  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, true).withLatencyBound(true);
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final S3ObjectClient objects;

  private S3Store(S3StoreOptions options, S3Client s3) {
    this(options, s3, new S3ObjectClient(s3, options));
  }

  private S3Store(S3StoreOptions options, S3Client s3, S3ObjectClient objects) {
    super(options, objects, "s3-" + options.bucket());
    this.s3 = s3;
    this.objects = objects;
  }

  /**
   * Opens the store and checks that its bucket exists and can be reached.
   *
   * @throws StoreException naming the bucket when it does not exist, the credentials are refused,
   *     or the server cannot be reached within the retry deadline
   */
  public static S3Store open(S3StoreOptions options) {
    S3Store store = new S3Store(options, client(options));
    try {
      store.checkBucket();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static S3Client client(S3StoreOptions o) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(o.remote().connectTimeout())
                    .socketTimeout(o.remote().requestTimeout()))
            .region(Region.of(region(o)))
            .credentialsProvider(credentials(o))
            .forcePathStyle(o.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                c ->
                    c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(o.remote().requestTimeout()));
    if (o.endpoint() != null) {
      b.endpointOverride(o.endpoint());
    }
    return b.build();
  }

  private static String region(S3StoreOptions o) {
    if (o.region() != null) {
      return o.region();
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
    } catch (SdkException e) {
      return "us-east-1";
    }
  }

  private static AwsCredentialsProvider credentials(S3StoreOptions o) {
    if (o.anonymous()) {
      return AnonymousCredentialsProvider.create();
    }
    if (o.accessKeyId() != null) {
      return StaticCredentialsProvider.create(
          o.sessionToken() == null
              ? AwsBasicCredentials.create(o.accessKeyId(), o.secretAccessKey())
              : AwsSessionCredentials.create(
                  o.accessKeyId(), o.secretAccessKey(), o.sessionToken()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private void checkBucket() {
    String url = "s3://" + options().bucket();
    calls()
        .call(
            "HEAD of the bucket",
            url,
            "",
            () -> {
              try {
                s3.headBucket(b -> b.bucket(options().bucket()));
                return null;
              } catch (SdkException | UncheckedIOException e) {
                if (S3Failures.status(e, 404)) {
                  throw new StoreException("no such bucket: " + objects.bucketHint(), e);
                }
                if (S3Failures.status(e, 403) && options().anonymous()) {
                  return null; // a public bucket may refuse HEAD yet serve its objects
                }
                throw S3Failures.translate(e, "HEAD of the bucket", url, objects.bucketHint());
              }
            });
  }

  @Override
  public StoreCapabilities capabilities() {
    return CAPABILITIES;
  }

  // ------------------------------------------------------------------ reads

  // ------------------------------------------------------------------ writes

  /**
   * The SDK's failures sorted into transient ones and those naming the bucket ({@link S3Failures}).
   */
  @Override
  protected RuntimeException translate(RuntimeException failure, String what, String url) {
    return S3Failures.translate(failure, what, url, objects.bucketHint());
  }

  /** One PUT, or a multipart upload for values of at least the threshold. */
  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    ByteBuffer v = value.duplicate();
    if (v.remaining() >= options().multipartThreshold()) {
      uploadInParts(key, v);
      return;
    }
    String objectKey = objects.objectKey(key);
    call(
        "PUT",
        key,
        objects.url(key),
        () ->
            s3.putObject(
                b -> b.bucket(options().bucket()).key(objectKey),
                RequestBody.fromRemainingByteBuffer(v.duplicate())));
  }

  private void uploadInParts(String key, ByteBuffer v) {
    String objectKey = objects.objectKey(key);
    String url = objects.url(key);
    String uploadId =
        call(
            "CreateMultipartUpload",
            key,
            url,
            () ->
                s3.createMultipartUpload(b -> b.bucket(options().bucket()).key(objectKey))
                    .uploadId());
    try {
      long size = v.remaining();
      long partSize = options().partSize();
      int parts = (int) ((size + partSize - 1) / partSize);
      List<Callable<CompletedPart>> tasks = new ArrayList<>(parts);
      for (int i = 0; i < parts; i++) {
        int number = i + 1;
        int start = v.position() + (int) (i * partSize);
        int length = (int) Math.min(partSize, size - i * partSize);
        tasks.add(
            () -> {
              String etag =
                  call(
                      "UploadPart " + number,
                      key,
                      url,
                      () ->
                          s3.uploadPart(
                                  b ->
                                      b.bucket(options().bucket())
                                          .key(objectKey)
                                          .uploadId(uploadId)
                                          .partNumber(number),
                                  RequestBody.fromRemainingByteBuffer(v.slice(start, length)))
                              .eTag());
              return CompletedPart.builder().partNumber(number).eTag(etag).build();
            });
      }
      List<CompletedPart> done = calls().all(tasks);
      call(
          "CompleteMultipartUpload",
          key,
          url,
          () ->
              s3.completeMultipartUpload(
                  b ->
                      b.bucket(options().bucket())
                          .key(objectKey)
                          .uploadId(uploadId)
                          .multipartUpload(m -> m.parts(done))));
    } catch (RuntimeException e) {
      // nothing of the new value becomes visible; the parts are dropped
      try {
        s3.abortMultipartUpload(
            b -> b.bucket(options().bucket()).key(objectKey).uploadId(uploadId));
      } catch (SdkException | UncheckedIOException abortFailed) {
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  /** One DELETE (S3 deletes are idempotent). */
  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    call(
        "DELETE",
        key,
        objects.url(key),
        () -> s3.deleteObject(b -> b.bucket(options().bucket()).key(objects.objectKey(key))));
  }

  /** Lists the keys below the prefix, then deletes them with DeleteObjects, 1,000 at a time. */
  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    List<String> keys = new ArrayList<>(listPrefix(prefix));
    if (!prefix.isEmpty()) {
      keys.add(prefix);
    }
    String url = "s3://" + options().bucket() + "/" + listingPrefix(prefix);
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<ObjectIdentifier> batch = new ArrayList<>();
      for (String k : keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH))) {
        batch.add(ObjectIdentifier.builder().key(objects.objectKey(k)).build());
      }
      DeleteObjectsResponse r =
          call(
              "DeleteObjects below prefix",
              prefix,
              url,
              () ->
                  s3.deleteObjects(
                      b -> b.bucket(options().bucket()).delete(d -> d.objects(batch).quiet(true))));
      if (r.hasErrors() && !r.errors().isEmpty()) {
        throw new StoreException(
            "DeleteObjects below prefix '"
                + prefix
                + "' at "
                + url
                + " failed for "
                + r.errors().size()
                + " keys, first '"
                + r.errors().get(0).key()
                + "': "
                + r.errors().get(0).code()
                + " "
                + r.errors().get(0).message());
      }
    }
  }

  // ------------------------------------------------------------------ listing

  /** {@inheritDoc} Its key in the bucket. */
  @Override
  protected String objectName(String key) {
    return objects.objectKey(key);
  }

  /** {@inheritDoc} ListObjectsV2, page by page. */
  @Override
  protected void listObjects(
      String prefix, String objectPrefix, boolean oneLevel, Consumer<Listed> each) {
    String url = "s3://" + options().bucket() + "/" + objectPrefix;
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Request.Builder b =
          ListObjectsV2Request.builder().bucket(options().bucket()).prefix(objectPrefix);
      if (oneLevel) {
        b.delimiter("/");
      }
      if (continuation != null) {
        b.continuationToken(continuation);
      }
      ListObjectsV2Request request = b.build();
      ListObjectsV2Response r =
          call("ListObjectsV2 below prefix", prefix, url, () -> s3.listObjectsV2(request));
      for (S3Object o : r.contents()) {
        each.accept(new Listed(o.key(), o.size() == null ? 0 : o.size()));
      }
      for (CommonPrefix c : r.commonPrefixes()) {
        each.accept(new Listed(c.prefix(), 0));
      }
      token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
    } while (token != null);
  }

  /** Releases the client's connections and the I/O threads; later calls fail. Idempotent. */
  @Override
  public void close() {
    super.close();
    s3.close();
  }

  @Override
  public String toString() {
    return "S3Store(" + options() + ")";
  }
}
