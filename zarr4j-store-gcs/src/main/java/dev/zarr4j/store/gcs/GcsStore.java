package dev.zarr4j.store.gcs;

import com.google.api.gax.paging.Page;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.WriteChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.StoreCapabilities;
import dev.zarr4j.store.StoreKeys;
import dev.zarr4j.store.remote.RemoteReads;
import dev.zarr4j.store.remote.RemoteStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A store in a Google Cloud Storage bucket, under an object name prefix: zarr-python's {@code
 * FSStore("gs://bucket/path")} on gcsfs. The value of key {@code a/b} is the object {@code
 * <prefix>/a/b}.
 *
 * <p><b>Reads</b> go through the core's network machinery ({@link RemoteReads}): a whole value is
 * one request; a byte range (suffix ranges included) is a metadata read and a ranged read of the
 * generation it found; batched reads keep up to {@code maxRequestsInFlight} requests in flight on
 * the store's I/O threads, neighbouring ranges of one object are coalesced, and an opened value is
 * read with {@code ifGenerationMatch} on its generation, so a replaced object fails rather than
 * mixes versions. <b>Writes</b> are single-request uploads, or resumable uploads for values of at
 * least {@link GcsStoreOptions#resumableThreshold()} bytes; the service makes either visible only
 * when whole (a resumable upload when its last chunk arrives). <b>Listing</b> pages through the
 * objects below a prefix, with the {@code /} delimiter for {@link #listDir}; {@link #deletePrefix}
 * lists, then deletes the objects with many requests in flight.
 *
 * <p>Every request has a timeout and transient failures (5xx, throttling, resets, timeouts) are
 * retried with backoff within a deadline ({@link dev.zarr4j.store.remote.RemoteOptions}); then, and
 * for failures that retrying cannot mend (access denied, refused credentials, no such bucket when
 * listing), a {@link StoreException} names the {@code gs://} URL and key. The client library's own
 * retries are off in a client the store builds. The bucket is not checked when the store opens (an
 * anonymous reader of a public bucket may not read the bucket's metadata): a missing bucket reads
 * as empty and fails listings and writes. Thread-safe; close it to release its threads.
 */
public final class GcsStore extends RemoteStore<GcsStoreOptions> {
  private static final StoreCapabilities CAPABILITIES =
      new StoreCapabilities(true, true, true, true).withLatencyBound(true);

  private final Storage storage;
  private final boolean ownsClient;
  private final GcsObjectClient objects;

  private GcsStore(Storage storage, boolean ownsClient, GcsStoreOptions options) {
    this(storage, ownsClient, options, new GcsObjectClient(storage, options));
  }

  private GcsStore(
      Storage storage, boolean ownsClient, GcsStoreOptions options, GcsObjectClient objects) {
    super(options, objects, "gcs-" + options.bucket());
    this.storage = storage;
    this.ownsClient = ownsClient;
    this.objects = objects;
  }

  /**
   * Opens the store with a client built from the options (credentials, project, endpoint,
   * timeouts), the client library's retries turned off. No request is made.
   *
   * @throws StoreException naming the file when the credentials file cannot be read
   */
  public static GcsStore open(GcsStoreOptions options) {
    return new GcsStore(client(options), true, options);
  }

  /**
   * Opens the store on a client the caller built and configured (an emulator's, a test fake, one
   * with custom credentials); its own retry and timeout settings apply under the store's. The
   * options' credentials, project and endpoint are not used. Closing the store does not close the
   * client. No request is made.
   */
  public static GcsStore open(Storage storage, GcsStoreOptions options) {
    return new GcsStore(Objects.requireNonNull(storage, "storage"), false, options);
  }

  private static Storage client(GcsStoreOptions o) {
    StorageOptions.Builder b =
        StorageOptions.http()
            .setRetrySettings(ServiceOptions.getNoRetrySettings())
            .setTransportOptions(
                HttpTransportOptions.newBuilder()
                    .setConnectTimeout(millis(o.remote().connectTimeout()))
                    .setReadTimeout(millis(o.remote().requestTimeout()))
                    .build());
    if (o.project() != null) {
      b.setProjectId(o.project());
    }
    if (o.endpoint() != null) {
      b.setHost(o.endpoint().toString());
    }
    if (o.anonymous()) {
      b.setCredentials(NoCredentials.getInstance());
    } else if (o.credentialsFile() != null) {
      try (InputStream in = Files.newInputStream(o.credentialsFile())) {
        b.setCredentials(
            GoogleCredentials.fromStream(in)
                .createScoped("https://www.googleapis.com/auth/devstorage.read_write"));
      } catch (IOException | RuntimeException e) {
        throw new StoreException(
            "cannot read the GCS credentials file "
                + o.credentialsFile()
                + " for "
                + o.url()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return b.build().getService();
  }

  private static int millis(java.time.Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  @Override
  public StoreCapabilities capabilities() {
    return options().readOnly() ? CAPABILITIES.readOnly() : CAPABILITIES;
  }

  // ------------------------------------------------------------------ reads

  // ------------------------------------------------------------------ writes

  /**
   * The client library's failures sorted into transient ones and those naming the bucket ({@link
   * GcsFailures}).
   */
  @Override
  protected RuntimeException translate(RuntimeException failure, String what, String url) {
    return GcsFailures.translate(failure, what, url, objects.bucketHint());
  }

  private void checkWritable(String what, String key) {
    if (options().readOnly()) {
      throw new ReadOnlyException(
          "cannot " + what + " '" + key + "': the GCS store " + options().url() + " is read-only");
    }
  }

  /**
   * One upload request, or a resumable upload for values of at least the threshold; either becomes
   * visible only when complete, and a failed attempt is sent again whole.
   */
  @Override
  public void set(String key, ByteBuffer value) {
    StoreKeys.validate(key);
    checkWritable("set key", key);
    ByteBuffer v = value.duplicate();
    BlobInfo info = BlobInfo.newBuilder(objects.blobId(key)).build();
    if (v.remaining() >= options().resumableThreshold()) {
      call("resumable upload", key, objects.url(key), () -> upload(info, v.duplicate()));
      return;
    }
    byte[] array;
    int offset;
    if (v.hasArray()) {
      array = v.array();
      offset = v.arrayOffset() + v.position();
    } else {
      array = new byte[v.remaining()];
      v.duplicate().get(array);
      offset = 0;
    }
    int length = v.remaining();
    call("upload", key, objects.url(key), () -> storage.create(info, array, offset, length));
  }

  /** A resumable upload of the bytes, committed when the channel closes after the last chunk. */
  private Void upload(BlobInfo info, ByteBuffer bytes) {
    try (WriteChannel channel = storage.writer(info)) {
      channel.setChunkSize(options().uploadChunkSize());
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return null;
  }

  /** One DELETE; deleting an absent key does nothing. */
  @Override
  public void delete(String key) {
    StoreKeys.validate(key);
    checkWritable("delete key", key);
    call("DELETE", key, objects.url(key), () -> storage.delete(objects.blobId(key)));
  }

  /** Lists the keys below the prefix, then deletes them, many requests in flight. */
  @Override
  public void deletePrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    checkWritable("delete prefix", prefix);
    List<String> keys = new ArrayList<>(listPrefix(prefix));
    if (!prefix.isEmpty()) {
      keys.add(prefix);
    }
    List<Callable<Boolean>> tasks = new ArrayList<>(keys.size());
    for (String k : keys) {
      tasks.add(() -> call("DELETE", k, objects.url(k), () -> storage.delete(objects.blobId(k))));
    }
    if (!tasks.isEmpty()) {
      calls().all(tasks);
    }
  }

  // ------------------------------------------------------------------ listing

  /** {@inheritDoc} Its object name in the bucket. */
  @Override
  protected String objectName(String key) {
    return objects.objectName(key);
  }

  /**
   * {@inheritDoc} Without {@code oneLevel}, a name ending with {@code /} is a folder placeholder
   * (made by consoles), never a key, and is left out.
   */
  @Override
  protected void listObjects(
      String prefix, String objectPrefix, boolean oneLevel, Consumer<Listed> each) {
    list(
        prefix,
        objectPrefix,
        oneLevel,
        b -> {
          if (oneLevel || !b.isDirectory() && !b.getName().endsWith("/")) {
            each.accept(new Listed(b.getName(), b.getSize() == null ? 0 : b.getSize()));
          }
        });
  }

  private void list(String prefix, String objectPrefix, boolean oneLevel, Consumer<Blob> each) {
    String url = "gs://" + options().bucket() + "/" + objectPrefix;
    List<Storage.BlobListOption> o = new ArrayList<>();
    if (!objectPrefix.isEmpty()) {
      o.add(Storage.BlobListOption.prefix(objectPrefix));
    }
    if (oneLevel) {
      o.add(Storage.BlobListOption.currentDirectory());
    }
    Storage.BlobListOption[] listOptions = o.toArray(new Storage.BlobListOption[0]);
    Page<Blob> page =
        call(
            "listing below prefix",
            prefix,
            url,
            () -> storage.list(options().bucket(), listOptions));
    while (page != null) {
      for (Blob b : page.getValues()) {
        if (b.getName().startsWith(objectPrefix)) {
          each.accept(b);
        }
      }
      Page<Blob> current = page;
      page =
          current.hasNextPage()
              ? call("listing below prefix", prefix, url, current::getNextPage)
              : null;
    }
  }

  /**
   * Releases the I/O threads and, when the store built its client, the client; later calls fail.
   * Idempotent.
   */
  @Override
  public void close() {
    super.close();
    if (ownsClient) {
      try {
        storage.close();
      } catch (Exception e) {
        // nothing is left to release
      }
    }
  }

  @Override
  public String toString() {
    return "GcsStore(" + options() + ")";
  }
}
