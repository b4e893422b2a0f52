package dev.zarr4j.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import dev.zarr4j.store.ZipStore;
import dev.zarr4j.testkit.RemoteStoreRoundTrips;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays, groups and consolidated hierarchies on Azure Blob Storage through {@code az://} and
 * {@code abfs://} URLs, zip archives in a container, large values in staged blocks, listings of
 * several pages, every way of connecting (key, connection string, SAS token, anonymous), read-only
 * mode, and the errors a user meets (a missing container, a refused key, an unknown option),
 * against a real azurite ({@link AzuriteTestServer}).
 */
class AzureBlobStoreIT {
  private static AzuriteTestServer server;

  @BeforeAll
  static void startServer() {
    server = AzuriteTestServer.get();
  }

  private static Map<String, Object> storageOptions() {
    Map<String, Object> o = new HashMap<>();
    o.put("endpoint", server.endpoint().toString());
    o.put("account_name", AzuriteTestServer.ACCOUNT);
    o.put("account_key", AzuriteTestServer.KEY);
    return o;
  }

  private static AzureBlobStore open(String url) {
    ReadableStore s = Stores.open(url, storageOptions());
    assertThat(s).isInstanceOf(AzureBlobStore.class);
    return (AzureBlobStore) s;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void aV2HierarchyRoundTripsAndItsConsolidatedOpenNamingTheKeyCostsOneRequest() {
    String container = server.newContainer();
    RemoteStoreRoundTrips.consolidatedV2(
        () -> open("az://" + container + "/data/hier.zarr"),
        () ->
            assertThat(
                    server
                        .admin(container)
                        .getBlobClient("data/hier.zarr/a/0.0")
                        .getProperties()
                        .getBlobSize())
                .isPositive());
  }

  @Test
  void everyKindOfRangeReadsTheRightBytesAndASuffixReadsOneVersion() {
    String container = server.newContainer();
    byte[] value = new byte[1000];
    new SplittableRandom(5).nextBytes(value);
    try (AzureBlobStore store = AzureBlobStore.open(server.options(container).build())) {
      store.set("v", value);
      long before = store.attempts();
      assertThat(bytes(store.get("v", ByteRange.of(10, 20)).orElseThrow()))
          .isEqualTo(Arrays.copyOfRange(value, 10, 30));
      assertThat(bytes(store.get("v", new ByteRange.FromOffset(990)).orElseThrow()))
          .isEqualTo(Arrays.copyOfRange(value, 990, 1000));
      assertThat(store.attempts() - before).as("one GET each").isEqualTo(2);
      before = store.attempts();
      assertThat(bytes(store.get("v", new ByteRange.Suffix(7)).orElseThrow()))
          .isEqualTo(Arrays.copyOfRange(value, 993, 1000));
      assertThat(store.attempts() - before)
          .as("one attempt: a HEAD, then a GET of that version")
          .isEqualTo(1);
      assertThat(bytes(store.get("v", new ByteRange.Suffix(5000)).orElseThrow())).isEqualTo(value);
      assertThat(bytes(store.get("v", ByteRange.of(995, 100)).orElseThrow()))
          .isEqualTo(Arrays.copyOfRange(value, 995, 1000));
      assertThat(store.get("v", new ByteRange.FromOffset(2000)).orElseThrow().remaining()).isZero();
      assertThat(store.get("absent", new ByteRange.Suffix(3))).isEmpty();
      store.set("empty", new byte[0]);
      assertThat(store.get("empty", new ByteRange.Suffix(3)).orElseThrow().remaining()).isZero();
      assertThat(store.get("empty", ByteRange.of(0, 3)).orElseThrow().remaining()).isZero();
    }
  }

  @Test
  void aZipArchiveInAContainerReadsThroughAChainedUrl() {
    String container = server.newContainer();
    NdArray a = NdArray.arange(DataType.parse("<i4"), 40 * 40, 40, 40);
    MemoryStore packed = new MemoryStore();
    ZarrGroup local = Zarr.group(packed);
    local.array("a", a, ArrayOptions.builder().chunks(10, 10).compressor(Zstd.of(1)).build());
    local.attrs().put("title", "zipped");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ZipStore.pack(packed, zip);
    try (AzureBlobStore store = open("az://" + container + "/dir")) {
      store.set("data.zip", zip.toByteArray());
    }
    String url = "zip::az://" + container + "/dir/data.zip";
    try (ReadableStore zipped = Stores.open(url, storageOptions())) {
      assertThat(zipped).isInstanceOf(ZipStore.class);
      ZarrGroup g = (ZarrGroup) Convenience.open(ReadOnlyStore.of(zipped), OpenMode.READ);
      assertThat(g.attrs().get("title")).isEqualTo("zipped");
      assertThat(g.arrayKeys()).containsExactly("a");
      assertThat(g.getArray("a").get()).isEqualTo(a);
      assertThat(g.getArray("a").get("5:25, 12:18"))
          .isEqualTo(local.getArray("a").get("5:25, 12:18"));
    }
    assertThatThrownBy(
            () -> Stores.open("zip::az://" + container + "/dir/none.zip", storageOptions()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("az://" + container + "/dir/none.zip");
    assertThatThrownBy(
            () -> Stores.open("zip::az://" + container + "/dir/data.zip", Map.of("bogus", 1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'bogus'");
  }

  @Test
  void aShardedV3ArrayRoundTrips() {
    String container = server.newContainer();
    RemoteStoreRoundTrips.shardedV3(() -> open("az://" + container + "/v3"), false);
  }

  @Test
  void largeValuesAreStagedInBlocksAndCommittedWhole() {
    String container = server.newContainer();
    long block = 256 << 10;
    try (AzureBlobStore store =
        AzureBlobStore.open(
            server.options(container).blockThreshold(block).blockSize(block).build())) {
      byte[] big = new byte[(int) (3 * block) + 123];
      new SplittableRandom(3).nextBytes(big);
      long before = store.attempts();
      store.set("big", ByteBuffer.wrap(big));
      // four Put Block, one Put Block List
      assertThat(store.attempts() - before).isEqualTo(5);
      assertThat(bytes(store.get("big").orElseThrow())).isEqualTo(big);
      assertThat(
              server
                  .admin(container)
                  .getBlobClient("big")
                  .getBlockBlobClient()
                  .listBlocks(com.azure.storage.blob.models.BlockListType.COMMITTED)
                  .getCommittedBlocks())
          .hasSize(4);
      // below the threshold: one Put Blob
      before = store.attempts();
      store.set("small", new byte[(int) block - 1]);
      assertThat(store.attempts() - before).isEqualTo(1);
    }
  }

  @Test
  void blocksStagedByAWriterThatNeverCommittedAreInvisible() {
    String container = server.newContainer();
    try (AzureBlobStore store = AzureBlobStore.open(server.options(container).build())) {
      store.set("k", "old".getBytes(StandardCharsets.UTF_8));
      // a writer that died after staging its blocks, before committing them
      for (String key : List.of("k", "fresh")) {
        var blob = server.admin(container).getBlobClient(key).getBlockBlobClient();
        String id = Base64.getEncoder().encodeToString("crashed-000001".getBytes());
        blob.stageBlock(id, BinaryData.fromBytes("half of a new value".getBytes()));
      }
      assertThat(new String(bytes(store.get("k").orElseThrow()), StandardCharsets.UTF_8))
          .isEqualTo("old");
      assertThat(store.contains("fresh")).isFalse();
      assertThat(store.get("fresh")).isEmpty();
      assertThat(store.listPrefix("")).containsExactly("k");
      assertThat(store.listDir("")).containsExactly("k");
      // the next write of the key replaces the value whole
      store.set("k", "new".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(bytes(store.get("k").orElseThrow()), StandardCharsets.UTF_8))
          .isEqualTo("new");
    }
  }

  @Test
  void aPrefixOfSeveralListingPagesIsListedAndDeleted() {
    String container = server.newContainer();
    try (AzureBlobStore store =
        AzureBlobStore.open(server.options(container).prefix("root").build(), 10)) {
      int n = 25;
      for (int i = 0; i < n; i++) {
        store.set("many/" + String.format("%02d", i), new byte[] {(byte) i});
      }
      store.set("many/sub/x", new byte[] {2});
      store.set("other/x", new byte[] {3});
      long before = store.attempts();
      assertThat(store.listPrefix("many")).hasSize(n + 1).contains("many/00", "many/sub/x");
      assertThat(store.attempts() - before).as("three pages").isEqualTo(3);
      assertThat(store.listDir("")).containsExactly("many", "other");
      assertThat(store.listDir("many")).hasSize(n + 1).contains("sub", "24");
      store.deletePrefix("many");
      assertThat(store.listPrefix("")).containsExactly("other/x");
      assertThat(store.totalSize("")).isEqualTo(1);
    }
  }

  @Test
  void directoryBlobsOfAHierarchicalNamespaceAreNoKeys() {
    String container = server.newContainer();
    try (AzureBlobStore store =
        AzureBlobStore.open(server.options(container).prefix("p").build())) {
      store.set("g/a/0.0", new byte[] {1, 2, 3});
      store.set("g/.zgroup", new byte[] {4});
      // Data Lake Storage Gen2 shows each directory to Blob listings as an empty blob so marked
      for (String dir : List.of("p/g", "p/g/a")) {
        server
            .admin(container)
            .getBlobClient(dir)
            .getBlockBlobClient()
            .uploadWithResponse(
                new com.azure.storage.blob.options.BlockBlobSimpleUploadOptions(
                        BinaryData.fromBytes(new byte[0]))
                    .setMetadata(Map.of("hdi_isfolder", "true")),
                null,
                null);
      }
      assertThat(store.listPrefix("")).containsExactly("g/.zgroup", "g/a/0.0");
      assertThat(store.listPrefix("g")).containsExactly("g/.zgroup", "g/a/0.0");
      assertThat(store.listDir("")).containsExactly("g");
      assertThat(store.listDir("g")).containsExactly(".zgroup", "a");
      assertThat(store.totalSize("g")).isEqualTo(4);
    }
  }

  @Test
  void aMissingContainerIsReportedByNameAtOpen() {
    assertThatThrownBy(() -> open("az://no-such-container-here/data"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no such container")
        .hasMessageContaining("'no-such-container-here'");
  }

  @Test
  void aRefusedKeyIsReportedWithTheContainerUrl() {
    String container = server.newContainer();
    Map<String, Object> o = storageOptions();
    o.put(
        "account_key",
        Base64.getEncoder().encodeToString("not the key".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> Stores.open("az://" + container + "/x", o))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("az://" + container)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .containsAnyOf("credentials were refused", "access denied"));
  }

  @Test
  void invalidUrlsAndOptionsAreRefusedByName() {
    assertThatThrownBy(() -> Stores.open("az://c-1/x", Map.of("colour", "red")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'colour'")
        .hasMessageContaining("account_name");
    assertThatThrownBy(() -> Stores.open("az://c-1/x", Map.of("account_name", "a", "anon", "no")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'anon'");
    assertThatThrownBy(() -> Stores.open("az://Bad_Name/x", Map.of("account_name", "a")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'Bad_Name'");
    assertThatThrownBy(
            () -> new AzureBlobStoreProvider().open(URI.create("az://c-1/x"), Map.of(), Map.of()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("account name");
    assertThatThrownBy(
            () ->
                Stores.open(
                    "az://c-1/x", Map.of("account_name", "a", "block_size", "1", "read_only", 1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("read_only");
  }

  @Test
  void everyWayOfConnectingReachesTheSameBlobs() {
    String container = server.newContainer();
    NdArray a = NdArray.arange(DataType.parse("<i8"), 100, 10, 10);
    try (AzureBlobStore store = open("az://" + container + "/pub.zarr")) {
      Zarr.array(a, ArrayOptions.builder().store(store).chunks(5, 5).build());
    }
    String sas =
        server
            .admin(container)
            .generateSas(
                new BlobServiceSasSignatureValues(
                    OffsetDateTime.now().plusHours(1), BlobContainerSasPermission.parse("rl")));
    String endpoint = server.endpoint().toString();
    List<Map<String, Object>> ways =
        List.of(
            Map.of("connection_string", server.connectionString()),
            Map.of("endpoint", endpoint, "sas_token", sas),
            Map.of(
                "endpoint_url",
                endpoint,
                "account_name",
                AzuriteTestServer.ACCOUNT,
                "account_key",
                AzuriteTestServer.KEY));
    for (Map<String, Object> o : ways) {
      try (ReadableStore store = Stores.open("az://" + container + "/pub.zarr", o)) {
        assertThat(Zarr.openArray(store, ArrayOptions.defaults()).get()).isEqualTo(a);
        assertThat(store.toString())
            .doesNotContain(AzuriteTestServer.KEY)
            .doesNotContain(sas)
            .doesNotContain("AccountKey");
      }
    }
    // abfs:// names the account in the host; the endpoint option points it at the emulator
    try (ReadableStore store =
        Stores.open(
            "abfs://"
                + container
                + "@"
                + AzuriteTestServer.ACCOUNT
                + ".dfs.core.windows.net/pub.zarr",
            Map.of("endpoint", endpoint, "account_key", AzuriteTestServer.KEY))) {
      assertThat(((AzureBlobStore) store).options().accountName())
          .isEqualTo(AzuriteTestServer.ACCOUNT);
      assertThat(Zarr.openArray(store, ArrayOptions.defaults()).get()).isEqualTo(a);
    }
    // a SAS that may only read refuses a write, naming the key's URL
    try (AzureBlobStore store =
        (AzureBlobStore)
            Stores.open(
                "az://" + container + "/pub.zarr",
                Map.of("endpoint", endpoint, "sas_token", sas))) {
      assertThatThrownBy(() -> store.set("x", new byte[] {1}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("az://" + container + "/pub.zarr/x");
    }
  }

  @Test
  void theEnvironmentStandsInWhenTheUrlAndOptionsNameNoAccount() {
    String container = server.newContainer();
    try (AzureBlobStore store = open("az://" + container + "/env")) {
      store.set("k", new byte[] {4, 2});
    }
    AzureBlobStoreProvider provider = new AzureBlobStoreProvider();
    URI uri = URI.create("az://" + container + "/env");
    Map<String, String> env = Map.of("AZURE_STORAGE_CONNECTION_STRING", server.connectionString());
    try (AzureBlobStore store = provider.open(uri, Map.of(), env)) {
      assertThat(store.options().connectionString()).isNotNull();
      assertThat(bytes(store.get("k").orElseThrow())).containsExactly(4, 2);
    }
    // options that name the service win over the environment
    Map<String, String> wrong =
        Map.of(
            "AZURE_STORAGE_CONNECTION_STRING",
            "DefaultEndpointsProtocol=http;AccountName=x;AccountKey=eA==;"
                + "BlobEndpoint=http://127.0.0.1:9/x;");
    try (AzureBlobStore store = provider.open(uri, storageOptions(), wrong)) {
      assertThat(store.options().connectionString()).isNull();
      assertThat(bytes(store.get("k").orElseThrow())).containsExactly(4, 2);
    }
  }

  @Test
  void aPublicContainerReadsAnonymously() {
    String container = server.newPublicContainer();
    NdArray a = NdArray.arange(DataType.parse("<i8"), 100, 10, 10);
    try (AzureBlobStore store =
        AzureBlobStore.open(server.options(container).prefix("pub.zarr").build())) {
      Zarr.array(a, ArrayOptions.builder().store(store).chunks(5, 5).build());
    }
    Map<String, Object> o = Map.of("endpoint", server.endpoint().toString(), "anon", "true");
    try (ReadableStore store = Stores.open("az://" + container + "/pub.zarr", o)) {
      assertThat(((AzureBlobStore) store).options().unsigned()).isTrue();
      assertThat(Zarr.openArray(store, ArrayOptions.defaults()).get()).isEqualTo(a);
    }
  }

  @Test
  void readOnlyModeReadsAndRefusesEveryWrite() {
    String container = server.newContainer();
    try (AzureBlobStore store = open("az://" + container + "/ro")) {
      store.set("a/b", new byte[] {1, 2});
    }
    Map<String, Object> o = storageOptions();
    o.put("read_only", "true");
    assertThatThrownBy(() -> Stores.openWritable("az://" + container + "/ro", o))
        .isInstanceOf(ReadOnlyException.class);
    try (Store store = (Store) Stores.open("az://" + container + "/ro", o)) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(store.capabilities().latencyBound()).isTrue();
      assertThat(bytes(store.get("a/b").orElseThrow())).containsExactly(1, 2);
      assertThatThrownBy(() -> store.set("a/c", new byte[] {3}))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessageContaining("'a/c'")
          .hasMessageContaining("az://" + container + "/ro");
      assertThatThrownBy(() -> store.delete("a/b")).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.deletePrefix("a")).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.rename("a", "b")).isInstanceOf(ReadOnlyException.class);
      assertThat(store.listPrefix("")).containsExactly("a/b");
    }
  }

  @Test
  void storesFromUrlsAreWritableAndLatencyBound() {
    String container = server.newContainer();
    try (Store store = Stores.openWritable("az://" + container + "/w", storageOptions())) {
      assertThat(store.capabilities().latencyBound()).isTrue();
      assertThat(store.capabilities().writable()).isTrue();
      assertThat(((AzureBlobStore) store).options().prefix()).isEqualTo("w");
      assertThat(store.toString()).doesNotContain(AzuriteTestServer.KEY);
    }
  }
}
