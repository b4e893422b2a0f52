package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bin/zarr4j} launcher as users run it: the LZ4 and Zstandard libraries unpacked once
 * into {@code target/natives} and found there, the JVM started with the launcher's options and the
 * user's {@code ZARR4J_JAVA_OPTS} after them, and exports through it equal with its class and
 * native caches on and off.
 */
class LauncherScriptIT {
  private static final Path NATIVES = Path.of("target", "natives").toAbsolutePath();

  @TempDir Path dir;

  /** Whether the launcher knows a native library directory for this platform. */
  private static boolean nativesExpected() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").equals("Linux")
        && (arch.equals("amd64") || arch.equals("aarch64"));
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> m = new HashMap<>();
    m.put("ZARR4J_JAVA_OPTS", null);
    m.put("ZARR4J_NATIVE_CACHE", null);
    m.put("ZARR4J_CLASS_CACHE", null);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private float[] write(String name, BytesToBytesCodec codec, long seed) {
    int rows = 300;
    int cols = 200;
    SplittableRandom r = new SplittableRandom(seed);
    float[] data = new float[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (Math.sin(i / 97.0) * 100 + r.nextInt(8));
    }
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(dir.resolve(name))
                .shape(rows, cols)
                .chunks(64, 64)
                .dtype("<f4")
                .compressor(codec)
                .build());
    z.set(NdArray.of(data, rows, cols));
    return data;
  }

  @Test
  void exportsThroughTheLauncherAreEqualWithItsCachesOnAndOff() throws IOException {
    Map<String, float[]> arrays =
        Map.of(
            "lz4.zarr", write("lz4.zarr", Blosc.of("lz4", 5, 1, 0), 1),
            "zstd.zarr", write("zstd.zarr", Zstd.of(3), 2));
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      String src = e.getKey();
      Run on = Run.script(dir, env(), 300, "export", src, "on.npy").ok();
      assertThat(on.err()).as("the jar was already built by the package phase").isEmpty();
      Run.script(
              dir,
              env("ZARR4J_NATIVE_CACHE", "off", "ZARR4J_CLASS_CACHE", "off"),
              120,
              "export",
              src,
              "off.npy")
          .ok();
      assertThat(Files.readAllBytes(dir.resolve("off.npy")))
          .as(src)
          .isEqualTo(Files.readAllBytes(dir.resolve("on.npy")));
      NdArray read = Npy.read(dir.resolve("on.npy"));
      assertThat(read.shape()).containsExactly(300, 200);
      assertThat((float[]) read.data()).as(src).isEqualTo(e.getValue());
    }
    if (nativesExpected()) {
      String first = Files.readString(NATIVES.resolve("library-path")).trim().split(":")[0];
      assertThat(first).isEqualTo(NATIVES.toString());
      try (Stream<Path> files = Files.list(NATIVES)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .contains("liblz4-java.so", "library-path")
            .anyMatch(n -> n.startsWith("libzstd-jni-") && n.endsWith(".so"));
      }
    }
  }

  @Test
  void theJvmGetsTheLaunchersOptionsThenTheUsers() {
    Run plain =
        Run.script(
                dir,
                env("ZARR4J_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XshowSettings:properties"),
                120,
                "--version")
            .ok();
    String all = plain.out() + plain.err();
    assertThat(all)
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData")
        .contains("zarr4j");
    if (nativesExpected()) {
      assertThat(all).contains("java.library.path = " + NATIVES);
    }
    // the user's options come last: the full JIT restored
    Run tiered =
        Run.script(
                dir,
                env("ZARR4J_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:+PrintCommandLineFlags"),
                120,
                "--version")
            .ok();
    assertThat(tiered.out()).contains("-XX:TieredStopAtLevel=4");
    assertThat(tiered.out()).doesNotContain("-XX:TieredStopAtLevel=1");
    // without the native cache the libraries are left to unpack themselves
    Run off =
        Run.script(
                dir,
                env("ZARR4J_NATIVE_CACHE", "off", "ZARR4J_JAVA_OPTS", "-XshowSettings:properties"),
                120,
                "--version")
            .ok();
    assertThat(off.err()).contains("java.library.path = ").doesNotContain(NATIVES.toString());
  }
}
