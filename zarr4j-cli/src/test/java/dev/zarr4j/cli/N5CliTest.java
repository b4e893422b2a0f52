package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} and {@code export} on N5 containers: a store named {@code *.n5} is N5. */
class N5CliTest {
  @TempDir Path dir;

  @Test
  void importThenExportThroughAnN5Container() throws IOException {
    NdArray a = NdArray.arange(DataType.INT16, 35, 5, 7);
    Npy.write(dir.resolve("a.npy"), a);
    Run imp =
        Run.inProcess(
                dir,
                "import",
                "a.npy",
                "c.n5",
                "--path",
                "g/x",
                "--chunks",
                "2,3",
                "--compressor",
                "{\"id\": \"gzip\", \"level\": 1}",
                "--no-progress")
            .ok();
    assertThat(imp.out()).contains("imported a.npy to c.n5 path g/x: shape (5, 7) int16");
    // N5 on disk: attributes.json per node, reversed block keys, no Zarr documents
    assertThat(Files.isRegularFile(dir.resolve("c.n5/attributes.json"))).isTrue();
    assertThat(Files.isRegularFile(dir.resolve("c.n5/g/attributes.json"))).isTrue();
    assertThat(Files.readString(dir.resolve("c.n5/g/x/attributes.json")))
        .contains("\"dimensions\": [\n        7,\n        5\n    ]")
        .contains("\"type\": \"gzip\"");
    assertThat(Files.isRegularFile(dir.resolve("c.n5/g/x/2/1"))).isTrue(); // chunk (1, 2)
    assertThat(Files.exists(dir.resolve("c.n5/.zgroup"))).isFalse();
    try (ZarrGroup g = Zarr.openGroup(dir.resolve("c.n5"), OpenMode.READ)) {
      assertThat(g.format().name()).isEqualTo("n5");
      assertThat(g.getArray("g/x").get()).isEqualTo(a);
    }

    Run.inProcess(dir, "export", "c.n5", "out.npy", "--path", "g/x", "--no-progress").ok();
    assertThat(Npy.read(dir.resolve("out.npy"))).isEqualTo(a);
    Run.inProcess(
            dir,
            "export",
            "c.n5/",
            "part.npy",
            "--path",
            "g/x",
            "--select",
            "1:4, 5:",
            "--no-progress")
        .ok();
    NdArray part = Npy.read(dir.resolve("part.npy"));
    assertThat(part.shape()).containsExactly(3, 2);
    assertThat(part.getFlat(0)).isEqualTo(12L);
  }

  @Test
  void whatN5CannotHoldIsRefusedAndNothingIsLeft() throws IOException {
    Npy.write(dir.resolve("a.npy"), NdArray.arange(DataType.INT32, 6));
    Run r = Run.inProcess(dir, "import", "a.npy", "bad.n5", "--fill-value", "3", "--no-progress");
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("N5 only supports fill_value = 0");
    assertThat(Files.exists(dir.resolve("bad.n5/attributes.json"))).isFalse();
    Run f = Run.inProcess(dir, "import", "a.npy", "bad.n5", "--order", "F", "--no-progress");
    assertThat(f.err()).contains("N5 only supports order = C");
  }

  @Test
  void exportReadsAnN5ContainerZarr4jWrote() {
    try (ZarrGroup g = Zarr.group(dir.resolve("w.n5"), GroupOptions.builder().build())) {
      ZarrArray z =
          g.zeros(
              "z", dev.zarr4j.ArrayOptions.builder().shape(4, 3).chunks(3, 2).dtype("<f4").build());
      z.set(NdArray.arange(DataType.FLOAT32, 12, 4, 3));
    }
    Run.inProcess(dir, "export", "w.n5", "z.npy", "--path", "z", "--no-progress").ok();
    assertThat(Npy.read(dir.resolve("z.npy")))
        .isEqualTo(NdArray.arange(DataType.FLOAT32, 12, 4, 3));
  }
}
