package dev.zarr4j.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Stores;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many requests opening a node costs over HTTP (a real JDK HTTP server counting them), for each
 * format with nothing telling the format: the format is found by probing its documents.
 */
class HttpOpenRequestsTest {
  private TestHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static final NdArray DATA = NdArray.arange(DataType.parse("<i4"), 12, 3, 4);

  /** Writes a group holding array {@code a} in {@code format} and serves its keys. */
  private void serve(NodeFormat format, boolean consolidate) {
    MemoryStore m = new MemoryStore();
    ZarrGroup g = Zarr.group(m, GroupOptions.builder().format(format).build());
    g.array("a", DATA, ArrayOptions.builder().chunks(2, 2).build());
    if (consolidate) {
      Convenience.consolidateMetadata(m);
    }
    m.listPrefix("").forEach(k -> server.files.put(k, bytes(m.get(k).orElseThrow())));
  }

  private List<String> open(String path) {
    server.requests.clear();
    try (ReadableStore store = Stores.open(server.url())) {
      ZarrNode n =
          Convenience.open(
              ReadOnlyStore.of(store), OpenMode.READ, ArrayOptions.builder().path(path).build());
      List<String> r = List.copyOf(server.requests);
      if (n instanceof ZarrArray a) {
        assertThat(a.get()).isEqualTo(DATA);
      }
      return r;
    }
  }

  private List<String> openConsolidated() {
    server.requests.clear();
    try (ReadableStore store = Stores.open(server.url())) {
      ZarrGroup g =
          (ZarrGroup) Convenience.openConsolidated(ReadOnlyStore.of(store), OpenMode.READ);
      List<String> r = List.copyOf(server.requests);
      assertThat(g.getArray("a").get()).isEqualTo(DATA);
      return r;
    }
  }

  @Test
  void aV3NodeIsFoundWithItsFirstRequestAndAConsolidatedV3GroupOpensWithOne() {
    serve(NodeFormats.named("zarr-v3"), true);
    // found by its first probe; the open then reads the document again (kind, then metadata)
    assertThat(open("a")).hasSize(3).containsOnly("GET /a/zarr.json null");
    assertThat(openConsolidated()).containsExactly("GET /zarr.json null");
  }

  @Test
  void aV2NodeCostsOneProbeOfZarrJsonMore() {
    serve(NodeFormats.zarrV2(), true);
    assertThat(open("a"))
        .containsExactly(
            "GET /a/zarr.json null",
            "HEAD /a/.zarray null",
            "HEAD /a/.zarray null",
            "GET /a/.zarray null");
    assertThat(openConsolidated()).containsExactly("GET /zarr.json null", "GET /.zmetadata null");
  }

  @Test
  void aV2HierarchyConsolidatedUnderItsOwnKeyIsAskedForItFirst() {
    MemoryStore m = new MemoryStore();
    Zarr.group(m).array("a", DATA, ArrayOptions.builder().chunks(2, 2).build());
    Convenience.consolidateMetadata(m, "meta.json", null);
    m.listPrefix("").forEach(k -> server.files.put(k, bytes(m.get(k).orElseThrow())));
    try (ReadableStore store = Stores.open(server.url())) {
      ZarrGroup g =
          (ZarrGroup)
              Convenience.openConsolidated(
                  ReadOnlyStore.of(store), "meta.json", OpenMode.READ, ArrayOptions.defaults());
      assertThat(server.requests).containsExactly("GET /meta.json null");
      assertThat(g.getArray("a").get()).isEqualTo(DATA);
    }
  }

  @Test
  void anN5DatasetIsFoundAfterTheZarrProbes() {
    serve(NodeFormats.named("n5"), false);
    assertThat(open("a"))
        .containsExactly(
            "GET /a/zarr.json null",
            "HEAD /a/.zarray null",
            "HEAD /a/.zgroup null",
            "GET /a/attributes.json null",
            "GET /a/attributes.json null",
            "GET /a/attributes.json null");
  }

  @Test
  void onALocalStoreBothFormatsAreAskedAndTwoNodesAtOnePathRefused() {
    MemoryStore m = new MemoryStore();
    Zarr.group(m, GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
    Zarr.group(m, GroupOptions.builder().format(NodeFormats.zarrV2()).build());
    assertThatThrownBy(() -> NodeFormats.detect(m, ""))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("both zarr-v2 and zarr-v3 find a node at path '/'");
    // over HTTP each probe is a request: the v3 node is taken, as zarr-python 3 takes it
    m.listPrefix("").forEach(k -> server.files.put(k, bytes(m.get(k).orElseThrow())));
    try (ReadableStore store = Stores.open(server.url())) {
      assertThat(NodeFormats.detect(store, "").orElseThrow().name()).isEqualTo("zarr-v3");
      assertThat(server.requests).containsExactly("GET /zarr.json null");
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
