package dev.zarr4j.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.FoundNode;
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
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.Stores;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
    // found by its first probe, which the open reads instead of the store
    assertThat(open("a")).containsExactly("GET /a/zarr.json null");
    assertThat(openConsolidated()).containsExactly("GET /zarr.json null");
  }

  @Test
  void aV2NodeCostsOneProbeOfZarrJsonMore() {
    serve(NodeFormats.zarrV2(), true);
    assertThat(open("a")).containsExactly("GET /a/zarr.json null", "GET /a/.zarray null");
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
            "GET /a/.zarray null",
            "GET /a/.zgroup null",
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

  /** The ways a node is opened with nothing naming its format. */
  enum Entry {
    CONVENIENCE_OPEN,
    LOAD,
    ZARR_OPEN,
    FOUND_NODE,
    GROUP_MEMBER
  }

  /**
   * Every entry point, every format, arrays and groups at several depths: no document is read twice
   * by one open, and the node opened is the one written (a reference model: what was written
   * where).
   */
  @ParameterizedTest
  @MethodSource("formatsAndEntries")
  void noOpenReadsADocumentTwice(String formatName, Entry entry) {
    NodeFormat format = NodeFormats.named(formatName);
    SplittableRandom random = new SplittableRandom(formatName.hashCode() * 31L + entry.ordinal());
    MemoryStore m = new MemoryStore();
    ZarrGroup root = Zarr.group(m, GroupOptions.builder().format(format).build());
    Map<String, NdArray> arrays = new java.util.LinkedHashMap<>();
    List<String> groups = new java.util.ArrayList<>(List.of(""));
    for (int i = 0; i < 6; i++) {
      String parent = groups.get(random.nextInt(groups.size()));
      String name = (parent.isEmpty() ? "" : parent + "/") + "n" + i;
      if (random.nextBoolean()) {
        root.createGroup(name);
        groups.add(name);
      } else {
        NdArray data = NdArray.arange(DataType.parse("<i4"), 1 + random.nextInt(20));
        root.array(name, data, ArrayOptions.builder().chunks(4).build());
        arrays.put(name, data);
      }
    }
    m.listPrefix("").forEach(k -> server.files.put(k, bytes(m.get(k).orElseThrow())));
    List<String> paths = new java.util.ArrayList<>(arrays.keySet());
    paths.addAll(groups);
    try (ReadableStore http = Stores.open(server.url())) {
      Store store = ReadOnlyStore.of(http);
      // a group member is opened from its opened root group: only the member's open is counted
      ZarrGroup rootGroup =
          Zarr.openGroup(store, OpenMode.READ, GroupOptions.builder().format(format).build());
      for (String path : paths) {
        server.requests.clear();
        Object opened = openBy(entry, store, path, arrays.containsKey(path), rootGroup);
        List<String> reads = List.copyOf(server.requests);
        assertThat(reads).as("%s of '%s'", entry, path).doesNotHaveDuplicates().isNotEmpty();
        NdArray expected = arrays.get(path);
        if (expected == null) {
          assertThat(opened).as(path).isNotInstanceOf(ZarrArray.class);
        } else {
          NdArray got = opened instanceof ZarrArray a ? a.get() : (NdArray) opened;
          assertThat(got).as(path).isEqualTo(expected);
        }
      }
    }
  }

  static Stream<Arguments> formatsAndEntries() {
    return Stream.of("zarr-v2", "zarr-v3", "n5")
        .flatMap(f -> Stream.of(Entry.values()).map(e -> Arguments.of(f, e)));
  }

  private static Object openBy(
      Entry entry, Store store, String path, boolean array, ZarrGroup rootGroup) {
    ArrayOptions at = ArrayOptions.builder().path(path).build();
    return switch (entry) {
      case CONVENIENCE_OPEN -> Convenience.open(store, OpenMode.READ, at);
      case LOAD -> Convenience.load(store, path);
      case ZARR_OPEN ->
          array
              ? Zarr.openArray(store, OpenMode.READ, at)
              : Zarr.openGroup(store, OpenMode.READ, GroupOptions.builder().path(path).build());
      case FOUND_NODE -> {
        FoundNode n = FoundNode.at(store, path, null).orElseThrow();
        yield n.kind() == NodeKind.ARRAY
            ? n.openArray(OpenMode.READ, ArrayOptions.defaults())
            : n.openGroup(OpenMode.READ, GroupOptions.defaults());
      }
      case GROUP_MEMBER -> path.isEmpty() ? rootGroup.get("/") : rootGroup.get(path);
    };
  }

  @Test
  void theZarrEntryPointsReadEachDocumentOnce() {
    serve(NodeFormats.zarrV2(), false);
    try (ReadableStore store = Stores.open(server.url())) {
      server.requests.clear();
      Zarr.openArray(store, ArrayOptions.builder().path("a").build());
      assertThat(server.requests).containsExactly("GET /a/zarr.json null", "GET /a/.zarray null");
      server.requests.clear();
      Zarr.openGroup(store, GroupOptions.defaults());
      assertThat(server.requests)
          .containsExactly("GET /zarr.json null", "GET /.zarray null", "GET /.zgroup null");
      // a member of an opened group, its format known: its one document
      ZarrGroup g = Zarr.openGroup(store, GroupOptions.defaults());
      server.requests.clear();
      assertThat(g.getArray("a").get()).isEqualTo(DATA);
      assertThat(server.requests.get(0)).isEqualTo("GET /a/.zarray null");
      assertThat(server.requests.stream().filter(r -> r.contains(".zarray"))).hasSize(1);
    }
  }

  @Test
  void eachOpenReadsTheDocumentsAfreshAndAFoundNodeLendsItsReadsOnce() {
    serve(NodeFormats.named("zarr-v3"), false);
    try (ReadableStore http = Stores.open(server.url())) {
      Store store = ReadOnlyStore.of(http);
      ArrayOptions at = ArrayOptions.builder().path("a").build();
      FoundNode found = FoundNode.at(store, "a", null).orElseThrow();
      assertThat(found.kind()).isEqualTo(NodeKind.ARRAY);
      assertThat(((ZarrArray) Convenience.open(store, OpenMode.READ, at)).shape())
          .containsExactly(3, 4);
      // the array is replaced on the server: the next open sees it, never the earlier read
      MemoryStore m = new MemoryStore();
      Zarr.array(
          NdArray.arange(DataType.parse("<i4"), 10),
          ArrayOptions.builder().store(m).path("a").format(NodeFormats.named("zarr-v3")).build());
      server.files.put("a/zarr.json", bytes(m.get("a/zarr.json").orElseThrow()));
      server.requests.clear();
      assertThat(((ZarrArray) Convenience.open(store, OpenMode.READ, at)).shape())
          .containsExactly(10);
      assertThat(server.requests).containsExactly("GET /a/zarr.json null");
      // the node found before the change opens what its look read, once; then reads afresh
      server.requests.clear();
      assertThat(found.openArray(OpenMode.READ, ArrayOptions.defaults()).shape())
          .containsExactly(3, 4);
      assertThat(server.requests).isEmpty();
      assertThat(found.openArray(OpenMode.READ, ArrayOptions.defaults()).shape())
          .containsExactly(10);
      assertThat(server.requests).containsExactly("GET /a/zarr.json null");
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void anOpenThatWritesReadsTheStoreAfterItsWrite(String formatName) {
    NodeFormat format = NodeFormats.named(formatName);
    MemoryStore m = new MemoryStore();
    Zarr.group(m, GroupOptions.builder().format(format).build())
        .array("x", DATA, ArrayOptions.builder().chunks(2, 2).build());
    // mode w replaces the array its look found with a group, which the open then checks
    ZarrGroup g =
        Zarr.openGroup(m, OpenMode.WRITE, GroupOptions.builder().path("x").format(format).build());
    assertThat(g.path()).isEqualTo("x");
    assertThat(NodeFormats.find(m, "x").orElseThrow().kind()).isEqualTo(NodeKind.GROUP);
    // and back: mode w with a shape replaces the group with an array
    ZarrNode n =
        Convenience.open(
            m, OpenMode.WRITE, ArrayOptions.builder().path("x").shape(5).format(format).build());
    assertThat(n).isInstanceOf(ZarrArray.class);
    assertThat(((ZarrArray) n).shape()).containsExactly(5);
    // mode a over nothing creates a group, found by the open that follows its write
    ZarrNode created =
        Convenience.open(
            m, OpenMode.APPEND, ArrayOptions.builder().path("y").format(format).build());
    assertThat(created).isInstanceOf(ZarrGroup.class);
  }

  static Stream<String> formats() {
    return Stream.of("zarr-v2", "zarr-v3", "n5");
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
