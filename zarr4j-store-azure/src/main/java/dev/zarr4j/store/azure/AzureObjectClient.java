package dev.zarr4j.store.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DownloadRetryOptions;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.remote.ObjectClient;
import dev.zarr4j.store.remote.ObjectInfo;
import dev.zarr4j.store.remote.ObjectSlice;
import dev.zarr4j.store.remote.TransientRequestException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Get Blob Properties (a HEAD) and ranged Get Blob of the blobs of one container and prefix, one
 * attempt each. Azure serves no suffix ranges ({@code bytes=-n}), so a suffix is read as a HEAD for
 * the size and version, then a GET of the tail with {@code If-Match} on that version.
 */
final class AzureObjectClient implements ObjectClient {
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);

  /** The SDK resumes broken downloads by itself unless told not to: the core retries instead. */
  private static final DownloadRetryOptions NO_RESUME =
      new DownloadRetryOptions().setMaxRetryRequests(0);

  private final BlobContainerClient container;
  private final AzureBlobStoreOptions options;
  private final String endpoint;
  private final Duration timeout;

  AzureObjectClient(BlobContainerClient container, AzureBlobStoreOptions options) {
    this.container = container;
    this.options = options;
    this.endpoint = container.getBlobContainerUrl();
    this.timeout = options.remote().requestTimeout();
  }

  /** The blob name of a store key. */
  String blobName(String key) {
    return options.prefix().isEmpty() ? key : options.prefix() + "/" + key;
  }

  @Override
  public String url(String key) {
    return "az://" + options.container() + "/" + blobName(key);
  }

  /** How messages name the container: its name and the service's URL. */
  String containerHint() {
    return "'" + options.container() + "' at " + endpoint;
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    try {
      BlobProperties p =
          container
              .getBlobClient(blobName(key))
              .getPropertiesWithResponse(null, timeout, Context.NONE)
              .getValue();
      return Optional.of(new ObjectInfo(p.getBlobSize(), p.getETag()));
    } catch (RuntimeException e) {
      if (AzureFailures.status(e, 404)
          && !AzureFailures.code(e, BlobErrorCode.CONTAINER_NOT_FOUND)) {
        return Optional.empty();
      }
      throw AzureFailures.translate(e, "HEAD of key '" + key + "'", url(key), containerHint());
    }
  }

  @Override
  public Optional<ObjectSlice> get(String key, ByteRange range, String version) {
    if (range instanceof ByteRange.Suffix suffix) {
      return getSuffix(key, suffix.length(), version);
    }
    return download(key, blobRange(range), version);
  }

  /** A HEAD for the size, then the tail of that version. */
  private Optional<ObjectSlice> getSuffix(String key, long length, String version) {
    Optional<ObjectInfo> info = head(key);
    if (info.isEmpty()) {
      return Optional.empty();
    }
    long size = info.get().size();
    String seen = info.get().version();
    if (version != null && seen != null && !version.equals(seen)) {
      throw changed(key, null);
    }
    if (length == 0 || size == 0) {
      return Optional.of(new ObjectSlice(ByteBuffer.allocate(0), size, size, seen));
    }
    long start = Math.max(0, size - length);
    try {
      return download(key, new BlobRange(start), seen);
    } catch (StoreException e) {
      if (version == null && e.getCause() instanceof RuntimeException r && isConditionFailed(r)) {
        // replaced between the HEAD and the GET: a new attempt reads the new value whole
        throw new TransientRequestException(
            "key '" + key + "' changed between reading its size and its tail", e);
      }
      throw e;
    }
  }

  private Optional<ObjectSlice> download(String key, BlobRange range, String version) {
    BlobRequestConditions conditions =
        version == null ? null : new BlobRequestConditions().setIfMatch(version);
    BlobDownloadContentResponse r;
    try {
      r =
          container
              .getBlobClient(blobName(key))
              .downloadContentWithResponse(
                  NO_RESUME, conditions, range, false, timeout, Context.NONE);
    } catch (RuntimeException e) {
      if (AzureFailures.status(e, 404)
          && !AzureFailures.code(e, BlobErrorCode.CONTAINER_NOT_FOUND)) {
        return Optional.empty();
      }
      if (AzureFailures.status(e, 416)) {
        // the range starts at or past the end: no bytes, at the end of the value
        return head(key)
            .map(i -> new ObjectSlice(ByteBuffer.allocate(0), i.size(), i.size(), i.version()));
      }
      if (isConditionFailed(e)) {
        throw changed(key, e);
      }
      throw AzureFailures.translate(e, "GET of key '" + key + "'", url(key), containerHint());
    }
    ByteBuffer bytes = ByteBuffer.wrap(r.getValue().toBytes());
    String etag = r.getDeserializedHeaders().getETag();
    String contentRange = r.getDeserializedHeaders().getContentRange();
    if (contentRange != null) {
      Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
      if (m.matches()) {
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        return Optional.of(new ObjectSlice(bytes, Long.parseLong(m.group(1)), total, etag));
      }
    }
    // no Content-Range: the whole blob
    return Optional.of(new ObjectSlice(bytes, 0, bytes.remaining(), etag));
  }

  private static boolean isConditionFailed(RuntimeException e) {
    return AzureFailures.status(e, 412);
  }

  private StoreException changed(String key, RuntimeException cause) {
    return new StoreException(
        "key '" + key + "' at " + url(key) + " changed while it was open for reading", cause);
  }

  /** The blob range of a range other than a suffix, or null for the whole value. */
  static BlobRange blobRange(ByteRange range) {
    if (range instanceof ByteRange.Bounded bounded) {
      long count = Math.min(bounded.length(), Long.MAX_VALUE - bounded.offset());
      return count <= 0 ? new BlobRange(bounded.offset()) : new BlobRange(bounded.offset(), count);
    } else if (range instanceof ByteRange.FromOffset from) {
      return from.offset() == 0 ? null : new BlobRange(from.offset());
    }
    return null;
  }
}
