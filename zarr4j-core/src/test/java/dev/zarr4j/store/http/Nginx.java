package dev.zarr4j.store.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx serving a directory on a free loopback port, started without root: a generated
 * configuration in a directory of its own (pid, logs and temporary files inside it), one process
 * ({@code master_process off}, {@code daemon off}), stopped by {@link #close()}. The access log has
 * one line per request: {@code METHOD URI "RANGE" STATUS}.
 */
final class Nginx implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final int port;
  private final Path accessLog;

  private Nginx(Process process, int port, Path accessLog) {
    this.process = process;
    this.port = port;
    this.accessLog = accessLog;
  }

  /**
   * Starts nginx serving {@code root}, its own files in {@code work}. Skips the calling test when
   * nginx is not installed, or fails it under {@code -Dzarr4j.interop.required=true}.
   */
  static Nginx serve(Path root, Path work) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      if (Boolean.getBoolean("zarr4j.interop.required")) {
        throw new AssertionError("nginx is required but not installed at " + BINARY);
      }
      Assumptions.abort("nginx not installed at " + BINARY + " (Debian package nginx-light)");
    }
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path dir = Files.createDirectories(work.resolve("nginx-" + port));
      Files.createDirectories(dir.resolve("tmp"));
      Path conf = dir.resolve("nginx.conf");
      Path log = dir.resolve("access.log");
      Files.writeString(conf, config(root, dir, port), StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(
                  BINARY.toString(),
                  "-p",
                  dir.toString(),
                  "-e",
                  dir.resolve("error.log").toString(), // not /var/log/nginx: no root needed
                  "-c",
                  conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline && p.isAlive()) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return new Nginx(p, port, log);
        } catch (IOException e) {
          last = e;
          Thread.sleep(20);
        }
      }
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      // the port was taken meanwhile, or nginx failed: its error log says which
      last =
          new IOException(
              "nginx did not start on port "
                  + port
                  + ": "
                  + (Files.exists(dir.resolve("error.log"))
                      ? Files.readString(dir.resolve("error.log"))
                      : "no error log"),
              last);
    }
    throw last;
  }

  private static String config(Path root, Path dir, int port) {
    return String.join(
        "\n",
        "daemon off;",
        "master_process off;",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 512; }",
        "http {",
        "  log_format counted '$request_method $request_uri \"$http_range\" $status';",
        "  access_log " + dir.resolve("access.log") + " counted;",
        "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
        "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
        "  default_type application/octet-stream;",
        "  keepalive_requests 100000;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    root " + root.toAbsolutePath() + ";",
        "    location / { }",
        "  }",
        "}",
        "");
  }

  /** The base URL of the served directory, ending with {@code /}. */
  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** The requests logged so far, one line each. */
  List<String> requests() throws IOException {
    return Files.exists(accessLog) ? Files.readAllLines(accessLog) : List.of();
  }

  /** Forgets the requests logged so far. */
  void clearRequests() throws IOException {
    Files.write(accessLog, new byte[0]);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    assertThat(process.isAlive()).isFalse();
  }
}
