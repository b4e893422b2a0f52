package dev.zarr4j.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import dev.zarr4j.store.ZipStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hierarchies written by zarr4j into a directory and consolidated, read back over HTTP from a real
 * nginx (started by the test on a free loopback port): values equal, and the requests nginx logged
 * are the ones the reads need.
 */
class HttpStoreNginxIT {
  @TempDir static Path dir;
  private static Nginx nginx;
  private static NdArray a;
  private static NdArray b;
  private static NdArray s;
  private static ZarrArray localA;
  private static ZarrArray localS;
  private static byte[] file;

  @BeforeAll
  static void writeAndServe() throws Exception {
    Path root = Files.createDirectories(dir.resolve("www"));
    a = NdArray.arange(DataType.parse("<i4"), 100 * 100, 100, 100);
    b = NdArray.arange(DataType.parse("<f8"), 50, 50);
    Store v2 = Zarr.directoryStore(root.resolve("v2.zarr"));
    ZarrGroup g = Zarr.group(v2);
    localA =
        g.array(
            "a",
            a,
            ArrayOptions.builder().chunks(10, 10).compressor(Blosc.of("lz4", 5, 1, 0)).build());
    g.createGroup("sub")
        .array("b", b, ArrayOptions.builder().chunks(7).compressor(Zlib.of(1)).build());
    g.attrs().put("title", "served");
    Convenience.consolidateMetadata(v2);

    s = NdArray.arange(DataType.parse("<i4"), 64 * 64, 64, 64);
    Store v3 = Zarr.directoryStore(root.resolve("v3.zarr"));
    ZarrGroup g3 =
        Zarr.group(v3, GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
    localS =
        g3.array(
            "s",
            s,
            ArrayOptions.builder()
                .format(NodeFormats.named("zarr-v3"))
                .chunks(8, 8)
                .shards(32, 32)
                .compressor(Zstd.of(1))
                .build());
    Convenience.consolidateMetadata(v3);

    file = new byte[200_000];
    new SplittableRandom(11).nextBytes(file);
    Files.createDirectories(root.resolve("files/with space"));
    Files.write(root.resolve("files/with space/dätä"), file);
    ZipStore.pack(root.resolve("v2.zarr"), root.resolve("v2.zarr.zip"));
    nginx = Nginx.serve(root, dir);
  }

  @AfterAll
  static void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
  }

  @BeforeEach
  void forgetRequests() throws IOException {
    nginx.clearRequests();
  }

  private static List<String> requests() throws IOException {
    return nginx.requests();
  }

  @Test
  void aConsolidatedV2HierarchyOpensAfterOneProbeAndReadsOneGetPerChunk() throws Exception {
    try (ReadableStore store = Stores.open(nginx.url() + "v2.zarr")) {
      ZarrGroup g =
          (ZarrGroup) Convenience.openConsolidated(ReadOnlyStore.of(store), OpenMode.READ);
      // Zarr v3's root document is asked first (absent), then v2's .zmetadata
      assertThat(requests())
          .containsExactly("GET /v2.zarr/zarr.json \"-\" 404", "GET /v2.zarr/.zmetadata \"-\" 200");
      assertThat(g.attrs().get("title")).isEqualTo("served");
      assertThat(g.groupKeys()).containsExactly("sub");
      ZarrArray za = g.getArray("a");
      ZarrArray zb = (ZarrArray) g.get("sub/b");
      assertThat(requests()).hasSize(2);

      nginx.clearRequests();
      assertThat(za.get()).isEqualTo(a);
      assertThat(requests()).hasSize(100).allMatch(r -> r.endsWith("\"-\" 200"));
      assertThat(zb.get()).isEqualTo(b);
      assertThat(requests()).hasSize(100 + 8);

      nginx.clearRequests();
      // a chunk-aligned window costs one GET per chunk it covers
      assertThat(za.get("10:30, 20:40")).isEqualTo(localA.get("10:30, 20:40"));
      assertThat(requests())
          .containsExactlyInAnyOrder(
              "GET /v2.zarr/a/1.2 \"-\" 200",
              "GET /v2.zarr/a/1.3 \"-\" 200",
              "GET /v2.zarr/a/2.2 \"-\" 200",
              "GET /v2.zarr/a/2.3 \"-\" 200");
    }
  }

  @Test
  void aConsolidatedV3ShardedArrayReadsWholeShardsOrOnlyTheInnerChunksNeeded() throws Exception {
    try (ReadableStore store = Stores.open(nginx.url() + "v3.zarr")) {
      ZarrGroup g =
          (ZarrGroup) Convenience.openConsolidated(ReadOnlyStore.of(store), OpenMode.READ);
      // the open reads the root zarr.json, which holds the consolidated metadata: one request
      assertThat(requests()).containsExactly("GET /v3.zarr/zarr.json \"-\" 200");
      ZarrArray z = g.getArray("s");
      nginx.clearRequests();
      assertThat(z.get()).isEqualTo(s);
      assertThat(requests()).hasSize(4).allMatch(r -> r.endsWith("\"-\" 200"));
      nginx.clearRequests();
      // one inner chunk: the shard's size, its index (the last bytes), the inner chunk
      assertThat(z.get("8:16, 40:48")).isEqualTo(localS.get("8:16, 40:48"));
      List<String> r = requests();
      assertThat(r).hasSize(3);
      assertThat(r.get(0)).isEqualTo("HEAD /v3.zarr/s/c/0/1 \"-\" 200");
      assertThat(r.get(1)).startsWith("GET /v3.zarr/s/c/0/1 \"bytes=").endsWith(" 206");
      assertThat(r.get(2)).startsWith("GET /v3.zarr/s/c/0/1 \"bytes=").endsWith(" 206");
    }
  }

  @Test
  void withoutConsolidatedMetadataArraysOpenByPathButGroupsCannotList() throws Exception {
    try (ReadableStore store = Stores.open(nginx.url() + "v2.zarr")) {
      nginx.clearRequests();
      ZarrArray za = Zarr.openArray(store, ArrayOptions.builder().path("sub/b").build());
      // each document read once: Zarr v3's (absent), then the array's .zarray
      assertThat(requests())
          .containsExactly(
              "GET /v2.zarr/sub/b/zarr.json \"-\" 404", "GET /v2.zarr/sub/b/.zarray \"-\" 200");
      assertThat(za.get()).isEqualTo(b);
      ZarrGroup g = Zarr.openGroup(store, GroupOptions.defaults());
      assertThatThrownBy(g::groupKeys)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("HttpStore(" + nginx.url() + "v2.zarr/)")
          .hasMessageContaining("consolidated metadata");
    }
  }

  @Test
  void aZipArchiveChainedOverHttpIsReadWithRangedGetsOnly() throws Exception {
    long zipSize = Files.size(dir.resolve("www/v2.zarr.zip"));
    try (ReadableStore store = Stores.open("zip::" + nginx.url() + "v2.zarr.zip")) {
      ZarrGroup g = (ZarrGroup) Convenience.open(ReadOnlyStore.of(store), OpenMode.READ);
      assertThat(g.attrs().get("title")).isEqualTo("served");
      assertThat(g.groupKeys()).containsExactly("sub");
      ZarrArray za = g.getArray("a");
      assertThat(za.get("10:30, 20:40")).isEqualTo(localA.get("10:30, 20:40"));
      assertThat(((ZarrArray) g.get("sub/b")).get()).isEqualTo(b);
    }
    // a HEAD, one GET of the archive's tail (its end record and central directory), then one GET
    // per entry read
    List<String> r = requests();
    assertThat(r.get(0)).isEqualTo("HEAD /v2.zarr.zip \"-\" 200");
    assertThat(r.subList(1, r.size()))
        .isNotEmpty()
        .allMatch(line -> line.startsWith("GET /v2.zarr.zip \"bytes=") && line.endsWith(" 206"));
    // 12 chunks and 4 metadata documents, each entry in one GET of its local header and data
    assertThat(r).hasSize(2 + 12 + 4).doesNotHaveDuplicates();
    for (String line : r.subList(1, r.size())) {
      String[] range = line.replaceAll(".*bytes=(\\d+)-(\\d+).*", "$1 $2").split(" ");
      long length = Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
      assertThat(length).as(line).isLessThan(zipSize / 2);
    }
  }

  @Test
  void closingTheZipStoreClosesTheHttpStoreItsArchiveWasOpenedIn() {
    HttpStoreProvider provider = new HttpStoreProvider();
    ByteSource archive =
        provider.openObject(java.net.URI.create(nginx.url() + "v2.zarr.zip"), java.util.Map.of());
    ZipStore zip = ZipStore.of(archive);
    assertThat(zip.contains(".zgroup")).isTrue();
    assertThat(archive.read(ByteRange.of(0, 4)).getInt()).isEqualTo(0x504b0304); // "PK\3\4"
    zip.close();
    assertThatThrownBy(() -> archive.read(ByteRange.of(0, 4)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");

    ByteSource notZip =
        provider.openObject(
            java.net.URI.create(nginx.url() + "v2.zarr/.zmetadata"), java.util.Map.of());
    assertThatThrownBy(() -> ZipStore.of(notZip))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not a zip archive");
    assertThatThrownBy(() -> notZip.read(ByteRange.of(0, 4)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aMissingChainedArchiveFailsNamingItsUrl() {
    String url = nginx.url() + "none.zip";
    assertThatThrownBy(() -> Stores.open("zip::" + url))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'" + url + "'");
    assertThatThrownBy(() -> Stores.open("zip::" + nginx.url() + "v2.zarr/.zmetadata"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(nginx.url() + "v2.zarr/.zmetadata");
  }

  @Test
  void everyKindOfRangeReadsTheFileBytes() throws Exception {
    String key = "files/with space/dätä";
    try (HttpStore store = HttpStore.at(nginx.url())) {
      SplittableRandom random = new SplittableRandom(5);
      for (int i = 0; i < 40; i++) {
        ByteRange range =
            switch (random.nextInt(4)) {
              case 0 -> ByteRange.of(random.nextInt(210_000), random.nextInt(20_000));
              case 1 -> new ByteRange.FromOffset(random.nextInt(210_000));
              case 2 -> new ByteRange.Suffix(random.nextInt(210_000));
              default -> ByteRange.FULL;
            };
        byte[] want =
            Arrays.copyOfRange(file, (int) range.start(file.length), (int) range.end(file.length));
        assertThat(bytes(store.get(key, range).orElseThrow())).as("%s", range).isEqualTo(want);
      }
      assertThat(requests()).hasSize(40).allMatch(r -> r.startsWith("GET /files/with%20space/"));
      assertThat(store.get("files/none")).isEmpty();
      assertThat(store.size(key)).isEqualTo(file.length);
    }
  }

  @Test
  void neighbouringRangesOfOneFileGoInOneRequest() throws Exception {
    String key = "files/with space/dätä";
    try (HttpStore store = HttpStore.at(nginx.url())) {
      List<KeyRange> wanted = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        wanted.add(KeyRange.of(key, ByteRange.of(1000 + i * 3000, 2000))); // 1000-byte gaps
      }
      wanted.add(KeyRange.of(key, ByteRange.of(150_000, 10)));
      List<Optional<ByteBuffer>> got = store.getMany(wanted);
      for (int i = 0; i < wanted.size(); i++) {
        ByteRange.Bounded r = (ByteRange.Bounded) wanted.get(i).range();
        assertThat(bytes(got.get(i).orElseThrow()))
            .isEqualTo(Arrays.copyOfRange(file, (int) r.offset(), (int) (r.offset() + r.length())));
      }
      assertThat(requests())
          .containsExactlyInAnyOrder(
              "GET /files/with%20space/d%C3%A4t%C3%A4 \"bytes=1000-29999\" 206",
              "GET /files/with%20space/d%C3%A4t%C3%A4 \"bytes=150000-150009\" 206");
    }
  }

  @Test
  void anOpenedFileReplacedMeanwhileFailsRatherThanMixVersions() throws Exception {
    Path p = dir.resolve("www/files/changing");
    Files.write(p, new byte[1000]);
    try (HttpStore store = HttpStore.at(nginx.url())) {
      ByteSource source = store.open("files/changing").orElseThrow();
      assertThat(source.read(ByteRange.of(0, 10)).remaining()).isEqualTo(10);
      Files.write(p, new byte[1001]); // another length: another ETag
      assertThatThrownBy(() -> source.read(ByteRange.of(10, 10)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'files/changing'")
          .hasMessageContaining("changed while it was open");
      assertThat(requests()).last().asString().endsWith(" 412");
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
