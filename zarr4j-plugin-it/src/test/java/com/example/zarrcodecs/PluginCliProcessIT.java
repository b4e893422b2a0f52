package com.example.zarrcodecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.Npy;
import dev.zarr4j.store.DirectoryStore;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code zarr4j} command as users run it, in a separate JVM: the CLI's shaded jar, which knows
 * nothing of the plug-in, plus this module's jar on the class path. {@link java.util.ServiceLoader}
 * finds {@link ExampleCodecProvider} in the second jar, so {@code export} and {@code import} work
 * on arrays using the plug-in codecs; without that jar the same command fails naming the codec.
 * Needs both jars built ({@code mvn verify}); failsafe passes their paths.
 */
class PluginCliProcessIT {
  @TempDir Path tmp;

  private static Path cliJar;
  private static Path pluginJar;

  @BeforeAll
  static void jars() throws IOException {
    cliJar = jar("pluginit.cliJar");
    pluginJar = jar("pluginit.pluginJar");
    try (JarFile cli = new JarFile(cliJar.toFile());
        JarFile plugin = new JarFile(pluginJar.toFile())) {
      // the CLI jar has none of the plug-in's classes or registrations ...
      assertThat(cli.stream().map(e -> e.getName()))
          .noneMatch(n -> n.startsWith("com/example/"))
          .contains("META-INF/services/dev.zarr4j.codec.CodecProvider");
      assertThat(
              new String(
                  cli.getInputStream(
                          cli.getEntry("META-INF/services/dev.zarr4j.codec.CodecProvider"))
                      .readAllBytes(),
                  StandardCharsets.UTF_8))
          .doesNotContain("com.example");
      // ... and the plug-in jar has them, and nothing of zarr4j
      assertThat(plugin.getEntry("com/example/zarrcodecs/ZigZagDelta.class")).isNotNull();
      assertThat(plugin.stream().map(e -> e.getName())).noneMatch(n -> n.startsWith("dev/"));
    }
  }

  private static Path jar(String property) {
    String p = System.getProperty(property);
    assertThat(p).as("system property %s (set by failsafe)", property).isNotNull();
    Path path = Path.of(p).toAbsolutePath().normalize();
    assertThat(path).as("%s: build it first (mvn verify)", property).isRegularFile();
    return path;
  }

  /** What a child JVM printed and returned. */
  record Run(List<String> cmd, int status, String out, String err) {
    Run ok() {
      assertThat(status).as("%s\nstdout: %s\nstderr: %s", cmd, out, err).isZero();
      return this;
    }
  }

  /** Runs {@code java -cp <classPath> dev.zarr4j.cli.Main args} and waits for it. */
  static Run java(List<Path> classPath, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
    cmd.add("dev.zarr4j.cli.Main");
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = readAll(p.getInputStream());
    CompletableFuture<String> err = readAll(p.getErrorStream());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Run(cmd, p.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> readAll(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (InputStream s = in) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "<unreadable: " + e + ">";
          }
        });
  }

  @Test
  void exportAndImportInAChildJvmFindTheCodecsInTheOutsideJar() throws Exception {
    NdArray data = Chunks.randomInts(new SplittableRandom(3), DataType.parse("<u4"), 9, 11);
    Path store = tmp.resolve("coded.zarr");
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(new DirectoryStore(store))
                .shape(9, 11)
                .chunks(4, 4)
                .dtype("<u4")
                .filters(List.of(ZigZagDelta.lastAxis()))
                .compressor(RunLength.defaults())
                .build());
    z.set(data);

    List<Path> withPlugin = List.of(cliJar, pluginJar);
    Path npy = tmp.resolve("out.npy");
    java(withPlugin, "export", store.toString(), npy.toString(), "--no-progress").ok();
    assertThat(Npy.read(npy)).isEqualTo(data);

    Path imported = tmp.resolve("imported.zarr");
    Run r =
        java(
                withPlugin,
                "import",
                npy.toString(),
                imported.toString(),
                "--chunks",
                "5,5",
                "--filters",
                "[{\"id\": \"example.zigzag_delta\", \"axis\": -2}]",
                "--compressor",
                "{\"id\": \"example.rle\", \"min_run\": 6}",
                "--no-progress")
            .ok();
    assertThat(r.out()).contains("compressor RunLength(min_run=6)");
    ZarrArray back = Zarr.openArray(new DirectoryStore(imported), OpenMode.READ);
    assertThat(back.filters()).containsExactly(new ZigZagDelta(-2));
    assertThat(back.compressor()).isEqualTo(new RunLength(6));
    assertThat(back.get()).isEqualTo(data);

    // the CLI jar alone does not know the codecs: the array cannot be opened
    Path npy2 = tmp.resolve("without.npy");
    Run without =
        java(List.of(cliJar), "export", store.toString(), npy2.toString(), "--no-progress");
    assertThat(without.status()).isNotZero();
    assertThat(without.err()).contains("unknown codec id 'example.");
    assertThat(Files.exists(npy2)).isFalse();
  }
}
