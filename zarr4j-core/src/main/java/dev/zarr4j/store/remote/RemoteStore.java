package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The part of a network store over one object service that S3, Azure Blob and GCS share: its
 * options, its {@link RemoteCalls} (requests in flight, timeouts, retries) and {@link RemoteReads}
 * (every read), and {@link #call}, which runs one call of the service's client library, such as a
 * write, through the retrying machinery, sorting its failures into transient ones and {@link
 * StoreException}s naming the URL and key. A subclass adds the writes and listings of its service.
 *
 * @param <O> the store's options
 */
public abstract class RemoteStore<O extends RemoteStoreOptions> implements Store, RemoteReadable {
  private final O options;
  private final RemoteCalls calls;
  private final RemoteReads reads;

  /**
   * @param options where and how the store connects
   * @param objects the object service's HEAD and ranged GET, which serve the reads
   * @param name names the store's I/O threads ({@code s3-bucket})
   */
  protected RemoteStore(O options, ObjectClient objects, String name) {
    this.options = options;
    this.calls = new RemoteCalls(options.remote(), name);
    this.reads = new RemoteReads(objects, calls);
  }

  /** Where and how this store connects. */
  public O options() {
    return options;
  }

  /** How many request attempts this store has started, retries included. */
  public long attempts() {
    return calls.attempts();
  }

  /** The machinery that serves this store's reads ({@link RemoteReadable}). */
  @Override
  public RemoteReads reads() {
    return reads;
  }

  /** The machinery that runs this store's calls. */
  protected RemoteCalls calls() {
    return calls;
  }

  /**
   * One call of the service's client library through the retrying machinery: a {@link
   * ZarrException} or {@link TransientRequestException} it throws passes as it is, any other
   * failure goes through {@link #translate}.
   *
   * @param operation what the call does, for messages ({@code "PUT"})
   * @param key the store key it concerns
   * @param url where, for messages
   * @return what the first successful attempt returns
   * @throws StoreException naming the operation, URL and key when the call fails for good
   */
  protected final <T> T call(String operation, String key, String url, Supplier<T> call) {
    return calls.call(
        operation,
        url,
        key,
        () -> {
          try {
            return call.get();
          } catch (ZarrException | TransientRequestException e) {
            throw e;
          } catch (RuntimeException e) {
            throw translate(e, operation + " of key '" + key + "'", url);
          }
        });
  }

  /**
   * The exception to throw for a failure of the service's client library: a {@link
   * TransientRequestException} when trying again may help, else a {@link StoreException} naming
   * {@code url} and saying what the service said.
   *
   * @param what what failed, for messages ({@code "PUT of key 'a/b'"})
   */
  protected abstract RuntimeException translate(RuntimeException failure, String what, String url);

  // ------------------------------------------------------------------ listing

  /**
   * One entry of a listing: an object's full name and size, or, in a one-level listing, a common
   * prefix (its name ending with {@code /}, size 0).
   *
   * @param name the object's (or prefix's) full name in the service
   * @param size its size in bytes (0 for a prefix or when the service gives none)
   */
  public record Listed(String name, long size) {}

  /**
   * Lists the service's objects whose names start with {@code namePrefix}, page by page, giving
   * each to {@code each}: with {@code oneLevel}, objects and common prefixes one level down (the
   * {@code /} delimiter); without, only the objects that are keys (no folder placeholders).
   *
   * @param prefix the store prefix listed, for messages
   */
  protected abstract void listObjects(
      String prefix, String namePrefix, boolean oneLevel, Consumer<Listed> each);

  /** The object name of a (non-empty) store key: the options' prefix and the key. */
  protected abstract String objectName(String key);

  /** The object name prefix under which the keys below a store prefix live, with its slash. */
  protected final String listingPrefix(String prefix) {
    String full = prefix.isEmpty() ? options.prefix() : objectName(prefix);
    return full.isEmpty() ? "" : full + "/";
  }

  /** Every key below the prefix: one listing, page by page. */
  @Override
  public List<String> listPrefix(String prefix) {
    StoreKeys.validatePrefix(prefix);
    String root = listingPrefix("");
    TreeSet<String> out = new TreeSet<>();
    listObjects(
        prefix, listingPrefix(prefix), false, o -> out.add(o.name().substring(root.length())));
    return new ArrayList<>(out);
  }

  /**
   * The bytes stored below the prefix, summed from the sizes the listing gives (one request per
   * page of keys, not one per key).
   */
  @Override
  public long totalSize(String prefix) {
    StoreKeys.validatePrefix(prefix);
    long[] total = {0};
    listObjects(prefix, listingPrefix(prefix), false, o -> total[0] += o.size());
    return total[0];
  }

  /** The names one level below the prefix: a listing with the {@code /} delimiter. */
  @Override
  public List<String> listDir(String prefix) {
    StoreKeys.validatePrefix(prefix);
    String p = listingPrefix(prefix);
    TreeSet<String> out = new TreeSet<>();
    listObjects(
        prefix,
        p,
        true,
        o -> {
          String name = o.name().substring(p.length());
          out.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
        });
    out.remove("");
    return new ArrayList<>(out);
  }

  /** Stops the I/O threads; a subclass also releases its client. */
  @Override
  public void close() {
    calls.close();
  }
}
