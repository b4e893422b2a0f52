package dev.zarr4j.store.s3;

import dev.zarr4j.store.remote.RemoteOptions;
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
    RemoteOptions remote) {

  /** S3's smallest part of a multipart upload but the last. */
  public static final long MIN_PART_SIZE = 5L << 20;

  /** Validates and normalises (the prefix loses leading and trailing slashes). */
  public S3StoreOptions {
    if (bucket == null || bucket.isEmpty() || bucket.contains("/")) {
      throw new IllegalArgumentException("an S3 bucket name is required, got '" + bucket + "'");
    }
    prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
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
    if (remote == null) {
      throw new IllegalArgumentException("remote options must not be null");
    }
  }

  /** A builder for the store in {@code bucket}, with the defaults. */
  public static Builder builder(String bucket) {
    return new Builder(bucket);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder(bucket);
    b.prefix = prefix;
    b.endpoint = endpoint;
    b.region = region;
    b.accessKeyId = accessKeyId;
    b.secretAccessKey = secretAccessKey;
    b.sessionToken = sessionToken;
    b.anonymous = anonymous;
    b.pathStyle = pathStyle;
    b.multipartThreshold = multipartThreshold;
    b.partSize = partSize;
    b.remote = remote;
    return b;
  }

  /** The store's location, {@code s3://bucket/prefix}, for messages. */
  public String url() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
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
  public static final class Builder {
    private final String bucket;
    private String prefix = "";
    private URI endpoint;
    private String region;
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private boolean anonymous;
    private boolean pathStyle;
    private long multipartThreshold = 64L << 20;
    private long partSize = 16L << 20;
    private RemoteOptions remote = RemoteOptions.defaults();

    private Builder(String bucket) {
      this.bucket = bucket;
    }

    /** See {@link S3StoreOptions#prefix()}. */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** See {@link S3StoreOptions#endpoint()}. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
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

    /** See {@link S3StoreOptions#anonymous()}. */
    public Builder anonymous(boolean anonymous) {
      this.anonymous = anonymous;
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

    /** See {@link S3StoreOptions#remote()}. */
    public Builder remote(RemoteOptions remote) {
      this.remote = remote;
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
          prefix,
          endpoint,
          region,
          accessKeyId,
          secretAccessKey,
          sessionToken,
          anonymous,
          pathStyle,
          multipartThreshold,
          partSize,
          remote);
    }
  }
}
