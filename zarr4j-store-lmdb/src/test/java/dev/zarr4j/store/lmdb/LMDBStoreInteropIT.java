package dev.zarr4j.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.Store;
import dev.zarr4j.testkit.ZarrPython;
import dev.zarr4j.testkit.ZarrPythonStoreInterop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An environment written by zarr-python 2's {@code zarr.LMDBStore} opens in {@link LMDBStore} with
 * the same keys, bytes and array values, and one {@link LMDBStore} wrote opens in zarr-python, with
 * and without {@code subdir}. Needs {@code /usr/bin/python3} with zarr 2.x and the {@code lmdb}
 * module (Debian's {@code python3-lmdb}; override the interpreter with {@code
 * -Dzarr4j.python=...}); skipped without them unless {@code -Dzarr4j.interop.required=true}.
 */
class LMDBStoreInteropIT {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Writes a group with two arrays and attributes into the store of class argv[1] at argv[2]. */
  static final String WRITE =
      String.join(
          "\n",
          "import sys, json, numpy as np, zarr",
          "store = getattr(zarr, sys.argv[1])(sys.argv[2], **json.loads(sys.argv[3]))",
          "root = zarr.group(store=store, overwrite=True)",
          "root.attrs['title'] = 'from python'",
          "a = root.zeros('sub/ints', shape=(40, 30), chunks=(8, 8), dtype='<i4')",
          "a[:] = np.arange(1200, dtype='<i4').reshape(40, 30) * 7 - 3000",
          "root['sub'].attrs['n'] = 5",
          "f = root.zeros('floats', shape=(101,), chunks=(7,), dtype='<f8')",
          "f[:] = np.arange(101) / 7.0",
          "store.close()",
          "store = getattr(zarr, sys.argv[1])(sys.argv[2], **json.loads(sys.argv[3]))",
          "keys = sorted(store.keys())",
          "print(json.dumps({'keys': keys, 'values': {k: bytes(store[k]).hex() for k in keys}}))",
          "store.close()");

  /** Reads the hierarchy of the store of class argv[1] at argv[2] and prints it as JSON. */
  static final String READ =
      String.join(
          "\n",
          "import sys, json, numpy as np, zarr",
          "store = getattr(zarr, sys.argv[1])(sys.argv[2], **json.loads(sys.argv[3]))",
          "root = zarr.open_group(store=store, mode='r')",
          "print(json.dumps({'title': root.attrs['title'],",
          "  'arrays': sorted(a.path for _, a in root.arrays(recurse=True)),",
          "  'listdir': store.listdir(''), 'listdir_sub': store.listdir('sub'),",
          "  'ints': root['sub/ints'][:].tolist(), 'floats': root['floats'][:].tolist(),",
          "  'window': root['sub/ints'][10:19, 2:15].tolist()}))",
          "store.close()");

  @TempDir Path dir;

  @BeforeAll
  static void requireZarrPython() {
    ZarrPython.require("lmdb");
  }

  /** zarr-python's keyword arguments for the store. */
  static String kwargs(boolean subdir) {
    return "{\"subdir\": " + (subdir ? "true" : "false") + "}";
  }

  static int[] expectedInts() {
    int[] v = new int[1200];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 7 - 3000;
    }
    return v;
  }

  static double[] expectedFloats() {
    double[] v = new double[101];
    for (int i = 0; i < v.length; i++) {
      v[i] = i / 7.0;
    }
    return v;
  }

  @ParameterizedTest(name = "subdir: {0}")
  @ValueSource(booleans = {true, false})
  void anEnvironmentZarrPythonWroteOpensHere(boolean subdir) throws IOException {
    Path file = dir.resolve("python.mdb");
    JsonNode dump =
        JSON.readTree(ZarrPython.run(WRITE, "LMDBStore", file.toString(), kwargs(subdir)));
    try (LMDBStore store = new LMDBStore(file, true, subdir, LMDBStore.DEFAULT_MAP_SIZE)) {
      List<String> keys = new ArrayList<>();
      dump.get("keys").forEach(k -> keys.add(k.asText()));
      assertThat(store.listPrefix("")).isEqualTo(keys);
      for (String key : keys) {
        ByteBuffer value = store.get(key).orElseThrow();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        assertThat(HexFormat.of().formatHex(bytes))
            .as("bytes of %s", key)
            .isEqualTo(dump.get("values").get(key).asText());
      }
      assertThat(store.listDir("")).containsExactly(".zattrs", ".zgroup", "floats", "sub");
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
      assertThat(root.attrs().get("title")).isEqualTo("from python");
      assertThat(root.getGroup("sub").attrs().get("n")).isEqualTo(5L);
      assertThat(root.getArray("sub/ints").get()).isEqualTo(NdArray.of(expectedInts(), 40, 30));
      assertThat(root.getArray("floats").get()).isEqualTo(NdArray.of(expectedFloats(), 101));
    }
  }

  @ParameterizedTest(name = "subdir: {0}")
  @ValueSource(booleans = {true, false})
  void zarrPythonOpensAnEnvironmentWrittenHere(boolean subdir) throws IOException {
    Path file = dir.resolve("java.mdb");
    try (Store store = new LMDBStore(file, false, subdir, LMDBStore.DEFAULT_MAP_SIZE)) {
      ZarrGroup root = Zarr.group(store);
      root.attrs().put("title", "from zarr4j");
      ZarrArray a =
          root.createGroup("sub")
              .zeros(
                  "ints", ArrayOptions.builder().shape(40, 30).chunks(8, 8).dtype("<i4").build());
      a.set(NdArray.of(expectedInts(), 40, 30));
      ZarrArray f =
          root.zeros("floats", ArrayOptions.builder().shape(101).chunks(7).dtype("<f8").build());
      f.set(NdArray.of(expectedFloats(), 101));
    }
    JsonNode read =
        JSON.readTree(ZarrPython.run(READ, "LMDBStore", file.toString(), kwargs(subdir)));
    assertThat(read.get("title").asText()).isEqualTo("from zarr4j");
    assertThat(read.get("arrays").toString()).isEqualTo("[\"floats\",\"sub/ints\"]");
    assertThat(read.get("listdir").toString())
        .isEqualTo("[\".zattrs\",\".zgroup\",\"floats\",\"sub\"]");
    assertThat(read.get("listdir_sub").toString()).isEqualTo("[\".zgroup\",\"ints\"]");
    int[] ints = expectedInts();
    for (int r = 0; r < 40; r++) {
      for (int c = 0; c < 30; c++) {
        assertThat(read.get("ints").get(r).get(c).asInt()).isEqualTo(ints[r * 30 + c]);
      }
    }
    assertThat(read.get("window").get(0).get(0).asInt()).isEqualTo(ints[10 * 30 + 2]);
    assertThat(read.get("window").get(8).get(12).asInt()).isEqualTo(ints[18 * 30 + 14]);
    double[] floats = expectedFloats();
    for (int i = 0; i < floats.length; i++) {
      assertThat(read.get("floats").get(i).asDouble()).isEqualTo(floats[i]);
    }
  }

  /**
   * The testkit's interop hierarchies ({@link ZarrPythonStoreInterop}) both ways, zarr-python's
   * {@code zarr.LMDBStore} opening the file while zarr4j's store on it is open.
   */
  @Nested
  class BothWays extends ZarrPythonStoreInterop {
    private Path file;

    @Override
    protected Store createStore() {
      file = dir.resolve("shared.mdb");
      return new LMDBStore(file, false);
    }

    @Override
    protected String pythonStore() {
      return "zarr.LMDBStore('" + file + "')";
    }

    @Override
    protected String[] pythonModules() {
      return new String[] {"lmdb"};
    }
  }
}
