package dev.zarr4j.store.azure;

import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteStoreOptions;
import dev.zarr4j.store.remote.RemoteStoreOptionsBuilder;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where an {@link AzureBlobStore} lives and how it connects: zarr-python's {@code
 * ABSStore(container, prefix, account_name, account_key)} and adlfs's storage options.
 *
 * <p>The service is found from, in this order: {@code connectionString} (which names the endpoint
 * and credentials itself), {@code endpoint}, or {@code
 * https://<accountName>.blob.core.windows.net}. The requests are signed with the account key
 * ({@code accountName} + {@code accountKey}), carry a SAS token ({@code sasToken}), follow the
 * connection string, or else are anonymous (a public container).
 *
 * @param container the container (Azure's rules: 3 to 63 lower-case letters, digits and single
 *     hyphens, or {@code $root})
 * @param prefix the blob name prefix inside the container under which the store's keys live ({@code
 *     ""} for the whole container; no leading or trailing {@code /})
 * @param endpoint the blob service's URL ({@code https://account.blob.core.windows.net}, or an
 *     emulator's {@code http://127.0.0.1:10000/devstoreaccount1}), or {@code null} for the
 *     account's public endpoint
 * @param accountName the storage account, or {@code null} when the endpoint or connection string
 *     names it
 * @param accountKey the account's shared key, with {@code accountName}, or {@code null}
 * @param connectionString an Azure storage connection string, or {@code null}; excludes the other
 *     ways of connecting
 * @param sasToken a shared access signature ({@code sv=...&sig=...}, with or without a leading
 *     {@code ?}), or {@code null}
 * @param anonymous send unsigned requests (a public container); excludes every credential. Without
 *     any credential requests are anonymous too, as zarr-python's {@code ABSStore} sends them
 * @param readOnly refuse every write with a {@link dev.zarr4j.exceptions.ReadOnlyException}
 * @param blockThreshold values of at least this many bytes are uploaded as staged blocks committed
 *     at once (default 64 MiB); smaller ones with one Put Blob
 * @param blockSize the size of each staged block but the last (default 16 MiB; at least 64 KiB, so
 *     that any value fits in Azure's 50,000 blocks, and at most 4,000 MiB)
 * @param remote requests in flight, timeouts, retries and coalescing
 */
public record AzureBlobStoreOptions(
    String container,
    String prefix,
    URI endpoint,
    String accountName,
    String accountKey,
    String connectionString,
    String sasToken,
    boolean anonymous,
    boolean readOnly,
    long blockThreshold,
    long blockSize,
    RemoteOptions remote)
    implements RemoteStoreOptions {

  /** The smallest block size allowed. */
  public static final long MIN_BLOCK_SIZE = 64L << 10;

  /** Azure's largest block. */
  public static final long MAX_BLOCK_SIZE = 4000L << 20;

  private static final Pattern CONTAINER =
      Pattern.compile("\\$root|\\$web|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

  /** Validates and normalises (the prefix loses leading and trailing slashes). */
  public AzureBlobStoreOptions {
    if (container == null || !CONTAINER.matcher(container).matches()) {
      throw new IllegalArgumentException(
          "'"
              + container
              + "' is not an Azure container name (3 to 63 lower-case letters, digits and single"
              + " hyphens)");
    }
    prefix = RemoteStoreOptions.normalPrefix(prefix);
    if (accountKey != null && accountName == null) {
      throw new IllegalArgumentException("an Azure account key needs the account name");
    }
    if (connectionString != null
        && (accountName != null
            || accountKey != null
            || sasToken != null
            || endpoint != null
            || anonymous)) {
      throw new IllegalArgumentException(
          "an Azure connection string names the account, endpoint and credentials itself: it"
              + " excludes an account name, account key, SAS token, endpoint and anonymous access");
    }
    if (sasToken != null && accountKey != null) {
      throw new IllegalArgumentException("an Azure SAS token excludes the account key");
    }
    if (anonymous && (accountKey != null || sasToken != null)) {
      throw new IllegalArgumentException("anonymous Azure access excludes credentials");
    }
    if (connectionString == null && endpoint == null && accountName == null) {
      throw new IllegalArgumentException(
          "an Azure store needs an account name, an endpoint or a connection string");
    }
    if (endpoint != null
        && (endpoint.getScheme() == null
            || endpoint.getHost() == null
            || !(endpoint.getScheme().equalsIgnoreCase("http")
                || endpoint.getScheme().equalsIgnoreCase("https")))) {
      throw new IllegalArgumentException(
          "the Azure endpoint must be an absolute http(s) URL, got '" + endpoint + "'");
    }
    if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "blockSize must be between "
              + MIN_BLOCK_SIZE
              + " and "
              + MAX_BLOCK_SIZE
              + " bytes, got "
              + blockSize);
    }
    if (blockThreshold < blockSize) {
      throw new IllegalArgumentException(
          "blockThreshold (" + blockThreshold + ") must be at least blockSize (" + blockSize + ")");
    }
    RemoteStoreOptions.requireRemote(remote);
  }

  /** A builder for the store in {@code container}, with the defaults. */
  public static Builder builder(String container) {
    return new Builder(container);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder(container).copyShared(this);
    b.accountName = accountName;
    b.accountKey = accountKey;
    b.connectionString = connectionString;
    b.sasToken = sasToken;
    b.readOnly = readOnly;
    b.blockThreshold = blockThreshold;
    b.blockSize = blockSize;
    return b;
  }

  /** Whether requests go unsigned: no key, SAS token or connection string. */
  public boolean unsigned() {
    return accountKey == null && sasToken == null && connectionString == null;
  }

  /** The store's location, {@code az://container/prefix}, for messages. */
  @Override
  public String url() {
    return RemoteStoreOptions.locationUrl("az", container, prefix);
  }

  /** Never shows the key, the SAS token or the connection string. */
  @Override
  public String toString() {
    return "AzureBlobStoreOptions["
        + url()
        + (endpoint == null ? "" : " at " + endpoint)
        + (accountName == null ? "" : ", account " + accountName)
        + (connectionString != null
            ? ", connection string"
            : accountKey != null ? ", account key" : sasToken != null ? ", SAS token" : "")
        + (unsigned() ? ", anonymous" : "")
        + (readOnly ? ", read-only" : "")
        + "]";
  }

  /** Builds {@link AzureBlobStoreOptions}; every setter returns the builder. */
  public static final class Builder extends RemoteStoreOptionsBuilder<Builder> {
    private final String container;
    private String accountName;
    private String accountKey;
    private String connectionString;
    private String sasToken;
    private boolean readOnly;
    private long blockThreshold = 64L << 20;
    private long blockSize = 16L << 20;

    private Builder(String container) {
      this.container = container;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** See {@link AzureBlobStoreOptions#accountName()}. */
    public Builder accountName(String accountName) {
      this.accountName = accountName;
      return this;
    }

    /** See {@link AzureBlobStoreOptions#accountKey()}. */
    public Builder accountKey(String accountKey) {
      this.accountKey = accountKey;
      return this;
    }

    /** See {@link AzureBlobStoreOptions#connectionString()}. */
    public Builder connectionString(String connectionString) {
      this.connectionString = connectionString;
      return this;
    }

    /** See {@link AzureBlobStoreOptions#sasToken()}. */
    public Builder sasToken(String sasToken) {
      this.sasToken = sasToken;
      return this;
    }

    /** See {@link AzureBlobStoreOptions#readOnly()}. */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** See {@link AzureBlobStoreOptions#blockThreshold()}. */
    public Builder blockThreshold(long bytes) {
      this.blockThreshold = bytes;
      return this;
    }

    /** See {@link AzureBlobStoreOptions#blockSize()}. */
    public Builder blockSize(long bytes) {
      this.blockSize = bytes;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming what is not valid
     */
    public AzureBlobStoreOptions build() {
      return new AzureBlobStoreOptions(
          container,
          prefix(),
          endpoint(),
          accountName,
          accountKey,
          connectionString,
          sasToken,
          anonymous(),
          readOnly,
          blockThreshold,
          blockSize,
          remote());
    }
  }
}
