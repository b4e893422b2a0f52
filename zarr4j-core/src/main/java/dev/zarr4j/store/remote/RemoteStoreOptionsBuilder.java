package dev.zarr4j.store.remote;

import java.net.URI;

/**
 * The part of a network store's options builder that every such store has: the key prefix, the
 * endpoint, anonymous access and the network options ({@link RemoteStoreOptions}). A store's
 * builder extends it with what is its own and builds its options record from {@link #prefix()},
 * {@link #endpoint()}, {@link #anonymous()} and {@link #remote()}.
 *
 * @param <B> the concrete builder, which every setter returns
 */
public abstract class RemoteStoreOptionsBuilder<B extends RemoteStoreOptionsBuilder<B>> {
  private String prefix = "";
  private URI endpoint;
  private boolean anonymous;
  private RemoteOptions remote = RemoteOptions.defaults();

  /** A builder with the defaults: no prefix, no endpoint, signed requests, default options. */
  protected RemoteStoreOptionsBuilder() {}

  /** This builder, as its concrete type. */
  protected abstract B self();

  /**
   * Takes the prefix, endpoint, anonymous access and network options of {@code options} (what a
   * store's {@code toBuilder()} starts from).
   */
  public final B copyShared(RemoteStoreOptions options) {
    prefix = options.prefix();
    endpoint = options.endpoint();
    anonymous = options.anonymous();
    remote = options.remote();
    return self();
  }

  /** See {@link RemoteStoreOptions#prefix()}. */
  public B prefix(String prefix) {
    this.prefix = prefix;
    return self();
  }

  /** See {@link RemoteStoreOptions#endpoint()}. */
  public B endpoint(URI endpoint) {
    this.endpoint = endpoint;
    return self();
  }

  /** See {@link RemoteStoreOptions#anonymous()}. */
  public B anonymous(boolean anonymous) {
    this.anonymous = anonymous;
    return self();
  }

  /** See {@link RemoteStoreOptions#remote()}. */
  public B remote(RemoteOptions remote) {
    this.remote = remote;
    return self();
  }

  /** The prefix set so far. */
  protected final String prefix() {
    return prefix;
  }

  /** The endpoint set so far, or null. */
  protected final URI endpoint() {
    return endpoint;
  }

  /** Whether anonymous access is set. */
  protected final boolean anonymous() {
    return anonymous;
  }

  /** The network options set so far. */
  protected final RemoteOptions remote() {
    return remote;
  }
}
