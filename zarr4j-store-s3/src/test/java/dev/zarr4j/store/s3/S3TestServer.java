package dev.zarr4j.store.s3;

import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.testkit.S3ProxyServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the tests: S3Proxy in this JVM on free loopback ports, keeping objects in
 * memory, started once per test JVM (about half a second), each answer's ETag naming the bytes it
 * carries ({@link VersionPairingBlobStore}). Two endpoints share one blob store: one that checks
 * signatures (keys {@link #ACCESS} / {@link #SECRET}) and one that takes anonymous requests, which
 * stands for a public bucket.
 */
final class S3TestServer {
  static final String ACCESS = "zarr4j-test-access";
  static final String SECRET = "zarr4j-test-secret";

  private static S3TestServer shared;

  private final S3ProxyServer signed;
  private final S3ProxyServer open;
  private final S3Client admin;
  private final AtomicInteger next = new AtomicInteger();

  private S3TestServer() throws Exception {
    // S3Proxy's in-memory store pairs an ETag with the bytes served only when nothing overwrites
    // the object between the two (see VersionPairingBlobStore); S3 always pairs them
    BlobStore blobs = new VersionPairingBlobStore(new TransientNio2BlobStore());
    signed = S3ProxyServer.start(blobs, ACCESS, SECRET).closeAtExit();
    open = S3ProxyServer.start(blobs, null, null).closeAtExit();
    admin = client(List.of());
  }

  /**
   * A new client with the server's keys, each call passing through {@code interceptors} (which
   * tests use to act between two requests of a store); close it after use.
   */
  S3Client client(List<ExecutionInterceptor> interceptors) {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor))
        .build();
  }

  /** The server, started on first use. */
  static synchronized S3TestServer get() throws Exception {
    if (shared == null) {
      shared = new S3TestServer();
    }
    return shared;
  }

  /** The endpoint that checks signatures. */
  URI endpoint() {
    return signed.endpoint();
  }

  /** The endpoint that takes anonymous requests to the same buckets. */
  URI anonymousEndpoint() {
    return open.endpoint();
  }

  /** A new empty bucket with a name of its own. */
  String newBucket() {
    String name = "zarr4j-test-" + next.incrementAndGet();
    admin.createBucket(b -> b.bucket(name));
    return name;
  }

  /** A client with the server's keys, for checking what the store did. */
  S3Client admin() {
    return admin;
  }

  /** Options for a store in {@code bucket} with the server's keys and short retry limits. */
  S3StoreOptions.Builder options(String bucket) {
    return S3StoreOptions.builder(bucket)
        .endpoint(endpoint())
        .region("us-east-1")
        .pathStyle(true)
        .credentials(ACCESS, SECRET)
        .remote(
            RemoteOptions.builder()
                .requestTimeout(Duration.ofSeconds(20))
                .retryDeadline(Duration.ofSeconds(30))
                .initialBackoff(Duration.ofMillis(10))
                .build());
  }
}
