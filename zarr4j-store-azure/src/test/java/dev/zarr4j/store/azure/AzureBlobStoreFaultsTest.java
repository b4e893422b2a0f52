package dev.zarr4j.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.remote.RemoteOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the store meets a service that fails: a small real HTTP server on a loopback port answers
 * every request with a chosen status and Azure error code, and the store's retries are counted.
 * Server errors and throttling are retried until the attempts run out, refusals end the call at
 * once, an unreachable endpoint is retried as a transient failure; every final {@link
 * StoreException} names the container's URL.
 */
class AzureBlobStoreFaultsTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A server answering every request with {@code status} and {@code code}. */
  private URI serverAnswering(int status, String code) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>"
                      + code
                      + "</Code><Message>from the test</Message></Error>")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("x-ms-error-code", code);
          exchange.getResponseHeaders().add("Content-Type", "application/xml");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/account1");
  }

  private static AzureBlobStoreOptions options(URI endpoint) {
    return AzureBlobStoreOptions.builder("data")
        .endpoint(endpoint)
        .accountName("account1")
        .accountKey("a2V5")
        .remote(
            RemoteOptions.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(1))
                .requestTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2))
                .build())
        .build();
  }

  @Test
  void serverErrorsAreRetriedUntilTheAttemptsRunOut() throws Exception {
    URI endpoint = serverAnswering(503, "ServerBusy");
    assertThatThrownBy(() -> AzureBlobStore.open(options(endpoint)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("az://data")
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("503");
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void throttlingIsRetriedToo() throws Exception {
    URI endpoint = serverAnswering(429, "TooManyRequests");
    assertThatThrownBy(() -> AzureBlobStore.open(options(endpoint)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("after 3 attempts");
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void aRefusedKeyEndsTheCallAtOnce() throws Exception {
    URI endpoint = serverAnswering(403, "AuthenticationFailed");
    assertThatThrownBy(() -> AzureBlobStore.open(options(endpoint)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("az://data")
        .hasMessageContaining("credentials were refused");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void anUnreachableEndpointIsRetriedAsTransient() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/account1");
    assertThatThrownBy(() -> AzureBlobStore.open(options(endpoint)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("az://data")
        .hasMessageContaining("after 3 attempts");
  }
}
