package dev.zarr4j.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.convenience.CopyStoreOptions;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.LruCacheStore;
import dev.zarr4j.testkit.LatencyProxy;
import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many requests in flight, shown through real latency: S3Proxy behind a {@link LatencyProxy} that
 * holds every request back {@value #DELAY_MS} ms. Reading, writing and copying an array of 256
 * chunks takes well under the time of its requests one after another (requests counted by the proxy
 * and by {@link LoggingStore}), and a second read through {@link LruCacheStore} sends nothing.
 *
 * <p>Each job runs first directly against S3Proxy (once to warm up, once timed), then through the
 * proxy; the time the proxy adds must stay below 40% of the serial time (requests x delay), which
 * requests sent one at a time cannot meet (they add all of it) while 64 in flight add about 2% of
 * it. Taking the direct time off leaves out the CPU both runs spend, which on a machine shared by
 * many builds is seconds. The proxy also counts the most requests in flight at once (more than 8).
 */
class S3LatencyIT {
  static final int DELAY_MS = 100;
  private static final double BOUND = 0.4;

  private static S3TestServer server;
  private static LatencyProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.get();
    proxy = LatencyProxy.start(server.endpoint().getPort(), Duration.ofMillis(DELAY_MS));
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** A store in a new bucket reached through the proxy, its operations logged. */
  private static LoggingStore farStore(String bucket) {
    return new LoggingStore(
        S3Store.open(
            server
                .options(bucket)
                .endpoint(URI.create("http://127.0.0.1:" + proxy.port()))
                .prefix("far.zarr")
                .build()));
  }

  /** A store on the same objects reached directly. */
  private static S3Store nearStore(String bucket) {
    return S3Store.open(server.options(bucket).prefix("far.zarr").build());
  }

  /** 512 x 512 int32 in chunks of 32 x 32: 256 chunks of 4 KiB, random (all stored). */
  private static NdArray data() {
    SplittableRandom r = new SplittableRandom(256);
    return NdArray.of(r.ints(512 * 512).toArray(), 512, 512);
  }

  private static ArrayOptions arrayOptions(dev.zarr4j.store.Store store) {
    return ArrayOptions.builder()
        .store(store)
        .shape(512, 512)
        .chunks(32, 32)
        .dtype("<i4")
        .compressor(Zstd.of(1))
        .build();
  }

  /**
   * Runs the same job on the near store, then on the far one, and asserts that the latency added
   * (the difference) is below {@link #BOUND} of the serial time of the far job's requests. Taking
   * the near job's time off leaves out what a busy machine's CPU costs both.
   */
  private static void compare(String what, Runnable near, Runnable far) {
    near.run(); // warms the code both take
    long start = System.nanoTime();
    near.run();
    long nearMs = (System.nanoTime() - start) / 1_000_000;
    proxy.resetCounts();
    start = System.nanoTime();
    far.run();
    long farMs = (System.nanoTime() - start) / 1_000_000;
    long serial = proxy.requests() * DELAY_MS;
    String report =
        String.format(
            "%s: %d requests on %d connections (at most %d in flight at once): %d ms through the"
                + " %d ms proxy, %d ms direct; one at a time the requests wait %d ms",
            what,
            proxy.requests(),
            proxy.connections(),
            proxy.maxInFlight(),
            farMs,
            DELAY_MS,
            nearMs,
            serial);
    System.out.println(report);
    assertThat((double) (farMs - nearMs)).as(report).isLessThan(BOUND * serial);
    assertThat(proxy.maxInFlight()).as(report).isGreaterThan(8);
  }

  @Test
  void manyChunksAreWrittenReadAndCopiedWithManyRequestsInFlight() {
    NdArray data = data();
    String bucket = server.newBucket();
    try (LoggingStore store = farStore(bucket);
        S3Store near = nearStore(bucket)) {
      ZarrArray z = Zarr.create(arrayOptions(store));
      ZarrArray zNear = Zarr.openArray(near, OpenMode.READ_WRITE);
      store.reset();
      compare("writing 256 chunks", () -> zNear.set(data), () -> z.set(data));
      assertThat(store.count(LoggingStore.Kind.SET)).isEqualTo(256);
      // one PUT each (a few more if the JDK's client resends one on a stale kept-alive connection)
      assertThat(proxy.requests()).isBetween(256L, 288L); // a few resent on closed connections

      store.reset();
      ZarrArray read = Zarr.openArray(store, OpenMode.READ);
      // the open reads each document once: Zarr v3's zarr.json (absent), then .zarray
      assertThat(store.operations())
          .extracting(o -> o.kind() + " " + o.key())
          .containsExactly("GET zarr.json", "GET .zarray");
      store.reset();
      compare(
          "reading 256 chunks",
          () -> assertThat(zNear.get()).isEqualTo(data),
          () -> assertThat(read.get()).isEqualTo(data));
      assertThat(store.count(LoggingStore.Kind.GET_MANY)).isEqualTo(4); // 64 chunks each
      assertThat(store.total()).isEqualTo(4);
      assertThat(proxy.requests())
          .isBetween(256L, 288L); // one GET each, a few resent on closed connections

      // bytes copied key by key to another prefix: a listing, then a GET and a PUT per key
      store.reset();
      compare(
          "copying 257 keys",
          () -> Convenience.copyStore(near, near, copyOptions("copynear")),
          () -> Convenience.copyStore(store, store, copyOptions("copy")));
      assertThat(store.count(LoggingStore.Kind.SET)).isEqualTo(257);
      ZarrArray copy =
          Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("copy").build());
      assertThat(copy.get()).isEqualTo(data);
    }
  }

  private static CopyStoreOptions copyOptions(String dest) {
    return CopyStoreOptions.builder()
        .destPath(dest)
        .excludes("^copy")
        .ifExists(dev.zarr4j.convenience.IfExists.REPLACE)
        .build();
  }

  @Test
  void aSecondReadThroughTheCacheSendsNothing() {
    NdArray data = data();
    String bucket = server.newBucket();
    try (LoggingStore store = farStore(bucket);
        S3Store near = nearStore(bucket)) {
      Zarr.create(arrayOptions(store)).set(data);
      LruCacheStore cache = new LruCacheStore(store, 64L << 20);
      ZarrArray z = Zarr.openArray(cache, OpenMode.READ);
      ZarrArray zNear = Zarr.openArray(near, OpenMode.READ);

      store.reset();
      compare(
          "a first read through the cache",
          () -> assertThat(zNear.get()).isEqualTo(data),
          () -> assertThat(z.get()).isEqualTo(data));
      assertThat(store.count(LoggingStore.Kind.GET_MANY)).isEqualTo(4);
      assertThat(proxy.requests()).isBetween(256L, 288L); // a few resent on closed connections

      store.reset();
      proxy.resetCounts();
      assertThat(z.get()).isEqualTo(data);
      assertThat(store.total()).as("operations reaching the S3 store").isZero();
      assertThat(proxy.requests()).as("requests sent").isZero();
      assertThat(cache.hits()).isGreaterThanOrEqualTo(256);
    }
  }
}
