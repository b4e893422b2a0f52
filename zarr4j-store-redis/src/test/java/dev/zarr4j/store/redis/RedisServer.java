package dev.zarr4j.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Debian {@code redis-server}, started once per test JVM on a free loopback port with no
 * persistence and a temporary working directory, and stopped when the JVM exits. Tests are skipped
 * when the binary is missing, and fail instead under {@code -Dzarr4j.interop.required=true} (which
 * {@code bin/test} sets after installing it).
 */
final class RedisServer {
  static final String BINARY = System.getProperty("zarr4j.redis.server", "/usr/bin/redis-server");

  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static RedisServer running;
  private static Throwable failed;

  final int port;
  private final Process process;
  private final Path dir;

  private RedisServer(int port, Process process, Path dir) {
    this.port = port;
    this.process = process;
    this.dir = dir;
  }

  /** The running server, started on first use; skips or fails the test when it cannot start. */
  static synchronized RedisServer get() {
    if (running == null && failed == null) {
      try {
        running = start();
      } catch (Exception | AssertionError e) {
        failed = e;
      }
    }
    if (failed != null) {
      if (Boolean.getBoolean("zarr4j.interop.required")) {
        throw new AssertionError("redis-server is required but did not start: " + failed, failed);
      }
      Assumptions.abort("redis-server not usable at " + BINARY + ": " + failed);
    }
    return running;
  }

  /** A store on the server under a prefix no other test uses. */
  RedisStore.Builder newStore() {
    return RedisStore.builder()
        .host("127.0.0.1")
        .port(port)
        .prefix("test" + PREFIXES.incrementAndGet() + "-" + ProcessHandle.current().pid());
  }

  private static RedisServer start() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IOException(BINARY + " is not installed (Debian package redis-server)");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path dir = Files.createTempDirectory("zarr4j-redis");
    Process process =
        new ProcessBuilder(
                List.of(
                    BINARY,
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    dir.toString(),
                    "--protected-mode",
                    "yes"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    RedisServer server = new RedisServer(port, process, dir);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-server-stop"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server exited with " + process.exitValue() + ": " + server.log());
      }
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        if (probe.isConnected()) {
          return server;
        }
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    server.stop();
    throw new IOException("redis-server did not listen on port " + port + ": " + server.log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
