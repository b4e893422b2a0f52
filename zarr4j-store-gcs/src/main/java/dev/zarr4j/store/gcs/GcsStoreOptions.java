package dev.zarr4j.store.gcs;

import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteStoreOptions;
import dev.zarr4j.store.remote.RemoteStoreOptionsBuilder;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where a {@link GcsStore} lives and how it connects: gcsfs's {@code storage_options} as a Java
 * record.
 *
 * @param bucket the bucket
 * @param prefix the object name prefix under which the store's keys live ({@code ""} for the whole
 *     bucket; no leading or trailing {@code /})
 * @param project the Google Cloud project (billing for requester-pays buckets, quotas), or {@code
 *     null} for the client library's default
 * @param credentialsFile a JSON key file (a service account key, or authorized-user credentials),
 *     or {@code null} for the client library's Application Default Credentials
 * @param anonymous send unauthenticated requests (public buckets); excludes a credentials file
 * @param endpoint the service's URL for an emulator or a private endpoint ({@code
 *     http://127.0.0.1:4443}), or {@code null} for Google's
 * @param readOnly refuse every write with a {@link dev.zarr4j.exceptions.ReadOnlyException}
 * @param resumableThreshold values of at least this many bytes are written with a resumable upload
 *     (sent in chunks, committed when the last one arrives); smaller ones in one request (default
 *     16 MiB)
 * @param uploadChunkSize the size of each chunk of a resumable upload (a multiple of 256 KiB,
 *     default 16 MiB)
 * @param remote requests in flight, timeouts, retries and coalescing
 */
public record GcsStoreOptions(
    String bucket,
    String prefix,
    String project,
    Path credentialsFile,
    boolean anonymous,
    URI endpoint,
    boolean readOnly,
    long resumableThreshold,
    int uploadChunkSize,
    RemoteOptions remote)
    implements RemoteStoreOptions {

  /** The granularity of resumable upload chunks that the service requires. */
  public static final int CHUNK_GRANULARITY = 256 * 1024;

  /** Validates and normalises (the prefix loses leading and trailing slashes). */
  public GcsStoreOptions {
    if (bucket == null || bucket.isEmpty() || bucket.contains("/")) {
      throw new IllegalArgumentException("a GCS bucket name is required, got '" + bucket + "'");
    }
    prefix = RemoteStoreOptions.normalPrefix(prefix);
    if (anonymous && credentialsFile != null) {
      throw new IllegalArgumentException(
          "anonymous GCS access excludes a credentials file (" + credentialsFile + ")");
    }
    if (uploadChunkSize < CHUNK_GRANULARITY || uploadChunkSize % CHUNK_GRANULARITY != 0) {
      throw new IllegalArgumentException(
          "uploadChunkSize must be a positive multiple of "
              + CHUNK_GRANULARITY
              + " bytes, got "
              + uploadChunkSize);
    }
    if (resumableThreshold < 1) {
      throw new IllegalArgumentException(
          "resumableThreshold must be at least 1 byte, got " + resumableThreshold);
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
    b.project = project;
    b.credentialsFile = credentialsFile;
    b.readOnly = readOnly;
    b.resumableThreshold = resumableThreshold;
    b.uploadChunkSize = uploadChunkSize;
    return b;
  }

  /** The store's location, {@code gs://bucket/prefix}, for messages. */
  @Override
  public String url() {
    return RemoteStoreOptions.locationUrl("gs", bucket, prefix);
  }

  /** The store's location and how it connects (never a credential's content). */
  @Override
  public String toString() {
    return "GcsStoreOptions["
        + url()
        + (endpoint == null ? "" : " at " + endpoint)
        + (project == null ? "" : ", project " + project)
        + (anonymous ? ", anonymous" : credentialsFile != null ? ", key " + credentialsFile : "")
        + (readOnly ? ", read-only" : "")
        + "]";
  }

  /** Builds {@link GcsStoreOptions}; every setter returns the builder. */
  public static final class Builder extends RemoteStoreOptionsBuilder<Builder> {
    private final String bucket;
    private String project;
    private Path credentialsFile;
    private boolean readOnly;
    private long resumableThreshold = 16L << 20;
    private int uploadChunkSize = 16 << 20;

    private Builder(String bucket) {
      this.bucket = bucket;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** See {@link GcsStoreOptions#project()}. */
    public Builder project(String project) {
      this.project = project;
      return this;
    }

    /** See {@link GcsStoreOptions#credentialsFile()}. */
    public Builder credentialsFile(Path credentialsFile) {
      this.credentialsFile = credentialsFile;
      return this;
    }

    /** See {@link GcsStoreOptions#readOnly()}. */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** See {@link GcsStoreOptions#resumableThreshold()}. */
    public Builder resumableThreshold(long bytes) {
      this.resumableThreshold = bytes;
      return this;
    }

    /** See {@link GcsStoreOptions#uploadChunkSize()}. */
    public Builder uploadChunkSize(int bytes) {
      this.uploadChunkSize = bytes;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming what is not valid
     */
    public GcsStoreOptions build() {
      return new GcsStoreOptions(
          bucket,
          prefix(),
          project,
          credentialsFile,
          anonymous(),
          endpoint(),
          readOnly,
          resumableThreshold,
          uploadChunkSize,
          remote());
    }
  }
}
