package dev.zarr4j.store.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.remote.ObjectClient;
import dev.zarr4j.store.remote.ObjectInfo;
import dev.zarr4j.store.remote.ObjectSlice;
import dev.zarr4j.store.remote.TransientRequestException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Metadata reads and ranged reads of the objects of one bucket and prefix, one attempt each. An
 * object's version is its generation, which the service changes on every write; a read of a given
 * version asks the service for that generation ({@code ifGenerationMatch}), so a replaced object
 * fails instead of answering other bytes.
 *
 * <p>A whole value is one request, and so is a range of a value opened at a known generation. Any
 * other byte range is two: the object's metadata (its size, to resolve suffix ranges and clamp the
 * others, and its generation), then the bytes of that generation; the client library's reader has
 * no suffix ranges and does not tell the size or generation it read.
 */
final class GcsObjectClient implements ObjectClient {
  private final Storage storage;
  private final GcsStoreOptions options;

  GcsObjectClient(Storage storage, GcsStoreOptions options) {
    this.storage = storage;
    this.options = options;
  }

  /** The object name of a store key. */
  String objectName(String key) {
    return options.prefix().isEmpty() ? key : options.prefix() + "/" + key;
  }

  BlobId blobId(String key) {
    return BlobId.of(options.bucket(), objectName(key));
  }

  @Override
  public String url(String key) {
    return "gs://" + options.bucket() + "/" + objectName(key);
  }

  String bucketHint() {
    return "'"
        + options.bucket()
        + "'"
        + (options.endpoint() == null ? "" : " at " + options.endpoint());
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Blob blob;
    try {
      blob = storage.get(blobId(key));
    } catch (RuntimeException e) {
      if (GcsFailures.status(e) == 404) {
        return Optional.empty();
      }
      throw GcsFailures.translate(e, "metadata read of key '" + key + "'", url(key), bucketHint());
    }
    // an object without a size is an upload not yet committed
    if (blob == null || blob.getSize() == null) {
      return Optional.empty();
    }
    Long generation = blob.getGeneration();
    return Optional.of(
        new ObjectInfo(blob.getSize(), generation == null ? null : String.valueOf(generation)));
  }

  @Override
  public Optional<ObjectSlice> get(String key, ByteRange range, String version) {
    if (version == null && isWhole(range)) {
      return readWhole(key);
    }
    if (version != null && range instanceof ByteRange.Bounded b && b.length() > 0) {
      // an opened value: its size is known to the caller, the generation pins the bytes
      long end = b.offset() + Math.min(b.length(), Long.MAX_VALUE - b.offset());
      if (end - b.offset() > Integer.MAX_VALUE - 64) {
        throw new StoreException(
            "cannot hold " + (end - b.offset()) + " bytes of key '" + key + "' in one buffer");
      }
      ByteBuffer bytes = readRange(key, b.offset(), end, version, version);
      return Optional.of(new ObjectSlice(bytes, b.offset(), -1, version));
    }
    Optional<ObjectInfo> info = head(key);
    if (info.isEmpty()) {
      return Optional.empty();
    }
    long size = info.get().size();
    String generation = info.get().version();
    if (version != null && generation != null && !version.equals(generation)) {
      throw changed(key, null);
    }
    long start = Math.min(range.start(size), size);
    long end = Math.max(start, Math.min(range.end(size), size));
    if (end - start > Integer.MAX_VALUE - 64) {
      throw new StoreException(
          "cannot hold " + (end - start) + " bytes of key '" + key + "' in one buffer");
    }
    ByteBuffer bytes =
        start == end ? ByteBuffer.allocate(0) : readRange(key, start, end, generation, version);
    return Optional.of(new ObjectSlice(bytes, start, size, generation));
  }

  private static boolean isWhole(ByteRange range) {
    return range instanceof ByteRange.Full
        || range instanceof ByteRange.FromOffset f && f.offset() == 0;
  }

  /** The whole object in one request; absent when it is. */
  private Optional<ObjectSlice> readWhole(String key) {
    byte[] bytes;
    try {
      bytes = storage.readAllBytes(blobId(key));
    } catch (RuntimeException e) {
      if (GcsFailures.status(e) == 404) {
        return Optional.empty();
      }
      throw GcsFailures.translate(e, "GET of key '" + key + "'", url(key), bucketHint());
    }
    return Optional.of(new ObjectSlice(ByteBuffer.wrap(bytes), 0, bytes.length, null));
  }

  /**
   * The bytes {@code [start, end)} of the object, of {@code generation} when it is known.
   *
   * @param pinned the version the caller opened the value on, or null
   */
  private ByteBuffer readRange(String key, long start, long end, String generation, String pinned) {
    int length = (int) (end - start);
    byte[] out = new byte[length];
    int got = 0;
    Storage.BlobSourceOption[] match =
        generation == null
            ? new Storage.BlobSourceOption[0]
            : new Storage.BlobSourceOption[] {
              Storage.BlobSourceOption.generationMatch(Long.parseLong(generation))
            };
    try (ReadChannel channel = storage.reader(blobId(key), match)) {
      channel.setChunkSize(0);
      if (start > 0) {
        channel.seek(start);
      }
      channel.limit(end);
      ByteBuffer dst = ByteBuffer.wrap(out);
      while (dst.hasRemaining()) {
        int n = channel.read(dst);
        if (n < 0) {
          break;
        }
      }
      got = dst.position();
    } catch (IOException | RuntimeException e) {
      int status = GcsFailures.status(e);
      if (status == 412 || status == 404) {
        // replaced (or deleted) since its metadata was read
        if (pinned != null) {
          throw changed(key, e);
        }
        throw new TransientRequestException(
            "the object changed between its metadata read and its read (HTTP " + status + ")", e);
      }
      throw GcsFailures.translate(e, "GET of key '" + key + "'", url(key), bucketHint());
    }
    if (got < length) {
      // the object shrank since its metadata was read (a service without generations)
      if (pinned != null) {
        throw changed(key, null);
      }
      throw new TransientRequestException(
          "the object changed between its metadata read and its read ("
              + got
              + " of "
              + length
              + " bytes)");
    }
    return ByteBuffer.wrap(out);
  }

  private StoreException changed(String key, Throwable cause) {
    return new StoreException(
        "key '" + key + "' at " + url(key) + " changed while it was open for reading", cause);
  }
}
