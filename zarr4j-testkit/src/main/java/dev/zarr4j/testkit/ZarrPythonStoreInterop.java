package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zlib;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.Store;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hierarchies shared with zarr-python 2 through a store both can open: zarr4j writes and
 * zarr-python reads, and the reverse, through the zarr-python store class that matches the zarr4j
 * store (its {@code RedisStore} for zarr4j's, ...). A store implementation's interop test extends
 * this class. Skipped without a usable zarr-python (see {@link ZarrPython#require}).
 */
public abstract class ZarrPythonStoreInterop {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The zarr4j store under test, empty; created before each test. */
  protected Store store;

  /** Creates an empty zarr4j store. */
  protected abstract Store createStore() throws Exception;

  /**
   * A Python expression, evaluated after {@code import zarr}, that opens a zarr-python store on the
   * same data as {@link #store} (for example {@code zarr.RedisStore(prefix='p', port=6380)}).
   */
  protected abstract String pythonStore();

  /** The Python modules zarr-python's store needs besides zarr ({@code "redis"}, ...). */
  protected abstract String[] pythonModules();

  @BeforeEach
  void openStore() throws Exception {
    ZarrPython.require(pythonModules());
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private JsonNode python(String script) throws Exception {
    String prelude = "import sys, json, zarr, numcodecs, numpy as np\nstore = eval(sys.argv[1])\n";
    return JSON.readTree(ZarrPython.run(prelude + script, pythonStore()));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static NdArray ramp(DataType dtype, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return NdArray.arange(dtype, n, shape);
  }

  @Test
  void zarrPythonReadsWhatZarr4jWrote() throws Exception {
    ZarrGroup root = Zarr.group(store, GroupOptions.builder().build());
    root.attrs().put("title", "from zarr4j");
    ZarrArray a =
        root.createGroup("g")
            .zeros(
                "a",
                ArrayOptions.builder()
                    .shape(30, 20)
                    .chunks(7, 6)
                    .dtype("<f8")
                    .compressor(Blosc.DEFAULT)
                    .build());
    a.set(ramp(DataType.FLOAT64, 30, 20));
    ZarrArray b =
        root.zeros(
            "b with space",
            ArrayOptions.builder()
                .shape(50)
                .chunks(16)
                .dtype(">i2")
                .compressor(Zlib.of(5))
                .build());
    b.set(ramp(DataType.INT16, 50));
    b.set("40:50", NdArray.full(DataType.INT16, -3L, 10));

    JsonNode seen =
        python(
            String.join(
                "\n",
                "g = zarr.open_group(store, mode='r')",
                "print(json.dumps({'keys': sorted(store.keys()),",
                "  'title': g.attrs['title'],",
                "  'a': g['g/a'][...].ravel().tolist(), 'a_chunks': list(g['g/a'].chunks),",
                "  'b': g['b with space'][...].tolist(), 'members': sorted(g.group_keys())}))"));
    assertThat(strings(seen.get("keys"))).isEqualTo(store.listPrefix(""));
    assertThat(seen.get("title").asText()).isEqualTo("from zarr4j");
    assertThat(strings(seen.get("members"))).containsExactly("g");
    assertThat(seen.get("a_chunks").toString()).isEqualTo("[7,6]");
    double[] aValues = new double[600];
    for (int i = 0; i < 600; i++) {
      aValues[i] = seen.get("a").get(i).asDouble();
    }
    assertThat(seen.get("a")).hasSize(600);
    assertThat(aValues).isEqualTo(ramp(DataType.FLOAT64, 30, 20).toDoubleArray());
    List<Long> bValues = new ArrayList<>();
    seen.get("b").forEach(n -> bValues.add(n.asLong()));
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 50; i++) {
      expected.add(i < 40 ? i : -3L);
    }
    assertThat(bValues).isEqualTo(expected);
  }

  @Test
  void zarr4jReadsWhatZarrPythonWrote() throws Exception {
    JsonNode written =
        python(
            String.join(
                "\n",
                "g = zarr.group(store=store)",
                "g.attrs['title'] = 'from zarr-python'",
                "a = g.create_dataset('x/a', shape=(25, 13), chunks=(6, 5), dtype='<i4',",
                "    compressor=numcodecs.Blosc(cname='zstd', clevel=3, shuffle=2))",
                "a[...] = np.arange(325, dtype='<i4').reshape(25, 13) * 3",
                "s = g.create_dataset('s', shape=(5,), chunks=(2,), dtype='<U4')",
                "s[...] = ['a', 'bc', 'd\u00e9f', '', 'wxyz']",
                "n = g.zeros('n', shape=(10,), chunks=(3,), dtype='>f4', dimension_separator='/')",
                "n[2:5] = 1.5",
                "g['x'].attrs['n'] = 7",
                "zarr.consolidate_metadata(store)",
                "print(json.dumps({'keys': sorted(store.keys())}))"));
    assertThat(store.listPrefix("")).isEqualTo(strings(written.get("keys")));
    assertThat(store.contains("n/0")).as("a '/' chunk key as zarr-python wrote it").isTrue();
    for (ZarrGroup g :
        List.of(
            Zarr.openGroup(store, OpenMode.READ),
            (ZarrGroup) Convenience.openConsolidated(store, OpenMode.READ))) {
      assertThat(g.attrs().get("title")).isEqualTo("from zarr-python");
      assertThat(g.get("x").attrs().get("n")).isEqualTo(7L);
      long[] a = ((ZarrArray) g.get("x/a")).get().toLongArray();
      assertThat(a).hasSize(325);
      for (int i = 0; i < a.length; i++) {
        assertThat(a[i]).as("x/a element %d", i).isEqualTo(3L * i);
      }
      NdArray s = ((ZarrArray) g.get("s")).get();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        texts.add(s.getString(i));
      }
      assertThat(texts).containsExactly("a", "bc", "d\u00e9f", "", "wxyz");
      assertThat(((ZarrArray) g.get("n")).get().toDoubleArray())
          .containsExactly(0, 0, 1.5, 1.5, 1.5, 0, 0, 0, 0, 0);
    }
  }
}
