package dev.zarr4j.cli;

import dev.zarr4j.testkit.S3ProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real servers for the CLI's store URLs, each started once per test JVM on a free loopback port:
 * S3Proxy (in this JVM, objects in memory, signed requests; as zarr4j-store-s3's tests run it) and
 * Debian's {@code redis-server} (a child process without persistence; the test is skipped when it
 * is not installed, and fails instead under {@code -Dzarr4j.interop.required=true}).
 */
final class TestServers {
  static final String ACCESS = "zarr4j-cli-access";
  static final String SECRET = "zarr4j-cli-secret";
  static final String REDIS = System.getProperty("zarr4j.redis.server", "/usr/bin/redis-server");

  private static S3ProxyServer s3;
  private static Process redis;
  private static int redisPort;

  private TestServers() {}

  /** The S3 endpoint, started on first use. */
  static synchronized URI s3() throws Exception {
    if (s3 == null) {
      s3 = S3ProxyServer.start(ACCESS, SECRET).closeAtExit();
    }
    return s3.endpoint();
  }

  /** Creates a bucket on the S3 server. */
  static void createBucket(String name) throws Exception {
    s3();
    s3.createBucket(name);
  }

  /** The storage options that reach the S3 server, as {@code KEY=VALUE} texts. */
  static List<String> s3Options() throws Exception {
    return List.of(
        "endpoint_url=" + s3(),
        "region=us-east-1",
        "path_style=true",
        "key=" + ACCESS,
        "secret=" + SECRET);
  }

  /** The port of a running redis-server, started on first use (skips the test when missing). */
  static synchronized int redis() throws IOException, InterruptedException {
    if (redis == null) {
      if (!Files.isExecutable(Path.of(REDIS))) {
        if (Boolean.getBoolean("zarr4j.interop.required")) {
          throw new AssertionError(REDIS + " is required (Debian redis-server) but missing");
        }
        Assumptions.abort(REDIS + " is not installed (Debian package redis-server)");
      }
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        redisPort = socket.getLocalPort();
      }
      Path dir = Files.createTempDirectory("zarr4j-cli-redis");
      Process p =
          new ProcessBuilder(
                  REDIS,
                  "--port",
                  Integer.toString(redisPort),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--dir",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (true) {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
          break;
        } catch (IOException notYet) {
          if (!p.isAlive() || System.nanoTime() > deadline) {
            p.destroy();
            throw new AssertionError(
                "redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
          }
          Thread.sleep(20);
        }
      }
      redis = p;
    }
    return redisPort;
  }
}
