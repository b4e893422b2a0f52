package dev.zarr4j.store.s3;

import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteStoreOptions;
import dev.zarr4j.store.remote.RemoteStoreOptionsBuilder;
import java.net.URI;

/**
 * Where an {@link S3Store} lives and how it connects.
 *
 * @param bucket the bucket
 * @param prefix the key prefix inside the bucket under which the store's keys live ({@code ""} for
 *     the whole bucket; no leading or trailing {@code /})
 * @param endpoint the server's URL for an S3-compatible server or a private endpoint, or {@code
 *     null} for AWS's endpoint of the region
 * @param region the region, or {@code null} for the SDK's default region chain ({@code AWS_REGION},
 *     the profile), else {@code us-east-1}
 * @param accessKeyId an explicit access key, or {@code null} for the SDK's default credentials
 *     chain (environment, system properties, profile, container and instance roles)
 * @param secretAccessKey the explicit key's secret, with {@code accessKeyId}
 * @param sessionToken a session token for temporary explicit keys, or {@code null}
 * @param anonymous send unsigned requests (public buckets); excludes explicit keys
 * @param pathStyle address buckets in the path ({@code http://host/bucket/key}) rather than the
 *     host name, as most S3-compatible servers need
 * @param multipartThreshold values of at least this many bytes are uploaded in parts (default 64
 *     MiB)
 * @param partSize the size of each part but the last of a multipart upload (default 16 MiB; S3's
 *     minimum is 5 MiB)
 * @param remote requests in flight, timeouts, retries and coalescing
 */
public record S3StoreOptions(
    String bucket,
    String prefix,
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    boolean anonymous,
    boolean pathStyle,
    long multipartThreshold,
    long partSize,
    RemoteOptions remote)
    implements RemoteStoreOptions {

  /** S3's smallest part of a multipart upload but the last. */
  public static final long MIN_PART_SIZE = 5L << 20;

  /** Validates and normalises (the prefix loses leading and trailing slashes). */
  public S3StoreOptions {
    if (bucket == null || bucket.isEmpty() || bucket.contains("/")) {
      throw new IllegalArgumentException("an S3 bucket name is required, got '" + bucket + "'");
    }
    prefix = RemoteStoreOptions.normalPrefix(prefix);
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "an explicit S3 access key needs both the key id and the secret");
    }
    if (anonymous && accessKeyId != null) {
      throw new IllegalArgumentException("anonymous S3 access excludes explicit keys");
    }
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "partSize must be at least " + MIN_PART_SIZE + " bytes (S3's minimum), got " + partSize);
    }
    if (multipartThreshold < partSize) {
      throw new IllegalArgumentException(
          "multipartThreshold ("
              + multipartThreshold
              + ") must be at least partSize ("
              + partSize
              + ")");
    }
    RemoteStoreOptions.requireRemote(remote);
  }

  /** A builder for the store in {@code bucket}, with the defaults. */
  public static Builder builder(String bucket) {
    return new Builder(bucket);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder(bucket).copyShared(this);
    b.region = region;
    b.accessKeyId = accessKeyId;
    b.secretAccessKey = secretAccessKey;
    b.sessionToken = sessionToken;
    b.pathStyle = pathStyle;
    b.multipartThreshold = multipartThreshold;
    b.partSize = partSize;
    return b;
  }

  /** The store's location, {@code s3://bucket/prefix}, for messages. */
  @Override
  public String url() {
    return RemoteStoreOptions.locationUrl("s3", bucket, prefix);
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "S3StoreOptions["
        + url()
        + (endpoint == null ? "" : " at " + endpoint)
        + (region == null ? "" : ", region " + region)
        + (anonymous ? ", anonymous" : accessKeyId != null ? ", key " + accessKeyId : "")
        + (pathStyle ? ", path style" : "")
        + "]";
  }

  /** Builds {@link S3StoreOptions}; every setter returns the builder. */
  public static final class Builder extends RemoteStoreOptionsBuilder<Builder> {
    private final String bucket;
    private String region;
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private boolean pathStyle;
    private long multipartThreshold = 64L << 20;
    private long partSize = 16L << 20;

    private Builder(String bucket) {
      this.bucket = bucket;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** See {@link S3StoreOptions#region()}. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Explicit keys (see {@link S3StoreOptions#accessKeyId()}). */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      return this;
    }

    /** See {@link S3StoreOptions#sessionToken()}. */
    public Builder sessionToken(String sessionToken) {
      this.sessionToken = sessionToken;
      return this;
    }

    /** See {@link S3StoreOptions#pathStyle()}. */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /** See {@link S3StoreOptions#multipartThreshold()}. */
    public Builder multipartThreshold(long bytes) {
      this.multipartThreshold = bytes;
      return this;
    }

    /** See {@link S3StoreOptions#partSize()}. */
    public Builder partSize(long bytes) {
      this.partSize = bytes;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming what is not valid
     */
    public S3StoreOptions build() {
      return new S3StoreOptions(
          bucket,
          prefix(),
          endpoint(),
          region,
          accessKeyId,
          secretAccessKey,
          sessionToken,
          anonymous(),
          pathStyle,
          multipartThreshold,
          partSize,
          remote());
    }
  }
}
