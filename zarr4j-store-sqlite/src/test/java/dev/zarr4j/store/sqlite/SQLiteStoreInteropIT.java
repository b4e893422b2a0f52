package dev.zarr4j.store.sqlite;

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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by zarr-python 2's {@code zarr.SQLiteStore} opens in {@link SQLiteStore} with
 * the same keys, bytes and array values, and one {@link SQLiteStore} wrote opens in zarr-python.
 * Needs {@code /usr/bin/python3} with zarr 2.x (override with {@code -Dzarr4j.python=...}); skipped
 * without it unless {@code -Dzarr4j.interop.required=true}.
 */
class SQLiteStoreInteropIT {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Writes a group with two arrays and attributes into the store of class argv[1] at argv[2]. */
  static final String WRITE =
      String.join(
          "\n",
          "import sys, json, numpy as np, zarr",
          "store = getattr(zarr, sys.argv[1])(sys.argv[2])",
          "root = zarr.group(store=store, overwrite=True)",
          "root.attrs['title'] = 'from python'",
          "a = root.zeros('sub/ints', shape=(40, 30), chunks=(8, 8), dtype='<i4')",
          "a[:] = np.arange(1200, dtype='<i4').reshape(40, 30) * 7 - 3000",
          "root['sub'].attrs['n'] = 5",
          "f = root.zeros('floats', shape=(101,), chunks=(7,), dtype='<f8')",
          "f[:] = np.arange(101) / 7.0",
          "store.close()",
          "store = getattr(zarr, sys.argv[1])(sys.argv[2])",
          "keys = sorted(store.keys())",
          "print(json.dumps({'keys': keys, 'values': {k: bytes(store[k]).hex() for k in keys}}))",
          "store.close()");

  /** Reads the hierarchy of the store of class argv[1] at argv[2] and prints it as JSON. */
  static final String READ =
      String.join(
          "\n",
          "import sys, json, numpy as np, zarr",
          "store = getattr(zarr, sys.argv[1])(sys.argv[2])",
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
    ZarrPython.require();
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

  @Test
  void aDatabaseZarrPythonWroteOpensHere() throws IOException {
    Path file = dir.resolve("python.sqlite");
    JsonNode dump = JSON.readTree(ZarrPython.run(WRITE, "SQLiteStore", file.toString()));
    try (SQLiteStore store = new SQLiteStore(file, true)) {
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

  @Test
  void zarrPythonOpensADatabaseWrittenHere() throws IOException {
    Path file = dir.resolve("java.sqlite");
    try (Store store = new SQLiteStore(file)) {
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
    JsonNode read = JSON.readTree(ZarrPython.run(READ, "SQLiteStore", file.toString()));
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
}
