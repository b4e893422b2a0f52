package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.testkit.SeededRandom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that zarr-python 2.x's {@code DirectoryStore} and {@code NestedDirectoryStore} see the
 * keys and bytes zarr4j's stores write, and the reverse. Needs {@code /usr/bin/python3} with zarr
 * 2.x (override with {@code -Dzarr4j.python=...}); skipped without it unless {@code
 * -Dzarr4j.interop.required=true}.
 */
class ZarrPythonInteropIT {
  static final String PYTHON = System.getProperty("zarr4j.python", "/usr/bin/python3");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();

  /** Prints every key, value and a few listdir results of a zarr-python store as JSON. */
  static final String DUMP =
      String.join(
          "\n",
          "import sys, json",
          "import zarr.storage as s",
          "st = getattr(s, sys.argv[1])(sys.argv[2])",
          "keys = sorted(st.keys())",
          "print(json.dumps({'keys': keys,",
          "                  'values': {k: st[k].hex() for k in keys},",
          "                  'listdir': {p: st.listdir(p) for p in json.loads(sys.argv[3])}}))");

  @TempDir Path dir;

  @BeforeAll
  static void requireZarrPython() {
    boolean required = Boolean.getBoolean("zarr4j.interop.required");
    String version;
    try {
      version = python("import zarr; print(zarr.__version__)").trim();
    } catch (RuntimeException | AssertionError e) {
      if (required) {
        throw new AssertionError("zarr-python is required but not usable at " + PYTHON, e);
      }
      Assumptions.abort("zarr-python not usable at " + PYTHON + ": " + e.getMessage());
      return;
    }
    if (!version.startsWith("2.")) {
      if (required) {
        throw new AssertionError("zarr-python 2.x required, found " + version);
      }
      Assumptions.abort("zarr-python 2.x required, found " + version);
    }
  }

  /** Runs a Python script with arguments and returns its standard output. */
  static String python(String script, String... args) {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("python timed out");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "python failed ("
                + process.exitValue()
                + "):\n"
                + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + PYTHON, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode dump(String storeClass, Path root, List<String> listdirPaths) throws IOException {
    return JSON.readTree(
        python(DUMP, storeClass, root.toString(), JSON.writeValueAsString(listdirPaths)));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static byte[] bytesOf(Store store, String key) {
    ByteBuffer b = store.get(key).orElseThrow(() -> new AssertionError("missing " + key));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Asserts a zarr-python dump shows exactly the keys and bytes of {@code store}. */
  static void assertSameContent(JsonNode dump, Store store) {
    List<String> keys = store.listPrefix("");
    assertThat(strings(dump.get("keys"))).as("keys zarr-python sees").isEqualTo(keys);
    for (String key : keys) {
      assertThat(dump.get("values").get(key).asText())
          .as("bytes of %s", key)
          .isEqualTo(HEX.formatHex(bytesOf(store, key)));
    }
  }

  Map<String, byte[]> sampleKeys(long seed) {
    SeededRandom random = new SeededRandom(seed);
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(".zgroup", "{\n    \"zarr_format\": 2\n}".getBytes(StandardCharsets.UTF_8));
    keys.put("g/.zgroup", "{}".getBytes(StandardCharsets.UTF_8));
    keys.put("g/arr/.zattrs", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    keys.put("g/arr/0.0", random.bytes(1000));
    keys.put("g/arr/1.0", random.bytes(3));
    keys.put("g/arr/empty", new byte[0]);
    keys.put("with space/x.y", random.bytes(17));
    return keys;
  }

  // ------------------------------------------------------------------ zarr4j writes, Python reads

  @Test
  void zarrPythonReadsWhatADirectoryStoreWrote() throws IOException {
    DirectoryStore store = new DirectoryStore(dir.resolve("java.zarr"));
    sampleKeys(1).forEach(store::set);
    JsonNode dump = dump("DirectoryStore", store.root(), List.of("", "g", "g/arr", "missing"));
    assertSameContent(dump, store);
    for (String path : List.of("", "g", "g/arr", "missing")) {
      assertThat(strings(dump.get("listdir").get(path)))
          .as("listdir '%s'", path)
          .isEqualTo(store.listDir(path));
    }
  }

  @Test
  void zarrPythonReadsWhatANestedDirectoryStoreWrote() throws IOException {
    NestedDirectoryStore store = new NestedDirectoryStore(dir.resolve("nested.zarr"));
    sampleKeys(2).forEach(store::set);
    store.set("arr/.zarray", "{}".getBytes(StandardCharsets.UTF_8));
    store.set("arr/0/0", new byte[] {1});
    store.set("arr/0/1", new byte[] {2});
    store.set("arr/1.1", new byte[] {3});
    JsonNode dump = dump("NestedDirectoryStore", store.root(), List.of("", "g", "arr"));
    assertSameContent(dump, store);
    assertThat(strings(dump.get("listdir").get(""))).isEqualTo(store.listDir(""));
    assertThat(strings(dump.get("listdir").get("g"))).isEqualTo(store.listDir("g"));
    // zarr-python synthesises dotted chunk names inside array directories; zarr4j lists children
    assertThat(strings(dump.get("listdir").get("arr")))
        .containsExactly(".zarray", "0.0", "0.1", "1.1");
    assertThat(store.listDir("arr")).containsExactly(".zarray", "0", "1.1");
  }

  /** A v2 .zarray for a 4x4 little-endian int32 array in 2x2 chunks, without a compressor. */
  static byte[] int32ArrayMetadata(String separatorEntry) {
    return ("{\"chunks\": [2, 2], \"compressor\": null, "
            + separatorEntry
            + "\"dtype\": \"<i4\", \"fill_value\": 0, \"filters\": null, \"order\": \"C\", "
            + "\"shape\": [4, 4], \"zarr_format\": 2}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Writes chunk (i, j) of the array whose element (r, c) is 4r + c. */
  static void writeChunks(Store store, String prefix, String separator) {
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        ByteBuffer chunk = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 2; c++) {
            chunk.putInt(4 * (2 * i + r) + (2 * j + c));
          }
        }
        chunk.flip();
        store.set(prefix + i + separator + j, chunk);
      }
    }
  }

  static final String READ_ARRAY =
      String.join(
          "\n",
          "import sys, json, zarr",
          "import zarr.storage as s",
          "st = getattr(s, sys.argv[1])(sys.argv[2])",
          "z = zarr.open_array(store=st, path=sys.argv[3], mode='r')",
          "print(json.dumps({'data': z[...].tolist(), 'nchunks': z.nchunks_initialized}))");

  static final String EXPECTED_ARRAY = "[[0,1,2,3],[4,5,6,7],[8,9,10,11],[12,13,14,15]]";

  @Test
  void zarrPythonReadsArraysLaidOutByZarr4jStores() throws IOException {
    DirectoryStore flat = new DirectoryStore(dir.resolve("flat.zarr"));
    flat.set("a/.zarray", int32ArrayMetadata(""));
    writeChunks(flat, "a/", ".");
    JsonNode read =
        JSON.readTree(python(READ_ARRAY, "DirectoryStore", flat.root().toString(), "a"));
    assertThat(read.get("data")).isEqualTo(JSON.readTree(EXPECTED_ARRAY));
    assertThat(read.get("nchunks").asInt()).isEqualTo(4);

    // legacy nested layout: no dimension_separator, the store's default "/" applies
    NestedDirectoryStore nested = new NestedDirectoryStore(dir.resolve("nested.zarr"));
    nested.set("b/.zarray", int32ArrayMetadata(""));
    writeChunks(nested, "b/", nested.defaultDimensionSeparator());
    read = JSON.readTree(python(READ_ARRAY, "NestedDirectoryStore", nested.root().toString(), "b"));
    assertThat(read.get("data")).isEqualTo(JSON.readTree(EXPECTED_ARRAY));
    assertThat(read.get("nchunks").asInt()).isEqualTo(4);

    // explicit separator in the metadata, read through a plain DirectoryStore
    nested.set("c/.zarray", int32ArrayMetadata("\"dimension_separator\": \"/\", "));
    writeChunks(nested, "c/", "/");
    read = JSON.readTree(python(READ_ARRAY, "DirectoryStore", nested.root().toString(), "c"));
    assertThat(read.get("data")).isEqualTo(JSON.readTree(EXPECTED_ARRAY));
  }

  // ------------------------------------------------------------------ Python writes, zarr4j reads

  static final String WRITE =
      String.join(
          "\n",
          "import sys, json",
          "import numpy as np, zarr",
          "import zarr.storage as s",
          "st = getattr(s, sys.argv[1])(sys.argv[2])",
          "for k, v in json.loads(sys.argv[3]).items():",
          "    st[k] = bytes.fromhex(v)",
          "z = zarr.open_array(store=st, path='arr', mode='w', shape=(5, 5), chunks=(2, 2),",
          "                    dtype='<i4', compressor=None)",
          "z[...] = np.arange(25, dtype='<i4').reshape(5, 5)",
          "z.attrs['written_by'] = 'zarr-python'",
          "keys = sorted(st.keys())",
          "print(json.dumps({'keys': keys, 'values': {k: st[k].hex() for k in keys}}))");

  JsonNode pythonWrites(String storeClass, Path root, Map<String, byte[]> keys) throws IOException {
    Map<String, String> hex = new LinkedHashMap<>();
    keys.forEach((k, v) -> hex.put(k, HEX.formatHex(v)));
    return JSON.readTree(python(WRITE, storeClass, root.toString(), JSON.writeValueAsString(hex)));
  }

  @Test
  void aDirectoryStoreReadsWhatZarrPythonWrote() throws IOException {
    Path root = dir.resolve("python.zarr");
    Map<String, byte[]> keys = sampleKeys(3);
    JsonNode written = pythonWrites("DirectoryStore", root, keys);
    try (DirectoryStore store = new DirectoryStore(root)) {
      assertSameContent(written, store);
      keys.forEach((k, v) -> assertThat(bytesOf(store, k)).as(k).isEqualTo(v));
      assertThat(store.listDir("arr"))
          .containsExactly(
              ".zarray", ".zattrs", "0.0", "0.1", "0.2", "1.0", "1.1", "1.2", "2.0", "2.1", "2.2");
      // row 0 of chunk (2, 2) holds element (4, 4) = 24, then padding
      assertThat(ByteBuffer.wrap(bytesOf(store, "arr/2.2")).order(ByteOrder.LITTLE_ENDIAN).getInt())
          .isEqualTo(24);
    }
  }

  @Test
  void aNestedDirectoryStoreReadsWhatZarrPythonWrote() throws IOException {
    Path root = dir.resolve("python-nested.zarr");
    JsonNode written = pythonWrites("NestedDirectoryStore", root, sampleKeys(4));
    try (NestedDirectoryStore store = new NestedDirectoryStore(root)) {
      assertSameContent(written, store);
      assertThat(store.listPrefix("arr")).contains("arr/0/0", "arr/2/2").doesNotContain("arr/0.0");
      assertThat(new String(bytesOf(store, "arr/.zarray"), StandardCharsets.UTF_8))
          .contains("\"dimension_separator\": \"/\"");
      assertThat(store.listDir("arr")).containsExactly(".zarray", ".zattrs", "0", "1", "2");
      assertThat(store.listDir("arr/1")).containsExactly("0", "1", "2");
    }
  }

  @Test
  void zarrPythonTemporaryFilesStayHidden() throws IOException {
    // a zarr-python writer killed between write and rename leaves <name>.<uuid hex>.partial
    Path root = dir.resolve("partial.zarr");
    python(
        String.join(
            "\n",
            "import sys, os, uuid",
            "import zarr.storage as s",
            "st = s.DirectoryStore(sys.argv[1])",
            "st['a/0.0'] = b'old'",
            "open(os.path.join(sys.argv[1], 'a', '0.0.' + uuid.uuid4().hex + '.partial'), 'wb')"
                + ".write(b'torn')"),
        root.toString());
    try (DirectoryStore store = new DirectoryStore(root)) {
      assertThat(store.listPrefix("")).containsExactly("a/0.0");
      assertThat(bytesOf(store, "a/0.0")).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
    }
  }
}
