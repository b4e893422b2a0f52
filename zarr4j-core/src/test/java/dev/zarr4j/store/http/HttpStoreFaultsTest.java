package dev.zarr4j.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Stores;
import dev.zarr4j.store.remote.RemoteOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP store against a small real server that misbehaves on order: one that ignores {@code
 * Range}, fails with 503 before answering, never answers, or answers slowly (where a whole array
 * read must keep many requests in flight).
 */
class HttpStoreFaultsTest {
  private TestHttpServer server;
  private final List<HttpStore> stores = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new TestHttpServer();
  }

  @AfterEach
  void stop() {
    stores.forEach(HttpStore::close);
    server.close();
  }

  private HttpStore store(RemoteOptions options) {
    HttpStore s = HttpStore.at(URI.create(server.url()), options, Map.of());
    stores.add(s);
    return s;
  }

  private static RemoteOptions.Builder quick() {
    return RemoteOptions.builder()
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20))
        .requestTimeout(Duration.ofSeconds(5))
        .retryDeadline(Duration.ofSeconds(10));
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private static byte[] array(Optional<ByteBuffer> b) {
    ByteBuffer buf = b.orElseThrow().duplicate();
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }

  /** A random range of a value of {@code size} bytes, and the bytes it selects. */
  private static ByteRange randomRange(SplittableRandom r, int size) {
    switch (r.nextInt(4)) {
      case 0:
        return ByteRange.of(r.nextInt(size + 10), r.nextInt(size + 10));
      case 1:
        return new ByteRange.FromOffset(r.nextInt(size + 10));
      case 2:
        return new ByteRange.Suffix(r.nextInt(size + 10));
      default:
        return ByteRange.FULL;
    }
  }

  private static byte[] expected(byte[] value, ByteRange range) {
    return Arrays.copyOfRange(
        value, (int) range.start(value.length), (int) range.end(value.length));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void everyRangeReadsTheRightBytesWhetherOrNotTheServerHonoursRange(boolean honour) {
    server.honourRange = honour;
    byte[] value = bytes(5000, 1);
    server.files.put("dir/va lue é", value);
    HttpStore store = store(quick().coalesceGap(100).build());
    SplittableRandom r = new SplittableRandom(honour ? 7 : 8);
    for (int i = 0; i < 60; i++) {
      ByteRange range = randomRange(r, value.length);
      assertThat(array(store.get("dir/va lue é", range)))
          .as("%s", range)
          .isEqualTo(expected(value, range));
    }
    List<ByteRange> ranges = new ArrayList<>();
    List<KeyRange> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ByteRange range = randomRange(r, value.length);
      ranges.add(range);
      requests.add(KeyRange.of(i % 3 == 0 ? "absent" : "dir/va lue é", range));
    }
    List<Optional<ByteBuffer>> many = store.getMany(requests);
    ByteSource source = store.open("dir/va lue é").orElseThrow();
    List<ByteBuffer> fromSource = source.read(ranges);
    for (int i = 0; i < 20; i++) {
      assertThat(array(Optional.of(fromSource.get(i)))).isEqualTo(expected(value, ranges.get(i)));
      if (i % 3 == 0) {
        assertThat(many.get(i)).isEmpty();
      } else {
        assertThat(array(many.get(i))).isEqualTo(expected(value, ranges.get(i)));
      }
    }
    assertThat(source.size()).isEqualTo(5000);
    assertThat(store.size("dir/va lue é")).isEqualTo(5000);
    assertThat(store.contains("dir/va lue é")).isTrue();
    assertThat(server.requests).anyMatch(q -> q.startsWith("GET /dir/va lue é "));
  }

  @Test
  void absentKeysReadAsEmpty() {
    HttpStore store = store(quick().build());
    assertThat(store.get("nope")).isEmpty();
    assertThat(store.get("nope", ByteRange.of(0, 0))).isEmpty();
    assertThat(store.open("a/b")).isEmpty();
    assertThat(store.contains("a/b")).isFalse();
    assertThat(store.size("a/b")).isEqualTo(-1);
    assertThat(store.getInto("x", ByteBuffer::allocate)).isEmpty();
  }

  @Test
  void aServerFailingWith503AFewTimesIsRetried() {
    server.files.put("k", bytes(100, 2));
    server.failures.set(3);
    HttpStore store = store(quick().build());
    assertThat(array(store.get("k"))).isEqualTo(bytes(100, 2));
    assertThat(server.count("GET")).isEqualTo(4);
    assertThat(store.attempts()).isEqualTo(4);
  }

  @Test
  void aServerThatKeepsFailingEndsInAStoreExceptionNamingUrlAndKey() {
    server.files.put("a/k", bytes(100, 2));
    server.failures.set(1_000_000);
    HttpStore store = store(quick().maxAttempts(4).build());
    assertThatThrownBy(() -> store.get("a/k"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("key 'a/k'")
        .hasMessageContaining(server.url() + "a/k")
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("4 attempts");
    assertThat(server.count("GET")).isEqualTo(4);
  }

  @Test
  void connectionsResetByTheServerAreRetried() throws Exception {
    // a raw server: the first two connections are reset after the request, the third answered
    try (java.net.ServerSocket raw =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicInteger connections =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread t =
          new Thread(
              () -> {
                while (!raw.isClosed()) {
                  try (java.net.Socket c = raw.accept()) {
                    java.io.BufferedReader in =
                        new java.io.BufferedReader(
                            new java.io.InputStreamReader(
                                c.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                      // the request's head
                    }
                    if (connections.incrementAndGet() <= 2) {
                      c.setSoLinger(true, 0); // close with a reset
                      continue;
                    }
                    c.getOutputStream()
                        .write(
                            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                  } catch (java.io.IOException e) {
                    // closed
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      HttpStore store =
          HttpStore.at(
              URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/"),
              quick().build(),
              Map.of());
      stores.add(store);
      assertThat(array(store.get("k"))).isEqualTo("hello".getBytes());
      assertThat(connections.get()).isEqualTo(3);
      // the JDK's client itself tries an idempotent request once more on a reset connection, so
      // the store's own retries made two or three attempts; without them the read would fail
      assertThat(store.attempts()).isBetween(2L, 3L);
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    server.files.put("k", bytes(10, 3));
    server.hang = true;
    HttpStore store =
        store(
            quick()
                .requestTimeout(Duration.ofMillis(200))
                .retryDeadline(Duration.ofMillis(700))
                .build());
    long start = System.nanoTime();
    assertThatThrownBy(() -> store.get("k"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("key 'k'")
        .hasMessageContaining("no complete answer within 200 ms");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isBetween(200L, 5000L);
    assertThat(server.count("GET")).isBetween(2L, 5L);
  }

  @Test
  void aWholeArrayReadKeepsManyRequestsInFlight() {
    MemoryStore memory = new MemoryStore();
    NdArray data = NdArray.arange(DataType.parse("<i4"), 256 * 64, 256 * 8, 8);
    Zarr.array(
        data,
        ArrayOptions.builder()
            .store(memory)
            .chunks(8, 8)
            .compressor(Blosc.of("lz4", 5, 1, 0))
            .build());
    for (String key : memory.listPrefix("")) {
      server.files.put(key, array(memory.get(key)));
    }
    assertThat(memory.listPrefix("")).hasSize(257); // 256 chunks and .zarray
    server.delayMillis = 100;
    HttpStore store = store(quick().maxRequestsInFlight(64).build());
    ZarrArray z = Zarr.openArray(store, ArrayOptions.defaults());
    server.requests.clear();
    server.mostInFlight.set(0);
    long start = System.nanoTime();
    assertThat(z.get()).isEqualTo(data);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(server.count("GET")).isEqualTo(256);
    assertThat(server.count("HEAD")).isZero();
    // up to 64 at once (4 rounds of 100 ms), never more; the decoding threads alone (one or two
    // here) would keep at most that many in flight and take 13 s or more
    assertThat(server.mostInFlight.get()).isBetween(32, 64);
    assertThat(ms).as("read time").isLessThan(6400);
  }

  @Test
  void storesOpenFromHttpUrlsWithTheirOptions() {
    server.files.put("g/.zgroup", "{\"zarr_format\": 2}".getBytes());
    try (ReadableStore s =
        Stores.open(server.url() + "g", Map.of("max_requests_in_flight", 3, "timeout", 2))) {
      assertThat(s).isInstanceOf(HttpStore.class);
      assertThat(((HttpStore) s).options().maxRequestsInFlight()).isEqualTo(3);
      assertThat(((HttpStore) s).baseUri().toString()).isEqualTo(server.url() + "g/");
      assertThat(s.capabilities().latencyBound()).isTrue();
      assertThat(s.capabilities().writable()).isFalse();
      assertThat(array(s.get(".zgroup"))).isEqualTo("{\"zarr_format\": 2}".getBytes());
    }
    assertThatThrownBy(() -> Stores.open(server.url(), Map.of("colour", "red")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'colour'")
        .hasMessageContaining("max_requests_in_flight");
    assertThatThrownBy(() -> Stores.open(server.url() + "?q=1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("query");
  }
}
