package dev.zarr4j.store.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.PublicAccessType;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.zarr4j.store.remote.RemoteOptions;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Azure Blob service for the tests: azurite (npm {@code azurite@3.37.0}), the blob service
 * only, in memory, on a loopback port. {@code bin/test} starts one and passes its port as {@code
 * -Dzarr4j.azurite.port}; without it, the first test that needs the server starts {@code
 * azurite-blob} from {@code .cache/azurite} (where {@code bin/test} installs it, or {@code
 * -Dzarr4j.azurite.bin}) for this JVM and kills it when the JVM ends. Without either, the tests are
 * skipped, or fail under {@code -Dzarr4j.interop.required=true}.
 */
final class AzuriteTestServer {
  /** Azurite's account, with the key the emulator publishes for it. */
  static final String ACCOUNT = "devstoreaccount1";

  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static AzuriteTestServer shared;
  private static String unavailable;

  private final int port;
  private final BlobServiceClient admin;
  private final AtomicInteger next = new AtomicInteger();

  private AzuriteTestServer(int port) {
    this.port = port;
    this.admin =
        new BlobServiceClientBuilder()
            .endpoint(endpoint().toString())
            .credential(new StorageSharedKeyCredential(ACCOUNT, KEY))
            .buildClient();
  }

  /**
   * The server: the one {@code bin/test} started, or one started now for this JVM. Skips the
   * calling test when there is none, or fails it when interop is required.
   */
  static synchronized AzuriteTestServer get() {
    if (shared == null && unavailable == null) {
      try {
        shared = new AzuriteTestServer(findOrStart());
      } catch (Exception e) {
        unavailable = e.getMessage();
      }
    }
    if (shared == null) {
      String problem = "no azurite to test against: " + unavailable;
      if (Boolean.getBoolean("zarr4j.interop.required")) {
        throw new AssertionError(problem + " (interop is required)");
      }
      Assumptions.abort(problem);
    }
    return shared;
  }

  private static int findOrStart() throws Exception {
    String given = System.getProperty("zarr4j.azurite.port", "");
    if (!given.isBlank()) {
      int port = Integer.parseInt(given.strip());
      awaitAnswer(port, null, Duration.ofSeconds(60));
      return port;
    }
    Path bin =
        Path.of(
            System.getProperty(
                "zarr4j.azurite.bin",
                Path.of("..", ".cache", "azurite", "node_modules", ".bin", "azurite-blob")
                    .toString()));
    if (!Files.isExecutable(bin)) {
      throw new IOException(
          bin.toAbsolutePath().normalize()
              + " is missing (bin/test installs it; or pass -Dzarr4j.azurite.port of a running"
              + " azurite)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("zarr4j-azurite", ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    bin.toString(),
                    "--blobHost",
                    "127.0.0.1",
                    "--blobPort",
                    String.valueOf(port),
                    "--inMemoryPersistence",
                    "--skipApiVersionCheck",
                    "--loose",
                    "--silent"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // azurite ignores SIGTERM while it holds connections: SIGKILL, as bin/test does
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.descendants().forEach(ProcessHandle::destroyForcibly);
                  process.destroyForcibly();
                }));
    awaitAnswer(port, process, Duration.ofSeconds(90));
    return port;
  }

  /** Waits until the blob service answers HTTP on the port. */
  private static void awaitAnswer(int port, Process process, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        HttpURLConnection c =
            (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT + "?comp=list")
                    .toURL()
                    .openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(5000);
        c.getResponseCode(); // any answer (403 unsigned) means it is up
        c.disconnect();
        return;
      } catch (IOException e) {
        if (process != null && !process.isAlive()) {
          throw new IOException("azurite exited with status " + process.exitValue(), e);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("azurite did not answer on port " + port + " within " + limit, e);
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /** The blob service's URL, with the account in the path as the emulator wants. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT);
  }

  /** A connection string for the emulator's account. */
  String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + KEY
        + ";BlobEndpoint="
        + endpoint()
        + ";";
  }

  /** A new empty container with a name of its own. */
  String newContainer() {
    String name = "zarr4j-test-" + ProcessHandle.current().pid() + "-" + next.incrementAndGet();
    admin.createBlobContainer(name);
    return name;
  }

  /** A new empty container whose blobs anyone may read and list. */
  String newPublicContainer() {
    String name = newContainer();
    admin.getBlobContainerClient(name).setAccessPolicy(PublicAccessType.CONTAINER, null);
    return name;
  }

  /** A client of a container with the account's key, for checking what the store did. */
  BlobContainerClient admin(String container) {
    return admin.getBlobContainerClient(container);
  }

  /** Options for a store in {@code container} with the account's key and short retry limits. */
  AzureBlobStoreOptions.Builder options(String container) {
    return AzureBlobStoreOptions.builder(container)
        .endpoint(endpoint())
        .accountName(ACCOUNT)
        .accountKey(KEY)
        .remote(
            RemoteOptions.builder()
                .requestTimeout(Duration.ofSeconds(20))
                .retryDeadline(Duration.ofSeconds(30))
                .initialBackoff(Duration.ofMillis(10))
                .build());
  }
}
