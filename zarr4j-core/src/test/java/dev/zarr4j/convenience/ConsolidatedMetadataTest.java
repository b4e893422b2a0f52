package dev.zarr4j.convenience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ZarrNode;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ConsolidatedMetadataStore;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.LoggingStore;
import dev.zarr4j.store.LoggingStore.Kind;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.testutil.StoreSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Consolidated metadata: one read, read-only metadata, writable data, corrupt documents. */
class ConsolidatedMetadataTest {
  @TempDir Path dir;

  /** root{a (attrs), g1{x (10,) i4, g2{y (4, 4) f8}}, g3{}} with a few chunks written. */
  static void build(Store store) {
    ZarrGroup root = Zarr.group(store);
    root.attrs().put("title", "root ✓");
    ZarrArray x =
        root.zeros("g1/x", ArrayOptions.builder().shape(10).chunks(5).dtype("i4").build());
    x.set(NdArray.arange(DataType.INT32, 10));
    x.attrs().put("units", "m");
    ZarrArray y =
        root.full(
            "g1/g2/y", 1.5, ArrayOptions.builder().shape(4, 4).chunks(2, 2).dtype("<f8").build());
    y.set("0:2, 0:2", 2.5);
    root.createGroup("g3");
  }

  private static List<String> describe(ZarrGroup g) {
    List<String> out = new ArrayList<>();
    out.add("/ " + g.attrs().asMap());
    g.visitValues(
        n -> {
          if (n instanceof ZarrArray a) {
            out.add(
                a.path()
                    + " "
                    + java.util.Arrays.toString(a.shape())
                    + " "
                    + a.dtype()
                    + " "
                    + a.attrs().asMap());
          } else {
            out.add(n.path() + " " + n.attrs().asMap());
          }
          return null;
        });
    return out;
  }

  static Stream<Arguments> stores() {
    return Stream.of(Arguments.of("memory"), Arguments.of("directory"));
  }

  private Store store(String kind) {
    return kind.equals("memory") ? new MemoryStore() : new DirectoryStore(dir.resolve("h.zarr"));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void oneMetadataReadOpensAndListsEverything(String kind) {
    Store raw = store(kind);
    build(raw);
    Convenience.consolidateMetadata(raw);
    List<String> plain = describe(Zarr.openGroup(raw, OpenMode.READ));

    LoggingStore counting = new LoggingStore(raw);
    // naming the key says Zarr v2: its document is the one read (without it, v3's zarr.json is
    // asked first: HttpOpenRequestsTest)
    ZarrGroup root =
        Convenience.openConsolidated(counting, ".zmetadata", OpenMode.READ, ArrayOptions.defaults())
            .asGroup();
    assertThat(describe(root)).isEqualTo(plain);
    assertThat(root.arrayKeys(true)).containsExactly("g1/g2/y", "g1/x");
    assertThat(root.info().get("No. members")).isEqualTo("2");
    assertThat(root.tree().toString())
        .isEqualTo(Zarr.openGroup(raw, OpenMode.READ).tree().toString());
    assertThat(counting.keys(Kind.OPEN, Kind.GET, Kind.GET_INTO)).containsExactly(".zmetadata");
    assertThat(counting.total()).isEqualTo(1);

    // data comes from the underlying store, chunk keys only
    counting.reset();
    NdArray y = root.getArray("g1/g2/y").get();
    assertThat(y.getDouble(0, 0)).isEqualTo(2.5);
    assertThat(y.getDouble(3, 3)).isEqualTo(1.5);
    assertThat(counting.keys(Kind.OPEN, Kind.GET, Kind.GET_INTO))
        .containsExactlyInAnyOrder("g1/g2/y/0.0", "g1/g2/y/0.1", "g1/g2/y/1.0", "g1/g2/y/1.1");
  }

  @Test
  void consolidatedDocumentLayout() {
    MemoryStore store = new MemoryStore();
    ZarrGroup root = Zarr.group(store);
    root.attrs().put("a", List.of(1, 2.0));
    root.createGroup("g");
    Convenience.consolidateMetadata(store);
    String doc = StandardCharsets.US_ASCII.decode(store.get(".zmetadata").orElseThrow()).toString();
    assertThat(doc)
        .isEqualTo(
            "{\n"
                + "    \"metadata\": {\n"
                + "        \".zattrs\": {\n"
                + "            \"a\": [\n"
                + "                1,\n"
                + "                2.0\n"
                + "            ]\n"
                + "        },\n"
                + "        \".zgroup\": {\n"
                + "            \"zarr_format\": 2\n"
                + "        },\n"
                + "        \"g/.zgroup\": {\n"
                + "            \"zarr_format\": 2\n"
                + "        }\n"
                + "    },\n"
                + "    \"zarr_consolidated_format\": 1\n"
                + "}");
    ConsolidatedMetadataStore meta = new ConsolidatedMetadataStore(store);
    assertThat(meta.keys()).containsExactly(".zattrs", ".zgroup", "g/.zgroup");
    assertThat(meta.listDir("")).containsExactly(".zattrs", ".zgroup", "g");
    assertThat(meta.capabilities().writable()).isFalse();
  }

  @Test
  void readModeRefusesDataWritesToo() {
    MemoryStore store = new MemoryStore();
    build(store);
    Convenience.consolidateMetadata(store);
    ZarrGroup root = Convenience.openConsolidated(store, OpenMode.READ).asGroup();
    assertThat(root.readOnly()).isTrue();
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> root.getArray("g1/x").set(1)).isInstanceOf(ReadOnlyException.class);
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
  }

  /** Every metadata change through an r+ consolidated view fails and changes nothing. */
  @Test
  void metadataChangesAreRefusedAndChangeNothing() {
    MemoryStore store = new MemoryStore();
    build(store);
    Convenience.consolidateMetadata(store);
    ZarrGroup root = Convenience.openConsolidated(store, OpenMode.READ_WRITE).asGroup();
    ZarrArray x = root.getArray("g1/x");
    Map<String, String> before = StoreSnapshot.of(store);
    List<Consumer<ZarrGroup>> changes =
        List.of(
            g -> g.attrs().put("k", 1),
            g -> g.attrs().remove("title"),
            g -> g.getArray("g1/x").attrs().put("units", "km"),
            g -> g.createGroup("new"),
            g -> g.createGroup("g3", true),
            g -> g.requireGroup("g3"),
            g -> g.zeros("z", ArrayOptions.builder().shape(3).build()),
            g -> g.zeros("g1/x", ArrayOptions.builder().shape(3).overwrite(true).build()),
            g -> g.move("g1", "moved"),
            g -> g.remove("g3"),
            g -> g.getArray("g1/x").resize(20),
            g -> g.getArray("g1/x").append(NdArray.arange(DataType.INT32, 2)));
    for (Consumer<ZarrGroup> change : changes) {
      assertThatThrownBy(() -> change.accept(root)).isInstanceOf(ReadOnlyException.class);
      assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    }
    assertThatThrownBy(
            () ->
                Zarr.create(ArrayOptions.builder().shape(2).store(root.store()).path("q").build()))
        .isInstanceOf(ReadOnlyException.class);
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    // data writes go through
    x.set("0:5", 9);
    assertThat(
            Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("g1/x").build())
                .get()
                .getLong(4))
        .isEqualTo(9L);
    assertThat(x.shape()).containsExactly(10);
  }

  @Test
  void staleUntilConsolidatedAgain() {
    MemoryStore store = new MemoryStore();
    build(store);
    Convenience.consolidateMetadata(store);
    Zarr.group(store).zeros("late", ArrayOptions.builder().shape(2).build());
    assertThat(Convenience.openConsolidated(store, OpenMode.READ).asGroup().contains("late"))
        .isFalse();
    Convenience.consolidateMetadata(store);
    assertThat(Convenience.openConsolidated(store, OpenMode.READ).asGroup().contains("late"))
        .isTrue();
  }

  @Test
  void customKeyPathAndArrays() {
    MemoryStore store = new MemoryStore();
    build(store);
    ZarrNode g1 = Convenience.consolidateMetadata(store, "meta/consolidated", "g1");
    assertThat(g1.asGroup().path()).isEqualTo("g1");
    assertThat(g1.readOnly()).isFalse();
    ZarrNode x =
        Convenience.openConsolidated(
            store, "meta/consolidated", OpenMode.READ, ArrayOptions.builder().path("g1/x").build());
    assertThat(x.isArray()).isTrue();
    assertThat(x.asArray().get()).isEqualTo(NdArray.arange(DataType.INT32, 10));
    assertThatThrownBy(() -> Convenience.openConsolidated(store, OpenMode.READ))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("'.zmetadata'");
    assertThatThrownBy(() -> Convenience.openConsolidated(store, OpenMode.APPEND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(
            () ->
                Convenience.openConsolidated(
                    store,
                    "meta/consolidated",
                    OpenMode.READ,
                    ArrayOptions.builder().path("nope").build()))
        .isInstanceOf(NodeNotFoundException.class)
        .hasMessageContaining("'nope'");
  }

  @Test
  void openConsolidatedFromADirectory() {
    Path p = dir.resolve("d.zarr");
    build(new DirectoryStore(p));
    Convenience.consolidateMetadata(p);
    try (ZarrGroup root = Convenience.openConsolidated(p, OpenMode.READ).asGroup()) {
      assertThat(root.store()).isInstanceOf(ConsolidatedMetadataStore.class);
      assertThat(root.getArray("g1/x").get().getLong(9)).isEqualTo(9L);
    }
  }

  @Test
  void consolidatedGroupsSerialise() throws Exception {
    MemoryStore store = new MemoryStore();
    build(store);
    Convenience.consolidateMetadata(store);
    ZarrGroup root = Convenience.openConsolidated(store, OpenMode.READ).asGroup();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(root);
    }
    ZarrGroup back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ZarrGroup) in.readObject();
    }
    assertThat(back).isEqualTo(root);
    assertThat(describe(back)).isEqualTo(describe(root));
  }

  // ------------------------------------------------------------ corrupt documents

  static Stream<Arguments> corruptDocuments() {
    return Stream.of(
        Arguments.of("{not json", "not valid JSON"),
        Arguments.of("[1, 2]", "must hold a JSON object"),
        Arguments.of("{\"metadata\": {}}", "zarr_consolidated_format is null"),
        Arguments.of(
            "{\"metadata\": {}, \"zarr_consolidated_format\": 2}", "zarr_consolidated_format is 2"),
        Arguments.of("{\"zarr_consolidated_format\": 1}", "no 'metadata' object"),
        Arguments.of("{\"metadata\": [], \"zarr_consolidated_format\": 1}", "no 'metadata' object"),
        Arguments.of(
            "{\"metadata\": {\".zgroup\": 2}, \"zarr_consolidated_format\": 1}",
            "entry '.zgroup' must be a JSON object"),
        Arguments.of(
            "{\"metadata\": {\"../x/.zgroup\": {}}, \"zarr_consolidated_format\": 1}",
            "invalid key"),
        Arguments.of("", "not valid JSON"));
  }

  @ParameterizedTest
  @MethodSource("corruptDocuments")
  void corruptDocumentsAreRefused(String doc, String message) {
    MemoryStore store = new MemoryStore();
    build(store);
    store.set(".zmetadata", doc.getBytes(StandardCharsets.UTF_8));
    Map<String, String> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> Convenience.openConsolidated(store, OpenMode.READ_WRITE))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining(".zmetadata")
        .hasMessageContaining(message);
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
  }

  @Test
  void corruptEntriesFailWhenUsed() {
    MemoryStore store = new MemoryStore();
    build(store);
    store.set(
        ".zmetadata",
        ("{\"metadata\": {\".zgroup\": {\"zarr_format\": 2}, \"a/.zarray\": {\"zarr_format\": 2}},"
                + " \"zarr_consolidated_format\": 1}")
            .getBytes(StandardCharsets.UTF_8));
    ZarrGroup root = Convenience.openConsolidated(store, OpenMode.READ).asGroup();
    assertThat(root.keys()).containsExactly("a");
    assertThatThrownBy(() -> root.get("a"))
        .isInstanceOf(MetadataException.class)
        .hasMessageContaining("a/.zarray");
    assertThat(Zarr.openGroup(store, OpenMode.READ, GroupOptions.defaults()).keys())
        .containsExactly("g1", "g3");
  }
}
