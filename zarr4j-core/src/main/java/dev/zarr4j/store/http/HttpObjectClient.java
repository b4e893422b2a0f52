package dev.zarr4j.store.http;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.remote.ObjectClient;
import dev.zarr4j.store.remote.ObjectInfo;
import dev.zarr4j.store.remote.ObjectSlice;
import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.TransientRequestException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HEAD and ranged GET of the files under one base URL, on {@link HttpClient}. Every attempt is
 * bounded by the request timeout, the answer's body included.
 */
final class HttpObjectClient implements ObjectClient {
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("bytes\\s+(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);

  private final String base;
  private final HttpClient client;
  private final RemoteOptions options;
  private final Map<String, String> headers;

  /**
   * @param base the base URL, ending with {@code /}
   * @param headers extra headers sent with every request
   */
  HttpObjectClient(URI base, RemoteOptions options, Map<String, String> headers) {
    this.base = base.toString();
    this.options = options;
    this.headers = Map.copyOf(headers);
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    if ("http".equalsIgnoreCase(base.getScheme())) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempts on plain HTTP
    }
    this.client = b.build();
  }

  @Override
  public String url(String key) {
    return base + encodePath(key);
  }

  /** Percent-encodes a key's characters that may not appear in a URL path, segment by segment. */
  static String encodePath(String key) {
    StringBuilder sb = new StringBuilder(key.length() + 16);
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~/!$&'()*,;=:@".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    HttpRequest request = request(key).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<byte[]> r = send(key, request, HttpResponse.BodyHandlers.ofByteArray());
    int status = r.statusCode();
    if (status == 404 || status == 410) {
      return Optional.empty();
    }
    if (status != 200) {
      throw failure(key, "HEAD", r);
    }
    OptionalLong length = r.headers().firstValueAsLong("Content-Length");
    if (length.isEmpty()) {
      // no length on HEAD (some servers send a chunked body): ask for the last byte instead
      return get(key, new ByteRange.Suffix(1), null)
          .map(s -> new ObjectInfo(s.totalSize() >= 0 ? s.totalSize() : s.end(), s.version()));
    }
    return Optional.of(new ObjectInfo(length.getAsLong(), etag(r)));
  }

  @Override
  public Optional<ObjectSlice> get(String key, ByteRange range, String version) {
    HttpRequest.Builder b = request(key).GET();
    String header = rangeHeader(range);
    if (header != null) {
      b.header("Range", header);
    }
    if (version != null) {
      b.header("If-Match", version);
    }
    HttpResponse<byte[]> r = send(key, b.build(), HttpResponse.BodyHandlers.ofByteArray());
    int status = r.statusCode();
    byte[] body = r.body() == null ? new byte[0] : r.body();
    switch (status) {
      case 200:
        return Optional.of(new ObjectSlice(ByteBuffer.wrap(body), 0, body.length, etag(r)));
      case 206:
        {
          Matcher m = contentRange(r);
          if (m == null || m.group(1) == null) {
            throw new StoreException(
                "the server at "
                    + url(key)
                    + " answered 206 without a usable Content-Range ("
                    + r.headers().firstValue("Content-Range").orElse("none")
                    + "; several ranges are never asked for)");
          }
          long start = Long.parseLong(m.group(1));
          long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
          return Optional.of(new ObjectSlice(ByteBuffer.wrap(body), start, total, etag(r)));
        }
      case 416:
        {
          // the range starts at or past the end: no bytes, at the end of the value
          Matcher m = contentRange(r);
          if (m != null && !"*".equals(m.group(3))) {
            long total = Long.parseLong(m.group(3));
            return Optional.of(new ObjectSlice(ByteBuffer.allocate(0), total, total, etag(r)));
          }
          return head(key)
              .map(
                  i ->
                      new ObjectSlice(
                          ByteBuffer.allocate(0),
                          Math.min(i.size(), Math.max(0, range.start(i.size()))),
                          i.size(),
                          i.version()));
        }
      case 404:
      case 410:
        return Optional.empty();
      case 412:
        throw new StoreException(
            "key '" + key + "' at " + url(key) + " changed while it was open for reading");
      default:
        throw failure(key, "GET", r);
    }
  }

  private HttpRequest.Builder request(String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(key))).timeout(options.requestTimeout());
    headers.forEach(b::header);
    return b;
  }

  /** The Range header of a range, or null for the whole value. */
  static String rangeHeader(ByteRange range) {
    if (range instanceof ByteRange.Bounded bounded) {
      long last = bounded.offset() + bounded.length() - 1;
      return last < bounded.offset()
          ? "bytes=" + bounded.offset() + "-" // overflow: to the end
          : "bytes=" + bounded.offset() + "-" + last;
    } else if (range instanceof ByteRange.FromOffset from) {
      return from.offset() == 0 ? null : "bytes=" + from.offset() + "-";
    } else if (range instanceof ByteRange.Suffix suffix) {
      return "bytes=-" + suffix.length();
    }
    return null;
  }

  private static Matcher contentRange(HttpResponse<?> r) {
    Optional<String> v = r.headers().firstValue("Content-Range");
    if (v.isEmpty()) {
      return null;
    }
    Matcher m = CONTENT_RANGE.matcher(v.get().strip());
    return m.matches() ? m : null;
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").filter(e -> !e.startsWith("W/")).orElse(null);
  }

  /** One attempt, the body included, within the request timeout. */
  private <T> HttpResponse<T> send(
      String key, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> f = client.sendAsync(request, handler);
    try {
      return f.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new TransientRequestException(
          "no complete answer within " + options.requestTimeout().toMillis() + " ms", e);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreException(
          request.method() + " of key '" + key + "' at " + url(key) + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw new TransientRequestException(
            "no complete answer within " + options.requestTimeout().toMillis() + " ms", cause);
      }
      if (cause instanceof IOException) {
        // resets, refused connections, timeouts (HttpTimeoutException is an IOException)
        throw new TransientRequestException(String.valueOf(cause), cause);
      }
      throw new StoreException(
          request.method() + " of key '" + key + "' at " + url(key) + " failed: " + cause, cause);
    }
  }

  /** The error for a status that is neither success nor absence. */
  private RuntimeException failure(String key, String method, HttpResponse<?> r) {
    int status = r.statusCode();
    String what = "HTTP " + status;
    if (status == 408 || status == 429 || status >= 500) {
      return new TransientRequestException(what);
    }
    return new StoreException(method + " of key '" + key + "' at " + url(key) + " failed: " + what);
  }
}
