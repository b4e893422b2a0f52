package com.example.zarrcodecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.cli.Main;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.store.DirectoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code zarr4j} command, run in this JVM ({@link Main#execute}), exporting and importing
 * arrays whose filter and compressor are the plug-in codecs: the command finds them through the
 * same registry as the library.
 */
class PluginCliTest {
  @TempDir Path tmp;

  /** One run of the command: its exit status and what it printed. */
  record Run(int status, String out, String err) {
    Run ok() {
      assertThat(status).as("exit status; stderr: %s", err).isZero();
      return this;
    }
  }

  static Run zarr4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  private ZarrArray createCoded(Path dir, NdArray data) {
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(new DirectoryStore(dir))
                .shape(toLongs(data.shape()))
                .chunks(4, 7)
                .dtype(data.dtype())
                .filters(List.of(ZigZagDelta.lastAxis()))
                .compressor(RunLength.defaults())
                .build());
    z.set(data);
    return z;
  }

  static long[] toLongs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  @Test
  void exportReadsAnArrayEncodedWithThePluginCodecs() {
    NdArray data = Chunks.randomInts(new SplittableRandom(7), DataType.parse(">i8"), 10, 15);
    Path store = tmp.resolve("coded.zarr");
    ZarrArray z = createCoded(store, data);
    Path npy = tmp.resolve("out.npy");
    zarr4j("export", store.toString(), npy.toString(), "--no-progress").ok();
    assertThat(Npy.read(npy)).isEqualTo(data);

    Path part = tmp.resolve("part.npy");
    zarr4j("export", store.toString(), part.toString(), "--select", "2:9, ::2", "--no-progress")
        .ok();
    assertThat(Npy.read(part)).isEqualTo(z.get("2:9, ::2"));
  }

  @Test
  void importWritesAnArrayWithThePluginCodecs() {
    NdArray data = Chunks.randomInts(new SplittableRandom(8), DataType.parse("<i2"), 6, 8, 5);
    Path npy = tmp.resolve("in.npy");
    Npy.write(npy, data);
    for (String order : List.of("C", "F")) {
      Path store = tmp.resolve("imported-" + order + ".zarr");
      Run r =
          zarr4j(
                  "import",
                  npy.toString(),
                  store.toString(),
                  "--chunks",
                  "4,5,3",
                  "--order",
                  order,
                  "--filters",
                  "[{\"id\": \"example.zigzag_delta\", \"axis\": 0}]",
                  "--compressor",
                  "{\"id\": \"example.rle\", \"min_run\": 4}",
                  "--no-progress")
              .ok();
      assertThat(r.out()).contains("compressor RunLength(min_run=4)");
      ZarrArray z = Zarr.openArray(new DirectoryStore(store), OpenMode.READ);
      assertThat(z.filters()).containsExactly(new ZigZagDelta(0));
      assertThat(z.compressor()).isEqualTo(new RunLength(4));
      assertThat(z.order().name()).isEqualTo(order);
      assertThat(z.get()).isEqualTo(data);

      // and back out through export
      Path back = tmp.resolve("back-" + order + ".npy");
      zarr4j("export", store.toString(), back.toString(), "--no-progress").ok();
      assertThat(Npy.read(back)).isEqualTo(data);
    }
  }

  @Test
  void importRefusesChainsThatCannotWorkNamingTheCodec() {
    Path floats = tmp.resolve("f.npy");
    Npy.write(floats, NdArray.arange(DataType.FLOAT64, 12, 3, 4));
    Path store = tmp.resolve("refused.zarr");
    Run wrongType =
        zarr4j(
            "import",
            floats.toString(),
            store.toString(),
            "--filters",
            "[{\"id\": \"example.zigzag_delta\"}]",
            "--no-progress");
    assertThat(wrongType.status()).isNotZero();
    assertThat(wrongType.err()).contains("'example.zigzag_delta'").contains("float64");
    assertThat(Files.exists(store.resolve(".zarray"))).isFalse();

    Path ints = tmp.resolve("i.npy");
    Npy.write(ints, NdArray.arange(DataType.INT32, 12, 3, 4));
    Run misordered =
        zarr4j(
            "import",
            ints.toString(),
            store.toString(),
            "--filters",
            "[{\"id\": \"example.rle\"}, {\"id\": \"example.zigzag_delta\"}]",
            "--no-progress");
    assertThat(misordered.status()).isNotZero();
    assertThat(misordered.err())
        .contains("'example.zigzag_delta' works on arrays and cannot follow a filter on bytes");

    Run badKey =
        zarr4j(
            "import",
            ints.toString(),
            store.toString(),
            "--compressor",
            "{\"id\": \"example.rle\", \"minrun\": 4}",
            "--no-progress");
    assertThat(badKey.status()).isEqualTo(2);
    assertThat(badKey.err())
        .contains("'example.rle'")
        .contains("unknown configuration key 'minrun'");

    Run notACompressor =
        zarr4j(
            "import",
            ints.toString(),
            store.toString(),
            "--compressor",
            "{\"id\": \"example.zigzag_delta\"}",
            "--no-progress");
    assertThat(notACompressor.status()).isEqualTo(2);
    assertThat(notACompressor.err())
        .contains("codec 'example.zigzag_delta' is not a bytes-to-bytes codec");
    assertThat(Files.exists(store.resolve(".zarray"))).isFalse();
  }
}
