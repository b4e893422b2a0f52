package dev.zarr4j.store.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import dev.zarr4j.store.ZipStore;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gs://} and {@code gcs://} URLs through {@link Stores#open}: the bucket and prefix they
 * name, the storage options (gcsfs's names) and their errors, read-only mode, and a zip archive in
 * a bucket read through the chained URL {@code zip::gs://}. Stores that would talk to Google are
 * only built, never used (the client makes no request until a read or write); the others run on the
 * client library's in-process fake ({@link GcsFake}), passed as the {@code client} option.
 */
class GcsStoreProviderTest {
  private final GcsFake fake = new GcsFake();

  @TempDir Path dir;

  private Map<String, Object> withFake() {
    Map<String, Object> o = new HashMap<>();
    o.put(GcsStoreProvider.CLIENT, fake.storage());
    o.put("retry_deadline", 5);
    return o;
  }

  /** Options for a store that would talk to a closed loopback port: built, never used. */
  private static Map<String, Object> offline() {
    Map<String, Object> o = new HashMap<>();
    o.put("token", "anon");
    o.put("endpoint_url", "http://127.0.0.1:9");
    return o;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gs", "gcs", "GS"})
  void bothSchemesNameABucketAndAPrefix(String scheme) {
    try (ReadableStore s = Stores.open(scheme + "://my-bucket/a/b.zarr/", offline())) {
      assertThat(s).isInstanceOf(GcsStore.class);
      GcsStoreOptions o = ((GcsStore) s).options();
      assertThat(o.bucket()).isEqualTo("my-bucket");
      assertThat(o.prefix()).isEqualTo("a/b.zarr");
      assertThat(o.anonymous()).isTrue();
      assertThat(o.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9"));
      assertThat(o.url()).isEqualTo("gs://my-bucket/a/b.zarr");
    }
    try (ReadableStore s = Stores.open(scheme + "://my-bucket", offline())) {
      assertThat(((GcsStore) s).options().prefix()).isEmpty();
    }
  }

  @Test
  void optionsReachTheStore() {
    Map<String, Object> o = offline();
    o.put("project", "my-project");
    o.put("read_only", "true");
    o.put("resumable_threshold", "1048576");
    o.put("upload_chunk_size", 512 * 1024);
    o.put("timeout", 3);
    o.put("max_requests_in_flight", 5);
    try (ReadableStore s = Stores.open("gs://b/p", o)) {
      GcsStoreOptions opts = ((GcsStore) s).options();
      assertThat(opts.project()).isEqualTo("my-project");
      assertThat(opts.readOnly()).isTrue();
      assertThat(opts.resumableThreshold()).isEqualTo(1 << 20);
      assertThat(opts.uploadChunkSize()).isEqualTo(512 * 1024);
      assertThat(opts.remote().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(opts.remote().maxRequestsInFlight()).isEqualTo(5);
      assertThat(s.capabilities().writable()).isFalse();
      assertThat(s.toString()).contains("gs://b/p").contains("read-only");
    }
    assertThatThrownBy(() -> Stores.openWritable("gs://b/p", o))
        .isInstanceOf(ReadOnlyException.class)
        .hasMessageContaining("gs://b/p");
  }

  @Test
  void aServiceAccountKeyFileIsReadWhenTheStoreOpens() throws Exception {
    Path key = dir.resolve("key.json");
    Files.writeString(key, serviceAccountKey(), StandardCharsets.UTF_8);
    Map<String, Object> o = new HashMap<>();
    o.put("credentials", key.toString());
    o.put("endpoint", "http://127.0.0.1:9");
    try (ReadableStore s = Stores.open("gs://b/p", o)) {
      assertThat(((GcsStore) s).options().credentialsFile()).isEqualTo(key);
      assertThat(s.toString()).doesNotContain("PRIVATE KEY");
    }
    o.remove("credentials");
    o.put("token", key.toString()); // gcsfs's token may be the key file's path
    try (ReadableStore s = Stores.open("gs://b/p", o)) {
      assertThat(((GcsStore) s).options().credentialsFile()).isEqualTo(key);
    }
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"type\": \"service_account\"}");
    o.put("token", broken.toString());
    assertThatThrownBy(() -> Stores.open("gs://b/p", o))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(broken.toString())
        .hasMessageContaining("gs://b/p");
    o.put("token", dir.resolve("none.json").toString());
    assertThatThrownBy(() -> Stores.open("gs://b/p", o))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("none.json");
  }

  /** A service account key of the shape Google issues, with a key pair made here. */
  private static String serviceAccountKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\\n"
            + Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
            + "\\n-----END PRIVATE KEY-----\\n";
    return "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"k1\","
        + " \"private_key\": \""
        + pem
        + "\", \"client_email\": \"zarr4j@p.iam.gserviceaccount.com\", \"client_id\": \"1\","
        + " \"token_uri\": \"http://127.0.0.1:9/token\"}";
  }

  @Test
  void badUrlsAndOptionsAreRefusedByName() {
    assertThatThrownBy(() -> Stores.open("gs:///no-bucket", offline()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("names no bucket");
    assertThatThrownBy(() -> Stores.open("gs://b/x?generation=1", offline()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("query");
    assertThatThrownBy(() -> Stores.open("gs://b/x", Map.of("colour", "red")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'colour'")
        .hasMessageContaining("token")
        .hasMessageContaining("endpoint_url");
    Map<String, Object> o = offline();
    o.put("read_only", "maybe");
    assertThatThrownBy(() -> Stores.open("gs://b/x", o))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'read_only'");
    Map<String, Object> chunk = offline();
    chunk.put("upload_chunk_size", 1000);
    assertThatThrownBy(() -> Stores.open("gs://b/x", chunk))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("uploadChunkSize")
        .hasMessageContaining("262144");
    Map<String, Object> endpoint = offline();
    endpoint.put("endpoint_url", "not a url");
    assertThatThrownBy(() -> Stores.open("gs://b/x", endpoint))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'endpoint_url'");
    Map<String, Object> client = offline();
    client.put(GcsStoreProvider.CLIENT, "a string");
    assertThatThrownBy(() -> Stores.open("gs://b/x", client))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'client'")
        .hasMessageContaining("com.google.cloud.storage.Storage");
    Map<String, Object> both = new HashMap<>();
    both.put("token", "anon");
    both.put("credentials", "/some/key.json");
    assertThatThrownBy(() -> Stores.open("gs://b/x", both))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("anonymous");
  }

  @Test
  void anArrayWrittenThroughOneUrlReadsThroughTheOther() {
    NdArray a = NdArray.arange(DataType.parse("<f8"), 20 * 20, 20, 20);
    try (Store store = Stores.openWritable("gs://bkt/data/a.zarr", withFake())) {
      assertThat(store.capabilities().writable()).isTrue();
      Zarr.array(a, ArrayOptions.builder().store(store).chunks(5, 5).build());
    }
    try (ReadableStore store = Stores.open("gcs://bkt/data/a.zarr", withFake())) {
      ZarrArray z = Zarr.openArray(store, ArrayOptions.defaults());
      assertThat(z.get()).isEqualTo(a);
    }
  }

  @Test
  void aZipArchiveInABucketReadsThroughAChainedUrl() {
    NdArray a = NdArray.arange(DataType.parse("<i4"), 40 * 40, 40, 40);
    MemoryStore packed = new MemoryStore();
    ZarrGroup local = Zarr.group(packed);
    local.array("a", a, ArrayOptions.builder().chunks(10, 10).compressor(Zstd.of(1)).build());
    local.attrs().put("title", "zipped");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ZipStore.pack(packed, zip);
    try (Store store = Stores.openWritable("gs://bkt/dir", withFake())) {
      store.set("data.zip", zip.toByteArray());
    }
    int wholeReads = fake.calls("readAllBytes");
    try (ReadableStore zipped = Stores.open("zip::gs://bkt/dir/data.zip", withFake())) {
      assertThat(zipped).isInstanceOf(ZipStore.class);
      ZarrGroup g = (ZarrGroup) Convenience.open(ReadOnlyStore.of(zipped), OpenMode.READ);
      assertThat(g.attrs().get("title")).isEqualTo("zipped");
      assertThat(g.getArray("a").get()).isEqualTo(a);
      assertThat(g.getArray("a").get("5:25, 12:18"))
          .isEqualTo(local.getArray("a").get("5:25, 12:18"));
    }
    assertThat(fake.calls("readAllBytes") - wholeReads)
        .as("the archive is read in ranges, never whole")
        .isZero();
    assertThatThrownBy(() -> Stores.open("zip::gs://bkt/dir/none.zip", withFake()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("gs://bkt/dir/none.zip");
    assertThatThrownBy(() -> Stores.open("zip::gs://bkt/dir/", withFake()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("names no object");
    Map<String, Object> bogus = withFake();
    bogus.put("bogus", 1);
    assertThatThrownBy(() -> Stores.open("zip::gs://bkt/dir/data.zip", bogus))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'bogus'");
  }
}
