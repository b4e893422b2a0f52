package dev.zarr4j.store.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.remote.RemoteOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's own client (the library's HTTP transport, its retries off, our timeouts) against a
 * plain HTTP server on loopback that answers as the service does when it fails: every request it
 * receives is recorded, so the tests see that the library sends one request per attempt, that
 * overloaded answers are retried within the limits and refusals are not, that a silent server is
 * given up after the timeout, and what a whole and a ranged read send. It is not a GCS emulator: it
 * answers only what each test scripts.
 */
class GcsStoreFaultsTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Starts the server; {@code answer} answers every request. */
  private URI serve(Consumer<HttpExchange> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + (exchange.getRequestHeaders().containsKey("Range")
                      ? " Range: " + exchange.getRequestHeaders().getFirst("Range")
                      : ""));
          try {
            answer.accept(exchange);
          } finally {
            exchange.close();
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void send(HttpExchange e, int status, String contentType, byte[] body) {
    try {
      e.getResponseHeaders().set("Content-Type", contentType);
      e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        e.getResponseBody().write(body);
      }
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  private static void error(HttpExchange e, int status, String reason) {
    String json =
        "{\"error\": {\"code\": "
            + status
            + ", \"message\": \""
            + reason
            + "\", \"errors\": [{\"reason\": \""
            + reason
            + "\", \"message\": \""
            + reason
            + "\"}]}}";
    send(e, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static GcsStore open(URI endpoint, Duration timeout) {
    return GcsStore.open(
        GcsStoreOptions.builder("bkt")
            .prefix("p")
            .anonymous(true)
            .endpoint(endpoint)
            .remote(
                RemoteOptions.builder()
                    .requestTimeout(timeout)
                    .connectTimeout(Duration.ofSeconds(2))
                    .retryDeadline(Duration.ofSeconds(10))
                    .initialBackoff(Duration.ofMillis(5))
                    .maxBackoff(Duration.ofMillis(20))
                    .maxAttempts(3)
                    .build())
            .build());
  }

  @Test
  void anOverloadedServiceGetsOneRequestPerAttemptAndTheFailureNamesTheUrl() throws Exception {
    URI endpoint = serve(e -> error(e, 503, "backendError"));
    try (GcsStore store = open(endpoint, Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> store.get("k"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/p/k")
          .hasMessageContaining("3 attempts")
          .hasMessageContaining("503");
      assertThat(requests).as("the library's own retries are off").hasSize(3);
    }
  }

  @Test
  void aRefusalIsNotRetried() throws Exception {
    URI endpoint = serve(e -> error(e, 403, "forbidden"));
    try (GcsStore store = open(endpoint, Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> store.set("k", new byte[] {1}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/p/k")
          .hasMessageContaining("access denied");
      assertThat(requests).hasSize(1);
      requests.clear();
      assertThatThrownBy(() -> store.listDir(""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/p/")
          .hasMessageContaining("access denied");
      assertThat(requests).hasSize(1);
    }
  }

  @Test
  void anAbsentObjectIsAbsent() throws Exception {
    URI endpoint = serve(e -> error(e, 404, "notFound"));
    try (GcsStore store = open(endpoint, Duration.ofSeconds(5))) {
      assertThat(store.get("k")).isEmpty();
      assertThat(store.contains("k")).isFalse();
      assertThat(store.size("k")).isEqualTo(-1);
      assertThat(store.get("k", ByteRange.of(2, 3))).isEmpty();
      assertThat(store.open("k")).isEmpty();
    }
  }

  @Test
  void aSilentServerIsGivenUpAfterTheTimeoutOfEachAttempt() throws Exception {
    URI endpoint =
        serve(
            e -> {
              try {
                Thread.sleep(3_000);
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            });
    try (GcsStore store = open(endpoint, Duration.ofMillis(300))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store.get("k"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/p/k")
          .hasMessageContaining("3 attempts");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws Exception {
    URI endpoint = serve(e -> {});
    server.stop(0);
    server = null;
    try (GcsStore store = open(endpoint, Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> store.get("k"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/p/k")
          .hasMessageContaining("3 attempts");
    }
  }

  @Test
  void wholeAndRangedReadsSendWhatTheServiceExpects() throws Exception {
    byte[] value = "0123456789".getBytes(StandardCharsets.US_ASCII);
    URI endpoint =
        serve(
            e -> {
              String uri = e.getRequestURI().toString();
              if (uri.contains("alt=media")) {
                String range = e.getRequestHeaders().getFirst("Range");
                int from = 0;
                int to = value.length - 1;
                if (range != null) {
                  String[] r = range.substring("bytes=".length()).split("-");
                  from = Integer.parseInt(r[0]);
                  to = r.length > 1 ? Math.min(to, Integer.parseInt(r[1])) : to;
                  e.getResponseHeaders()
                      .set("Content-Range", "bytes " + from + "-" + to + "/" + value.length);
                }
                e.getResponseHeaders().set("x-goog-generation", "77");
                byte[] body = java.util.Arrays.copyOfRange(value, from, to + 1);
                try {
                  e.getResponseHeaders().set("Content-Type", "application/octet-stream");
                  e.sendResponseHeaders(range == null ? 200 : 206, body.length);
                  e.getResponseBody().write(body);
                } catch (IOException ex) {
                  throw new java.io.UncheckedIOException(ex);
                }
              } else {
                String json =
                    "{\"kind\": \"storage#object\", \"bucket\": \"bkt\", \"name\": \"p/k\","
                        + " \"size\": \"10\", \"generation\": \"77\", \"metageneration\": \"1\"}";
                send(e, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
              }
            });
    try (GcsStore store = open(endpoint, Duration.ofSeconds(5))) {
      ByteBuffer whole = store.get("k").orElseThrow();
      assertThat(StandardCharsets.US_ASCII.decode(whole).toString()).isEqualTo("0123456789");
      assertThat(requests).hasSize(1);
      assertThat(requests.get(0))
          .startsWith("GET ")
          .contains("/b/bkt/o/p%2Fk")
          .contains("alt=media");
      requests.clear();
      ByteBuffer tail = store.get("k", new ByteRange.Suffix(4)).orElseThrow();
      assertThat(StandardCharsets.US_ASCII.decode(tail).toString()).isEqualTo("6789");
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0)).doesNotContain("alt=media");
      assertThat(requests.get(1))
          .contains("alt=media")
          .contains("ifGenerationMatch=77")
          .contains("Range: bytes=6-9");
      requests.clear();
      assertThat(store.size("k")).isEqualTo(10);
      assertThat(requests).hasSize(1);
      assertThat(requests.get(0)).doesNotContain("alt=media");
      try (ByteSource source = store.open("k").orElseThrow()) {
        requests.clear();
        ByteBuffer middle = source.read(ByteRange.of(3, 4));
        assertThat(StandardCharsets.US_ASCII.decode(middle).toString()).isEqualTo("3456");
        assertThat(requests)
            .as("an opened value: one ranged read of its generation")
            .singleElement()
            .satisfies(
                r ->
                    assertThat(r)
                        .contains("alt=media")
                        .contains("ifGenerationMatch=77")
                        .contains("Range: bytes=3-6"));
      }
    }
  }

  @Test
  void aSmallValueGoesUpInOneRequestAndALargeOneDeclaresItsSizeOnlyWithItsLastChunk()
      throws Exception {
    java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    URI[] endpoint = new URI[1];
    endpoint[0] =
        serve(
            e -> {
              try {
                byte[] body = e.getRequestBody().readAllBytes();
                String object =
                    "{\"kind\": \"storage#object\", \"bucket\": \"bkt\", \"name\": \"p/k\","
                        + " \"generation\": \"5\", \"size\": \"0\"}";
                String uri = e.getRequestURI().toString();
                if (uri.contains("uploadType=resumable")) {
                  e.getResponseHeaders().set("Location", endpoint[0] + "/upload/session/1");
                  send(e, 200, "application/json", new byte[0]);
                } else if (uri.startsWith("/upload/session/1")) {
                  String range = e.getRequestHeaders().getFirst("Content-Range");
                  requests.set(
                      requests.size() - 1, requests.get(requests.size() - 1) + " " + range);
                  long end = received.addAndGet(body.length);
                  if (range.endsWith("/*")) {
                    e.getResponseHeaders().set("Range", "bytes=0-" + (end - 1));
                    e.sendResponseHeaders(308, -1);
                  } else {
                    String done = object.replace("\"size\": \"0\"", "\"size\": \"" + end + "\"");
                    send(e, 200, "application/json", done.getBytes(StandardCharsets.UTF_8));
                  }
                } else {
                  send(e, 200, "application/json", object.getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
              }
            });
    GcsStoreOptions o =
        GcsStoreOptions.builder("bkt")
            .prefix("p")
            .anonymous(true)
            .endpoint(endpoint[0])
            .resumableThreshold(512 * 1024)
            .uploadChunkSize(GcsStoreOptions.CHUNK_GRANULARITY)
            .remote(RemoteOptions.builder().maxAttempts(1).build())
            .build();
    try (GcsStore store = GcsStore.open(o)) {
      store.set("k", new byte[1000]);
      assertThat(requests)
          .singleElement()
          .satisfies(r -> assertThat(r).startsWith("POST ").contains("uploadType=multipart"));
      requests.clear();
      int size = 600 * 1024;
      store.set("k", new byte[size]);
      assertThat(requests.get(0)).startsWith("POST ").contains("uploadType=resumable");
      List<String> chunks = requests.subList(1, requests.size());
      assertThat(chunks).allSatisfy(r -> assertThat(r).startsWith("PUT /upload/session/1"));
      assertThat(chunks.subList(0, chunks.size() - 1))
          .allSatisfy(r -> assertThat(r).endsWith("/*"));
      assertThat(chunks.get(chunks.size() - 1)).endsWith("/" + size);
      assertThat(received.get()).isEqualTo(size);
    }
  }

  @Test
  void listingsFollowEveryPage() throws Exception {
    URI endpoint =
        serve(
            e -> {
              String uri = e.getRequestURI().toString();
              boolean second = uri.contains("pageToken=t2");
              boolean oneLevel = uri.contains("delimiter=");
              String items =
                  oneLevel
                      ? (second ? item("p/y", 2) : item("p/x", 1))
                      : (second ? item("p/b/1", 4) : item("p/a/1", 1) + ", " + item("p/a/2", 2));
              String prefixes = oneLevel ? (second ? "[\"p/b/\"]" : "[\"p/a/\"]") : "[]";
              String json =
                  "{\"kind\": \"storage#objects\", \"items\": ["
                      + items
                      + "], \"prefixes\": "
                      + prefixes
                      + (second ? "" : ", \"nextPageToken\": \"t2\"")
                      + "}";
              send(e, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
            });
    try (GcsStore store = open(endpoint, Duration.ofSeconds(5))) {
      assertThat(store.listPrefix("")).containsExactly("a/1", "a/2", "b/1");
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0)).contains("prefix=p/").doesNotContain("pageToken");
      assertThat(requests.get(1)).contains("pageToken=t2");
      assertThat(store.totalSize("")).isEqualTo(7);
      requests.clear();
      assertThat(store.listDir("")).containsExactly("a", "b", "x", "y");
      assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r).contains("delimiter=/"));
    }
  }

  private static String item(String name, int size) {
    return "{\"kind\": \"storage#object\", \"bucket\": \"bkt\", \"name\": \""
        + name
        + "\", \"size\": \""
        + size
        + "\", \"generation\": \"1\"}";
  }
}
