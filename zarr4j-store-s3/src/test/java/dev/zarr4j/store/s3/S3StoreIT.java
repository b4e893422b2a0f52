package dev.zarr4j.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import dev.zarr4j.store.ZipStore;
import dev.zarr4j.testkit.RemoteStoreRoundTrips;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays, groups and consolidated hierarchies on S3 through {@code s3://} URLs, large values in
 * parts, big prefixes deleted in batches, and the errors a user meets (a missing bucket, refused
 * keys), against a real S3 server in this JVM ({@link S3TestServer}).
 */
class S3StoreIT {
  private static S3TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.get();
  }

  private static Map<String, Object> storageOptions() {
    Map<String, Object> o = new HashMap<>();
    o.put("endpoint_url", server.endpoint().toString());
    o.put("region", "us-east-1");
    o.put("key", S3TestServer.ACCESS);
    o.put("secret", S3TestServer.SECRET);
    o.put("path_style", "true");
    return o;
  }

  private static S3Store open(String url) {
    ReadableStore s = Stores.open(url, storageOptions());
    assertThat(s).isInstanceOf(S3Store.class);
    return (S3Store) s;
  }

  @Test
  void aV2HierarchyRoundTripsAndItsConsolidatedOpenNamingTheKeyCostsOneRequest() {
    String bucket = server.newBucket();
    RemoteStoreRoundTrips.consolidatedV2(
        () -> open("s3://" + bucket + "/data/hier.zarr"),
        () ->
            assertThat(
                    server
                        .admin()
                        .headObject(h -> h.bucket(bucket).key("data/hier.zarr/a/0.0"))
                        .contentLength())
                .isPositive());
  }

  @Test
  void aZipArchiveOnS3ReadsThroughAChainedUrl() {
    String bucket = server.newBucket();
    NdArray a = NdArray.arange(DataType.parse("<i4"), 40 * 40, 40, 40);
    MemoryStore packed = new MemoryStore();
    ZarrGroup local = Zarr.group(packed);
    local.array("a", a, ArrayOptions.builder().chunks(10, 10).compressor(Zstd.of(1)).build());
    local.attrs().put("title", "zipped");
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    ZipStore.pack(packed, zip);
    try (S3Store store = open("s3://" + bucket + "/dir")) {
      store.set("data.zip", zip.toByteArray());
    }
    String url = "zip::s3://" + bucket + "/dir/data.zip";
    try (ReadableStore zipped = Stores.open(url, storageOptions())) {
      assertThat(zipped).isInstanceOf(ZipStore.class);
      ZarrGroup g = (ZarrGroup) Convenience.open(ReadOnlyStore.of(zipped), OpenMode.READ);
      assertThat(g.attrs().get("title")).isEqualTo("zipped");
      assertThat(g.arrayKeys()).containsExactly("a");
      assertThat(g.getArray("a").get()).isEqualTo(a);
      assertThat(g.getArray("a").get("5:25, 12:18"))
          .isEqualTo(local.getArray("a").get("5:25, 12:18"));
    }
    assertThatThrownBy(() -> Stores.open("zip::s3://" + bucket + "/dir/none.zip", storageOptions()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("s3://" + bucket + "/dir/none.zip");
    assertThatThrownBy(
            () -> Stores.open("zip::s3://" + bucket + "/dir/data.zip", Map.of("bogus", 1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'bogus'");
  }

  /** zarr-python's {@code zarr.open("s3://...", mode, storage_options=...)}, both ways. */
  @Test
  void convenienceOpenTakesAnS3Url() {
    String bucket = server.newBucket();
    String url = "s3://" + bucket + "/open/data.zarr";
    NdArray a = NdArray.arange(DataType.INT32, 30 * 20, 30, 20);
    try (ZarrGroup g = (ZarrGroup) Convenience.open(url, OpenMode.WRITE, storageOptions())) {
      g.array("a", a, ArrayOptions.builder().chunks(7, 6).build());
      g.attrs().put("title", "opened");
    }
    try (ZarrGroup g = (ZarrGroup) Convenience.open(url, OpenMode.READ, storageOptions())) {
      assertThat(g.attrs().get("title")).isEqualTo("opened");
      assertThat(g.getArray("a").get()).isEqualTo(a);
      assertThat(g.getArray("a").readOnly()).isTrue();
    }
    ZarrArray z =
        (ZarrArray)
            Convenience.open(
                url, OpenMode.READ, storageOptions(), ArrayOptions.builder().path("a").build());
    assertThat(z.get("3:9, 4:15"))
        .isEqualTo(Zarr.array(a, ArrayOptions.builder().chunks(7, 6).build()).get("3:9, 4:15"));
  }

  @Test
  void aShardedV3ArrayRoundTrips() {
    String bucket = server.newBucket();
    RemoteStoreRoundTrips.shardedV3(() -> open("s3://" + bucket + "/v3"), true);
  }

  @Test
  void largeValuesGoUpInPartsAndReadBackWhole() {
    String bucket = server.newBucket();
    try (S3Store store =
        S3Store.open(
            server.options(bucket).multipartThreshold(5L << 20).partSize(5L << 20).build())) {
      byte[] big = new byte[(12 << 20) + 123];
      new SplittableRandom(3).nextBytes(big);
      long before = store.attempts();
      store.set("big", ByteBuffer.wrap(big));
      // CreateMultipartUpload, three parts, CompleteMultipartUpload
      assertThat(store.attempts() - before).isEqualTo(5);
      ByteBuffer back = store.get("big").orElseThrow();
      byte[] got = new byte[back.remaining()];
      back.get(got);
      assertThat(got).isEqualTo(big);
      assertThat(server.admin().listMultipartUploads(l -> l.bucket(bucket)).uploads())
          .as("no upload left open")
          .isEmpty();
      // below the threshold: one PUT
      before = store.attempts();
      store.set("small", new byte[(5 << 20) - 1]);
      assertThat(store.attempts() - before).isEqualTo(1);
    }
  }

  @Test
  void aPrefixOfMoreThanOneListingPageIsListedAndDeletedInBatches() throws Exception {
    String bucket = server.newBucket();
    try (S3Store store = S3Store.open(server.options(bucket).prefix("root").build())) {
      int n = 1010;
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String key = "many/" + String.format("%04d", i);
          done.add(pool.submit(() -> store.set(key, new byte[] {1})));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      store.set("other/x", new byte[] {3});
      long before = store.attempts();
      assertThat(store.listPrefix("many")).hasSize(n);
      assertThat(store.attempts() - before).as("two pages").isEqualTo(2);
      assertThat(store.listDir("")).containsExactly("many", "other");
      before = store.attempts();
      store.deletePrefix("many");
      // two listing pages, then two DeleteObjects of at most 1,000 keys
      assertThat(store.attempts() - before).isEqualTo(4);
      assertThat(store.listPrefix("")).containsExactly("other/x");
    }
  }

  @Test
  void aMissingBucketIsReportedByName() {
    assertThatThrownBy(() -> open("s3://no-such-bucket-here/data"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no such bucket")
        .hasMessageContaining("'no-such-bucket-here'");
  }

  @Test
  void refusedCredentialsAreReportedWithTheBucketUrl() {
    String bucket = server.newBucket();
    Map<String, Object> o = storageOptions();
    o.put("secret", "wrong");
    assertThatThrownBy(() -> Stores.open("s3://" + bucket + "/x", o))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("s3://" + bucket)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .containsAnyOf("credentials were refused", "access denied"));
  }

  @Test
  void unknownStorageOptionsAreRefusedByName() {
    assertThatThrownBy(() -> Stores.open("s3://b/x", Map.of("colour", "red")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'colour'")
        .hasMessageContaining("endpoint_url");
    assertThatThrownBy(() -> Stores.open("s3://b/x", Map.of("anon", "maybe")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'anon'");
  }

  @Test
  void aPublicBucketReadsAnonymously() {
    String bucket = server.newBucket();
    NdArray a = NdArray.arange(DataType.parse("<i8"), 100, 10, 10);
    try (S3Store store = S3Store.open(server.options(bucket).prefix("pub.zarr").build())) {
      Zarr.array(a, ArrayOptions.builder().store(store).chunks(5, 5).build());
    }
    Map<String, Object> o =
        Map.of(
            "endpoint_url",
            server.anonymousEndpoint().toString(),
            "anon",
            true,
            "path_style",
            true,
            "region",
            "us-east-1");
    try (ReadableStore store = Stores.open("s3://" + bucket + "/pub.zarr", o)) {
      assertThat(((S3Store) store).options().anonymous()).isTrue();
      ZarrArray z = Zarr.openArray(store, ArrayOptions.defaults());
      assertThat(z.get()).isEqualTo(a);
    }
  }

  @Test
  void storesFromUrlsAreWritableAndLatencyBound() {
    String bucket = server.newBucket();
    try (Store store = Stores.openWritable("s3://" + bucket + "/w", storageOptions())) {
      assertThat(store.capabilities().latencyBound()).isTrue();
      assertThat(store.capabilities().writable()).isTrue();
      assertThat(((S3Store) store).options().prefix()).isEqualTo("w");
      assertThat(((S3Store) store).options().toString()).doesNotContain(S3TestServer.SECRET);
    }
  }
}
