package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The latency proxy in front of the JDK's HTTP server: delays, counts, concurrency, half-close. */
class LatencyProxyTest {
  private static HttpServer server;
  private static ExecutorService serverThreads;

  @BeforeAll
  static void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    // answers "<path> <bytes of the request body>"
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          byte[] answer =
              (exchange.getRequestURI().getPath() + " " + body.length)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private static URI uri(LatencyProxy proxy, String path) {
    return URI.create("http://127.0.0.1:" + proxy.port() + path);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @Test
  void requestsOnOneConnectionAreEachDelayedAndCounted() throws Exception {
    try (LatencyProxy proxy = LatencyProxy.start(server.getAddress().getPort(), ms(60))) {
      HttpClient http = client();
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri(proxy, "/a" + i)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("/a" + i + " 0");
      }
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsed).isGreaterThanOrEqualTo(3 * 60);
      assertThat(proxy.requests()).isEqualTo(3);
      assertThat(proxy.connections()).isEqualTo(1); // kept alive
      assertThat(proxy.maxInFlight()).isEqualTo(1);
    }
  }

  @Test
  void concurrentRequestsWaitTheDelayTogether() throws Exception {
    int n = 32;
    try (LatencyProxy proxy = LatencyProxy.start(server.getAddress().getPort(), ms(100))) {
      HttpClient http = client();
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(
            http.sendAsync(
                HttpRequest.newBuilder(uri(proxy, "/c" + i)).build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < n; i++) {
        assertThat(answers.get(i).get().body()).isEqualTo("/c" + i + " 0");
      }
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      // one at a time would take n x 100 ms
      assertThat(elapsed).isBetween(100L, n * 100L * 4 / 10);
      assertThat(proxy.requests()).isEqualTo(n);
      assertThat(proxy.maxOpenConnections()).isGreaterThan(1);
      assertThat(proxy.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(n);
    }
  }

  @Test
  void bodiesPassWholeAndExpectContinueIsOneRequest() throws Exception {
    byte[] body = new byte[3 << 20];
    new SplittableRandom(12).nextBytes(body);
    try (LatencyProxy proxy = LatencyProxy.start(server.getAddress().getPort(), ms(20))) {
      HttpResponse<String> r =
          client()
              .send(
                  HttpRequest.newBuilder(uri(proxy, "/put"))
                      .expectContinue(true)
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("/put " + body.length);
      assertThat(proxy.requests()).isEqualTo(1);
      proxy.resetCounts();
      assertThat(proxy.requests()).isZero();
      assertThat(proxy.connections()).isZero();
    }
  }

  @Test
  void aClientsHalfCloseIsPassedOnAndTheAnswerStillArrives() throws Exception {
    try (LatencyProxy proxy = LatencyProxy.start(server.getAddress().getPort(), ms(10));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /half HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try (InputStream in = s.getInputStream()) {
        in.transferTo(answer); // to the end of the stream: the server's close came through
      }
      String text = answer.toString(StandardCharsets.US_ASCII);
      assertThat(text).startsWith("HTTP/1.1 200").endsWith("/half 0");
      assertThat(proxy.requests()).isEqualTo(1);
    }
  }

  @Test
  void closingTheProxyEndsItsConnections() throws Exception {
    LatencyProxy proxy = LatencyProxy.start(server.getAddress().getPort(), ms(0));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      s.setSoTimeout(5000);
      proxy.close();
      proxy.close(); // idempotent
      int read;
      try {
        read = s.getInputStream().read();
      } catch (java.net.SocketException reset) {
        read = -1; // ended by a reset rather than a close: ended all the same
      }
      assertThat(read).isEqualTo(-1);
    }
  }

  private static Duration ms(long n) {
    return Duration.ofMillis(n);
  }
}
