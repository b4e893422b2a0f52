package dev.zarr4j.store.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small real HTTP server (the JDK's) on a free loopback port serving values from a map, with
 * faults to order: it may ignore {@code Range} (answering 200 with the whole value), fail the first
 * requests with 503, never answer, or wait before each answer. It records every request ({@code
 * METHOD /path RANGE}) and the most requests it had under way at once.
 */
final class TestHttpServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();

  volatile boolean honourRange = true;

  /** This many requests are answered 503 (then counted down). */
  final AtomicInteger failures = new AtomicInteger();

  volatile boolean hang;
  volatile long delayMillis;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  TestHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The base URL, ending with {@code /}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The requests of one method. */
  long count(String method) {
    return requests.stream().filter(r -> r.startsWith(method + " ")).count();
  }

  private void handle(HttpExchange ex) throws IOException {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try {
      String path = URI.create(ex.getRequestURI().toString()).getPath().substring(1);
      String range = ex.getRequestHeaders().getFirst("Range");
      requests.add(ex.getRequestMethod() + " /" + path + " " + range);
      if (hang) {
        Thread.sleep(60_000);
        return;
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(ex, 503, new byte[0], Map.of());
        return;
      }
      byte[] value = files.get(path);
      if (value == null) {
        send(ex, 404, "not found".getBytes(StandardCharsets.UTF_8), Map.of());
        return;
      }
      String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(value)) + "\"";
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (!honourRange || m == null || !m.matches()) {
        send(ex, 200, value, Map.of("ETag", etag));
        return;
      }
      long size = value.length;
      long start;
      long end;
      if (m.group(1).isEmpty()) {
        start = Math.max(0, size - Long.parseLong(m.group(2)));
        end = size - 1;
      } else {
        start = Long.parseLong(m.group(1));
        end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
      }
      if (start >= size) {
        send(ex, 416, new byte[0], Map.of("Content-Range", "bytes */" + size));
        return;
      }
      byte[] part = java.util.Arrays.copyOfRange(value, (int) start, (int) end + 1);
      send(
          ex,
          206,
          part,
          Map.of("Content-Range", "bytes " + start + "-" + end + "/" + size, "ETag", etag));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (head) {
      ex.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
