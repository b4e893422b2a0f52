package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The commands on Zarr v3: {@code --zarr-format 3} and {@code --shards} where nodes are made, and
 * every inspecting command on what they made; conversion from v2 to v3 and back.
 */
class V3CliTest {
  @TempDir Path dir;

  @Test
  void importWritesShardedV3AndEveryCommandReadsIt() throws IOException {
    NdArray a = NdArray.arange(DataType.INT32, 48 * 20, 48, 20);
    Npy.write(dir.resolve("a.npy"), a);
    Run.inProcess(
            dir,
            "import",
            "a.npy",
            "v3.zarr",
            "--path",
            "g/a",
            "--zarr-format",
            "3",
            "--chunks",
            "8,5",
            "--shards",
            "16,10",
            "--compressor",
            "{\"id\": \"zstd\", \"level\": 1}",
            "--no-progress")
        .ok();
    assertThat(dir.resolve("v3.zarr/zarr.json")).exists();
    assertThat(dir.resolve("v3.zarr/g/a/zarr.json")).exists();
    assertThat(dir.resolve("v3.zarr/g/a/c/2/1")).exists(); // 3 x 2 shards
    assertThat(dir.resolve("v3.zarr/g/a/c/3")).doesNotExist();
    ZarrArray z = Zarr.openArray(dir.resolve("v3.zarr/g/a"));
    assertThat(z.format().name()).isEqualTo("zarr-v3");
    assertThat(z.chunks()).containsExactly(8, 5);
    assertThat(z.shards()).containsExactly(16, 10);
    assertThat(z.get()).isEqualTo(a);

    String info = Run.inProcess(dir, "info", "v3.zarr", "--path", "g/a").ok().out();
    assertThat(info)
        .contains("Chunk shape        : (8, 5)")
        .contains("Shard shape        : (16, 10)");
    assertThat(Run.inProcess(dir, "tree", "v3.zarr").ok().out()).contains("a (48, 20) int32");
    assertThat(
            Run.inProcess(dir, "cat", "v3.zarr", "--path", "g/a", "--select", "1, 0:3").ok().out())
        .isEqualTo("[20 21 22]\n");
    Run.inProcess(dir, "attrs", "v3.zarr", "--path", "g/a", "--set", "unit=\"m\"").ok();
    assertThat(Zarr.openArray(dir.resolve("v3.zarr/g/a")).attrs().get("unit")).isEqualTo("m");
    Run.inProcess(dir, "verify", "v3.zarr").ok();
    Run.inProcess(dir, "export", "v3.zarr", "b.npy", "--path", "g/a", "--no-progress").ok();
    assertThat(Npy.read(dir.resolve("b.npy"))).isEqualTo(a);
    Run.inProcess(dir, "consolidate", "v3.zarr").ok();
    assertThat(Files.readString(dir.resolve("v3.zarr/zarr.json")))
        .contains("consolidated_metadata");
  }

  @Test
  void everyInspectingCommandReadsARectilinearArray() throws IOException {
    NdArray a = NdArray.arange(DataType.INT32, 9 * 4, 9, 4);
    ZarrArray z =
        Zarr.create(
            dev.zarr4j.ArrayOptions.builder()
                .store(Zarr.directoryStore(dir.resolve("r.zarr")))
                .format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3"))
                .shape(9, 4)
                .dtype(DataType.INT32)
                .chunkSizes(new long[] {1, 3, 5}, new long[] {3})
                .build());
    z.set(a);
    assertThat(Run.inProcess(dir, "info", "r.zarr").ok().out())
        .contains("Chunk shape        : <variable>");
    assertThat(Run.inProcess(dir, "cat", "r.zarr", "--select", "3:5, 1").ok().out())
        .isEqualTo("[13 17]\n");
    Run.inProcess(dir, "verify", "r.zarr").ok();
    Run.inProcess(dir, "export", "r.zarr", "r.npy", "--no-progress").ok();
    assertThat(Npy.read(dir.resolve("r.npy"))).isEqualTo(a);
    Run toV2 = Run.inProcess(dir, "convert", "r.zarr", "v2.zarr", "--zarr-format", "2");
    assertThat(toV2.status()).isEqualTo(1);
    assertThat(toV2.err()).contains("Zarr v2 has no rectilinear chunk grid");
    Run.inProcess(dir, "convert", "r.zarr", "again.zarr", "--zarr-format", "3").ok();
    ZarrArray again = Zarr.openArray(dir.resolve("again.zarr"));
    assertThat(again.chunkSizes()).isDeepEqualTo(z.chunkSizes());
    assertThat(again.get()).isEqualTo(a);
  }

  @Test
  void convertGoesFromV2ToV3AndBack() throws IOException {
    ZarrGroup g = Zarr.openGroup(Zarr.directoryStore(dir.resolve("v2.zarr")), OpenMode.WRITE);
    NdArray a = NdArray.arange(DataType.FLOAT64, 30, 5, 6);
    g.createGroup("x").array("y", a, dev.zarr4j.ArrayOptions.builder().chunks(2, 3).build());
    g.attrs().put("title", "t");
    Run.inProcess(dir, "convert", "v2.zarr", "v3.zarr", "--zarr-format", "3").ok();
    ZarrGroup v3 = Zarr.openGroup(dir.resolve("v3.zarr"), OpenMode.READ);
    assertThat(v3.format().name()).isEqualTo("zarr-v3");
    assertThat(v3.attrs().get("title")).isEqualTo("t");
    assertThat(v3.getArray("x/y").get()).isEqualTo(a);
    assertThat(v3.getArray("x/y").chunks()).containsExactly(2, 3);
    Run.inProcess(dir, "convert", "v3.zarr", "back.zarr", "--zarr-format", "2").ok();
    ZarrGroup back = Zarr.openGroup(dir.resolve("back.zarr"), OpenMode.READ);
    assertThat(back.format().name()).isEqualTo("zarr-v2");
    assertThat(back.getArray("x/y").get()).isEqualTo(a);
    assertThat(dir.resolve("back.zarr/x/y/.zarray")).exists();
  }

  @Test
  void rechunkReshards() throws IOException {
    NdArray a = NdArray.arange(DataType.INT16, 64 * 64, 64, 64);
    Npy.write(dir.resolve("a.npy"), a);
    Run.inProcess(dir, "import", "a.npy", "src.zarr", "--chunks", "64,1", "--no-progress").ok();
    Run.inProcess(
            dir,
            "rechunk",
            "src.zarr",
            "dst.zarr",
            "--chunks",
            "8,8",
            "--shards",
            "32,64",
            "--zarr-format",
            "3",
            "--no-progress")
        .ok();
    ZarrArray z = Zarr.openArray(dir.resolve("dst.zarr"));
    assertThat(z.shards()).containsExactly(32, 64);
    assertThat(z.get()).isEqualTo(a);
  }

  @Test
  void badFormatAndShardsAreUsageErrors() throws IOException {
    Npy.write(dir.resolve("a.npy"), NdArray.arange(DataType.INT32, 10, 10));
    Run bad = Run.inProcess(dir, "import", "a.npy", "x.zarr", "--zarr-format", "4");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--zarr-format").contains("expected 2 or 3");
    Run v2Shards =
        Run.inProcess(dir, "import", "a.npy", "y.zarr", "--chunks", "5", "--shards", "10");
    assertThat(v2Shards.status()).isEqualTo(1);
    assertThat(v2Shards.err()).contains("shards are a Zarr v3 feature");
    assertThat(dir.resolve("y.zarr/.zarray")).doesNotExist();
    Run notMultiple =
        Run.inProcess(
            dir,
            "import",
            "a.npy",
            "z.zarr",
            "--zarr-format",
            "3",
            "--chunks",
            "4",
            "--shards",
            "10");
    assertThat(notMultiple.status()).isEqualTo(1);
    assertThat(notMultiple.err()).contains("whole multiples of chunks");
  }

  @Test
  void smallNumberTypesPrintTheirValues() {
    Zarr.create(
            dev.zarr4j.ArrayOptions.builder()
                .store(dir.resolve("bf.zarr"))
                .format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3"))
                .shape(3)
                .dtype(DataType.BFLOAT16)
                .build())
        .set(NdArray.of(new double[] {Float.intBitsToFloat(0x7f7f0000), -0.25, Double.NaN}));
    // bfloat16's largest value is beyond float16's range: printed with float32's digits
    assertThat(Run.inProcess(dir, "cat", "bf.zarr", "--select", "0").ok().out())
        .isEqualTo("3.3895314e+38\n");
    assertThat(Run.inProcess(dir, "cat", "bf.zarr", "--select", "1").ok().out())
        .isEqualTo("-0.25\n");
    assertThat(Run.inProcess(dir, "info", "bf.zarr").ok().out()).contains("bfloat16");
    Zarr.create(
            dev.zarr4j.ArrayOptions.builder()
                .store(dir.resolve("i4.zarr"))
                .format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3"))
                .shape(2)
                .dtype(DataType.INT4)
                .build())
        .set(NdArray.of(new long[] {-8, 7}));
    assertThat(Run.inProcess(dir, "cat", "i4.zarr").ok().out()).isEqualTo("[-8  7]\n");
    Run.inProcess(dir, "verify", "i4.zarr").ok();
    Zarr.create(
            dev.zarr4j.ArrayOptions.builder()
                .store(dir.resolve("cbf.zarr"))
                .format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3"))
                .shape(1)
                .dtype(DataType.COMPLEX_BFLOAT16)
                .build())
        .set(
            NdArray.full(
                DataType.COMPLEX_BFLOAT16,
                new dev.zarr4j.ndarray.Complex(Float.intBitsToFloat(0x7f7f0000), -0.25),
                1));
    // each part of complex_bfloat16 is printed as bfloat16 is, not as float16
    assertThat(Run.inProcess(dir, "cat", "cbf.zarr", "--select", "0").ok().out())
        .isEqualTo("(3.3895314e+38-0.25j)\n");
    assertThat(Run.inProcess(dir, "info", "cbf.zarr").ok().out()).contains("complex_bfloat16");
  }

  @Test
  void catPrintsTextAndBytesObjectArraysAsNumPy() {
    // expected texts: what NumPy 1.24 prints for np.array([...], dtype=object)
    Zarr.create(
            dev.zarr4j.ArrayOptions.builder()
                .store(dir.resolve("s.zarr"))
                .format(dev.zarr4j.metadata.NodeFormats.named("zarr-v3"))
                .shape(3)
                .dtype(DataType.OBJECT)
                .objectCodec(dev.zarr4j.codec.object.VLenUtf8.INSTANCE)
                .build())
        .set(NdArray.wrap(DataType.OBJECT, new Object[] {"a", "bbb", ""}, 3));
    assertThat(Run.inProcess(dir, "cat", "s.zarr").ok().out()).isEqualTo("['a' 'bbb' '']\n");
    assertThat(Run.inProcess(dir, "cat", "s.zarr", "--select", "1").ok().out()).isEqualTo("bbb\n");
    Zarr.create(
            dev.zarr4j.ArrayOptions.builder()
                .store(dir.resolve("b.zarr"))
                .shape(2, 2)
                .dtype(DataType.OBJECT)
                .objectCodec(dev.zarr4j.codec.object.VLenBytes.INSTANCE)
                .build())
        .set(
            NdArray.wrap(
                DataType.OBJECT,
                new Object[] {
                  new byte[] {'x'}, new byte[] {'y', 'z'}, new byte[0], new byte[] {'q'}
                },
                2,
                2));
    assertThat(Run.inProcess(dir, "cat", "b.zarr").ok().out())
        .isEqualTo("[[b'x' b'yz']\n [b'' b'q']]\n");
  }

  @Test
  void inspectsWhatZarrPython3Wrote() {
    Path fixtures = dev.zarr4j.testutil.SharedFixtures.root();
    org.junit.jupiter.api.Assumptions.assumeTrue(fixtures != null, "../shared/fixtures is absent");
    Path data = fixtures.resolve("zarrita-js-fixtures/fixtures/v3/data.zarr");
    assertThat(Run.inProcess(dir, "verify", data.toString()).ok().out())
        .contains("verified 45 arrays");
    assertThat(
            Run.inProcess(
                    dir, "info", data.toString(), "--path", "2d.chunked.compressed.sharded.i2")
                .ok()
                .out())
        .contains("Chunk shape        : (1, 1)")
        .contains("Shard shape        : (2, 2)");
    assertThat(
            Run.inProcess(
                    dir, "cat", data.toString(), "--path", "1d.contiguous.compressed.sharded.i4")
                .ok()
                .out())
        .isEqualTo("[1 2 3 4]\n");
  }
}
