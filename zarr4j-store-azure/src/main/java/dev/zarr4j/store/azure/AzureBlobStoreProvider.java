package dev.zarr4j.store.azure;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteStoreProvider;
import dev.zarr4j.store.remote.StorageOptionReader;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Opens an {@link AzureBlobStore} for {@code az://container/path} URLs (the path becomes the blob
 * name prefix), and for {@code abfs://} and {@code abfss://} URLs, as adlfs does: {@code
 * abfs://container/path}, or {@code abfs://container@account.dfs.core.windows.net/path}, whose host
 * names the account (the blobs are then reached at {@code https://account.blob.core.windows.net}).
 *
 * <p>Storage options, named as adlfs names them: {@code account_name}, {@code account_key}, {@code
 * connection_string}, {@code sas_token}, {@code anon} (or {@code anonymous}), and also {@code
 * endpoint} (or {@code endpoint_url}: the blob service's URL, such as an emulator's), {@code
 * read_only}, {@code block_threshold} and {@code block_size} (bytes), and the network options of
 * {@link RemoteOptions#STORAGE_OPTION_KEYS}. Booleans may be given as text. When neither the URL
 * nor the options name an account, an endpoint or a connection string (and {@code anon} is not
 * set), the environment variables adlfs reads stand in: {@code AZURE_STORAGE_CONNECTION_STRING},
 * else {@code AZURE_STORAGE_ACCOUNT_NAME} with {@code AZURE_STORAGE_ACCOUNT_KEY} or {@code
 * AZURE_STORAGE_SAS_TOKEN}. Without a key, a SAS token or a connection string, requests are
 * anonymous. Any other option is refused, naming it. A single blob ({@link #openObject}) is read
 * with ranged GETs, so {@code zip::az://container/data.zip} reads only the archive's directory and
 * the entries it needs.
 */
public final class AzureBlobStoreProvider extends RemoteStoreProvider {
  private static final Set<String> OWN =
      Set.of(
          "account_name",
          "account_key",
          "connection_string",
          "sas_token",
          "anon",
          "anonymous",
          "endpoint",
          "endpoint_url",
          "read_only",
          "block_threshold",
          "block_size");

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public AzureBlobStoreProvider() {}

  /** {@code az}, {@code abfs} and {@code abfss}. */
  @Override
  public Set<String> schemes() {
    return Set.of("az", "abfs", "abfss");
  }

  /** As {@link #open(URI, Map)}, with {@code environment} in place of the process's. */
  AzureBlobStore open(URI uri, Map<String, Object> options, Map<String, String> environment) {
    return storeAt(uri, pathOf(uri), options, environment);
  }

  @Override
  protected String objectUrlExample() {
    return "az://container/path/blob";
  }

  @Override
  protected String pathOf(URI uri) {
    return location(uri).path();
  }

  @Override
  protected AzureBlobStore storeAt(URI uri, String path, Map<String, Object> options) {
    return storeAt(uri, path, options, System.getenv());
  }

  /** What an Azure URL names: a container, maybe an account, and a path. */
  private record Location(String container, String account, String path) {}

  private static Location location(URI uri) {
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty() || authority.startsWith("@")) {
      throw new StoreException("Azure URL '" + uri + "' names no container (az://container/path)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new StoreException("Azure URL '" + uri + "' has a query or fragment");
    }
    String container = authority;
    String account = null;
    int at = authority.indexOf('@');
    if (at >= 0) {
      container = authority.substring(0, at);
      String host = authority.substring(at + 1);
      int dot = host.indexOf('.');
      account = dot < 0 ? host : host.substring(0, dot);
      if (account.isEmpty()) {
        throw new StoreException("Azure URL '" + uri + "' names no account after '@'");
      }
    }
    return new Location(container, account, uri.getPath() == null ? "" : uri.getPath());
  }

  /** The store over {@code path} (a blob name prefix) of the container {@code uri} names. */
  private static AzureBlobStore storeAt(
      URI uri, String path, Map<String, Object> options, Map<String, String> environment) {
    Location where = location(uri);
    StorageOptionReader read = new StorageOptionReader(uri, "an Azure store", OWN);
    AzureBlobStoreOptions.Builder b;
    try {
      b = AzureBlobStoreOptions.builder(where.container()).prefix(path);
    } catch (IllegalArgumentException e) {
      throw new StoreException("Azure URL '" + uri + "': " + e.getMessage(), e);
    }
    String account = where.account();
    boolean anonymous = false;
    for (Map.Entry<String, Object> e : options.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      switch (name) {
        case "account_name" -> {
          String given = read.text(name, v);
          if (account != null && !account.equals(given)) {
            throw new StoreException(
                "storage option 'account_name' ("
                    + given
                    + ") differs from the account of '"
                    + uri
                    + "' ("
                    + account
                    + ")");
          }
          account = given;
        }
        case "account_key" -> b.accountKey(read.text(name, v));
        case "connection_string" -> b.connectionString(read.text(name, v));
        case "sas_token" -> b.sasToken(read.text(name, v));
        case "anon", "anonymous" -> {
          anonymous = read.bool(name, v);
          b.anonymous(anonymous);
        }
        case "endpoint", "endpoint_url" -> b.endpoint(read.endpoint(name, v));
        case "read_only" -> b.readOnly(read.bool(name, v));
        case "block_threshold" -> b.blockThreshold(read.bytes(name, v));
        case "block_size" -> b.blockSize(read.bytes(name, v));
        default -> read.checkKnown(name);
      }
    }
    boolean located =
        account != null
            || options.containsKey("connection_string")
            || options.containsKey("endpoint")
            || options.containsKey("endpoint_url");
    boolean signed = options.containsKey("account_key") || options.containsKey("sas_token");
    if (!located && !signed && !anonymous) {
      String connection = environment.get("AZURE_STORAGE_CONNECTION_STRING");
      if (connection != null && !connection.isBlank()) {
        b.connectionString(connection);
      } else if (environment.get("AZURE_STORAGE_ACCOUNT_NAME") != null) {
        account = environment.get("AZURE_STORAGE_ACCOUNT_NAME");
        b.accountKey(environment.get("AZURE_STORAGE_ACCOUNT_KEY"));
        if (environment.get("AZURE_STORAGE_ACCOUNT_KEY") == null) {
          b.sasToken(environment.get("AZURE_STORAGE_SAS_TOKEN"));
        }
      }
    }
    b.accountName(account);
    b.remote(read.remote(options));
    return AzureBlobStore.open(read.build(b::build));
  }
}
