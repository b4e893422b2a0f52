package dev.zarr4j.testkit;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 server in this JVM for tests and benchmarks: S3Proxy ({@code org.gaul:s3proxy}) on a
 * free loopback port, about half a second to start. The testkit's dependency on S3Proxy is
 * optional: a module that uses this class declares {@code org.gaul:s3proxy} itself (excluding
 * logback, with {@code jackson-annotations} pinned; see {@code zarr4j-store-s3}'s pom).
 */
public final class S3ProxyServer implements AutoCloseable {
  private static final long START_SECONDS = 20;

  private final S3Proxy proxy;
  private final BlobStore blobs;

  private S3ProxyServer(S3Proxy proxy, BlobStore blobs) {
    this.proxy = proxy;
    this.blobs = blobs;
  }

  /** A server keeping its objects in memory, checking signatures with the given keys. */
  public static S3ProxyServer start(String accessKey, String secretKey) throws Exception {
    return start(new TransientNio2BlobStore(), accessKey, secretKey);
  }

  /**
   * A server over {@code blobs} (several servers may share one), checking signatures with the given
   * keys, or taking anonymous requests (a public bucket) when {@code accessKey} is null.
   *
   * @throws IllegalStateException if it has not started within 20 s
   */
  public static S3ProxyServer start(BlobStore blobs, String accessKey, String secretKey)
      throws Exception {
    S3Proxy.Builder b =
        S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"));
    if (accessKey != null) {
      b.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey);
    }
    S3Proxy proxy = b.build();
    proxy.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException(
            "S3Proxy did not start within " + START_SECONDS + " s: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    return new S3ProxyServer(proxy, blobs);
  }

  /** Stops the server when the JVM ends (for a server shared by a whole test run). */
  public S3ProxyServer closeAtExit() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    return this;
  }

  /** The loopback port the server listens on. */
  public int port() {
    return proxy.getPort();
  }

  /** The server's URL, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Creates a bucket, directly in the server's blob store. */
  public void createBucket(String name) {
    blobs.createContainer(name);
  }

  /** Stops the server. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // stopping a server that is going away anyway: nothing to report
    }
  }
}
