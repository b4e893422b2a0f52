package dev.zarr4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zarr-python 2's {@code zarr.ZipStore} and zarr4j's read each other's archives: a group with
 * compressed arrays and attributes written by each is read by the other with the same values. Needs
 * {@code /usr/bin/python3} with zarr 2.x; skipped without it unless {@code
 * -Dzarr4j.interop.required=true}.
 */
class ZipStoreInteropIT {
  @TempDir Path dir;

  @BeforeAll
  static void requireZarrPython() {
    ZarrPythonInteropIT.requireZarrPython();
  }

  @Test
  void anArchiveZarrPythonWroteOpensHere() {
    Path zip = dir.resolve("py.zip");
    ZarrPythonInteropIT.python(
        String.join(
            "\n",
            "import sys, zarr, numpy as np",
            "with zarr.ZipStore(sys.argv[1], mode='w') as store:",
            "    root = zarr.group(store=store)",
            "    root.attrs['title'] = 'from python'",
            "    a = root.zeros('foo/a', shape=(10, 12), chunks=(4, 5), dtype='<i4')",
            "    a[...] = np.arange(120, dtype='<i4').reshape(10, 12)",
            "    b = root.array('b', np.arange(7) * 0.5, chunks=3)",
            "    s = root.create_dataset('s', shape=3, dtype=str)",
            "    s[...] = ['x', 'y\u00e9', 'z']"),
        zip.toString());
    try (ZipStore store = new ZipStore(zip, ZipStore.Mode.READ)) {
      ZarrGroup root = Zarr.openGroup(store, OpenMode.READ);
      assertThat(root.attrs().asMap()).isEqualTo(Map.of("title", "from python"));
      assertThat(root.getArray("foo/a").get())
          .isEqualTo(NdArray.arange(DataType.INT32, 120, 10, 12));
      NdArray b = root.getArray("b").get();
      for (int i = 0; i < 7; i++) {
        assertThat(b.getDouble(i)).isEqualTo(i * 0.5);
      }
      NdArray s = root.getArray("s").get();
      assertThat(s.get(1)).isEqualTo("y\u00e9");
    }
  }

  @Test
  void anArchiveWrittenHereOpensInZarrPython() {
    Path zip = dir.resolve("java.zip");
    try (ZipStore store = new ZipStore(zip, ZipStore.Mode.WRITE)) {
      ZarrGroup root = Zarr.group(store);
      root.attrs().put("title", "from java");
      root.array(
          "foo/a",
          NdArray.arange(DataType.INT32, 120, 10, 12),
          ArrayOptions.builder().chunks(4, 5).build());
      root.createGroup("g\u00e9");
    }
    String out =
        ZarrPythonInteropIT.python(
            String.join(
                "\n",
                "import sys, zarr, numpy as np",
                "store = zarr.ZipStore(sys.argv[1], mode='r')",
                "root = zarr.open_group(store, mode='r')",
                "a = root['foo/a'][...]",
                "assert (a == np.arange(120).reshape(10, 12)).all(), a",
                "print(root.attrs['title'], sorted(root.group_keys()), a.sum())",
                "store.close()"),
            zip.toString());
    assertThat(out.trim()).isEqualTo("from java ['foo', 'g\u00e9'] 7140");
    // a zip of a directory store, as the docs make one, opens there too
    Path dirStore = dir.resolve("d.zarr");
    Zarr.group(new DirectoryStore(dirStore))
        .array("x", NdArray.arange(DataType.INT64, 5, 5), ArrayOptions.builder().build());
    Path packed = dir.resolve("packed.zip");
    ZipStore.pack(dirStore, packed);
    String sum =
        ZarrPythonInteropIT.python(
            "import sys, zarr\n"
                + "print(zarr.open_group(zarr.ZipStore(sys.argv[1], mode='r'), mode='r')['x'][...].sum())",
            packed.toString());
    assertThat(sum.trim()).isEqualTo("10");
  }
}
