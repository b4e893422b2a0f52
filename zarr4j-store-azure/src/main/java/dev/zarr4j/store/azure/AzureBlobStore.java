package dev.zarr4j.store.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreKeys;
import dev.zarr4j.store.remote.RemoteReads;
import dev.zarr4j.store.remote.RemoteStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A store in an Azure Blob Storage container, under a blob name prefix: zarr-python's {@code
 * ABSStore(container, prefix)}. The value of key {@code a/b} is the block blob {@code
 * <prefix>/a/b}.
 *
 * <p><b>Reads</b> are Get Blob requests with ranges through the core's network machinery ({@link
 * RemoteReads}): batched reads keep up to {@code maxRequestsInFlight} requests in flight on the
 * store's I/O threads, neighbouring ranges of one blob are coalesced, and an opened value is read
 * with {@code If-Match} on its ETag, so a replaced blob fails rather than mixes versions. Azure has
 * no suffix ranges: a suffix read costs a HEAD and a GET. <b>Writes</b> are one Put Blob, or, for
 * values of at least {@link AzureBlobStoreOptions#blockThreshold()} bytes, blocks staged together
 * and then committed with one Put Block List: either way the new value becomes visible only whole,
 * and staged blocks of a failed upload are never part of the blob. <b>Listing</b> is List Blobs
 * page by page, with the {@code /} delimiter for {@link #listDir}, leaving out the directory blobs
 * of accounts with a hierarchical namespace; {@link #deletePrefix} lists, then deletes the blobs
 * together.
 *
 * <p>Every request has a timeout and transient failures (5xx, throttling, resets, timeouts) are
 * retried with backoff within a deadline ({@link dev.zarr4j.store.remote.RemoteOptions}); then, and
 * for failures that retrying cannot mend (no such container, refused credentials, access denied), a
 * {@link StoreException} names the {@code az://} URL and key. The SDK's own retries are off. The
 * store checks its container when opened. In read-only mode every write throws {@link
 * ReadOnlyException}. Thread-safe; close it to release its threads.
 */
public final class AzureBlobStore extends RemoteStore<AzureBlobStoreOptions> {
  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, true).withLatencyBound(true);

  /** Azure's largest page of a listing. */
  static final int LIST_PAGE_SIZE = 5000;

  private final BlobContainerClient container;
  private final AzureObjectClient objects;
  private final Duration timeout;
  private final int listPageSize;

  private AzureBlobStore(AzureBlobStoreOptions options, int listPageSize) {
    this(options, client(options), listPageSize);
  }

  private AzureBlobStore(
      AzureBlobStoreOptions options, BlobContainerClient container, int listPageSize) {
    this(options, container, new AzureObjectClient(container, options), listPageSize);
  }

  private AzureBlobStore(
      AzureBlobStoreOptions options,
      BlobContainerClient container,
      AzureObjectClient objects,
      int listPageSize) {
    super(options, objects, "azure-" + options.container());
    this.container = container;
    this.objects = objects;
    this.timeout = options.remote().requestTimeout();
    this.listPageSize = listPageSize;
  }

  /**
   * Opens the store and checks that its container exists and can be reached.
   *
   * @throws StoreException naming the container when it does not exist, the credentials are
   *     refused, or the service cannot be reached within the retry deadline
   */
  public static AzureBlobStore open(AzureBlobStoreOptions options) {
    return open(options, LIST_PAGE_SIZE);
  }

  /** As {@link #open(AzureBlobStoreOptions)}, listing at most {@code listPageSize} blobs a page. */
  static AzureBlobStore open(AzureBlobStoreOptions options, int listPageSize) {
    AzureBlobStore store = new AzureBlobStore(options, listPageSize);
    try {
      store.checkContainer();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static BlobContainerClient client(AzureBlobStoreOptions o) {
    Duration requestTimeout = o.remote().requestTimeout();
    // Azure serves HTTP/1.1: no HTTP/2 upgrade attempt on plain http
    HttpClient http =
        new JdkHttpClientBuilder(
                java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1))
            .connectionTimeout(o.remote().connectTimeout())
            .responseTimeout(requestTimeout)
            .readTimeout(requestTimeout)
            .writeTimeout(requestTimeout)
            .build();
    BlobServiceClientBuilder b =
        new BlobServiceClientBuilder()
            .httpClient(http)
            // one try: the core's RemoteCalls retries, with its backoff and deadline
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.FIXED, 1, requestTimeout, null, null, null));
    if (o.connectionString() != null) {
      b.connectionString(o.connectionString());
    } else {
      b.endpoint(
          o.endpoint() != null
              ? o.endpoint().toString()
              : "https://" + o.accountName() + ".blob.core.windows.net");
      if (o.accountKey() != null) {
        b.credential(new StorageSharedKeyCredential(o.accountName(), o.accountKey()));
      } else if (o.sasToken() != null) {
        b.sasToken(o.sasToken().startsWith("?") ? o.sasToken().substring(1) : o.sasToken());
      }
    }
    try {
      return b.buildClient().getBlobContainerClient(o.container());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new StoreException("cannot connect to Azure for " + o.url() + ": " + e.getMessage(), e);
    }
  }

  private void checkContainer() {
    String url = "az://" + options().container();
    boolean exists =
        calls()
            .call(
                "Get Container Properties",
                url,
                "",
                () -> {
                  try {
                    return container.existsWithResponse(timeout, Context.NONE).getValue();
                  } catch (RuntimeException e) {
                    if (AzureFailures.status(e, 403)
                        && (options().unsigned() || options().sasToken() != null)
                        && !AzureFailures.code(e, BlobErrorCode.AUTHENTICATION_FAILED)) {
                      // a public container or a SAS may refuse this yet serve the blobs
                      return true;
                    }
                    throw AzureFailures.translate(
                        e, "Get Container Properties", url, objects.containerHint());
                  }
                });
    if (!exists) {
      throw new StoreException("no such container: " + objects.containerHint() + " (" + url + ")");
    }
  }

  @Override
  public StoreCapabilities capabilities() {
    return options().readOnly() ? CAPABILITIES.readOnly() : CAPABILITIES;
  }

  // ------------------------------------------------------------------ reads

  // ------------------------------------------------------------------ writes

  /**
   * The SDK's failures sorted into transient ones and those naming the container ({@link
   * AzureFailures}).
   */
  @Override
  protected RuntimeException translate(RuntimeException failure, String what, String url) {
    return AzureFailures.translate(failure, what, url, objects.containerHint());
  }

  private void checkWritable(String what) {
    if (options().readOnly()) {
      throw new ReadOnlyException(
          "cannot " + what + ": the Azure store " + options().url() + " is read-only");
    }
  }

  private BlockBlobClient blockBlob(String key) {
    return container.getBlobClient(objects.blobName(key)).getBlockBlobClient();
  }

  /** One Put Blob, or staged blocks and one Put Block List for values of the threshold or more. */
  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    checkWritable("set key '" + key + "'");
    ByteBuffer v = value.duplicate();
    if (v.remaining() >= options().blockThreshold()) {
      uploadInBlocks(key, v);
      return;
    }
    BlockBlobClient blob = blockBlob(key);
    call(
        "Put Blob",
        key,
        objects.url(key),
        () ->
            blob.uploadWithResponse(
                new BlockBlobSimpleUploadOptions(BinaryData.fromByteBuffer(v.duplicate())),
                timeout,
                Context.NONE));
  }

  /**
   * Stages the value's blocks together, then commits their list: the blob changes only at the
   * commit, to the whole new value. Block ids carry a random upload id, so concurrent uploads of
   * one key never mix their blocks; the blocks of an upload that fails are never committed (Azure
   * drops them).
   */
  private void uploadInBlocks(String key, ByteBuffer v) {
    BlockBlobClient blob = blockBlob(key);
    String url = objects.url(key);
    String upload = UUID.randomUUID().toString();
    long size = v.remaining();
    long blockSize = options().blockSize();
    int blocks = (int) ((size + blockSize - 1) / blockSize);
    List<String> ids = new ArrayList<>(blocks);
    List<Callable<Void>> tasks = new ArrayList<>(blocks);
    for (int i = 0; i < blocks; i++) {
      // every id of a blob has the same length
      String id =
          Base64.getEncoder()
              .encodeToString(
                  String.format("%s-%06d", upload, i).getBytes(StandardCharsets.US_ASCII));
      ids.add(id);
      int number = i + 1;
      int start = v.position() + (int) (i * blockSize);
      int length = (int) Math.min(blockSize, size - i * blockSize);
      tasks.add(
          () -> {
            call(
                "Put Block " + number + " of " + blocks,
                key,
                url,
                () ->
                    blob.stageBlockWithResponse(
                        new BlockBlobStageBlockOptions(
                            id, BinaryData.fromByteBuffer(v.slice(start, length))),
                        timeout,
                        Context.NONE));
            return null;
          });
    }
    calls().all(tasks);
    call(
        "Put Block List",
        key,
        url,
        () ->
            blob.commitBlockListWithResponse(
                new BlockBlobCommitBlockListOptions(ids), timeout, Context.NONE));
  }

  /** One Delete Blob; an absent blob is not an error. */
  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    checkWritable("delete key '" + key + "'");
    deleteBlob(key);
  }

  private void deleteBlob(String key) {
    call(
        "Delete Blob",
        key,
        objects.url(key),
        () -> {
          try {
            return container
                .getBlobClient(objects.blobName(key))
                .deleteWithResponse(null, null, timeout, Context.NONE);
          } catch (RuntimeException e) {
            if (AzureFailures.status(e, 404)
                && !AzureFailures.code(e, BlobErrorCode.CONTAINER_NOT_FOUND)) {
              return null;
            }
            throw e;
          }
        });
  }

  /** Lists the keys below the prefix, then deletes them together (and the prefix's own key). */
  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    checkWritable("delete prefix '" + prefix + "'");
    List<String> keys = new ArrayList<>(listPrefix(prefix));
    if (!prefix.isEmpty()) {
      keys.add(prefix);
    }
    List<Callable<Void>> tasks = new ArrayList<>(keys.size());
    for (String k : keys) {
      tasks.add(
          () -> {
            deleteBlob(k);
            return null;
          });
    }
    if (!tasks.isEmpty()) {
      calls().all(tasks);
    }
  }

  /** Refused in read-only mode; otherwise {@link Store#rename}'s copy and delete. */
  @Override
  public void rename(String from, String to) {
    checkWritable("rename '" + from + "' to '" + to + "'");
    super.rename(from, to);
  }

  // ------------------------------------------------------------------ listing

  /** {@inheritDoc} Its blob name in the container. */
  @Override
  protected String objectName(String key) {
    return objects.blobName(key);
  }

  /** {@inheritDoc} List Blobs, page by page, leaving out directory blobs. */
  @Override
  protected void listObjects(
      String prefix, String blobPrefix, boolean oneLevel, Consumer<Listed> each) {
    list(
        prefix,
        blobPrefix,
        oneLevel,
        b -> {
          // a prefix of a one-level listing has properties with nothing behind them
          Long length =
              Boolean.TRUE.equals(b.isPrefix()) || b.getProperties() == null
                  ? null
                  : b.getProperties().getContentLength();
          each.accept(new Listed(b.getName(), length == null ? 0 : length));
        });
  }

  private void list(String prefix, String blobPrefix, boolean oneLevel, Consumer<BlobItem> each) {
    String url = "az://" + options().container() + "/" + blobPrefix;
    ListBlobsOptions request =
        new ListBlobsOptions()
            .setMaxResultsPerPage(listPageSize)
            .setDetails(new BlobListDetails().setRetrieveMetadata(true));
    if (!blobPrefix.isEmpty()) {
      request.setPrefix(blobPrefix);
    }
    String token = null;
    do {
      String continuation = token;
      PagedResponse<BlobItem> page =
          call(
              "List Blobs below prefix",
              prefix,
              url,
              () -> {
                PagedIterable<BlobItem> blobs =
                    oneLevel
                        ? container.listBlobsByHierarchy("/", request, timeout)
                        : container.listBlobs(request, timeout);
                return (continuation == null
                        ? blobs.iterableByPage()
                        : blobs.iterableByPage(continuation))
                    .iterator()
                    .next();
              });
      for (BlobItem item : page.getValue()) {
        if (!isDirectoryMarker(item)) {
          each.accept(item);
        }
      }
      token = page.getContinuationToken();
    } while (token != null && !token.isEmpty());
  }

  /**
   * Whether a listed blob is the empty blob by which an account with a hierarchical namespace (Data
   * Lake Storage Gen2, what {@code abfs://} URLs usually reach) shows a directory in Blob listings:
   * metadata {@code hdi_isfolder=true}, as adlfs reads it. Such blobs are no keys.
   */
  private static boolean isDirectoryMarker(BlobItem item) {
    if (Boolean.TRUE.equals(item.isPrefix()) || item.getMetadata() == null) {
      return false;
    }
    return "true".equalsIgnoreCase(item.getMetadata().get("hdi_isfolder"));
  }

  /** Releases the I/O threads; later calls fail. Idempotent. */
  @Override
  public void close() {
    super.close();
  }

  @Override
  public String toString() {
    return "AzureBlobStore(" + options() + ")";
  }
}
