package dev.zarr4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.DirectoryStore;
import dev.zarr4j.store.NestedDirectoryStore;
import dev.zarr4j.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the Zarr v2, Zarr v3 and N5 arrays of {@code ../shared/fixtures} (written by older
 * zarr-python releases and other implementations) and compares them with the values recorded beside
 * them. Cases that need a codec, format or store this release does not support yet are reported as
 * skipped, naming what is missing.
 */
class FixturesIT {

  static Path fixtures() {
    return dev.zarr4j.testutil.SharedFixtures.root();
  }

  @TestFactory
  Stream<DynamicTest> fixturesReadAsRecorded() throws Exception {
    Path root = fixtures();
    assumeTrue(root != null, "../shared/fixtures is not present");
    @SuppressWarnings("unchecked")
    Map<String, Object> manifest =
        (Map<String, Object>) PythonJson.parse(Files.readAllBytes(root.resolve("manifest.json")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cases = (List<Map<String, Object>>) manifest.get("cases");
    List<DynamicTest> tests = new ArrayList<>();
    for (Map<String, Object> c : cases) {
      tests.add(DynamicTest.dynamicTest(String.valueOf(c.get("id")), () -> check(root, c)));
    }
    return tests.stream();
  }

  /**
   * The consolidated group zarr-python 3 wrote opens from its root document's inline metadata, and
   * each array in it reads as recorded.
   */
  @org.junit.jupiter.api.Test
  void v3ConsolidatedGroupOpensFromItsRootDocument() throws Exception {
    Path root = fixtures();
    assumeTrue(root != null, "../shared/fixtures is not present");
    Path group = root.resolve("zarrita-js-fixtures/fixtures/v3/data.zarr/consolidated");
    dev.zarr4j.ZarrGroup g =
        (dev.zarr4j.ZarrGroup)
            dev.zarr4j.convenience.Convenience.openConsolidated(
                new DirectoryStore(group), OpenMode.READ);
    assertThat(g.format().name()).isEqualTo("zarr-v3");
    assertThat(g.arrayKeys(true))
        .containsExactlyInAnyOrder("1d.chunked.i2", "2d.contiguous.i2", "nested/1d.i2");
    for (String path : g.arrayKeys(true)) {
      NdArray expected =
          Npy.read(
              root.resolve(
                  "expected/zarrita-js-v3-fixture/zarrita-v3__consolidated__"
                      + path.replace('/', '_').replace("nested_", "nested__")
                      + ".npy"));
      assertThat(g.getArray(path).get()).as(path).isEqualTo(expected);
    }
  }

  private static Object fromJson(Object v) {
    if (v instanceof Map<?, ?> m && m.containsKey("__bytes_base64__")) {
      return java.util.Base64.getDecoder().decode((String) m.get("__bytes_base64__"));
    }
    if (v instanceof Map<?, ?> m && m.containsKey("__float__")) {
      String f = (String) m.get("__float__");
      return f.equals("nan")
          ? Double.NaN
          : f.equals("inf") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return v;
  }

  /** Every codec name in a v3 codec list, nested ones (sharding) included. */
  @SuppressWarnings("unchecked")
  private static List<String> v3CodecNames(Object codecs) {
    List<String> names = new ArrayList<>();
    if (codecs instanceof List<?> l) {
      for (Object c : l) {
        if (c instanceof String s) {
          names.add(s);
        } else if (c instanceof Map<?, ?> m) {
          names.add((String) m.get("name"));
          if (m.get("configuration") instanceof Map<?, ?> conf) {
            names.addAll(v3CodecNames(conf.get("codecs")));
            names.addAll(v3CodecNames(conf.get("index_codecs")));
          }
        }
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static void check(Path root, Map<String, Object> c) {
    int zarrFormat = ((Number) c.get("zarr_format")).intValue();
    String kind = (String) c.get("store_kind");
    assumeTrue(
        kind.equals("directory") || kind.startsWith("nested_directory") || kind.equals("n5"),
        "store kind '" + kind + "' is not supported yet");
    Map<String, Object> meta = (Map<String, Object>) c.get("metadata");
    List<Object> codecs = new ArrayList<>();
    if (meta != null && meta.get("compressor") != null) { // N5 cases record no v2 metadata
      codecs.add(meta.get("compressor"));
    }
    if (meta != null && meta.get("filters") != null) {
      codecs.addAll((List<Object>) meta.get("filters"));
    }
    for (Object codec : codecs) {
      String id = (String) ((Map<String, Object>) codec).get("id");
      assumeTrue(CodecRegistry.isKnown(id), "codec '" + id + "' is not supported yet");
    }
    if (zarrFormat == 3) {
      for (String name : v3CodecNames(meta.get("codecs"))) {
        assumeTrue(
            CodecRegistry.knownV3Names().contains(name)
                || name.startsWith(CodecRegistry.NUMCODECS_PREFIX),
            "codec '" + name + "' is not supported yet");
      }
    }
    // cases tagged reference-reader-limitation record the known literal values (their reference
    // reader could not read them), so they are checked like any other case
    Path storePath = root.resolve((String) c.get("store"));
    ArrayOptions at = ArrayOptions.builder().path((String) c.get("array_path")).build();
    ZarrArray z;
    if (zarrFormat == 3) {
      z =
          Zarr.openArray(
              new DirectoryStore(storePath),
              OpenMode.READ,
              at.toBuilder().format(NodeFormats.named("zarr-v3")).build());
      assertThat(z.format().name()).isEqualTo("zarr-v3");
    } else if (kind.equals("n5")) {
      // a directory named *.n5 opens as N5, as zarr.open does
      z = Zarr.openArray(storePath, OpenMode.READ, at);
      assertThat(z.format().name()).isEqualTo("n5");
    } else {
      Store store =
          kind.startsWith("nested_directory")
              ? new NestedDirectoryStore(storePath)
              : new DirectoryStore(storePath);
      z = Zarr.openArray(store, OpenMode.READ, at);
    }
    NdArray got = z.get();
    if (!"npy".equals(c.get("expected_format"))) {
      // object arrays: {"shape": [...], "data": [flat C-order values]} with bytes and non-finite
      // floats spelled out
      Map<String, Object> exp;
      try {
        exp =
            (Map<String, Object>)
                PythonJson.parse(Files.readAllBytes(root.resolve((String) c.get("expected"))));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      List<Object> data = (List<Object>) exp.get("data");
      assertThat(got.size()).isEqualTo(data.size());
      for (int i = 0; i < data.size(); i++) {
        assertThat(got.getFlat(i)).as("element %d", i).isEqualTo(fromJson(data.get(i)));
      }
      return;
    }
    NdArray expected = Npy.read(root.resolve((String) c.get("expected")));
    assertThat(got.dtype()).isEqualTo(expected.dtype());
    assertThat(got.shape()).isEqualTo(expected.shape());
    assertThat(got).isEqualTo(expected);
  }
}
