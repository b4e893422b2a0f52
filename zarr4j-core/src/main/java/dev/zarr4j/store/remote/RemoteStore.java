package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.store.Store;
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

  /** Stops the I/O threads; a subclass also releases its client. */
  @Override
  public void close() {
    calls.close();
  }
}
